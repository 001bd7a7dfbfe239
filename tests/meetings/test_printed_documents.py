"""Printed documents as paper: margins of the daftar hadir, the invitation letter's closing and
tembusan, and the name badges' logo and role band (DOCUMENTS.md §0, §4, §5, §6)."""

import io
import re
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from meetings.models import Invitation, Meeting, Registration
from meetings.services.agenda import clone_meeting
from tests.factories import AgencyFactory, UserFactory, region
from tests.meetings.agenda_fixtures import build_rakor, flat_text, meeting_with_items, pdf_page_texts
from tests.meetings.factories import OrganiserAgencyFactory, register
from tests.meetings.test_forms import meeting_data

pytestmark = pytest.mark.django_db
Role = Registration.Role
MM = 72 / 25.4  # PDF points per millimetre
RIGHT_MARGIN_MIN_MM = 15


def get_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def word_boxes(data):
    """[(page width, word, xMax)] of every word, in points, from poppler's ``pdftotext -bbox``."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    words, width = [], None
    for line in html.decode().splitlines():
        if page := re.search(r'<page width="([\d.]+)"', line):
            width = float(page.group(1))
        elif word := re.search(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*)</word>', line):
            words.append((width, word.group(2), float(word.group(1))))
    return words


def _pgm_pages(ppm):
    """Split pdftoppm's concatenated binary PGMs (P5) into PIL images."""
    images, offset = [], 0
    while offset < len(ppm):
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", ppm[offset:])
        width, height = int(header.group(1)), int(header.group(2))
        start = offset + header.end()
        images.append(Image.frombytes("L", (width, height), ppm[start : start + width * height]))
        offset = start + width * height
    return images


def right_strip_ink(data, millimetres, dpi=72):
    """For each page, whether any pixel darker than light grey lies within ``millimetres`` of the
    paper's right edge (text, table borders, rules alike)."""
    ppm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-"], input=data, capture_output=True, check=True
    ).stdout
    strips = [
        page.crop((page.width - round(millimetres * dpi / 25.4), 0, page.width, page.height))
        for page in _pgm_pages(ppm)
    ]
    return [strip.getextrema()[0] < 200 for strip in strips]


# --- Daftar hadir: inside the margins ----------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_attendance_sheet_stays_inside_the_right_margin_on_every_page(organiser_client, settings, paper):
    settings.RAKOR_PAPER_SIZE = paper
    rakor = build_rakor()
    berau = AgencyFactory(name="Dinas Pemberdayaan Masyarakat dan Kampung Kabupaten Berau", short_name="")
    for n in range(18):
        register(
            rakor,
            berau,
            f"Dr. Hj. Nama Peserta Yang Cukup Panjang Sekali {n}, S.Sos., M.Si.",
            nip="197001011995031001",
            position="Kepala Bidang Pemberdayaan Masyarakat Desa dan Kelurahan",
        )

    data = get_pdf(organiser_client, reverse("meetings:attendance_pdf", args=[rakor.pk]) + "?kosong=12")

    words = word_boxes(data)
    assert any(word == "TANGAN" for _width, word, _x in words)
    too_far = [(word, round((width - x) / MM, 1)) for width, word, x in words if width - x < 15 * MM]
    assert too_far == []
    inked = right_strip_ink(data, RIGHT_MARGIN_MIN_MM)
    assert len(inked) >= 2 and not any(inked)  # no border or rule either, on any page
    # ... and the table still uses the width: its right border lies within 2.5 cm of the edge.
    assert all(right_strip_ink(data, 25))


# --- Surat undangan: closing kept with the signature, tembusan ----------------------------------


@pytest.fixture
def paser():
    return AgencyFactory(name="Dinas PMD Kabupaten Paser", short_name="DPMD Paser", region=region("64.01"))


def letter(client, meeting, agency):
    invitation = Invitation.objects.create(meeting=meeting, agency=agency, quota=2)
    return get_pdf(client, reverse("meetings:invitation_letter_pdf", args=[invitation.pk]))


def test_invitation_letter_lists_the_meetings_tembusan_numbered_after_the_signature(organiser_client, paser):
    rakor = build_rakor(
        carbon_copies=(
            "1. Gubernur Kalimantan Timur (sebagai laporan)\n\n"
            "  Sekretaris Daerah Provinsi Kalimantan Timur  \n"
            "3) Inspektur Provinsi Kalimantan Timur"
        )
    )
    flat = flat_text(letter(organiser_client, rakor, paser))

    assert (
        "Tembusan: 1. Gubernur Kalimantan Timur (sebagai laporan) "
        "2. Sekretaris Daerah Provinsi Kalimantan Timur 3. Inspektur Provinsi Kalimantan Timur"
    ) in flat
    assert flat.index("terima kasih") < flat.index("Tembusan:")


def test_invitation_letter_without_tembusan_prints_no_heading(organiser_client, paser):
    flat = flat_text(letter(organiser_client, build_rakor(carbon_copies=""), paser))
    assert "Tembusan" not in flat


