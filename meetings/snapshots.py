"""The published agenda as data: build a snapshot, read it back for display, diff two of them.

The format is documented on ``meetings.models.AgendaVersion``. Everything public (meeting page,
agenda PDF, .ics) is rendered from a snapshot, never from the live Session/AgendaItem rows.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import AgendaChange, AgendaItem, Meeting, Session, timezone_label

FORMAT = 1


def _agency(agency):
    if agency is None:
        return None
    return {"id": agency.pk, "name": agency.name, "short_name": agency.short_name}


def _iso(meeting, value):
    return meeting.local(value).isoformat() if value else None


def meeting_for_snapshot(pk):
    """The meeting with everything a snapshot holds, fetched in three queries."""
    return (
        Meeting.objects.select_related("organiser", "city")
        .prefetch_related(
            Prefetch(
                "sessions",
                Session.objects.order_by("order", "pk").prefetch_related(
                    Prefetch(
                        "items",
                        AgendaItem.objects.select_related("speaker_agency").order_by("order", "start", "pk"),
                    )
                ),
            )
        )
        .get(pk=pk)
    )


def build_snapshot(meeting):
    """The full agenda of ``meeting`` as JSON-ready data (internal items included, flagged)."""
    meeting = meeting_for_snapshot(meeting.pk)
    return {
        "format": FORMAT,
        "meeting": {
            "id": meeting.pk,
            "kind": meeting.kind,
            "title": meeting.title,
            "theme": meeting.theme,
            "fiscal_year": meeting.fiscal_year,
            "start": _iso(meeting, meeting.start),
            "end": _iso(meeting, meeting.end),
            "timezone": meeting.timezone,
            "timezone_label": meeting.timezone_label,
            "venue": meeting.venue,
            "address": meeting.address,
            "city": {"code": meeting.city.code, "name": meeting.city.name} if meeting.city else None,
            "organiser": _agency(meeting.organiser),
            "registration_opens": _iso(meeting, meeting.registration_opens),
            "registration_closes": _iso(meeting, meeting.registration_closes),
            "capacity": meeting.capacity,
            "requires_approval": meeting.requires_approval,
            "chair_name": meeting.chair_name,
            "chair_title": meeting.chair_title,
            "letter_number": meeting.letter_number,
        },
        "sessions": [
            {
                "id": session.pk,
                "kind": session.kind,
                "title": session.title,
                "room": session.room,
                "order": session.order,
                "items": [
                    {
                        "id": item.pk,
                        "order": item.order,
                        "start": _iso(meeting, item.start),
                        "end": _iso(meeting, item.end),
                        "title": item.title,
                        "description": item.description,
                        "kind": item.kind,
                        "speaker_name": item.speaker_name,
                        "speaker_title": item.speaker_title,
                        "speaker_agency": _agency(item.speaker_agency),
                        "is_public": item.is_public,
                    }
                    for item in session.items.all()
                ],
            }
            for session in meeting.sessions.all()
        ],
    }


def public_only(snapshot):
    """The snapshot without internal items, and without sessions left empty by that."""
    sessions = []
    for session in snapshot["sessions"]:
        items = [item for item in session["items"] if item["is_public"]]
        if items:
            sessions.append({**session, "items": items})
    return {**snapshot, "sessions": sessions}


def _parse(value, tz):
    return datetime.fromisoformat(value).astimezone(tz) if value else None


def public_snapshot(version):
    """The version's snapshot for public pages: internal items dropped, datetimes aware."""
    return for_display(version.snapshot, public=True)


def full_snapshot(version):
    """The version's snapshot with internal items too (staff documents), datetimes aware."""
    return for_display(version.snapshot, public=False)


