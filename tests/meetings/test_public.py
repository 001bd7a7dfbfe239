import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from meetings.models import Meeting
from meetings.services import agenda
from tests.meetings.agenda_fixtures import INTERNAL_ITEM, PUBLIC_ITEMS, TITLE, build_rakor, meeting_with_items
from tests.meetings.factories import AgendaItemFactory, MaterialFactory, MeetingFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db


def page_text(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["public", "agenda", "agenda_pdf", "ics"])
def test_unpublished_meeting_is_404_to_the_public(client, name):
    meeting = build_rakor(publish=False)
    response = client.get(reverse(f"meetings:{name}", args=[meeting.pk]))
    assert response.status_code == 404
    assert TITLE not in response.content.decode(errors="replace")


def test_meeting_page_shows_what_when_where_organiser_and_links(client):
    meeting = build_rakor()
    html = page_text(client.get(reverse("meetings:public", args=[meeting.pk])))
    assert TITLE in html
    assert "Sinkronisasi program tahun anggaran 2019" in html
    assert "Selasa, 24 April 2018" in html
    assert "pukul 08.00–16.00 WITA" in html
    assert "Hotel Gran Senyiur" in html
    assert meeting.organiser.name in html
    assert "Cara mendaftar" in html
    for name in ("agenda", "agenda_pdf", "ics"):
        assert reverse(f"meetings:{name}", args=[meeting.pk]) in html


def test_agenda_page_lists_public_items_in_order_and_hides_internal_ones(client):
    meeting = build_rakor()
    html = page_text(client.get(reverse("meetings:agenda", args=[meeting.pk])))
    positions = [html.index(title) for title in PUBLIC_ITEMS]
    assert positions == sorted(positions)
    assert "09.00–09.30 WITA" in html
    assert "Komisi I" in html and "Ruang Mahakam" in html
    assert INTERNAL_ITEM not in html
    assert INTERNAL_ITEM not in page_text(client.get(reverse("meetings:public", args=[meeting.pk])))


def test_agenda_page_shows_the_published_version_not_the_draft(client):
    meeting = build_rakor()
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[2])
    agenda.update_agenda_item(item, title="Sambutan Gubernur")
    html = page_text(client.get(reverse("meetings:agenda", args=[meeting.pk])))
    assert PUBLIC_ITEMS[2] in html
    assert "Sambutan Gubernur" not in html


def test_change_log_lists_public_changes_after_the_first_version_only(client):
    meeting = build_rakor()
    url = reverse("meetings:agenda", args=[meeting.pk])
    assert "Perubahan jadwal" not in page_text(client.get(url))

    pleno = meeting.sessions.get(title="Pleno")
    agenda.update_agenda_item(pleno.items.get(title=PUBLIC_ITEMS[2]), title="Sambutan Gubernur")
    agenda.update_agenda_item(pleno.items.get(title=INTERNAL_ITEM), title="Briefing Panitia Rahasia")
    agenda.publish_agenda(meeting)

    html = page_text(client.get(url))
    assert "Perubahan jadwal" in html
    assert "Sambutan Gubernur" in html
    assert "Briefing Panitia Rahasia" not in html
    assert INTERNAL_ITEM not in html


def test_published_meeting_without_agenda_shows_a_note(client):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)
    html = page_text(client.get(reverse("meetings:agenda", args=[meeting.pk])))
    assert "Susunan acara belum diterbitkan" in html
    assert reverse("meetings:agenda_pdf", args=[meeting.pk]) not in html
    assert client.get(reverse("meetings:agenda_pdf", args=[meeting.pk])).status_code == 404


def test_meeting_page_lists_public_materials_only(client):
    meeting = build_rakor()
    internal_item = meeting.sessions.get(title="Pleno").items.get(title=INTERNAL_ITEM)
    MaterialFactory(meeting=meeting, title="Paparan Kebijakan 2019", is_public=True)
    MaterialFactory(meeting=meeting, title="Catatan Internal Panitia", is_public=False)
    MaterialFactory(meeting=meeting, title="Bahan Acara Tertutup", is_public=True, agenda_item=internal_item)
    html = page_text(client.get(reverse("meetings:public", args=[meeting.pk])))
    assert "Paparan Kebijakan 2019" in html
    assert "Catatan Internal Panitia" not in html
    assert "Bahan Acara Tertutup" not in html


