import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.services import agenda
from tests.meetings.agenda_fixtures import INTERNAL_ITEM, PUBLIC_ITEMS, TITLE, build_rakor
from tests.meetings.factories import AgendaItemFactory, SessionFactory, wita

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def get_calendar(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8", response.status_code
    assert ".ics" in response["Content-Disposition"]
    return Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_meeting_ics_has_the_meeting_and_one_event_per_session(client):
    meeting = build_rakor()
    calendar = get_calendar(client, reverse("meetings:ics", args=[meeting.pk]))
    events = events_by_summary(calendar)
    assert set(events) == {TITLE, f"Pleno – {TITLE}", f"Komisi I – {TITLE}"}
    main = events[TITLE]
    assert "Hotel Gran Senyiur" in str(main["LOCATION"])
    assert str(main["URL"]).endswith(reverse("meetings:public", args=[meeting.pk]))
    assert str(main["UID"]) == f"meeting-{meeting.pk}@testserver"
    # The commission's event spans its items and names its room.
    komisi = events[f"Komisi I – {TITLE}"]
    assert komisi.start == wita(2018, 4, 24, 10, 30)
    assert komisi.end == wita(2018, 4, 24, 11, 30)
    assert str(komisi["LOCATION"]).startswith("Ruang Mahakam, Hotel Gran Senyiur")


def test_ics_times_are_right_in_utc_and_in_wita(client):
    meeting = build_rakor(start=wita(2018, 4, 24, 9), end=wita(2018, 4, 24, 16))
    calendar = get_calendar(client, reverse("meetings:ics", args=[meeting.pk]))
    event = events_by_summary(calendar)[TITLE]
    start = event.start
    assert start.astimezone(UTC) == datetime.datetime(2018, 4, 24, 1, 0, tzinfo=UTC)
    local = start.astimezone(WITA)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2018, 4, 24), 9, 0)
    assert event["DTSTART"].params["TZID"] == "Asia/Makassar"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Makassar"]


def test_ics_leaves_out_internal_items_and_uses_the_published_version(client):
    meeting = build_rakor()
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[2])
    agenda.update_agenda_item(item, title="Judul yang belum diterbitkan")
    data = client.get(reverse("meetings:ics", args=[meeting.pk])).content.decode()
    unfolded = data.replace("\r\n ", "")
    assert INTERNAL_ITEM not in unfolded
    assert "Judul yang belum diterbitkan" not in unfolded
    assert "09.00–09.30 WITA Pembukaan dan Laporan Penyelenggara" in unfolded


def test_session_ics_holds_one_session(client):
    meeting = build_rakor()
    komisi = meeting.sessions.get(title="Komisi I")
    calendar = get_calendar(client, reverse("meetings:session_ics", args=[meeting.pk, komisi.pk]))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Komisi I – {TITLE}"
    assert PUBLIC_ITEMS[4] in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"meeting-{meeting.pk}-session-{komisi.pk}@testserver"


def test_session_ics_of_a_session_with_only_internal_items_is_404(client):
    meeting = build_rakor(publish=False)
    closed = SessionFactory(meeting=meeting, title="Rapat Panitia", order=3)
    AgendaItemFactory(session=closed, start=wita(2018, 4, 24, 13), end=wita(2018, 4, 24, 14), is_public=False)
    agenda.publish_agenda(meeting)
    response = client.get(reverse("meetings:session_ics", args=[meeting.pk, closed.pk]))
    assert response.status_code == 404
    calendar = get_calendar(client, reverse("meetings:ics", args=[meeting.pk]))
    assert f"Rapat Panitia – {TITLE}" not in events_by_summary(calendar)


def test_ics_of_unpublished_meeting_is_404(client):
    meeting = build_rakor(publish=False)
    session = meeting.sessions.first()
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:session_ics", args=[meeting.pk, session.pk])).status_code == 404


def test_ics_sequence_follows_the_published_version(client):
    meeting = build_rakor()
    item = meeting.sessions.get(title="Pleno").items.get(title=PUBLIC_ITEMS[3])
    agenda.update_agenda_item(item, title="Paparan Kebijakan Nasional oleh Kemendagri")
    agenda.publish_agenda(meeting)
    calendar = get_calendar(client, reverse("meetings:ics", args=[meeting.pk]))
    event = events_by_summary(calendar)[TITLE]
    assert int(event["SEQUENCE"]) == 1
    assert "Paparan Kebijakan Nasional oleh Kemendagri" in str(event["DESCRIPTION"])
