"""iCalendar (.ics) files for a published meeting and its sessions.

Built from the latest published agenda snapshot with internal items already dropped
(``snapshots.public_snapshot(AgendaVersion)``), so drafts and internal items never reach a calendar.
Times carry the meeting's own TZID with its VTIMEZONE, so calendars show 09.00 WITA as 09.00
in Samarinda and 08.00 in Jakarta.
"""

import functools
from datetime import date

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from meetings import agenda_days
from meetings.letters import long_date

PRODID = "-//Rakor//Susunan Acara//ID"


def _location(meeting, room=""):
    city = (meeting.get("city") or {}).get("name", "")
    parts = [room, meeting.get("venue", ""), meeting.get("address", ""), city]
    return ", ".join(part for part in parts if part)


def _time_range(item, label):
    return f"{item['start']:%H.%M}–{item['end']:%H.%M} {label}"


def _item_lines(items, label):
    lines = []
    for item in items:
        line = f"{_time_range(item, label)} {item['title']}"
        if item.get("speaker_name"):
            line += f" ({item['speaker_name']})"
        lines.append(line)
    return lines


def _event(meeting, *, uid, summary, start, end, description, location, url, stamp, sequence):
    event = Event.new(
        uid=uid,
        summary=summary,
        start=start,
        end=end,
        description=description,
        location=location or None,
        url=url,
        stamp=stamp,
        sequence=sequence,
    )
    organiser = (meeting.get("organiser") or {}).get("name")
    if organiser:
        event.add("X-RAKOR-ORGANISER", organiser)
    return event


def _calendar(events, name):
    # Calendar.new would invent a random UID per download; the file's UID follows its first event's.
    calendar = Calendar.new(prodid=PRODID, name=name, uid=f"calendar-{events[0]['UID']}")
    for event in events:
        calendar.add_component(event)
    # One VTIMEZONE per TZID used, with the transitions of the years the events span only.
    years = [event.start.year for event in events]
    for index, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        try:
            calendar.subcomponents.insert(index, _vtimezone(tzid, min(years), max(years) + 1))
        except ValueError:  # a zone icalendar does not know: calendars fall back to the TZID alone
            continue
    return calendar.to_ical()


@functools.lru_cache(maxsize=64)
def _vtimezone(tzid, first_year, last_year):
    """The VTIMEZONE of a zone for those years, built once per process (the component is only read).

    Building it walks the zone's transitions (about 70 ms for Asia/Makassar); every confirmation
    mail attaches an .ics, so without the cache it was most of a registration's time.
    """
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1))


def session_events(snapshot, *, uid_domain, url, stamp, sequence):
    """(session id, VEVENT) per session and day with public items: the event spans that day's first
    start to its last end, so a session held on two days is two events (the later day's UID names
    its date)."""
    meeting = snapshot["meeting"]
    label = meeting["timezone_label"]
    events = []
    for day in agenda_days.snapshot_days(snapshot):
        for session in day["sessions"]:
            items = session["items"]
            if not items:
                continue
            uid = f"meeting-{meeting['id']}-session-{session['id']}"
            if not session["first"]:
                uid += f"-{day['date']:%Y%m%d}"
            events.append(
                (
                    session["id"],
                    _event(
                        meeting,
                        uid=f"{uid}@{uid_domain}",
                        summary=f"{session['title']} – {meeting['title']}",
                        start=min(item["start"] for item in items),
                        end=max(item["end"] for item in items),
                        description="\n".join(_item_lines(items, label)),
                        location=_location(meeting, session.get("room", "")),
                        url=url,
                        stamp=stamp,
                        sequence=sequence,
                    ),
                )
            )
    return events


def agenda_lines(snapshot, *, indent=""):
    """The public items as text lines ("08.00–08.30 WITA Pembukaan (speaker)"); for a meeting over
    several days each day's items follow a line with its date ("Rabu, 25 April 2018"), indented
    by ``indent``, and a blank line goes between days."""
    label = snapshot["meeting"]["timezone_label"]
    days = agenda_days.snapshot_days(snapshot)
    headings = agenda_days.shows_days(snapshot, days)
    prefix = indent if headings else ""
    lines = []
    for day in days:
        if headings and day["date"]:
            if lines:
                lines.append("")
            lines.append(long_date(day["date"]))
        for session in day["sessions"]:
            lines.extend(prefix + line for line in _item_lines(session["items"], label))
    return lines


def meeting_ics(snapshot, *, uid_domain, url, stamp, sequence) -> bytes:
    """The meeting as one VEVENT plus one per session, as .ics bytes."""
    meeting = snapshot["meeting"]
    description = [meeting.get("theme", "")] if meeting.get("theme") else []
    organiser = (meeting.get("organiser") or {}).get("name")
    if organiser:
        description.append(_("Penyelenggara: %(name)s") % {"name": organiser})
    lines = agenda_lines(snapshot)
    if lines:
        description.append("")
        description.append(_("Susunan Acara:"))
        description.extend(lines)
    description.append(url)
    events = [
        _event(
            meeting,
            uid=f"meeting-{meeting['id']}@{uid_domain}",
            summary=meeting["title"],
            start=meeting["start"],
            end=meeting["end"],
            description="\n".join(description),
            location=_location(meeting),
            url=url,
            stamp=stamp,
            sequence=sequence,
        )
    ]
    sessions = session_events(snapshot, uid_domain=uid_domain, url=url, stamp=stamp, sequence=sequence)
    events += [event for _session_id, event in sessions]
    return _calendar(events, meeting["title"])


def session_ics(snapshot, session_id, *, uid_domain, url, stamp, sequence) -> bytes | None:
    """One session's VEVENTs (one per day it is held on) as .ics bytes, or None if it has no public
    items."""
    sessions = session_events(snapshot, uid_domain=uid_domain, url=url, stamp=stamp, sequence=sequence)
    events = [event for found_id, event in sessions if found_id == session_id]
    return _calendar(events, events[0]["SUMMARY"]) if events else None
