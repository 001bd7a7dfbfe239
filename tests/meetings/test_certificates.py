"""Certificates of attendance: issued once as signed documents, then served from storage."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import IssuedDocument
from meetings.services.certificates import NoCertificate, issue_certificate
from tests.factories import AgencyFactory, region
from tests.meetings.agenda_fixtures import build_rakor, flat_text
from tests.meetings.factories import MeetingFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def rakor():
    meeting = build_rakor(
        chair_name="Dr. H. Surya Darma, M.Si.",
        chair_title="Kepala Dinas PMPD",
        chair_rank="Pembina Utama Muda (IV/c)",
        chair_nip="197002151995031002",
    )
    return meeting


@pytest.fixture
def paser():
    return AgencyFactory(name="Dinas PMD Kabupaten Paser", short_name="DPMD Paser", region=region("64.01"))


def test_certificate_is_issued_once_and_served_from_storage_afterwards(
    organiser_client, client, rakor, paser
):
    ani = register(rakor, paser, "Ani Lestari", checked_in=True, nip="197001011995031001")
    first = b"".join(
        organiser_client.get(reverse("meetings:certificate_pdf", args=[ani.pk])).streaming_content
    )
    second = b"".join(
        client.get(reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token])).streaming_content
    )

    assert first == second
    document = IssuedDocument.objects.get(kind=IssuedDocument.Kind.SERTIFIKAT)
    assert hashlib.sha256(first).hexdigest() == document.sha256
    assert document.subject == ani and document.signature_valid is True
    assert IssuedDocument.objects.count() == 1


def test_certificate_names_the_chair_with_rank_and_nip_a_number_and_the_verification_code(rakor, paser):
    ani = register(rakor, paser, "Ani Lestari", checked_in=True, nip="197001011995031001")
    document = issue_certificate(ani)
    flat = flat_text(document.file.open("rb").read())
    assert "SURAT KETERANGAN KEHADIRAN" in flat and "Ani Lestari" in flat
    assert f"Nomor: {document.number}" in flat
    assert "Dr. H. Surya Darma, M.Si." in flat
    assert "Pembina Utama Muda (IV/c)" in flat and "NIP. 19700215 199503 1 002" in flat
    assert document.code in flat.replace(" ", "")
    assert "Keaslian dokumen dapat diperiksa" in flat


def test_certificates_of_one_organiser_are_numbered_in_sequence(rakor, paser):
    ani = register(rakor, paser, "Ani Lestari", checked_in=True)
    budi = register(rakor, paser, "Budi Santoso", checked_in=True)
    first, second = issue_certificate(ani), issue_certificate(budi)
    assert first.number != second.number
    assert issue_certificate(ani).pk == first.pk


def test_no_certificate_for_a_delegate_who_did_not_check_in(organiser_client, client, rakor, paser):
    ani = register(rakor, paser, "Ani Lestari")
    assert organiser_client.get(reverse("meetings:certificate_pdf", args=[ani.pk])).status_code == 404
    assert (
        client.get(reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token])).status_code == 404
    )
    assert not IssuedDocument.objects.exists()


def test_no_certificate_before_the_meeting_has_started(client, paser):
    start = timezone.now() + datetime.timedelta(days=3)
    meeting = MeetingFactory(start=start, end=start + datetime.timedelta(hours=8))
    early = register(meeting, paser, "Ani Lestari", checked_in=True)  # checked in early, e.g. the day before
    assert (
        client.get(reverse("meetings:delegate_certificate_pdf", args=[early.manage_token])).status_code == 404
    )
    with pytest.raises(NoCertificate):
        issue_certificate(early)
    assert not IssuedDocument.objects.exists()


def test_the_delegates_page_links_their_certificate_once_checked_in(client, rakor, paser):
    ani = register(rakor, paser, "Ani Lestari", checked_in=True)
    budi = register(rakor, paser, "Budi Santoso")
    link = reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token])
    assert link in client.get(ani.manage_url()).content.decode()
    other = reverse("meetings:delegate_certificate_pdf", args=[budi.manage_token])
    assert other not in client.get(budi.manage_url()).content.decode()


def test_certificate_stays_indonesian_for_an_english_reader(client, rakor, paser):
    ani = register(rakor, paser, "Ani Lestari", checked_in=True)
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token]), HTTP_ACCEPT_LANGUAGE="en"
    )
    flat = flat_text(b"".join(response.streaming_content))
    assert "SURAT KETERANGAN KEHADIRAN" in flat and "telah hadir dan mengikuti" in flat
