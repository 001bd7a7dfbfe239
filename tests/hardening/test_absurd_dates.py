"""Absurd years (0001, 9999) are refused at the field and by the database; pages keep working."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from tests.meetings.factories import (
    MeetingFactory,
    OrganiserAgencyFactory,
    SessionFactory,
)
from tests.meetings.test_forms import item_data, meeting_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field, value",
    [
        ("start", "0001-01-01T08:00"),
        ("end", "9999-12-31T16:00"),
        ("registration_opens", "0001-01-01T08:00"),
        ("registration_closes", "1900-01-01T08:00"),
        ("fiscal_year", "20199"),
    ],
)
def test_a_meeting_with_an_absurd_year_is_refused_at_the_field(organiser_client, field, value):
    data = meeting_data(OrganiserAgencyFactory(), **{field: value})

    response = organiser_client.post(reverse("meetings:staff_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert value in response.content.decode()  # what was typed stays
    assert not Meeting.objects.exists()


def test_an_agenda_item_with_an_absurd_year_is_refused(organiser_client):
    session = SessionFactory()
    data = item_data(session, start="0001-01-01T10:00", end="0001-01-01T10:30")

    response = organiser_client.post(reverse("meetings:item_create", args=[session.meeting_id]), data)

    assert response.context["form"].errors["start"]
    assert not AgendaItem.objects.exists()


def test_clone_to_an_absurd_year_is_refused(organiser_client):
    meeting = MeetingFactory()
    response = organiser_client.post(
        reverse("meetings:staff_clone", args=[meeting.pk]), {"start_date": "0001-01-01"}
    )
    assert response.context["form"].errors["start_date"]
    assert Meeting.objects.count() == 1


def test_the_database_refuses_a_meeting_in_year_one_whatever_the_form_says():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(
            start=datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
        )
    assert Meeting.objects.get(pk=meeting.pk).start.year == 2018
