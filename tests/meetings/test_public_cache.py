"""Public agenda documents are rendered once per version and language, served with ETag/Last-Modified."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import snapshots
from meetings.models import AgendaItem
from meetings.public_cache import CSRF_PLACEHOLDER
from meetings.services import agenda
from tests.meetings.agenda_fixtures import INTERNAL_ITEM, PUBLIC_ITEMS, TITLE, build_rakor
from tests.meetings.factories import MaterialFactory

pytestmark = pytest.mark.django_db

PAGES = ["agenda", "public", "agenda_pdf", "ics"]


@pytest.fixture
def decodes(monkeypatch):
    """How many times a version's snapshot is read for display."""
    calls = []
    original = snapshots.public_snapshot

    def counting(version):
        calls.append(version.number)
        return original(version)

    monkeypatch.setattr(snapshots, "public_snapshot", counting)
    return calls


def snapshot_queries(queries):
    return [q["sql"] for q in queries.captured_queries if "snapshot" in q["sql"]]


@pytest.mark.parametrize("name", PAGES)
def test_second_request_is_served_from_the_cache_without_decoding_the_snapshot(client, name, decodes):
    meeting = build_rakor()
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    assert decodes == [1]
    assert len(snapshot_queries(first)) == 1

    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert response.status_code == 200
    assert decodes == [1]  # not decoded, not rendered again
    assert snapshot_queries(second) == []
    assert len(second) < len(first)


@pytest.mark.parametrize("name", PAGES)
def test_conditional_get_is_304_with_the_etag_or_last_modified(client, name, decodes):
    meeting = build_rakor()
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]

    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert decodes == [1]


