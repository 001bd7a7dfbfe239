"""An agenda by day: days -> sessions -> items, for meetings held over several days.

Sessions carry no date, their items do. A session whose items fall on two days appears under both
days, each time with that day's items only; a session without items stays next to the session
before it (under the first day if it comes first). Days come in date order, sessions within a day
in their agenda order, items within a session in their order.

``snapshot_days`` groups a display snapshot (``meetings.snapshots.for_display``: item datetimes are
aware, in the meeting's zone), which every public surface reads; ``live_days`` groups the staff
editor's live rows. Both go through ``group_by_day``. Grouping reads no database.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

# Part of the public cache keys of what is rendered from days (pages, agenda PDF, .ics): bump it
# when the grouping changes, so no copy rendered by the old code is served after a deployment.
LAYOUT = 2


def group_by_day(sessions, *, items_of, day_of):
    """``[(date, [(session, items of that day), …]), …]`` in date order.

    ``items_of(session)`` gives a session's items in order, ``day_of(item)`` an item's date. With no
    items at all the result is one day dated None holding every session (or nothing if no sessions).
    """
    days, before_first, last_day = {}, [], None
    for session in sessions:
        items = list(items_of(session))
        if not items:
            (days[last_day] if last_day is not None else before_first).append((session, []))
            continue
        by_date = {}
        for item in items:
            by_date.setdefault(day_of(item), []).append(item)
        for day in sorted(by_date):
            days.setdefault(day, []).append((session, by_date[day]))
        last_day = max(by_date)
    if not days:
        return [(None, before_first)] if before_first else []
    ordered = sorted(days.items())
    ordered[0][1][0:0] = before_first
    return ordered


def spans_several_days(meeting):
    """Whether a display snapshot's meeting (``start``/``end`` aware, its zone) lasts several days."""
    return bool(meeting["start"] and meeting["end"]) and meeting["start"].date() != meeting["end"].date()


def snapshot_days(display):
    """The agenda of a display snapshot by day: a list of ``{"date", "sessions"}``.

    Each session is a copy of the snapshot's session dict with only that day's ``items``, its
    ``start``/``end`` for that day, and ``first`` (True under the first day it appears on).
    """
    days = []
    seen = set()
    grouped = group_by_day(
        display["sessions"],
        items_of=lambda session: session["items"],
        day_of=lambda item: item["start"].date(),
    )
    for day, parts in grouped:
        sessions = []
        for session, items in parts:
            sessions.append(
                {
                    **session,
                    "items": items,
                    "start": min((item["start"] for item in items), default=session["start"]),
                    "end": max((item["end"] for item in items), default=session["end"]),
                    "first": session["id"] not in seen,
                }
            )
            seen.add(session["id"])
        days.append({"date": day, "sessions": sessions})
    return days


def shows_days(display, days=None):
    """Whether day headings are shown: the meeting lasts several days or its items do."""
    days = snapshot_days(display) if days is None else days
    return spans_several_days(display["meeting"]) or len([day for day in days if day["date"]]) > 1


@dataclass
class LiveDaySession:
    """A live session's part on one day: ``session`` (an editor entry) and that day's ``items``."""

    session: object
    items: list
    first: bool

    @property
    def total_minutes(self):
        """The length of that day's items (editor entries), in minutes."""
        return int(sum((entry.item.duration for entry in self.items), timedelta(0)).total_seconds() // 60)


@dataclass
class LiveDay:
    date: date | None
    sessions: list = field(default_factory=list)


def live_days(entries, tz, *, items_of=lambda entry: entry.items, item_of=lambda entry: entry.item):
    """Live rows by day: LiveDay objects whose sessions are LiveDaySessions.

    ``entries`` are in session order (e.g. the editor's EditorSessions); ``items_of(entry)`` gives
    its item entries and ``item_of(item entry)`` the AgendaItem, whose ``start`` is read in ``tz``.
    """
    seen, days = set(), []
    grouped = group_by_day(
        entries, items_of=items_of, day_of=lambda entry: timezone.localtime(item_of(entry).start, tz).date()
    )
    for day, parts in grouped:
        sessions = []
        for entry, items in parts:
            sessions.append(LiveDaySession(entry, items, id(entry) not in seen))
            seen.add(id(entry))
        days.append(LiveDay(day, sessions))
    return days
