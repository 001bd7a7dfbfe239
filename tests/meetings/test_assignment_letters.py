"""Assignment letters (surat tugas): streamed only to organisers and the delegate's own agency."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from rakor import roles
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.factories import InvitationFactory, RegistrationFactory, upcoming_meeting

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% surat tugas\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def delegate(coordinator):
    """A delegate of the coordinator's agency with a PDF letter."""
    agency = coordinator.memberships.get().agency
    invitation = InvitationFactory(meeting=upcoming_meeting(), agency=agency, sent=True)
    registration = RegistrationFactory(invitation=invitation, full_name="Siti Aminah")
    registration.assignment_letter.save("surat.pdf", ContentFile(PDF))
    return registration


def url(registration):
    return reverse("meetings:assignment_letter", args=[registration.pk])


def test_organiser_downloads_the_letter_bytes_as_an_attachment(organiser_client, delegate):
    response = organiser_client.get(url(delegate))

    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="surat-tugas-siti-aminah.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_coordinator_of_the_delegates_agency_downloads_the_letter(coordinator_client, delegate):
    response = coordinator_client.get(url(delegate))
    assert b"".join(response.streaming_content) == PDF


def test_png_letter_is_served_as_an_image(organiser_client, delegate):
    delegate.assignment_letter.save("foto.png", ContentFile(PNG))
    response = organiser_client.get(url(delegate))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


def test_coordinator_of_another_agency_gets_404(client, delegate):
    other = MembershipFactory().user
    client.force_login(other)
    assert client.get(url(delegate)).status_code == 404


@pytest.mark.parametrize("role", [roles.CHECKIN_CLERK, roles.NOTE_TAKER, None])
def test_clerks_note_takers_and_users_without_role_get_404(client, delegate, role):
    client.force_login(UserFactory(roles=[role] if role else []))
    assert client.get(url(delegate)).status_code == 404


def test_anonymous_visitors_go_to_login(client, delegate):
    response = client.get(url(delegate))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_registration_without_a_letter_is_404(organiser_client):
    assert organiser_client.get(url(RegistrationFactory())).status_code == 404


def test_registrations_list_and_coordinator_page_link_the_letter(
    organiser_client, client, coordinator, delegate
):
    html = organiser_client.get(
        reverse("meetings:registrations", args=[delegate.meeting_id])
    ).content.decode()
    assert f'href="{url(delegate)}"' in html

    client.force_login(coordinator)
    html = client.get(
        reverse("meetings:coordinator_invitation", args=[delegate.invitation_id])
    ).content.decode()
    assert f'href="{url(delegate)}"' in html
