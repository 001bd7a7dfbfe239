"""The agenda editor's read side: sessions with their items, durations, totals and warnings.

Warnings never block saving (the forms block what must not happen): they point at items outside
the meeting's time and at clashes, including a plenary item that clashes with a commission item.
Parallel commissions are normal and not flagged.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext as _

from meetings import agenda_days
from meetings.models import Session, clock


@dataclass
class EditorItem:
    item: object
    warnings: list = field(default_factory=list)
    is_first: bool = False  # in its session: the up/down buttons
    is_last: bool = False


@dataclass
class EditorSession:
    session: object
    items: list
    total: timedelta
    is_first: bool = False  # among the sessions: the up/down buttons
    is_last: bool = False

    @property
    def total_minutes(self):
        return int(self.total.total_seconds() // 60)

    @property
    def warning_count(self):
        return sum(len(entry.warnings) for entry in self.items)


class Editor(list):
    """The editor's sessions, with the number of warnings across all of them.

    ``days`` holds the same sessions by day (``meetings.agenda_days.live_days``); ``several_days``
    says whether the editor shows day headings (the meeting or its items span several days).
    """

    days = ()
    several_days = False

    @property
    def warning_count(self):
        return sum(session.warning_count for session in self)


def build_editor(meeting):
    """EditorSessions for ``meeting``, whose sessions and items must be prefetched (no queries)."""
    tz, label = meeting.tzinfo, meeting.timezone_label
    sessions = Editor(
        EditorSession(session, [EditorItem(item) for item in session.items.all()], timedelta(0))
        for session in meeting.sessions.all()
    )
    for position, editor in enumerate(sessions):
        editor.is_first, editor.is_last = position == 0, position == len(sessions) - 1
        for index, entry in enumerate(editor.items):
            entry.is_first, entry.is_last = index == 0, index == len(editor.items) - 1
    sessions.days = agenda_days.live_days(sessions, tz)
    first_day, last_day = meeting.local_dates()
    sessions.several_days = first_day != last_day or len([day for day in sessions.days if day.date]) > 1
    everything = [(entry, editor.session) for editor in sessions for entry in editor.items]
    for editor in sessions:
        editor.total = sum((entry.item.duration for entry in editor.items), timedelta(0))
        for entry in editor.items:
            item = entry.item
            if item.start < meeting.start or item.end > meeting.end:
                entry.warnings.append(
                    _("Di luar waktu rapat (%(start)s–%(end)s %(tz)s).")
                    % {"start": clock(meeting.start, tz), "end": clock(meeting.end, tz), "tz": label}
                )
            for other, other_session in everything:
                if other.item.pk == item.pk or not item.overlaps(other.item):
                    continue
                same = other_session.pk == editor.session.pk
                plenary = Session.Kind.PLENO in (other_session.kind, editor.session.kind)
                if same:
                    entry.warnings.append(
                        _("Bertabrakan dengan '%(title)s' (%(start)s–%(end)s).")
                        % {
                            "title": other.item.title,
                            "start": clock(other.item.start, tz),
                            "end": clock(other.item.end, tz),
                        }
                    )
                elif plenary:
                    entry.warnings.append(
                        _("Bersamaan dengan '%(title)s' di %(session)s (%(start)s–%(end)s).")
                        % {
                            "title": other.item.title,
                            "session": other_session.title,
                            "start": clock(other.item.start, tz),
                            "end": clock(other.item.end, tz),
                        }
                    )
    return sessions
