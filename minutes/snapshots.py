"""The minutes as frozen data: build the snapshot of a MinutesVersion (format on the model).

A finalised notula is only ever rendered and compared from its snapshot, never from live rows.
"""

from meetings.models import Registration
from meetings.snapshots import meeting_for_snapshot
from minutes.models import ActionItem, Decision, ItemNote

FORMAT = 1


def _person(minutes, prefix):
    return {key: getattr(minutes, f"{prefix}_{key}") for key in ("name", "title", "nip")}


def attendance_summary(meeting):
    """Who checked in: total, count per agency (by name) and the people, in agency and name order."""
    present = (
        Registration.objects.filter(meeting=meeting, checked_in_at__isnull=False)
        .select_related("agency")
        .order_by("agency__name", "full_name", "pk")
    )
    people, per_agency = [], {}
    for registration in present:
        agency = registration.agency.name if registration.agency_id else ""
        per_agency[agency] = per_agency.get(agency, 0) + 1
        people.append(
            {
                "name": registration.full_name,
                "nip": registration.nip,
                "position": registration.position,
                "agency": agency,
            }
        )
    return {
        "total": len(people),
        "per_agency": [{"agency": name, "count": count} for name, count in per_agency.items()],
        "people": people,
    }


def build_snapshot(minutes):
    """Everything the notula prints, as JSON-ready data (format documented on MinutesVersion)."""
    meeting = meeting_for_snapshot(minutes.meeting_id)
    notes = {note.agenda_item_id: note.text for note in ItemNote.objects.filter(minutes=minutes)}
    items = [
        {
            "id": item.pk,
            "session": session.title,
            "title": item.title,
            "kind": item.kind,
            "start": meeting.local(item.start).isoformat(),
            "end": meeting.local(item.end).isoformat(),
            "speaker": item.speaker_name,
            "is_public": item.is_public,
            "note": notes.get(item.pk, ""),
        }
        for session in meeting.sessions.all()
        for item in session.items.all()
    ]
    decisions = [
        {"number": number, "text": decision.text, "agenda_item_id": decision.agenda_item_id}
        for number, decision in enumerate(Decision.objects.filter(minutes=minutes).order_by("order", "pk"), 1)
    ]
    actions = [
        {
            "number": number,
            "what": action.what,
            "agency": action.agency.name,
            "agency_id": action.agency_id,
            "due_date": action.due_date.isoformat() if action.due_date else None,
            "status": action.status,
        }
        for number, action in enumerate(
            ActionItem.objects.filter(minutes=minutes).select_related("agency").order_by("order", "pk"), 1
        )
    ]
    return {
        "format": FORMAT,
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "start": meeting.local(meeting.start).isoformat(),
            "end": meeting.local(meeting.end).isoformat(),
            "timezone": meeting.timezone,
            "timezone_label": meeting.timezone_label,
            "venue": meeting.venue,
            "address": meeting.address,
            "city": meeting.city.name if meeting.city_id else "",
            "letter_number": meeting.letter_number,
            "organiser_id": meeting.organiser_id,
        },
        "chair": _person(minutes, "chair"),
        "note_taker": _person(minutes, "note_taker"),
        "opening": minutes.opening,
        "items": items,
        "decisions": decisions,
        "actions": actions,
        "attendance": attendance_summary(meeting),
    }
