"""After check-in a registration is attendance; after the meeting it is frozen; check-in opens on
the meeting's days (earlier only when an organiser opens it, recorded)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Registration
from meetings.services import checkin
from meetings.services.errors import Frozen
from meetings.services.registration import cancel_registration, substitute_delegate, update_delegate
from tests.factories import MembershipFactory
from tests.meetings.factories import (
    InvitationFactory,
    MeetingFactory,
    RegistrationFactory,
    ongoing_meeting,
    upcoming_meeting,
)

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "full_name": "Rina Pengganti",
    "email": "rina@example.go.id",
    "position": "Kepala Seksi",
    "gender": "P",
    "phone": "081234567890",
}


def registration_of(meeting, **kwargs):
    membership = MembershipFactory()
    invitation = InvitationFactory(meeting=meeting, agency=membership.agency, quota=3)
    return RegistrationFactory(invitation=invitation, **kwargs), membership.user


def test_a_checked_in_delegate_cannot_be_cancelled_or_swapped():
    registration, coordinator = registration_of(ongoing_meeting())
    checkin.check_in(registration)
    registration.refresh_from_db()

    with pytest.raises(Frozen):
        cancel_registration(registration, by=coordinator)
    with pytest.raises(Frozen):
        substitute_delegate(registration, **NEW_PERSON)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED and registration.is_checked_in


def test_the_coordinators_buttons_go_and_a_forged_post_is_404(client):
    registration, coordinator = registration_of(ongoing_meeting())
    checkin.check_in(registration)
    client.force_login(coordinator)

    page = client.get(reverse("meetings:coordinator_invitation", args=[registration.invitation_id]))
    assert reverse("meetings:coordinator_cancel", args=[registration.pk]) not in page.content.decode()
    response = client.post(reverse("meetings:coordinator_cancel", args=[registration.pk]))
    assert response.status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED


def test_a_delegate_cannot_cancel_after_checking_in(client):
    registration, _coordinator = registration_of(ongoing_meeting())
    checkin.check_in(registration)

    client.post(reverse("meetings:registration_cancel", args=[registration.manage_token]))

    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED


def test_registrations_of_a_meeting_that_ended_are_frozen():
    registration, coordinator = registration_of(MeetingFactory())  # 24 April 2018

    with pytest.raises(Frozen):
        cancel_registration(registration, by=coordinator)
    with pytest.raises(Frozen):
        update_delegate(registration, position="Diubah setelah rapat")
    assert Registration.objects.get(pk=registration.pk).position != "Diubah setelah rapat"


def test_cancelling_records_who_did_it():
    registration, coordinator = registration_of(upcoming_meeting())
    cancel_registration(registration, by=coordinator)
    assert registration.history.first().history_user == coordinator


def test_check_in_months_before_the_meeting_is_refused():
    registration, _coordinator = registration_of(upcoming_meeting(days=90))

    with pytest.raises(checkin.CheckInNotOpen):
        checkin.check_in(registration)
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_an_organiser_opens_check_in_early_and_it_is_recorded(organiser_client, organiser):
    meeting = upcoming_meeting(days=1)
    registration, _coordinator = registration_of(meeting)

    organiser_client.post(reverse("meetings:checkin_open", args=[meeting.pk]))

    meeting.refresh_from_db()
    assert meeting.checkin_opened_early_at is not None
    assert meeting.history.first().history_user == organiser
    _registration, newly = checkin.check_in(registration)
    assert newly


def test_the_desk_says_when_check_in_opens(organiser_client):
    meeting = upcoming_meeting(days=30)
    registration, _coordinator = registration_of(meeting)

    page = organiser_client.get(reverse("meetings:checkin_desk", args=[meeting.pk])).content.decode()
    assert "Registrasi ulang dibuka pada hari rapat" in page
    response = organiser_client.post(
        reverse("meetings:checkin_check_in", args=[registration.pk]), follow=True
    )
    assert "Registrasi ulang dibuka pada hari rapat" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_the_window_opens_at_midnight_of_the_first_day_in_the_meetings_zone():
    meeting = upcoming_meeting(days=3)
    opens = meeting.checkin_opens()
    assert opens.astimezone(meeting.tzinfo).time() == datetime.time(0, 0)
    assert opens.astimezone(meeting.tzinfo).date() == meeting.local_start.date()
    assert not meeting.checkin_is_open()
    assert timezone.now() < opens