def test_public_material_download_serves_the_file(client):
    meeting = build_rakor()
    material = MaterialFactory(
        meeting=meeting,
        url="",
        file=ContentFile(b"%PDF-1.4 bahan", name="bahan.pdf"),
        original_name="Paparan DPMPD.pdf",
        content_type="application/pdf",
    )
    response = client.get(reverse("meetings:material", args=[meeting.pk, material.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bahan"
    assert 'filename="Paparan DPMPD.pdf"' in response["Content-Disposition"]


def test_public_material_link_redirects(client):
    meeting = build_rakor()
    material = MaterialFactory(meeting=meeting, url="https://example.go.id/perpres.pdf")
    response = client.get(reverse("meetings:material", args=[meeting.pk, material.pk]))
    assert (response.status_code, response["Location"]) == (302, "https://example.go.id/perpres.pdf")


def test_internal_material_and_materials_of_unpublished_meetings_are_404(client):
    meeting = build_rakor()
    internal = MaterialFactory(meeting=meeting, is_public=False)
    draft = build_rakor(publish=False)
    draft_material = MaterialFactory(meeting=draft, is_public=True)
    assert client.get(reverse("meetings:material", args=[meeting.pk, internal.pk])).status_code == 404
    assert client.get(reverse("meetings:material", args=[draft.pk, draft_material.pk])).status_code == 404
    # A material reached through another meeting's address is 404 too.
    public = MaterialFactory(meeting=meeting, is_public=True)
    assert client.get(reverse("meetings:material", args=[draft.pk, public.pk])).status_code == 404


@pytest.mark.parametrize("name", ["agenda", "public"])
def test_public_page_query_count_does_not_grow_with_items(client, name):
    counts = {}
    for items in (1, 100):
        meeting = meeting_with_items(items)
        MaterialFactory.create_batch(items if name == "public" else 0, meeting=meeting)
        with CaptureQueriesContext(connection) as queries:
            html = page_text(client.get(reverse(f"meetings:{name}", args=[meeting.pk])))
        counts[items] = len(queries)
        assert f"Mata acara {items}<" in html or f"Mata acara {items}\n" in html
    assert counts[1] == counts[100]


def test_home_page_lists_upcoming_published_meetings_for_visitors(client):
    start = timezone.localtime() + datetime.timedelta(days=30)
    start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    end = start + datetime.timedelta(hours=7)
    upcoming = meeting_with_items(1, title="Rakor Pemerintahan Desa 2027", start=start, end=end)
    MeetingFactory(title="Rakernis Draf 2027", start=start, end=end)
    build_rakor()  # published, but in 2018
    html = page_text(client.get(reverse("home")))
    assert "Rakor Pemerintahan Desa 2027" in html
    assert reverse("meetings:public", args=[upcoming.pk]) in html
    assert date_format(start, "l, j F Y") in html
    assert "Rakernis Draf 2027" not in html
    assert TITLE not in html


def test_agenda_of_a_two_day_meeting_is_grouped_by_day(client):
    meeting = MeetingFactory(start=wita(2018, 4, 24, 8), end=wita(2018, 4, 25, 12))
    first = SessionFactory(meeting=meeting, title="Hari Pertama", order=1)
    second = SessionFactory(meeting=meeting, title="Hari Kedua", order=2)
    AgendaItemFactory(session=first, title="Pembukaan", start=wita(2018, 4, 24, 8))
    AgendaItemFactory(session=second, title="Penutupan", start=wita(2018, 4, 25, 11))
    agenda.publish_agenda(meeting)
    html = page_text(client.get(reverse("meetings:agenda", args=[meeting.pk])))
    assert "Selasa, 24 April 2018 s.d. Rabu, 25 April 2018" in html
    assert html.index("Rabu, 25 April 2018</h3>") < html.index("Penutupan")
    assert html.index("Pembukaan") < html.index("Rabu, 25 April 2018</h3>")
