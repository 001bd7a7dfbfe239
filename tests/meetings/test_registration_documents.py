"""Registration documents: daftar hadir, tanda pengenal, surat keterangan kehadiran, surat undangan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, Registration
from tests.factories import AgencyFactory, MembershipFactory, region
from tests.meetings.agenda_fixtures import PUBLIC_ITEMS, TITLE, build_rakor, flat_text, pdf_text
from tests.meetings.factories import register

pytestmark = pytest.mark.django_db

STATUS = Registration.Status


@pytest.fixture
def rakor():
    return build_rakor()


@pytest.fixture
def paser():
    return AgencyFactory(name="Dinas PMD Kabupaten Paser", short_name="DPMD Paser", region=region("64.01"))


@pytest.fixture
def berau():
    return AgencyFactory(name="Dinas PMK Kabupaten Berau", short_name="DPMK Berau", region=region("64.05"))


def get_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- Daftar hadir ------------------------------------------------------------------------------


def test_attendance_sheet_lists_confirmed_delegates_by_agency_without_codes_and_with_blank_rows(
    organiser_client, rakor, paser, berau
):
    ani = register(rakor, paser, "Ani Lestari", nip="197001011995031001")
    budi = register(rakor, berau, "Budi Santoso", checked_in=True)
    register(rakor, berau, "Citra Waitlist", status=STATUS.WAITLISTED)
    register(rakor, paser, "Dedi Batal", status=STATUS.CANCELLED)

    data = get_pdf(organiser_client, reverse("meetings:attendance_pdf", args=[rakor.pk]) + "?kosong=3")
    flat = flat_text(data)

    assert "DAFTAR HADIR" in flat
    assert TITLE.upper() in flat
    assert "Selasa, 24 April 2018" in flat
    assert "NO NAMA NIP/JABATAN INSTANSI TANDA TANGAN" in flat
    # Agency group rows, each delegate with their check-in code.
    assert "Dinas PMD Kabupaten Paser" in flat and "Dinas PMK Kabupaten Berau" in flat
    # No check-in codes on paper: the sheet must not be enough to check someone else in.
    assert ani.checkin_code not in flat and budi.checkin_code not in flat
    assert "19700101 199503 1 001" in flat
    # The checked-in delegate is marked, the other is not.
    assert "Budi Santoso ✓ hadir" in flat
    assert "Ani Lestari ✓" not in flat
    assert "Citra Waitlist" not in flat and "Dedi Batal" not in flat
    # Two delegates, then three numbered blank rows for walk-ins.
    lines = [line.strip() for line in pdf_text(data).splitlines()]
    assert "Peserta yang belum terdaftar" in flat
    for number in (3, 4, 5):
        assert f"{number} {number}." in lines
    assert "6 6." not in lines


def test_attendance_sheet_groups_agencies_alphabetically(organiser_client, rakor, paser, berau):
    register(rakor, paser, "Ani Lestari")
    register(rakor, berau, "Budi Santoso")
    flat = flat_text(get_pdf(organiser_client, reverse("meetings:attendance_pdf", args=[rakor.pk])))
    assert (
        flat.index("Dinas PMD Kabupaten Paser")
        < flat.index("Ani Lestari")
        < flat.index("Dinas PMK Kabupaten Berau")
        < flat.index("Budi Santoso")
    )


def test_attendance_sheet_of_a_session_prints_its_title_room_and_times(organiser_client, rakor, paser):
    register(rakor, paser, "Ani Lestari")
    komisi = rakor.sessions.get(title="Komisi I")
    url = reverse("meetings:session_attendance_pdf", args=[rakor.pk, komisi.pk])
    flat = flat_text(get_pdf(organiser_client, url))
    assert "KOMISI I" in flat
    assert "10.30 s.d. 11.30 WITA" in flat
    assert "Ruang Mahakam" in flat
    assert "Ani Lestari" in flat


def test_attendance_sheet_defaults_to_ten_blank_rows(organiser_client, rakor):
    data = get_pdf(organiser_client, reverse("meetings:attendance_pdf", args=[rakor.pk]))
    lines = [line.strip() for line in pdf_text(data).splitlines()]
    assert "10 10." in lines and "11 11." not in lines


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        get_pdf(client, url)
    return len(context.captured_queries)


def many_registrations(meeting, count):
    agencies = [AgencyFactory(region=region("64.01")) for _index in range(4)]
    for index in range(count):
        register(meeting, agencies[index % 4], f"Peserta {index}", email=f"p{index}@example.go.id")


@pytest.mark.parametrize("name", ["meetings:attendance_pdf", "meetings:badges_pdf"])
def test_staff_documents_run_a_fixed_number_of_queries(organiser_client, name):
    one, many = build_rakor(), build_rakor()
    many_registrations(one, 1)
    many_registrations(many, 200)
    assert count_queries(organiser_client, reverse(name, args=[one.pk])) == count_queries(
        organiser_client, reverse(name, args=[many.pk])
    )


# --- Tanda pengenal ----------------------------------------------------------------------------


def test_badges_show_name_position_agency_role_and_code(organiser_client, rakor, paser):
    ani = register(rakor, paser, "Ani Lestari", position="Kepala Seksi Kelembagaan Desa")
    register(rakor, paser, "Dedi Batal", status=STATUS.CANCELLED)
    flat = flat_text(get_pdf(organiser_client, reverse("meetings:badges_pdf", args=[rakor.pk])))
    assert "Ani Lestari" in flat
    assert "Kepala Seksi Kelembagaan Desa" in flat
    assert "Dinas PMD Kabupaten Paser" in flat
    assert "PESERTA" in flat
    assert ani.checkin_code in flat
    assert "Dedi Batal" not in flat


def test_badges_fill_eight_to_a_sheet(organiser_client, rakor, paser):
    for index in range(9):
        register(rakor, paser, f"Peserta {index}")
    data = get_pdf(organiser_client, reverse("meetings:badges_pdf", args=[rakor.pk]))
    pages = pdf_text(data).split("\f")
    assert "Peserta 7" in pages[0] and "Peserta 8" not in pages[0]
    assert "Peserta 8" in pages[1]


# --- Surat keterangan kehadiran ----------------------------------------------------------------


def test_certificate_for_a_checked_in_delegate(organiser_client, rakor, paser):
    rakor.chair_name, rakor.chair_title = "Dr. H. Surya Darma, M.Si.", "Kepala Dinas PMPD"
    rakor.save()
    ani = register(rakor, paser, "Ani Lestari", checked_in=True, nip="197001011995031001")
    flat = flat_text(get_pdf(organiser_client, reverse("meetings:certificate_pdf", args=[ani.pk])))
    assert "SURAT KETERANGAN KEHADIRAN" in flat
    assert "Ani Lestari" in flat and "19700101 199503 1 001" in flat
    assert "Dinas PMD Kabupaten Paser" in flat
    assert f"telah hadir dan mengikuti {TITLE}" in flat
    assert "Kepala Dinas PMPD, Dr. H. Surya Darma, M.Si." in flat
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in flat


def test_certificate_is_404_for_a_delegate_who_did_not_check_in(organiser_client, client, rakor, paser):
    ani = register(rakor, paser, "Ani Lestari")
    assert organiser_client.get(reverse("meetings:certificate_pdf", args=[ani.pk])).status_code == 404
    url = reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token])
    assert client.get(url).status_code == 404


def test_delegate_gets_their_certificate_through_the_manage_token(client, rakor, paser):
    ani = register(rakor, paser, "Ani Lestari", checked_in=True)
    flat = flat_text(get_pdf(client, reverse("meetings:delegate_certificate_pdf", args=[ani.manage_token])))
    assert "SURAT KETERANGAN KEHADIRAN" in flat and "Ani Lestari" in flat
    assert client.get(reverse("meetings:delegate_certificate_pdf", args=["bukan-token"])).status_code == 404


# --- Surat undangan ----------------------------------------------------------------------------


def letter_url(invitation):
    return reverse("meetings:invitation_letter_pdf", args=[invitation.pk])


def test_invitation_letter_addresses_the_agency_with_the_link_and_agenda(
    organiser_client, rakor, paser, settings
):
    rakor.letter_number = "400.10.2.2/364/DPMPD-II"
    rakor.save()
    paser.head_title = "Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser"
    paser.save()
    invitation = Invitation.objects.create(meeting=rakor, agency=paser, quota=3)
    flat = flat_text(get_pdf(organiser_client, letter_url(invitation)))
    assert "Nomor : 400.10.2.2/364/DPMPD-II" in flat
    assert "Sifat : Biasa" in flat and "Hal : Undangan" in flat
    assert "Yth. Kepala Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Paser di - Tempat" in flat
    assert "Selasa, 24 April 2018" in flat and "08.00 s.d. 16.00 WITA" in flat
    assert invitation.token in flat.replace(" ", "")
    assert settings.RAKOR_SITE_URL + invitation.registration_url() in flat.replace(" ", "")
    for title in PUBLIC_ITEMS:
        assert title in flat
    assert "Rapat Persiapan Panitia Tertutup" not in flat
    assert "paling banyak 3 orang peserta" in flat


def test_invitation_letter_without_a_head_title_goes_to_the_agency_head(organiser_client, rakor, paser):
    invitation = Invitation.objects.create(meeting=rakor, agency=paser)
    flat = flat_text(get_pdf(organiser_client, letter_url(invitation)))
    assert "Yth. Kepala Dinas PMD Kabupaten Paser" in flat


# --- Permissions -------------------------------------------------------------------------------


def staff_urls(meeting, registration, invitation):
    session = meeting.sessions.first()
    return [
        reverse("meetings:attendance_pdf", args=[meeting.pk]),
        reverse("meetings:session_attendance_pdf", args=[meeting.pk, session.pk]),
        reverse("meetings:badges_pdf", args=[meeting.pk]),
        reverse("meetings:certificate_pdf", args=[registration.pk]),
        reverse("meetings:invitation_letter_pdf", args=[invitation.pk]),
    ]


def test_anonymous_users_go_to_login_for_staff_documents(client, rakor, paser):
    registration = register(rakor, paser, "Ani Lestari", checked_in=True)
    for url in staff_urls(rakor, registration, registration.invitation):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


def test_coordinators_get_404_for_staff_documents_even_of_their_own_agency(client, rakor, paser):
    coordinator = MembershipFactory(agency=paser).user
    client.force_login(coordinator)
    registration = register(rakor, paser, "Ani Lestari", checked_in=True)
    for url in staff_urls(rakor, registration, registration.invitation):
        assert client.get(url).status_code == 404, url


def test_revoked_invitation_has_no_letter(organiser_client, rakor, paser):
    invitation = Invitation.objects.create(meeting=rakor, agency=paser, revoked_at=timezone.now())
    url = reverse("meetings:invitation_letter_pdf", args=[invitation.pk])
    assert organiser_client.get(url).status_code == 404
