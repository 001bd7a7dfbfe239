"""Models of the meetings app, re-exported so ``from meetings.models import X`` keeps working.

meeting.py: Meeting; agenda.py: Session, AgendaItem, AgendaVersion, AgendaChange;
material.py: Material; timezones.py: time zones and clock().
registration.py: Invitation, Registration (delegates, waiting list, check-in).
questions.py: RegistrationQuestion, RegistrationAnswer (custom registration questions).
"""

from meetings.models.agenda import AgendaChange, AgendaItem, AgendaVersion, Session
from meetings.models.material import Material, material_upload_to
from meetings.models.meeting import Meeting, MeetingQuerySet
from meetings.models.questions import RegistrationAnswer, RegistrationQuestion, answer_upload_to
from meetings.models.registration import (
    Invitation,
    InvitationQuerySet,
    Registration,
    RegistrationQuerySet,
    assignment_letter_upload_to,
)
from meetings.models.timezones import (
    DEFAULT_TIMEZONE,
    TIMEZONE_ABBREVIATIONS,
    TIMEZONE_CHOICES,
    clock,
    timezone_label,
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
    "RegistrationAnswer",
    "RegistrationQuerySet",
    "RegistrationQuestion",
    "answer_upload_to",
    "Session",
    "assignment_letter_upload_to",
    "material_upload_to",
    "timezone_label",
]
