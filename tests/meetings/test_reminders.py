"""The day-before reminder: `manage.py send_reminders` mails each confirmed delegate once."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings.models import Registration
from meetings.services import agenda
from meetings.services.reminders import is_due, send_reminders
from tests.factories import AgencyFactory, region
from tests.meetings.factories import MeetingFactory, register, wita

pytestmark = pytest.mark.django_db

STATUS = Registration.Status


def meeting_starting_in(hours):
    start = timezone.now() + datetime.timedelta(hours=hours)
    meeting = MeetingFactory(start=start, end=start + datetime.timedelta(hours=8), items=1)
    agenda.publish_agenda(meeting)
    return meeting


@pytest.fixture
def paser():
    return AgencyFactory(name="Dinas PMD Kabupaten Paser", region=region("64.01"))


def test_command_mails_each_confirmed_delegate_once_however_often_it_runs(mailoutbox, paser):
    meeting = meeting_starting_in(20)
    ani = register(meeting, paser, "Ani Lestari")
    register(meeting, paser, "Budi Santoso")
    register(meeting, paser, "Citra Tunggu", status=STATUS.WAITLISTED)
    register(meeting, paser, "Dedi Batal", status=STATUS.CANCELLED)
    register(meeting, paser, "Eka Verifikasi", status=STATUS.PENDING)

    call_command("send_reminders")
    call_command("send_reminders")

    assert sorted(mail.to[0] for mail in mailoutbox) == ["ani@example.go.id", "budi@example.go.id"]
    mail = next(mail for mail in mailoutbox if mail.to == ["ani@example.go.id"])
    assert mail.subject.startswith(f"Pengingat: {meeting.title}")
    assert "Yth. Ani Lestari," in mail.body
    assert ani.checkin_code in mail.body
    assert reverse("meetings:registration_manage", args=[ani.manage_token]) in mail.body
    assert "Hotel Gran Senyiur" in mail.body
    ani.refresh_from_db()
    assert ani.reminder_sent_at is not None


def test_meetings_further_ahead_or_already_started_get_no_reminder(mailoutbox, paser):
    register(meeting_starting_in(72), paser, "Ani Lestari")
    register(meeting_starting_in(-1), paser, "Budi Santoso")
    assert send_reminders() == 0
    assert mailoutbox == []


def test_draft_meetings_get_no_reminder(mailoutbox, paser):
    start = timezone.now() + datetime.timedelta(hours=20)
    draft = MeetingFactory(start=start, end=start + datetime.timedelta(hours=8))
    register(draft, paser, "Ani Lestari")
    assert send_reminders() == 0


def test_reminder_window_opens_at_midnight_of_the_day_before_in_the_meetings_zone():
    meeting = MeetingFactory(start=wita(2018, 4, 24, 8), end=wita(2018, 4, 24, 16))
    assert not is_due(meeting, wita(2018, 4, 22, 23, 59))
    assert is_due(meeting, wita(2018, 4, 23, 0, 0))
    assert is_due(meeting, wita(2018, 4, 24, 7, 59))
    assert not is_due(meeting, wita(2018, 4, 24, 8, 0))


def test_a_delegate_confirmed_after_the_first_run_is_reminded_by_the_next(mailoutbox, paser):
    meeting = meeting_starting_in(20)
    register(meeting, paser, "Ani Lestari")
    late = register(meeting, paser, "Budi Santoso", status=STATUS.WAITLISTED)
    now = timezone.now()
    send_reminders(now)
    late.status = STATUS.CONFIRMED
    late.save()
    send_reminders(now + datetime.timedelta(hours=1))
    assert sorted(mail.to[0] for mail in mailoutbox) == ["ani@example.go.id", "budi@example.go.id"]
