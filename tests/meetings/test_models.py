import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, timezone_label
from tests.factories import UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, wita

pytestmark = pytest.mark.django_db


def test_upcoming_and_past_split_meetings_at_their_end():
    now = timezone.now()
    running = MeetingFactory(start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1))
    later = MeetingFactory(
        start=now + datetime.timedelta(days=3), end=now + datetime.timedelta(days=3, hours=8)
    )
    over = MeetingFactory()  # 24 April 2018

    assert list(Meeting.objects.upcoming()) == [running, later]
    assert list(Meeting.objects.past()) == [over]


def test_published_leaves_drafts_out():
    draft = MeetingFactory()
    published = MeetingFactory(status=Meeting.Status.PUBLISHED)

    assert list(Meeting.objects.published()) == [published]
    assert draft not in Meeting.objects.published()


def test_only_organisers_see_meetings_on_staff_pages(organiser, coordinator):
    meeting = MeetingFactory()

    assert list(Meeting.objects.visible_to(organiser)) == [meeting]
    assert list(Meeting.objects.visible_to(coordinator)) == []
    assert list(Meeting.objects.visible_to(UserFactory())) == []


def test_meeting_shows_its_times_in_its_own_zone():
    meeting = MeetingFactory(timezone="Asia/Jakarta")

    assert meeting.timezone_label == "WIB"
    assert meeting.local_start.strftime("%H.%M") == "07.00"  # 08.00 WITA
    assert timezone_label("Asia/Makassar") == "WITA"
    assert timezone_label("Asia/Jayapura") == "WIT"


def test_agenda_item_duration():
    item = AgendaItemFactory(start=wita(2018, 4, 24, 9), end=wita(2018, 4, 24, 10, 15))

    assert item.duration == datetime.timedelta(minutes=75)
    assert item.duration_minutes == 75


def test_database_refuses_an_item_ending_before_it_starts():
    item = AgendaItemFactory()
    item.end = item.start - datetime.timedelta(minutes=5)

    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()
    assert AgendaItem.objects.get(pk=item.pk).end > item.start


def test_meeting_urls():
    meeting = MeetingFactory()

    assert meeting.get_absolute_url() == reverse("meetings:staff_detail", args=[meeting.pk])
    assert meeting.public_url() == reverse("meetings:public", args=[meeting.pk])
