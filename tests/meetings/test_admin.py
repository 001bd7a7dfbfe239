"""Admin pages of invitations and registrations render, search, and keep the letter read-only."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.meetings.factories import InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_invitation_changelist_searches_by_agency(admin_client):
    InvitationFactory(agency__name="Dinas PMD Kabupaten Paser")
    InvitationFactory(agency__name="Dinas PMK Kabupaten Berau")
    html = admin_client.get(reverse("admin:meetings_invitation_changelist"), {"q": "Paser"}).content.decode()
    assert "Dinas PMD Kabupaten Paser" in html and "Berau" not in html
    assert (
        admin_client.get(
            reverse("admin:meetings_invitation_changelist"), {"sent_at__isempty": "1"}
        ).status_code
        == 200
    )


def test_registration_change_page_shows_the_letter_path_read_only(admin_client):
    registration = RegistrationFactory(full_name="Siti Aminah")
    registration.assignment_letter.save("surat.pdf", ContentFile(b"%PDF-1.4\n"))
    response = admin_client.get(reverse("admin:meetings_registration_change", args=[registration.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert registration.assignment_letter.name in html
    assert reverse("meetings:assignment_letter", args=[registration.pk]) in html
    assert 'name="assignment_letter"' not in html


def test_registration_changelist_searches_and_filters(admin_client):
    RegistrationFactory(full_name="Siti Aminah", status="waitlisted")
    RegistrationFactory(full_name="Budi Santoso")
    url = reverse("admin:meetings_registration_changelist")
    html = admin_client.get(url, {"q": "Siti"}).content.decode()
    assert "Siti Aminah" in html and "Budi Santoso" not in html
    html = admin_client.get(url, {"status__exact": "confirmed"}).content.decode()
    assert "Budi Santoso" in html and "Siti Aminah" not in html
