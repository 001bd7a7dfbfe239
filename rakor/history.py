"""The change-history types and the walk over django-simple-history records shared by the apps'
"Riwayat Perubahan" lists (agencies/history.py, meetings/history.py); templates/includes/_history.html
shows them."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}


@dataclass
class Change:
    field: str
    old: str | None  # None: not a before/after pair, only a description in `new`
    new: str


@dataclass
class Entry:
    date: datetime
    user: object  # the user who made the change, or None (a script, the loader)
    action: str
    changes: list = field(default_factory=list)


def latest_edits(history, *, limit, excluded_fields=()):
    """``(entry, diff changes)`` for the latest ``limit`` records of ``history``, newest first.

    One query: an edit's changes are simple_history's diff_against the record before it, so one
    extra record is fetched for the oldest shown. The diff changes are None for a creation, a
    deletion or the oldest record; the entry's ``changes`` is left for the caller to fill with
    display values.
    """
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    for index, record in enumerate(records[:limit]):
        entry = Entry(record.history_date, record.history_user, ACTIONS[record.history_type])
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = None
        if record.history_type == "~" and previous is not None:
            changes = record.diff_against(previous, excluded_fields=list(excluded_fields)).changes
        yield entry, changes
