"""Check-in at the door (Registrasi Ulang): the desk, walk-ins, and self check-in at the venue.

Self check-in: an organiser shows a QR code at the venue that opens ``/rapat/<pk>/hadir/<token>/``.
The token is signed (no table) and carries the meeting and the end of its time window, so a photo of
the code stops working when the window closes. The delegate proves who they are with their own
check-in code or manage link, which only they received by e-mail.
"""

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from meetings.models import Registration
from meetings.services.errors import DuplicateRegistration

Status = Registration.Status
# Who may be checked in: a seat holder. Waitlisted, cancelled and rejected delegates are reported.
CHECKABLE_STATUSES = (Status.CONFIRMED, Status.PENDING)
WINDOW_SALT = "meetings.services.checkin.window"


class CheckInRefused(Exception):
    """The registration cannot be checked in (its status is given)."""

    def __init__(self, registration):
        super().__init__(registration.status)
        self.registration = registration


class CheckInNotOpen(Exception):
    """Check-in opens on the meeting's first day (or when an organiser opened it early)."""

    def __init__(self, meeting):
        super().__init__(meeting.checkin_opens())
        self.meeting = meeting
        self.opens = meeting.checkin_opens()


@transaction.atomic
def open_checkin_early(meeting, *, by):
    """An organiser opens check-in before the meeting's first day (e.g. a briefing the day before).

    Side effects: meeting.checkin_opened_early_at = now, with ``by`` in the meeting's history.
    """
    meeting.checkin_opened_early_at = timezone.now()
    meeting._history_user = by
    meeting.save(update_fields=["checkin_opened_early_at", "updated_at"])
    return meeting


@transaction.atomic
def check_in(registration, *, by=None) -> tuple[Registration, bool]:
    """Check a delegate in at the door (the one check-in service). Returns (registration, newly).

    Locks the registration row, so two desks tapping at once record one check-in; a second
    check-in changes nothing and returns False (the desk says when the first one was).
    Raises CheckInRefused for a delegate without a seat (waitlisted, cancelled, rejected), and
    CheckInNotOpen before the meeting's first day (Meeting.checkin_opens).
    Side effects: checked_in_at and checked_in_by (history).
    """
    locked = Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    if locked.checked_in_at is not None:
        return locked, False
    if not locked.meeting.checkin_is_open():
        raise CheckInNotOpen(locked.meeting)
    if locked.status not in CHECKABLE_STATUSES:
        raise CheckInRefused(locked)
    locked.checked_in_at = timezone.now()
    locked.checked_in_by = by
    locked.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return locked, True


@transaction.atomic
def register_walk_in(
    meeting, *, agency, by, full_name, position, gender, phone, email="", nip=""
) -> Registration:
    """Register a delegate who arrived without registering, and check them in at once.

    The walk-in is confirmed outside any quota (they are already in the room) and tied to their
    agency's invitation when there is one. Raises DuplicateRegistration when the e-mail is already
    registered for the meeting (the desk then checks that registration in instead).
    Raises CheckInNotOpen before the meeting's first day.
    Side effects: one Registration (confirmed, registered_by and checked_in_by the clerk).
    """
    if not meeting.checkin_is_open():
        raise CheckInNotOpen(meeting)
    email = (email or "").strip()
    existing = (
        Registration.objects.active().filter(meeting=meeting, email__iexact=email).first() if email else None
    )
    if existing is not None:
        raise DuplicateRegistration(existing)
    now = timezone.now()
    return Registration.objects.create(
        meeting=meeting,
        invitation=meeting.invitations.active().filter(agency=agency).first(),
        agency=agency,
        full_name=full_name.strip(),
        position=position.strip(),
        gender=gender,
        phone=phone.strip(),
        email=email,
        nip=nip.strip(),
        status=Status.CONFIRMED,
        registered_by=by,
        checked_in_at=now,
        checked_in_by=by,
    )


def attendance(meeting) -> dict:
    """``{"present": n, "expected": N}``: checked in, and seat holders plus walk-ins (one query)."""
    return Registration.objects.filter(meeting=meeting).aggregate(
        present=Count("pk", filter=Q(checked_in_at__isnull=False)),
        expected=Count("pk", filter=Q(status__in=CHECKABLE_STATUSES) | Q(checked_in_at__isnull=False)),
    )


def search(meeting, text, limit=20):
    """Registrations of the meeting matching a check-in code exactly (indexed) or a name.

    A code match wins: a scanned or typed code shows that one delegate only.
    """
    text = " ".join(text.split())
    if not text:
        return []
    base = Registration.objects.filter(meeting=meeting).select_related("agency", "checked_in_by")
    compact = text.replace(" ", "").upper()
    if 6 <= len(compact) <= 12:
        by_code = list(base.filter(checkin_code=compact))
        if by_code:
            return by_code
    return list(base.filter(full_name__icontains=text).order_by("full_name", "pk")[:limit])


# Self check-in ------------------------------------------------------------------------------


def window_token(meeting, *, hours) -> tuple[str, datetime]:
    """A signed token for the venue QR code, valid for ``hours`` from now. Returns (token, until)."""
    until = timezone.now() + timedelta(hours=hours)
    token = signing.dumps({"m": meeting.pk, "u": int(until.timestamp())}, salt=WINDOW_SALT, compress=True)
    return token, until


def window_is_valid(meeting, token) -> bool:
    """True while the token belongs to this meeting and its window has not closed."""
    try:
        data = signing.loads(token, salt=WINDOW_SALT)
    except signing.BadSignature:
        return False
    return data.get("m") == meeting.pk and timezone.now().timestamp() <= data.get("u", 0)


def find_own_registration(meeting, proof) -> Registration | None:
    """The active registration of this meeting proven by its manage link or token.

    Only the delegate has that link (it came in their confirmation mail). The short check-in code
    is no proof: it is printed on badges and read aloud at the desk, where a clerk sees the person.
    """
    token = (proof or "").strip().rstrip("/").rsplit("/", 1)[-1]
    if len(token) < 32:
        return None
    registrations = Registration.objects.filter(meeting=meeting).active().select_related("agency")
    return registrations.filter(manage_token=token).first()
