"""Workflows of invitations and delegate registration: seats, waiting list, approval.

Seats: a registration holds a seat while confirmed or pending. An agency's seats are its
invitation's quota; the meeting's ``capacity`` (if set) caps all agencies together. Beyond either,
delegates wait; freed seats promote them in order across agencies (meetings/services/seats.py).

Concurrency: every change that counts seats locks the invitation row and then (when the meeting
has a capacity) the meeting row, always in that order, so parallel requests queue instead of
overbooking. The conditional unique constraint on (meeting, lower(email)) catches the rest
(the same e-mail through two agencies' links at once).

Mails are queued after the transaction commits (``transaction.on_commit``), so nothing is sent for
work that was rolled back; see meetings/registration_mail.py for their content.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings import registration_mail
from meetings.models import Invitation, Registration
from meetings.services import questions
from meetings.services.errors import (
    DuplicateRegistration,
    Frozen,
    NotAllowed,
    RegistrationClosed,
)
from meetings.services.seats import lock_seats, mail_after_commit, promote, seats_left
from rakor.storage import private_storage

Status = Registration.Status
PERSON_FIELDS = ("full_name", "nip", "position", "gender", "phone", "email")


@dataclass(frozen=True)
class Window:
    """The registration window of a meeting at a moment: state is "open", "not_yet" or "closed"."""

    state: str
    opens: datetime | None
    closes: datetime | None

    @property
    def is_open(self):
        return self.state == "open"


def registration_window(meeting, now=None) -> Window:
    """Open from ``registration_opens`` (or always) until ``registration_closes`` or the meeting's end."""
    now = now or timezone.now()
    closes = meeting.registration_closes or meeting.end
    if meeting.registration_opens and now < meeting.registration_opens:
        return Window("not_yet", meeting.registration_opens, closes)
    if now >= closes:
        return Window("closed", meeting.registration_opens, closes)
    return Window("open", meeting.registration_opens, closes)


def check_window(meeting, now=None):
    """Raise RegistrationClosed unless the meeting's registration window is open."""
    window = registration_window(meeting, now)
    if window.state == "not_yet":
        raise RegistrationClosed(meeting, opens=window.opens)
    if window.state == "closed":
        raise RegistrationClosed(meeting, closed=window.closes)


# Invitations --------------------------------------------------------------------------------


@transaction.atomic
def invite_agencies(meeting, agencies, *, quota=None) -> list[Invitation]:
    """Invite agencies to a meeting, each with ``quota`` seats (default: the meeting's default quota).

    Agencies already invited keep their invitation and quota; a revoked one is re-activated.
    Side effects: one Invitation row (with a new token) per newly invited agency. Sends nothing:
    letters and e-mails go out through the invitation-sending workflow.
    Returns the invitations of all the given agencies.
    """
    invitations = []
    existing = {inv.agency_id: inv for inv in Invitation.objects.filter(meeting=meeting, agency__in=agencies)}
    for agency in agencies:
        invitation = existing.get(agency.pk)
        if invitation is None:
            invitation = Invitation.objects.create(meeting=meeting, agency=agency, quota=quota)
        elif invitation.revoked_at is not None:
            invitation.revoked_at = None
            invitation.save(update_fields=["revoked_at"])
        invitations.append(invitation)
    return invitations