@pytest.mark.parametrize("name", PAGES)
def test_a_new_version_is_served_at_once_after_publishing(client, name):
    meeting = build_rakor()
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    old = client.get(url)
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[3])
    agenda.update_agenda_item(item, title="Paparan Kebijakan Nasional (Kemendagri)")
    assert client.get(url, HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 304  # not published yet

    agenda.publish_agenda(meeting)
    fresh = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert fresh.status_code == 200
    assert fresh["ETag"] != old["ETag"]
    if name in ("agenda", "public"):
        assert "Paparan Kebijakan Nasional (Kemendagri)" in fresh.content.decode()


@pytest.mark.parametrize("name", ["agenda", "public"])
def test_english_and_indonesian_are_cached_separately(client, name, decodes):
    meeting = build_rakor()
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    indonesian = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert "Organiser" in english.content.decode() and "Hari/Tanggal" not in english.content.decode()
    assert "Hari/Tanggal" in indonesian
    assert decodes == [1, 1]
    assert client.get(url).content.decode().count("Organiser") == english.content.decode().count("Organiser")
    assert decodes == [1, 1]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert "Hari/Tanggal" in client.get(url).content.decode()
    assert decodes == [1, 1]


@pytest.mark.parametrize("name", ["agenda", "public"])
def test_signed_in_users_see_their_own_page_and_get_no_validators(client, organiser, name):
    organiser.first_name, organiser.last_name = "Zulkarnain", "Penguji"
    organiser.save()
    meeting = build_rakor()
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    anonymous = client.get(url)
    assert "ETag" in anonymous
    client.force_login(organiser)
    response = client.get(url, HTTP_IF_NONE_MATCH=anonymous["ETag"])
    assert response.status_code == 200
    assert "ETag" not in response and "Last-Modified" not in response
    html = response.content.decode()
    assert "Zulkarnain" in html
    client.logout()
    # The cached fragment holds nothing of the signed-in user.
    assert "Zulkarnain" not in client.get(url).content.decode()


def test_meeting_page_etag_changes_with_its_live_materials(client, django_capture_on_commit_callbacks):
    meeting = build_rakor()
    url = reverse("meetings:public", args=[meeting.pk])
    etag = client.get(url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        MaterialFactory(meeting=meeting, is_public=True, title="Bahan Paparan Baru")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Bahan Paparan Baru" in response.content.decode()


def test_etag_follows_the_csrf_cookie_of_anonymous_visitors(client):
    meeting = build_rakor()
    url = reverse("meetings:agenda", args=[meeting.pk])
    etag = client.get(url)["ETag"]
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_change_log_never_loads_the_versions_snapshots(client):
    meeting = build_rakor()
    pleno = meeting.sessions.get(title="Pleno")
    internal, public = pleno.items.get(title=INTERNAL_ITEM), pleno.items.get(title=PUBLIC_ITEMS[2])
    for n in range(3):
        internal.refresh_from_db()
        public.refresh_from_db()
        agenda.update_agenda_item(internal, title=f"Internal {n}")
        agenda.update_agenda_item(public, title=f"Public change {n}")
        agenda.publish_agenda(meeting)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "Public change 2" in html and "Perubahan jadwal" in html and TITLE in html
    change_log = [q["sql"] for q in queries.captured_queries if "agendachange" in q["sql"]]
    assert len(change_log) == 1
    assert "snapshot" not in change_log[0]
    # One snapshot read in the whole page: the latest version's, to render it once.
    assert len(snapshot_queries(queries)) == 1


def test_staff_meeting_page_lists_versions_without_loading_their_snapshots(organiser_client):
    meeting = build_rakor()
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[2])
    agenda.update_agenda_item(item, title="Sambutan Gubernur")
    agenda.publish_agenda(meeting)
    with CaptureQueriesContext(connection) as queries:
        response = organiser_client.get(reverse("meetings:staff_detail", args=[meeting.pk]))
    assert response.status_code == 200
    versions = [q["sql"] for q in queries.captured_queries if 'FROM "meetings_agendaversion"' in q["sql"]]
    assert versions
    assert not [sql for sql in versions if "snapshot" in sql]


@pytest.mark.parametrize("name", ["agenda", "public"])
def test_anonymous_visitors_share_the_whole_page_with_their_own_csrf_token(name):
    meeting = build_rakor()
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(url).templates  # rendered once, then shared
    for client in (first, second):
        response = client.get(url)
        html = response.content.decode()
        assert response.templates == []  # served from the cache, no template rendered
        assert CSRF_PLACEHOLDER not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)
        # The token in the shared page is the visitor's own: the language form posts.
        switched = client.post(
            reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_visitors_with_a_session_or_messages_get_a_page_of_their_own(client, cookie):
    meeting = build_rakor()
    url = reverse("meetings:agenda", args=[meeting.pk])
    client.get(url)
    assert client.get(url).templates == []
    client.cookies[cookie] = "x"
    assert client.get(url).templates
    del client.cookies[cookie]
    assert client.get(url + "?utm_source=surat").templates  # a query string is printed in the page


def test_meeting_page_shows_a_renamed_agenda_item_of_a_material_at_once(
    client, django_capture_on_commit_callbacks
):
    meeting = build_rakor()
    item = AgendaItem.objects.filter(session__meeting=meeting, is_public=True).first()
    MaterialFactory(meeting=meeting, is_public=True, title="Bahan Paparan", agenda_item=item)
    url = reverse("meetings:public", args=[meeting.pk])
    assert item.title in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Paparan Bappeda yang Diganti Judulnya"
        item.save()

    assert "Paparan Bappeda yang Diganti Judulnya" in client.get(url).content.decode()


def test_meeting_page_reads_no_live_rows_while_they_are_unchanged(client, django_assert_num_queries):
    meeting = build_rakor()
    MaterialFactory(meeting=meeting, is_public=True, title="Bahan Paparan")
    url = reverse("meetings:public", args=[meeting.pk])
    client.get(url)
    client.cookies.clear()

    # The meeting and its latest version's header; materials and the notula come from the cache.
    with django_assert_num_queries(2):
        response = client.get(url)

    assert "Bahan Paparan" in response.content.decode()
