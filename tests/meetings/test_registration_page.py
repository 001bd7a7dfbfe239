"""Organisers see a registration's page with its history (status, swaps, check-in) in WITA."""

import pytest
from django.urls import reverse

from meetings.services import checkin
from meetings.services.registration import cancel_registration
from tests.factories import MembershipFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, ongoing_meeting

pytestmark = pytest.mark.django_db


def test_the_page_shows_status_changes_and_check_in_with_who_and_when(organiser_client, organiser):
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=ongoing_meeting()))
    checkin.check_in(registration, by=organiser)
    registration.refresh_from_db()

    page = organiser_client.get(reverse("meetings:registration_detail", args=[registration.pk]))
    html = page.content.decode()

    assert registration.full_name in html
    assert "Riwayat Perubahan" in html and "waktu registrasi ulang" in html.lower()
    local = registration.meeting.local(registration.checked_in_at)
    assert local.strftime("%H.%M") in html  # shown in the meeting's zone
    assert organiser.username in html or organiser.get_full_name() in html


def test_a_cancellation_by_a_coordinator_shows_who_did_it(organiser_client):
    membership = MembershipFactory(user__first_name="Koko", user__last_name="Ordinator")
    invitation = InvitationFactory(meeting=ongoing_meeting(), agency=membership.agency)
    registration = RegistrationFactory(invitation=invitation)
    cancel_registration(registration, by=membership.user)

    url = reverse("meetings:registration_detail", args=[registration.pk])
    html = organiser_client.get(url).content.decode()

    assert "Koko Ordinator" in html and "Dibatalkan" in html


def test_the_page_is_404_for_anyone_but_organisers(coordinator_client):
    registration = RegistrationFactory()
    response = coordinator_client.get(reverse("meetings:registration_detail", args=[registration.pk]))
    assert response.status_code == 404
