"""Everything an organiser needs is reachable from the staff meeting page and its lists."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.meetings.agenda_fixtures import build_rakor
from tests.meetings.factories import InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_staff_meeting_page_links_invitations_registrations_desk_venue_qr_and_documents(organiser_client):
    meeting = build_rakor()
    html = organiser_client.get(reverse("meetings:staff_detail", args=[meeting.pk])).content.decode()

    for name in (
        "invitations",
        "registrations",
        "checkin_desk",
        "checkin_venue",
        "attendance_pdf",
        "badges_pdf",
    ):
        assert f'href="{reverse(f"meetings:{name}", args=[meeting.pk])}"' in html, name
    for label in (
        "Undangan",
        "Pendaftaran",
        "Meja Registrasi",
        "QR presensi mandiri",
        "Daftar Hadir (PDF)",
        "Tanda Pengenal (PDF)",
    ):
        assert label in html
    for session in meeting.sessions.all():
        assert f'href="{reverse("meetings:session_attendance_pdf", args=[meeting.pk, session.pk])}"' in html
    detail_url = reverse("meetings:staff_detail", args=[meeting.pk])
    assert f'active" aria-current="page" href="{detail_url}"' in html


def test_invitations_table_links_each_agencys_invitation_letter(organiser_client):
    invitations = InvitationFactory.create_batch(2, meeting=build_rakor(publish=False))
    html = organiser_client.get(
        reverse("meetings:invitations", args=[invitations[0].meeting_id])
    ).content.decode()
    for invitation in invitations:
        assert f'href="{reverse("meetings:invitation_letter_pdf", args=[invitation.pk])}"' in html


def test_registrations_list_links_certificates_of_checked_in_delegates_only(organiser_client):
    present = RegistrationFactory(full_name="Hadir Sekali", checked_in_at=timezone.now())
    absent = RegistrationFactory(invitation=present.invitation, full_name="Belum Datang")
    html = organiser_client.get(reverse("meetings:registrations", args=[present.meeting_id])).content.decode()

    assert f'href="{reverse("meetings:certificate_pdf", args=[present.pk])}"' in html
    assert reverse("meetings:certificate_pdf", args=[absent.pk]) not in html