@transaction.atomic
def revoke_invitation(invitation) -> Invitation:
    """Revoke an invitation: its link answers 404 from now on. Registrations made stay as they are."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def set_quota(invitation, quota) -> list[Registration]:
    """Change an agency's seat quota. Raising it promotes waitlisted delegates at once.

    Lowering it below the seats taken moves nobody out (organisers cancel by hand).
    Side effects: saves the invitation (history); promoted delegates get an e-mail after commit.
    Returns the promoted registrations.
    """
    invitation, meeting = lock_seats(invitation.pk)
    invitation.quota = quota
    invitation.save(update_fields=["quota"])
    return promote(invitation, meeting)


# Registration -------------------------------------------------------------------------------


def register_delegate(
    invitation,
    *,
    full_name,
    email,
    position,
    gender,
    phone,
    nip="",
    assignment_letter=None,
    assignment_letter_type="",
    registered_by=None,
    check_open=True,
    answers=None,
) -> Registration:
    """Register one delegate through an agency's invitation.

    Within the agency's quota and the meeting's capacity the delegate is confirmed (pending when
    the meeting requires approval); beyond them, waitlisted.
    Raises Invitation.DoesNotExist (revoked), RegistrationClosed (outside the window, unless
    ``check_open`` is False for staff) and DuplicateRegistration (the e-mail is already registered
    for this meeting; carries the existing registration — also for a double submit).
    ``answers``: {question: text or upload} to the meeting's registration questions, saved in the
    same transaction (meetings.services.questions; ValidationError for a value not allowed).
    Side effects: one Registration row (history), its answers, the assignment letter and answer
    files in private storage, and the confirmation e-mail (QR code, check-in code, .ics, manage
    link) after commit.
    """
    person = {
        "full_name": full_name.strip(),
        "email": email.strip(),
        "position": position.strip(),
        "gender": gender,
        "phone": phone.strip(),
        "nip": nip.strip(),
    }
    letter = _store_letter(invitation.meeting_id, assignment_letter)
    try:
        stored = questions.store_answers(answers)
    except BaseException:
        _discard_letter(letter)
        raise
    try:
        with transaction.atomic():
            invitation, meeting = lock_seats(invitation.pk)
            if invitation.revoked_at is not None:
                raise Invitation.DoesNotExist("revoked")
            if check_open:
                check_window(meeting)
            existing = _active_with_email(meeting, person["email"])
            if existing is not None:
                raise DuplicateRegistration(existing)
            now = timezone.now()
            registration = Registration(
                meeting=meeting,
                invitation=invitation,
                agency_id=invitation.agency_id,
                registered_by=registered_by,
                assignment_letter=letter,
                assignment_letter_type=assignment_letter_type,
                **person,
            )
            if seats_left(invitation, meeting) > 0:
                registration.status = Status.PENDING if meeting.requires_approval else Status.CONFIRMED
            else:
                registration.status = Status.WAITLISTED
                registration.waitlisted_at = now
            try:
                with transaction.atomic():
                    registration.save()
            except IntegrityError:
                # Another request registered this e-mail at the same moment (through another agency's
                # link, since this invitation is locked): report it like any duplicate.
                existing = _active_with_email(meeting, person["email"])
                if existing is None:
                    raise
                raise DuplicateRegistration(existing) from None
            questions.save_answers(registration, stored)
            mail_after_commit("registered", registration)
    except BaseException:
        _discard_letter(letter)
        stored.discard()
        raise
    return registration


def _store_letter(meeting_id, upload):
    """Write an uploaded assignment letter before the transaction; returns its stored name or "".

    Stored first so the caller knows the name and can remove the file if the transaction does not
    commit (a duplicate, a lock timeout, a lost connection): no file stays without its row.
    """
    if not upload:
        return ""
    holder = Registration(meeting_id=meeting_id)
    holder.assignment_letter.save(upload.name, upload, save=False)
    return holder.assignment_letter.name


def _discard_letter(name):
    if name:
        private_storage().delete(name)


def _active_with_email(meeting, email):
    return Registration.objects.active().filter(meeting=meeting, email__iexact=email).first()


def resend_manage_link(registration):
    """Mail the delegate their manage link again (after a duplicate attempt). No rows change."""
    transaction.on_commit(partial(registration_mail.send, "manage_link", registration.pk), robust=True)


def update_delegate(registration, *, answers=None, **fields) -> Registration:
    """The delegate (or their coordinator) corrects their details; the seat and status stay.

    Side effects: saves the registration (history) and its changed ``answers`` (as in
    register_delegate; a file question without a new upload keeps its file). An e-mail change
    must stay unique among the meeting's active registrations (raises DuplicateRegistration).
    After the meeting has ended registrations are frozen (raises Frozen).
    """
    stored = questions.store_answers(answers)
    try:
        return _update(registration, stored, fields)
    except BaseException:
        stored.discard()
        raise


@transaction.atomic
def _update(registration, stored, fields):
    registration = Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    if registration.meeting.has_ended:
        raise Frozen("meeting ended")
    for name, value in fields.items():
        setattr(registration, name, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise DuplicateRegistration(_active_with_email(registration.meeting, registration.email)) from None
    questions.save_answers(registration, stored)
    return registration


@transaction.atomic
def cancel_registration(registration, *, by=None) -> Registration | None:
    """Cancel a registration; if it held a seat, the agency's first waitlisted delegate takes it now.

    Side effects: status "cancelled" (history, with ``by`` as the one who changed it); when someone
    else cancels (``by``: a coordinator or organiser) the delegate is told by e-mail; the promoted
    delegate (if any) gets an e-mail after commit. Returns the promoted registration or None.
    Cancelling twice raises NotAllowed; cancelling a checked-in delegate or after the meeting has
    ended raises Frozen.
    """
    promoted = _release(registration, Status.CANCELLED, reason="", by=by, frozen_ok=False)
    if by is not None:
        mail_after_commit("cancelled", registration)
    return promoted


@transaction.atomic
def reject_registration(registration, reason) -> Registration | None:
    """An organiser rejects a registration with a reason; the seat goes to the next on the list.

    Side effects: status "rejected" with the reason (history); e-mail to the delegate with the
    reason, and to the promoted delegate (if any), after commit. Returns the promoted one or None.
    """
    promoted = _release(registration, Status.REJECTED, reason=reason, by=None, frozen_ok=True)
    mail_after_commit("rejected", registration)
    return promoted


def _release(registration, new_status, *, reason, by, frozen_ok):
    if registration.invitation_id is None:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        invitation = meeting = None
    else:
        invitation, meeting = lock_seats(registration.invitation_id)
        registration.refresh_from_db()
    if not registration.is_active:
        raise NotAllowed(registration.get_status_display())
    if not frozen_ok and not registration.is_editable:
        raise Frozen(registration.get_status_display())
    if by is not None:
        registration._history_user = by  # django-simple-history records who changed it
    held_seat = registration.holds_seat
    registration.status = new_status
    registration.rejection_reason = reason
    registration.save(update_fields=["status", "rejection_reason", "updated_at"])
    if held_seat and invitation is not None:
        promoted = promote(invitation, meeting, count=1)
        return promoted[0] if promoted else None
    return None


@transaction.atomic
def approve_registration(registration) -> Registration:
    """An organiser confirms a pending registration. Side effects: status, e-mail after commit."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING:
        raise NotAllowed(registration.get_status_display())
    registration.status = Status.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    mail_after_commit("approved", registration)
    return registration


