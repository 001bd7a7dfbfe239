"""The change history of a meeting's own fields, shown on its staff page ("Riwayat Perubahan")."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Registration
from rakor.history import Change, latest_edits

# Bookkeeping, not something a person changed.
HIDDEN_FIELDS = {"has_unpublished_changes", "updated_at", "created_at"}


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
    entries = []
    for entry, changes in latest_edits(meeting.history, limit=limit, excluded_fields=HIDDEN_FIELDS):
        if changes is not None:
            for change in changes:
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


# What the organiser needs to see of a registration's life: who it was, its status, swaps, check-in.
REGISTRATION_HIDDEN = {"updated_at", "created_at", "manage_token", "checkin_code", "reminder_sent_at"}


def registration_history(registration, *, limit=30):
    """The latest ``limit`` changes of a registration (status, details, check-in), newest first,
    times in the meeting's zone (WITA for Kaltim). One query."""
    entries = []
    meeting = registration.meeting
    for entry, changes in latest_edits(
        registration.history, limit=limit, excluded_fields=REGISTRATION_HIDDEN
    ):
        entry.date = meeting.local(entry.date)
        for change in changes or ():
            model_field = Registration._meta.get_field(change.field)
            label = str(model_field.verbose_name)
            if model_field.is_relation:
                entry.changes.append(Change(label, None, str(_("diubah"))))
                continue
            old, new = change.old, change.new
            if isinstance(old, datetime):
                old = meeting.local(old)
            if isinstance(new, datetime):
                new = meeting.local(new)
            entry.changes.append(Change(label, _value(model_field, old), _value(model_field, new)))
        if changes is not None and not entry.changes:
            continue
        entries.append(entry)
    return entries
