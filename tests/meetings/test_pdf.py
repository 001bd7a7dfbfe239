import io
import subprocess

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from meetings import snapshots
from meetings.services import agenda
from meetings.views.documents import agenda_document, agenda_pdf_cache_key
from rakor.pdf import LocalFetcher, render_pdf
from tests.meetings.agenda_fixtures import (
    INTERNAL_ITEM,
    PUBLIC_ITEMS,
    TITLE,
    build_rakor,
    flat_text,
    meeting_with_items,
    pdf_page_texts,
)

pytestmark = pytest.mark.django_db


def get_pdf(client, meeting):
    response = client.get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf", response.status_code
    return response.content


def test_agenda_pdf_prints_heading_title_date_place_and_items_in_order(client):
    flat = flat_text(get_pdf(client, build_rakor()))
    assert "SUSUNAN ACARA" in flat
    assert TITLE.upper() in flat
    assert "Selasa, 24 April 2018" in flat
    assert "Hotel Gran Senyiur" in flat
    positions = [flat.index(title) for title in PUBLIC_ITEMS]
    assert positions == sorted(positions)


def test_agenda_pdf_prints_letterhead_table_header_and_wita_time_ranges(client):
    flat = flat_text(get_pdf(client, build_rakor()))
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in flat
    assert "DINAS PEMBERDAYAAN MASYARAKAT DAN PEMERINTAHAN DESA" in flat
    assert "NO WAKTU (WITA) ACARA PELAKSANA/KETERANGAN" in flat
    assert "09.00–09.30 WITA" in flat
    assert "Halaman 1 dari 1" in flat


def test_agenda_pdf_uses_the_meetings_own_time_zone_label(client):
    meeting = build_rakor(timezone="Asia/Jakarta")
    flat = flat_text(get_pdf(client, meeting))
    # 09.00 WITA is 08.00 WIB.
    assert "08.00–08.30 WIB" in flat
    assert "WAKTU (WIB)" in flat
    assert "WITA" not in flat


def test_agenda_pdf_public_version_leaves_out_internal_items(client):
    flat = flat_text(get_pdf(client, build_rakor()))
    assert INTERNAL_ITEM not in flat
    assert PUBLIC_ITEMS[1] in flat


def test_agenda_pdf_of_unpublished_meeting_is_404(client):
    meeting = build_rakor(publish=False)
    response = client.get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 404
    assert response["Content-Type"] != "application/pdf"


def test_agenda_pdf_is_rendered_once_per_published_version(client):
    meeting = build_rakor()
    first = get_pdf(client, meeting)
    version = meeting.latest_version()
    key = agenda_pdf_cache_key(meeting, version)
    assert cache.get(key) == first

    # A second request serves the cached bytes: whatever sits in the cache comes back unchanged.
    cache.set(key, b"%PDF-1.7 cached")
    assert get_pdf(client, meeting) == b"%PDF-1.7 cached"

    # Editing without publishing changes nothing for the public.
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[3])
    agenda.update_agenda_item(item, title="Paparan Kebijakan Nasional (Kemendagri)")
    assert get_pdf(client, meeting) == b"%PDF-1.7 cached"

    # Publishing a new version renders anew, once, under the new version's key.
    agenda.publish_agenda(meeting)
    meeting.refresh_from_db()
    new_version = meeting.latest_version()
    assert new_version.number == version.number + 1
    fresh = get_pdf(client, meeting)
    assert fresh != b"%PDF-1.7 cached"
    assert "Paparan Kebijakan Nasional (Kemendagri)" in flat_text(fresh)
    assert cache.get(agenda_pdf_cache_key(meeting, new_version)) == fresh


def test_staff_draft_pdf_shows_the_live_agenda_with_internal_items_marked(organiser_client):
    meeting = build_rakor()
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[2])
    agenda.update_agenda_item(item, title="Sambutan Gubernur Kalimantan Timur")
    response = organiser_client.get(reverse("meetings:agenda_draft_pdf", args=[meeting.pk]))
    flat = flat_text(response.content)
    assert "SUSUNAN ACARA (DRAF)" in flat
    assert "Sambutan Gubernur Kalimantan Timur" in flat
    assert INTERNAL_ITEM in flat
    assert "[Internal]" in flat
    # Drafts are never cached, and never under the published version's key.
    assert cache.get(agenda_pdf_cache_key(meeting, meeting.latest_version())) is None


def test_staff_draft_pdf_sends_anonymous_users_to_the_login_page(client):
    url = reverse("meetings:agenda_draft_pdf", args=[build_rakor().pk])
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('login')}?next={url}")


def test_staff_draft_pdf_is_404_to_coordinators(coordinator_client):
    url = reverse("meetings:agenda_draft_pdf", args=[build_rakor().pk])
    response = coordinator_client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] != "application/pdf"


def test_agenda_pdf_query_count_does_not_grow_with_items(client):
    counts = {}
    for items in (1, 100):
        meeting = meeting_with_items(items)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            data = get_pdf(client, meeting)
        counts[items] = len(queries)
        assert f"Mata acara {items} " in flat_text(data)
    assert counts[1] == counts[100]


def test_long_agenda_numbers_pages_from_page_two_and_repeats_the_table_header(client):
    pages = pdf_page_texts(get_pdf(client, meeting_with_items(60)))
    assert len(pages) >= 2
    assert "SUSUNAN ACARA" in pages[0]
    assert "- 1 -" not in pages[0]
    assert "- 2 -" in pages[1]
    assert "SUSUNAN ACARA" not in pages[1]
    assert "NO WAKTU (WITA) ACARA PELAKSANA/KETERANGAN" in pages[1]
    assert f"Halaman 2 dari {len(pages)}" in pages[1]


def test_render_pdf_uses_the_configured_paper_and_the_shipped_fonts(settings, tmp_path):
    meeting = build_rakor()
    settings.RAKOR_PAPER_SIZE = "F4"
    context = agenda_document(meeting.organiser, snapshots.public_snapshot(meeting.latest_version()))
    path = tmp_path / "f4.pdf"
    path.write_bytes(render_pdf("pdf/agenda.html", context))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "609.449 x 935.433 pts" in info  # 215 x 330 mm
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Liberation-Sans" in fonts


def test_pdf_fetcher_reads_static_files_from_disk_and_refuses_the_network():
    fetcher = LocalFetcher()
    response = fetcher.fetch("http://rakor.invalid/static/css/pdf.css")
    assert b"@font-face" in response.read()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/logo.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("media:../../../../etc/passwd")


def test_letterhead_prints_the_organisers_logo_from_media(client, tmp_path):
    meeting = build_rakor()
    logo = io.BytesIO()
    Image.new("RGB", (120, 120), "#1d4f91").save(logo, format="PNG")
    meeting.organiser.logo.save("kaltim.png", ContentFile(logo.getvalue()))
    path = tmp_path / "logo.pdf"
    path.write_bytes(get_pdf(client, meeting))
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) == 3  # two header lines, one image
