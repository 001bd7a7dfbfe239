"""Responses with personal data are never kept by a browser or proxy cache (no-store)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.meetings.factories import InvitationFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def checked_in():
    registration = RegistrationFactory(invitation=InvitationFactory(meeting=MeetingFactory()))
    registration.checked_in_at = timezone.now()
    registration.assignment_letter.save("surat.pdf", ContentFile(PDF))
    registration.save()
    return registration


def organiser_urls(registration):
    meeting_id = registration.meeting_id
    return [
        reverse("meetings:assignment_letter", args=[registration.pk]),
        reverse("meetings:registrations_export", args=[meeting_id, "csv"]),
        reverse("meetings:registrations_export", args=[meeting_id, "xlsx"]),
        reverse("meetings:attendance_pdf", args=[meeting_id]),
        reverse("meetings:badges_pdf", args=[meeting_id]),
        reverse("meetings:certificate_pdf", args=[registration.pk]),
        reverse("meetings:invitation_letter_pdf", args=[registration.invitation_id]),
    ]


def test_organisers_downloads_with_personal_data_say_no_store(organiser_client, checked_in):
    for url in organiser_urls(checked_in):
        response = organiser_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_the_delegates_own_page_and_certificate_say_no_store(client, checked_in):
    for url in (
        reverse("meetings:registration_manage", args=[checked_in.manage_token]),
        reverse("meetings:delegate_certificate_pdf", args=[checked_in.manage_token]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
