"""The change history of a meeting's own fields, shown on its staff page ("Riwayat Perubahan")."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

ACTIONS = {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}
# Bookkeeping, not something a person changed.
HIDDEN_FIELDS = {"has_unpublished_changes", "updated_at", "created_at"}


@dataclass
class Change:
    field: str
    old: str | None
    new: str


@dataclass
class Entry:
    date: datetime
    user: object
    action: str
    changes: list = field(default_factory=list)


def _value(meeting_field, value):
    if value in (None, ""):
        return ""
    if meeting_field.choices:
        return str(dict(meeting_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H.%M")
    return str(value)


def meeting_history(meeting, *, limit=20):
    """The latest ``limit`` edits of the meeting, newest first, in one query.

    Related rows (organiser, city) show as changed without their names: enough to see who changed
    them and when, without a query per entry.
    """
    records = list(
        meeting.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        entry = Entry(record.history_date, record.history_user, ACTIONS[record.history_type])
        previous = records[index + 1] if index + 1 < len(records) else None
        if record.history_type == "~" and previous is not None:
            for change in record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes:
                meeting_field = Meeting._meta.get_field(change.field)
                label = str(meeting_field.verbose_name)
                if meeting_field.is_relation:
                    entry.changes.append(Change(label, None, str(_("diubah"))))
                else:
                    old = _value(meeting_field, change.old)
                    new = _value(meeting_field, change.new)
                    if meeting_field.name in ("start", "end", "registration_opens", "registration_closes"):
                        old = _value(meeting_field, meeting.local(change.old)) if change.old else ""
                        new = _value(meeting_field, meeting.local(change.new)) if change.new else ""
                    entry.changes.append(Change(label, old, new))
            if not entry.changes:
                continue
        entries.append(entry)
    return entries
