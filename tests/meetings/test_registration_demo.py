"""The demo rakor has invitations for the ten regency/city agencies and some delegates."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agencies import demo as agencies_demo
from meetings import demo
from meetings.models import Invitation, Meeting, Registration
from meetings.services.registration import registration_window

Status = Registration.Status


@pytest.mark.django_db
def test_demo_invites_the_ten_regencies_with_some_delegates_and_is_idempotent(capsys):
    call_command("load_demo")
    agencies_demo.load_demo()
    demo.load_demo()

    invitations = Invitation.objects.filter(meeting__title=demo.RAKOR_TITLE)
    assert invitations.count() == 10
    assert set(invitations.values_list("quota", flat=True)) == {3}
    registrations = Registration.objects.filter(meeting__title=demo.RAKOR_TITLE)
    assert registrations.filter(status=Status.CONFIRMED).count() == 6
    assert registrations.filter(status=Status.WAITLISTED).count() == 1
    assert registrations.checked_in().count() == 2
    kukar = invitations.with_counts().get(agency__short_name="DPMD Kukar")
    assert (kukar.seats_taken, kukar.waitlisted_count) == (3, 1)
    assert (
        reverse("meetings:register", args=[kukar.token]) not in capsys.readouterr().out
    )  # 2018's link would be closed


@pytest.mark.django_db
def test_demo_has_an_upcoming_published_rakor_open_for_registration_and_prints_its_link(capsys, client):
    call_command("load_demo")
    out = capsys.readouterr().out
    demo.load_demo()  # idempotent: no second upcoming rakor

    [meeting] = Meeting.objects.filter(title__startswith=demo.RAKOR_TITLE_PREFIX).exclude(
        title=demo.RAKOR_TITLE
    )
    start = meeting.local_start
    today = timezone.localdate()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert start.weekday() == 1 and 60 <= (start.date() - today).days < 67
    assert meeting.title.endswith(f"Tahun {start.year}") and meeting.fiscal_year == start.year + 1
    assert registration_window(meeting).is_open
    assert meeting.local(meeting.registration_closes).date() == start.date() - datetime.timedelta(days=3)
    assert meeting.sessions.count() == 4 and meeting.latest_version() is not None
    invitations = meeting.invitations.with_counts()
    assert invitations.count() == 10 and set(invitations.values_list("quota", flat=True)) == {3}
    assert sum(i.seats_taken for i in invitations) == 4

    kukar = invitations.get(agency__short_name="DPMD Kukar")
    link = reverse("meetings:register", args=[kukar.token])
    assert f"http://127.0.0.1:8000{link}" in out
    page = client.get(link).content.decode()
    assert meeting.title in page and 'name="full_name"' in page


def test_upcoming_day_is_the_first_tuesday_at_least_sixty_days_ahead():
    assert demo.upcoming_day(datetime.date(2026, 11, 26)) == datetime.date(2027, 1, 26)  # 25 Jan is a Monday
    assert demo.upcoming_day(datetime.date(2026, 11, 27)) == datetime.date(2027, 1, 26)  # 26 Jan is a Tuesday
