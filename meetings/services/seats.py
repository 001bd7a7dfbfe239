"""Seats and the waiting list: how many seats are left, who moves up when one frees.

An agency's seats are its invitation's quota; the meeting's ``capacity`` (if set) caps all
agencies together. Every workflow that counts seats takes ``lock_seats`` first: the invitation row,
then (with a capacity) the meeting row, always in this order, so parallel requests queue instead
of overbooking.
"""

from functools import partial

from django.db import transaction
from django.db.models import Count

from meetings import registration_mail
from meetings.models import Invitation, Meeting, Registration
from meetings.services.errors import NotAllowed

Status = Registration.Status


def seats_left(invitation, meeting=None) -> int:
    """Free seats for this invitation now: its quota left, capped by the meeting's capacity left."""
    meeting = meeting or invitation.meeting
    left = invitation.quota - invitation.registrations.holding_seats().count()
    if meeting.capacity is not None:
        left = min(left, meeting.capacity - meeting.registrations.holding_seats().count())
    return max(left, 0)


def lock_seats(invitation_id):
    """Lock the invitation and, when seats are capped meeting-wide, the meeting (in this order)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    meeting = Meeting.objects.get(pk=invitation.meeting_id)
    if meeting.capacity is not None:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    invitation.meeting = meeting
    return invitation, meeting


def mail_after_commit(kind, registration):
    # robust: a mail server that fails must not turn a registration already committed into an error page.
    transaction.on_commit(partial(registration_mail.send, kind, registration.pk), robust=True)


def promote(invitation, meeting, count=None):
    """Fill free seats from the waiting list (caller holds the locks of ``lock_seats``); at most
    ``count`` when given.

    With a meeting-wide capacity the seats are the meeting's: delegates of every agency move up in
    the order they joined the waiting list, each within its agency's quota (``_promote_across``).
    Without one, only this invitation's waiting list fills its own quota. Returns the promoted
    registrations; each gets the "promoted" mail after commit.
    """
    if meeting.capacity is not None:
        return _promote_across(meeting, limit=count)
    free = seats_left(invitation, meeting)
    if count is not None:
        free = min(free, count)
    if free <= 0:
        return []
    waiting = invitation.registrations.waitlisted().select_for_update()[:free]
    return [_seat(registration, meeting) for registration in waiting]


def _seat(registration, meeting, by=None):
    registration.status = Status.PENDING if meeting.requires_approval else Status.CONFIRMED
    if by is not None:
        registration._history_user = by
    registration.save(update_fields=["status", "updated_at"])
    mail_after_commit("promoted", registration)
    return registration


def _promote_across(meeting, limit=None):
    """Meeting-wide seats go to the waiting list across agencies, first joined first, each within
    its agency's quota. The caller holds the meeting's row lock: with a meeting-wide capacity every
    workflow that takes a seat locks it, so seats are counted by one request at a time (no other
    invitation is locked here, which keeps the invitation -> meeting lock order)."""
    free = meeting.capacity - meeting.registrations.holding_seats().count()
    if limit is not None:
        free = min(free, limit)
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.filter(meeting=meeting, status=Status.WAITLISTED, invitation__isnull=False)
        .select_related("invitation")
        .select_for_update(of=("self",))
        .order_by("waitlisted_at", "created_at", "pk")
    )
    held = dict(
        Registration.objects.filter(meeting=meeting, status__in=Registration.SEAT_STATUSES)
        .values_list("invitation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    promoted = []
    for registration in waiting:
        if free <= 0:
            break
        if held.get(registration.invitation_id, 0) >= registration.invitation.quota:
            continue
        promoted.append(_seat(registration, meeting))
        held[registration.invitation_id] = held.get(registration.invitation_id, 0) + 1
        free -= 1
    return promoted


@transaction.atomic
def promote_waiting(meeting) -> list[Registration]:
    """Fill the seats a raised (or removed) capacity freed, from the waiting list across agencies.

    Side effects: promoted registrations (history) and their "promoted" mails after commit.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.capacity is not None:
        return _promote_across(meeting)
    promoted = []
    for invitation in meeting.invitations.active().order_by("pk"):
        invitation, meeting = lock_seats(invitation.pk)
        promoted += promote(invitation, meeting)
    return promoted


@transaction.atomic
def promote_by_hand(registration, *, by) -> Registration:
    """An organiser seats a waitlisted delegate now, beyond their agency's quota if need be, but
    never beyond the meeting's capacity (raises NotAllowed("capacity")).

    Side effects: the registration confirmed (or pending approval), with ``by`` in its history,
    and the "promoted" mail after commit.
    """
    invitation, meeting = lock_seats(registration.invitation_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.WAITLISTED:
        raise NotAllowed(registration.get_status_display())
    if meeting.capacity is not None and meeting.registrations.holding_seats().count() >= meeting.capacity:
        raise NotAllowed("capacity")
    return _seat(registration, meeting, by=by)