def for_display(snapshot, *, public=True):
    """A copy of the snapshot ready for templates.

    Datetimes become aware datetimes in the meeting's zone; labels of choice codes are added
    (``kind_label``, translated when rendered); each item gets ``duration_minutes``; each session
    gets ``start``/``end`` (its first start, last end). With ``public=True`` internal items and
    sessions with no public items are dropped.
    """
    import zoneinfo

    data = public_only(snapshot) if public else snapshot
    meeting = dict(data["meeting"])
    tz = zoneinfo.ZoneInfo(meeting["timezone"])
    for key in ("start", "end", "registration_opens", "registration_closes"):
        meeting[key] = _parse(meeting[key], tz)
    meeting["kind_label"] = Meeting.Kind(meeting["kind"]).label
    sessions = []
    for raw in data["sessions"]:
        session = {**raw, "kind_label": Session.Kind(raw["kind"]).label}
        items = []
        for raw_item in raw["items"]:
            item = dict(raw_item)
            item["start"], item["end"] = _parse(item["start"], tz), _parse(item["end"], tz)
            item["duration_minutes"] = int((item["end"] - item["start"]).total_seconds() // 60)
            item["kind_label"] = AgendaItem.Kind(item["kind"]).label
            items.append(item)
        session["items"] = items
        session["start"] = min((i["start"] for i in items), default=None)
        session["end"] = max((i["end"] for i in items), default=None)
        sessions.append(session)
    return {"format": data["format"], "meeting": meeting, "sessions": sessions}


# Diffing -------------------------------------------------------------------------------------


class _Formatter:
    """Formats times of one snapshot's meeting the Indonesian way ("10.30", "Selasa, 24 April 2018")."""

    def __init__(self, snapshot):
        import zoneinfo

        meeting = snapshot["meeting"]
        self.tz = zoneinfo.ZoneInfo(meeting["timezone"])
        self.tz_label = timezone_label(meeting["timezone"])
        start, end = _parse(meeting["start"], self.tz), _parse(meeting["end"], self.tz)
        self.multi_day = start.date() != end.date()

    def dt(self, value):
        return _parse(value, self.tz)

    def time(self, value):
        return self.dt(value).strftime("%H.%M")

    def day(self, value):
        return date_format(self.dt(value), "l, j F Y")

    def slot(self, item, *, with_day=None):
        """'10.00–10.30' (with the day in front when the meeting lasts several days)."""
        text = f"{self.time(item['start'])}–{self.time(item['end'])}"
        if self.multi_day if with_day is None else with_day:
            text = f"{self.day(item['start'])} {text}"
        return text


def _items_by_id(snapshot):
    return {item["id"]: (item, session) for session in snapshot["sessions"] for item in session["items"]}


def _speaker(item):
    parts = [item["speaker_name"], item["speaker_title"]]
    if item["speaker_agency"]:
        parts.append(item["speaker_agency"]["name"])
    return ", ".join(part for part in parts if part)


def _meeting_changes(old, new, fmt):
    changes = []
    a, b = old["meeting"], new["meeting"]
    if a["title"] != b["title"]:
        changes.append(
            (AgendaChange.Kind.CHANGED, _("Judul rapat diubah menjadi '%(title)s'.") % {"title": b["title"]})
        )
    if (a["start"], a["end"]) != (b["start"], b["end"]):
        when = f"{fmt.day(b['start'])}, {fmt.time(b['start'])}–{fmt.time(b['end'])} {fmt.tz_label}"
        if fmt.dt(b["start"]).date() != fmt.dt(b["end"]).date():
            start = f"{fmt.day(b['start'])} {fmt.time(b['start'])}"
            when = f"{start} – {fmt.day(b['end'])} {fmt.time(b['end'])} {fmt.tz_label}"
        changes.append((AgendaChange.Kind.MOVED, _("Waktu rapat diubah menjadi %(when)s.") % {"when": when}))
    place = ("venue", "address", "city")
    if any(a[key] != b[key] for key in place):
        where = ", ".join(
            part for part in [b["venue"], b["address"], (b["city"] or {}).get("name", "")] if part
        )
        changes.append(
            (AgendaChange.Kind.MOVED, _("Tempat rapat diubah menjadi %(where)s.") % {"where": where})
        )
    return changes


def _session_changes(old, new):
    changes = []
    old_sessions = {s["id"]: s for s in old["sessions"]}
    new_sessions = {s["id"]: s for s in new["sessions"]}
    for session in new["sessions"]:
        before = old_sessions.get(session["id"])
        if before is None:
            changes.append(
                (AgendaChange.Kind.ADDED, _("Sesi '%(title)s' ditambahkan.") % {"title": session["title"]})
            )
            continue
        if before["title"] != session["title"]:
            changes.append(
                (
                    AgendaChange.Kind.CHANGED,
                    _("Sesi '%(old)s' diganti namanya menjadi '%(new)s'.")
                    % {"old": before["title"], "new": session["title"]},
                )
            )
        if before["room"] != session["room"]:
            if session["room"]:
                text = _("Ruang sesi '%(title)s' diubah menjadi %(room)s.") % {
                    "title": session["title"],
                    "room": session["room"],
                }
            else:
                text = _("Ruang sesi '%(title)s' dihapus.") % {"title": session["title"]}
            changes.append((AgendaChange.Kind.MOVED, text))
    for session in old["sessions"]:
        if session["id"] not in new_sessions:
            changes.append(
                (AgendaChange.Kind.REMOVED, _("Sesi '%(title)s' dihapus.") % {"title": session["title"]})
            )
    return changes


def _item_changes(old, new, fmt):
    changes = []
    old_items, new_items = _items_by_id(old), _items_by_id(new)
    for item_id, (item, session) in new_items.items():
        title = item["title"]
        if item_id not in old_items:
            changes.append(
                (
                    AgendaChange.Kind.ADDED,
                    _("Mata acara '%(title)s' ditambahkan pada %(slot)s %(tz)s.")
                    % {"title": title, "slot": fmt.slot(item), "tz": fmt.tz_label},
                )
            )
            continue
        before, before_session = old_items[item_id]
        if before["title"] != title:
            changes.append(
                (
                    AgendaChange.Kind.CHANGED,
                    _("Mata acara '%(old)s' diganti judulnya menjadi '%(new)s'.")
                    % {"old": before["title"], "new": title},
                )
            )
        if (before["start"], before["end"]) != (item["start"], item["end"]):
            same_length = fmt.dt(before["end"]) - fmt.dt(before["start"]) == fmt.dt(item["end"]) - fmt.dt(
                item["start"]
            )
            other_day = fmt.dt(before["start"]).date() != fmt.dt(item["start"]).date()
            if same_length:
                if other_day:
                    old_text = f"{fmt.day(before['start'])} {fmt.time(before['start'])}"
                    new_text = f"{fmt.day(item['start'])} {fmt.time(item['start'])}"
                else:
                    old_text, new_text = fmt.time(before["start"]), fmt.time(item["start"])
                text = _("Mata acara '%(title)s' dipindah dari %(old)s ke %(new)s %(tz)s.")
            else:
                old_text = fmt.slot(before, with_day=other_day)
                new_text = fmt.slot(item, with_day=other_day)
                text = _("Waktu mata acara '%(title)s' diubah dari %(old)s menjadi %(new)s %(tz)s.")
            changes.append(
                (
                    AgendaChange.Kind.MOVED,
                    text % {"title": title, "old": old_text, "new": new_text, "tz": fmt.tz_label},
                )
            )
        if before_session["id"] != session["id"]:
            changes.append(
                (
                    AgendaChange.Kind.MOVED,
                    _("Mata acara '%(title)s' dipindah ke sesi '%(session)s'.")
                    % {"title": title, "session": session["title"]},
                )
            )
        if _speaker(before) != _speaker(item):
            speaker = _speaker(item)
            if speaker:
                text = _("Narasumber mata acara '%(title)s' diubah menjadi %(speaker)s.") % {
                    "title": title,
                    "speaker": speaker,
                }
            else:
                text = _("Narasumber mata acara '%(title)s' dihapus.") % {"title": title}
            changes.append((AgendaChange.Kind.CHANGED, text))
        if before["description"] != item["description"]:
            changes.append(
                (AgendaChange.Kind.CHANGED, _("Uraian mata acara '%(title)s' diperbarui.") % {"title": title})
            )
        if before["is_public"] != item["is_public"]:
            if item["is_public"]:
                text = _("Mata acara '%(title)s' dijadikan publik.") % {"title": title}
            else:
                text = _("Mata acara '%(title)s' dijadikan internal.") % {"title": title}
            changes.append((AgendaChange.Kind.CHANGED, text))
    for item_id, (item, _session) in old_items.items():
        if item_id not in new_items:
            changes.append(
                (AgendaChange.Kind.REMOVED, _("Mata acara '%(title)s' dihapus.") % {"title": item["title"]})
            )
    return changes


def diff(old, new):
    """What changed from snapshot ``old`` to ``new``: a list of (AgendaChange.Kind, description).

    Descriptions are Indonesian sentences naming the item, with times in the meeting's zone:
    "Mata acara 'Paparan …' dipindah dari 10.00 ke 10.30 WITA." Reordering alone is not a change.
    """
    with translation.override(settings.LANGUAGE_CODE):
        fmt = _Formatter(new)
        return _meeting_changes(old, new, fmt) + _session_changes(old, new) + _item_changes(old, new, fmt)


def change_log(old, new):
    """The change rows between two full snapshots: a list of (kind, description, is_public).

    Public changes are those visible in the public agenda (internal items filtered out of both
    sides first, so turning an item internal reads as "dihapus" to the public); changes that
    concern only internal items follow, flagged ``is_public=False``.
    """
    public = diff(public_only(old), public_only(new))
    public_texts = {text for _kind, text in public}
    internal = [(kind, text) for kind, text in diff(old, new) if text not in public_texts]
    return [(kind, text, True) for kind, text in public] + [(kind, text, False) for kind, text in internal]
