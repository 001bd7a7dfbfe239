"""The notula PDF: collect the print context from a frozen snapshot, render it in Indonesian.

Official documents are always Indonesian, whatever language the person finalising reads.
"""

import datetime
import zoneinfo

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import Agency
from documents.services import verification_footer
from meetings.letters import format_nip, letter_place
from minutes.models import ActionItem
from rakor.pdf import render_pdf

# Items that are not discussed and do not belong in "Acara" or "Pembahasan" (internal items, e.g. the
# committee's own meeting, are not part of the notula either).
SKIPPED_KINDS = {"istirahat"}


def _local(value, tz):
    return datetime.datetime.fromisoformat(value).astimezone(tz)


def _person(person):
    return {**person, "nip": format_nip(person.get("nip", ""))}


def notula_context(snapshot, *, organiser, number, verification):
    """The context of templates/pdf/notula.html (call with Indonesian active)."""
    meeting = snapshot["meeting"]
    tz = zoneinfo.ZoneInfo(meeting["timezone"])
    start, end = _local(meeting["start"], tz), _local(meeting["end"], tz)
    day = date_format(start.date(), "l, j F Y")
    if start.date() != end.date():
        day = _("%(start)s s.d. %(end)s") % {"start": day, "end": date_format(end.date(), "l, j F Y")}
    items = [
        item
        for item in snapshot["items"]
        if item.get("kind") not in SKIPPED_KINDS and item.get("is_public", True)
    ]
    statuses = dict(ActionItem.Status.choices)
    actions = [
        {
            **action,
            "due": date_format(datetime.date.fromisoformat(action["due_date"]), "j F Y")
            if action["due_date"]
            else "-",
            "status_label": statuses.get(action["status"], action["status"]),
        }
        for action in snapshot["actions"]
    ]
    groups = {}
    for row, person in enumerate(snapshot["attendance"]["people"], 1):
        groups.setdefault(person["agency"], []).append(
            {**person, "number": row, "nip": format_nip(person["nip"])}
        )
    return {
        "organiser": organiser,
        "number": number,
        "meeting": meeting,
        "day": day,
        "time": f"{start:%H.%M}–{end:%H.%M} {meeting['timezone_label']}",
        "place": ", ".join(p for p in (meeting["venue"], meeting["address"], meeting["city"]) if p),
        "chair": _person(snapshot["chair"]),
        "note_taker": _person(snapshot["note_taker"]),
        "opening": snapshot["opening"],
        "agenda": [item["title"] for item in items],
        "discussion": [item for item in items if item["note"].strip()],
        "decisions": snapshot["decisions"],
        "actions": actions,
        "attendance": snapshot["attendance"],
        "attendance_groups": list(groups.items()),
        "letter_place": letter_place(),
        "letter_date": date_format(end.date(), "j F Y"),
        "verification": verification,
    }


def render_notula(snapshot, *, number, code, wet_ink=False):
    """The notula of ``snapshot`` as PDF bytes, always in Indonesian (issue_document's render)."""
    organiser = Agency.objects.get(pk=snapshot["meeting"]["organiser_id"])
    with translation.override("id"):
        context = notula_context(
            snapshot,
            organiser=organiser,
            number=number,
            verification=verification_footer(code, wet_ink=wet_ink),
        )
        return render_pdf("pdf/notula.html", context)