def substitute_delegate(registration, **new_person) -> Registration:
    """Ganti Peserta: another person takes this registration's seat (same status and place).

    ``new_person``: full_name, email, position, gender, phone, nip, optionally assignment_letter,
    assignment_letter_type and the new person's own ``answers`` (as in register_delegate). The old
    person's registration is cancelled; the new one gets new check-in code and manage link (the
    old ones stop working) and the confirmation e-mail; the old person is told by e-mail that they
    were replaced.
    Raises NotAllowed for an inactive registration, DuplicateRegistration if the new e-mail is
    already registered. Returns the new registration.
    """
    letter = _store_letter(registration.meeting_id, new_person.pop("assignment_letter", None))
    try:
        stored = questions.store_answers(new_person.pop("answers", None))
    except BaseException:
        _discard_letter(letter)
        raise
    try:
        return _substitute(registration, letter, stored, new_person)
    except BaseException:
        _discard_letter(letter)
        stored.discard()
        raise


@transaction.atomic
def _substitute(registration, letter, stored, new_person):
    old = Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    if not old.is_active:
        raise NotAllowed(old.get_status_display())
    if not old.is_editable:
        raise Frozen(old.get_status_display())
    status = old.status
    old.status = Status.CANCELLED
    old.save(update_fields=["status", "updated_at"])
    new = Registration(
        meeting_id=old.meeting_id,
        invitation_id=old.invitation_id,
        agency_id=old.agency_id,
        status=status,
        waitlisted_at=old.waitlisted_at,
        registered_by=new_person.pop("registered_by", None),
        assignment_letter=letter,
        **{name: value.strip() if isinstance(value, str) else value for name, value in new_person.items()},
    )
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        raise DuplicateRegistration(_active_with_email(old.meeting, new.email)) from None
    questions.save_answers(new, stored)
    mail_after_commit("registered", new)
    mail_after_commit("substituted", old)
    return new


@transaction.atomic
def change_role(registration, role, *, by) -> Registration:
    """An organiser sets the role printed in the band of the delegate's name badge (peserta,
    panitia, narasumber; raises ValueError for anything else). Status and seat stay; organisers
    may still correct it after check-in or the meeting's end.

    Side effects: the registration's role saved, with ``by`` in its history.
    """
    if role not in Registration.Role.values:
        raise ValueError(role)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.role = role
    registration._history_user = by
    registration.save(update_fields=["role", "updated_at"])
    return registration
