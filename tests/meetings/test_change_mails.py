"""A delegate cancelled or swapped out by someone else is told; links use the configured address."""

import pytest
from django.urls import reverse

from meetings.services.registration import cancel_registration, substitute_delegate
from tests.factories import MembershipFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

NEW_PERSON = {
    "full_name": "Rina Pengganti",
    "email": "rina@example.go.id",
    "position": "Kepala Seksi",
    "gender": "P",
    "phone": "081234567890",
}


@pytest.fixture
def delegate():
    membership = MembershipFactory()
    invitation = InvitationFactory(meeting=upcoming_meeting(), agency=membership.agency, quota=3)
    return RegistrationFactory(invitation=invitation, email="budi@example.go.id"), membership.user


def test_a_delegate_cancelled_by_their_coordinator_gets_a_mail(
    delegate, mailoutbox, django_capture_on_commit_callbacks
):
    registration, coordinator = delegate
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration, by=coordinator)

    [message] = mailoutbox
    assert message.to == ["budi@example.go.id"]
    assert message.subject.startswith("Pendaftaran dibatalkan")
    assert "tidak berlaku lagi" in message.body


def test_a_delegate_who_cancels_themselves_gets_no_extra_mail(
    delegate, mailoutbox, django_capture_on_commit_callbacks
):
    registration, _coordinator = delegate
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration)
    assert mailoutbox == []


def test_a_delegate_swapped_out_gets_a_mail_and_the_new_one_a_confirmation(
    delegate, mailoutbox, django_capture_on_commit_callbacks
):
    registration, _coordinator = delegate
    with django_capture_on_commit_callbacks(execute=True):
        substitute_delegate(registration, **NEW_PERSON)

    by_address = {message.to[0]: message for message in mailoutbox}
    assert by_address["budi@example.go.id"].subject.startswith("Anda digantikan")
    assert "rina@example.go.id" in by_address


def test_the_delegates_page_shows_the_configured_site_address(client, delegate):
    registration, _coordinator = delegate
    page = client.get(reverse("meetings:registration_manage", args=[registration.manage_token]))
    assert f"https://rakor.example.go.id{registration.manage_url()}" in page.content.decode()