def test_invitation_letter_keeps_its_closing_paragraph_with_the_signature(organiser_client, paser):
    """Whatever the agenda's length, "Demikian ..." and the signer's name share a page."""
    page_counts = set()
    for items in range(6, 27, 4):
        meeting = meeting_with_items(items)
        meeting.organiser.head_name = "Drs. Penanda Tangan Contoh"
        meeting.organiser.save()
        pages = pdf_page_texts(letter(organiser_client, meeting, paser))
        page_counts.add(len(pages))
        closing = [n for n, text in enumerate(pages) if "Demikian disampaikan" in text]
        signer = [n for n, text in enumerate(pages) if "Drs. Penanda Tangan Contoh" in text]
        assert closing == signer and len(closing) == 1, (items, pages)
        assert "terima kasih" in pages[closing[0]]
    assert page_counts >= {1, 2}  # some letters did need a second page


def test_meeting_form_saves_the_tembusan_and_a_clone_keeps_it(organiser_client):
    response = organiser_client.post(
        reverse("meetings:staff_create"),
        meeting_data(OrganiserAgencyFactory(), carbon_copies="Gubernur Kalimantan Timur (sebagai laporan)"),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.carbon_copies == "Gubernur Kalimantan Timur (sebagai laporan)"
    page = organiser_client.get(reverse("meetings:staff_update", args=[meeting.pk])).content.decode()
    assert 'name="carbon_copies"' in page
    clone = clone_meeting(meeting, start=meeting.start.replace(year=meeting.start.year + 1))
    assert clone.carbon_copies == meeting.carbon_copies


# --- Tanda pengenal: logo and role band ----------------------------------------------------------


def png_logo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 48), "#c8a200").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="lambang.png")


def images_in(data, tmp_path):
    """Number of raster images placed in the PDF (the QR codes are vector graphics)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return len(listing.stdout.decode().splitlines()[2:])


def test_badges_carry_the_role_band_of_each_registration_and_the_organisers_logo(
    organiser_client, paser, tmp_path
):
    rakor = build_rakor()
    rakor.organiser.logo.save("lambang.png", png_logo())
    ani = register(rakor, paser, "Ani Lestari")
    budi = register(rakor, paser, "Budi Santoso")
    register(rakor, paser, "Citra Dewi")
    Registration.objects.filter(pk=ani.pk).update(role=Role.NARASUMBER)
    Registration.objects.filter(pk=budi.pk).update(role=Role.PANITIA)

    data = get_pdf(organiser_client, reverse("meetings:badges_pdf", args=[rakor.pk]))
    flat = flat_text(data)

    bands = re.findall(r"\b(PESERTA|PANITIA|NARASUMBER)\b", flat)
    assert sorted(bands) == ["NARASUMBER", "PANITIA", "PESERTA"]
    for name, band in [("Ani Lestari", "NARASUMBER"), ("Budi Santoso", "PANITIA"), ("Citra Dewi", "PESERTA")]:
        badge = flat[flat.index(name) :]
        assert re.search(r"\b(PESERTA|PANITIA|NARASUMBER)\b", badge).group(1) == band
    assert images_in(data, tmp_path) == 3  # the organiser's logo on each of the three badges


def test_badges_without_a_logo_still_print(organiser_client, paser, tmp_path):
    rakor = build_rakor()
    register(rakor, paser, "Ani Lestari")
    data = get_pdf(organiser_client, reverse("meetings:badges_pdf", args=[rakor.pk]))
    assert "PESERTA" in flat_text(data) and images_in(data, tmp_path) == 0


def test_a_new_registration_is_a_peserta(paser):
    assert register(build_rakor(), paser, "Ani Lestari").role == Role.PESERTA


# --- The role, set by organisers on the registration page ----------------------------------------


def role_url(registration):
    return reverse("meetings:registration_role", args=[registration.pk])


def test_organiser_sets_the_role_on_the_registration_page(organiser_client, organiser, paser):
    registration = register(build_rakor(), paser, "Ani Lestari")
    page = organiser_client.get(reverse("meetings:registration_detail", args=[registration.pk]))
    assert f'action="{role_url(registration)}"' in page.content.decode()

    response = organiser_client.post(role_url(registration), {"role": "narasumber"}, follow=True)

    registration.refresh_from_db()
    assert registration.role == Role.NARASUMBER
    assert "Peran Ani Lestari: Narasumber." in response.content.decode()
    assert registration.history.latest().history_user == organiser


def test_an_unknown_role_is_refused_and_nothing_changes(organiser_client, paser):
    registration = register(build_rakor(), paser, "Ani Lestari")
    response = organiser_client.post(role_url(registration), {"role": "gubernur"})
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.role == Role.PESERTA


def test_only_organisers_set_roles(client, paser):
    registration = register(build_rakor(), paser, "Ani Lestari")
    client.force_login(UserFactory())
    assert client.post(role_url(registration), {"role": "panitia"}).status_code == 404
    registration.refresh_from_db()
    assert registration.role == Role.PESERTA
