"""The public archive: past published meetings by year, linked from the home page."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, upcoming_meeting, wita

pytestmark = pytest.mark.django_db


def test_the_archive_lists_last_years_published_meetings_not_drafts_or_upcoming(client):
    rakor_2018 = MeetingFactory(title="Rakor PMD 2018", status=Meeting.Status.PUBLISHED)
    MeetingFactory(title="Draf 2018", status=Meeting.Status.DRAFT)
    upcoming_meeting(title="Rakor mendatang", status=Meeting.Status.PUBLISHED)
    older = MeetingFactory(
        title="Rakor PMD 2017",
        status=Meeting.Status.PUBLISHED,
        start=wita(2017, 4, 25, 8),
        end=wita(2017, 4, 25, 16),
    )

    page = client.get(reverse("meetings:archive")).content.decode()

    assert "Rakor PMD 2018" in page and rakor_2018.public_url() in page
    assert "Draf 2018" not in page and "Rakor mendatang" not in page
    assert reverse("meetings:archive_year", args=[2017]) in page
    earlier = client.get(reverse("meetings:archive_year", args=[2017])).content.decode()
    assert "Rakor PMD 2017" in earlier and older.public_url() in earlier and "Rakor PMD 2018" not in earlier


def test_the_home_page_links_the_archive(client):
    assert reverse("meetings:archive") in client.get(reverse("home")).content.decode()
