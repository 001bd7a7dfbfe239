"""Models of the meetings app, re-exported so ``from meetings.models import X`` keeps working.

meeting.py: Meeting, Session, AgendaItem, AgendaVersion, AgendaChange, Material.
registration.py: Invitation, Registration (delegates, waiting list, check-in).
"""

from meetings.models.meeting import (
    DEFAULT_TIMEZONE,
    TIMEZONE_ABBREVIATIONS,
    TIMEZONE_CHOICES,
    AgendaChange,
    AgendaItem,
    AgendaVersion,
    Material,
    Meeting,
    MeetingQuerySet,
    Session,
    clock,
    material_upload_to,
    timezone_label,
)
from meetings.models.registration import (
    Invitation,
    InvitationQuerySet,
    Registration,
    RegistrationQuerySet,
    assignment_letter_upload_to,
)

__all__ = [
    "DEFAULT_TIMEZONE",
    "clock",
    "TIMEZONE_ABBREVIATIONS",
    "TIMEZONE_CHOICES",
    "AgendaChange",
    "AgendaItem",
    "AgendaVersion",
    "Invitation",
    "InvitationQuerySet",
    "Material",
    "Meeting",
    "MeetingQuerySet",
    "Registration",
    "RegistrationQuerySet",
    "Session",
    "assignment_letter_upload_to",
    "material_upload_to",
    "timezone_label",
]
