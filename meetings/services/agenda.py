"""Workflows of meetings and their agenda. Views call exactly one of these per request."""

import re
from datetime import timedelta

from django.db import transaction
from django.db.models import Max

from meetings import snapshots
from meetings.models import AgendaChange, AgendaItem, AgendaVersion, Invitation, Meeting, Session
from meetings.services import questions, seats


class Direction:
    UP = "up"
    DOWN = "down"


def _mark_changed(meeting_id):
    """Flag the meeting's agenda as having changes the public has not seen yet."""
    Meeting.objects.filter(pk=meeting_id).update(has_unpublished_changes=True)


# Meetings ------------------------------------------------------------------------------------


@transaction.atomic
def create_meeting(**fields) -> Meeting:
    """Create a draft meeting from form data.

    Side effects: one Meeting row (status draft, agenda not yet published) and its history entry.
    """
    fields.setdefault("status", Meeting.Status.DRAFT)
    return Meeting.objects.create(**fields)


@transaction.atomic
def update_meeting(meeting, *, shift_agenda=False, **fields) -> Meeting:
    """Change a meeting's fields.

    Side effects: saves the meeting (history entry) and flags the agenda as changed, because the
    published snapshot carries the meeting's title, times and place. A raised or removed capacity
    seats waitlisted delegates at once, across agencies (seats.promote_waiting, with their mails).
    With ``shift_agenda`` a moved start moves every agenda item by the same time (each item saved,
    so its history records the move).
    """
    # From the database: a ModelForm has already written the new values onto ``meeting``.
    old_start, old_capacity = Meeting.objects.values_list("start", "capacity").get(pk=meeting.pk)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.has_unpublished_changes = True
    meeting.save()
    if shift_agenda and old_start is not None and meeting.start != old_start:
        delta = meeting.start - old_start
        for item in AgendaItem.objects.filter(session__meeting=meeting):
            item.start, item.end = item.start + delta, item.end + delta
            item.save(update_fields=["start", "end"])
    new_capacity = meeting.capacity
    if old_capacity is not None and (new_capacity is None or new_capacity > old_capacity):
        seats.promote_waiting(meeting)
    return meeting


# Sessions ------------------------------------------------------------------------------------


@transaction.atomic
def create_session(meeting, **fields) -> Session:
    """Add a session at the end of the meeting's sessions. Flags the agenda as changed."""
    last = meeting.sessions.aggregate(last=Max("order"))["last"] or 0
    session = Session.objects.create(meeting=meeting, order=last + 1, **fields)
    _mark_changed(meeting.pk)
    return session


@transaction.atomic
def update_session(session, **fields) -> Session:
    """Change a session's title, kind or room. Flags the agenda as changed."""
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    _mark_changed(session.meeting_id)
    return session


@transaction.atomic
def delete_session(session):
    """Delete a session with its agenda items (their materials stay on the meeting, unlinked).

    Flags the agenda as changed.
    """
    meeting_id = session.meeting_id
    session.delete()
    _mark_changed(meeting_id)


@transaction.atomic
def move_session(session, direction):
    """Swap a session with its neighbour above or below. Flags the agenda as changed.

    Returns False when the session is already first (up) or last (down).
    """
    sessions = list(
        Session.objects.select_for_update().filter(meeting_id=session.meeting_id).order_by("order", "pk")
    )
    for position, row in enumerate(sessions, start=1):
        row.order = position
    index = next(i for i, row in enumerate(sessions) if row.pk == session.pk)
    other = index - 1 if direction == Direction.UP else index + 1
    if not 0 <= other < len(sessions):
        return False
    sessions[index].order, sessions[other].order = sessions[other].order, sessions[index].order
    Session.objects.bulk_update(sessions, ["order"])
    _mark_changed(session.meeting_id)
    return True


# Agenda items --------------------------------------------------------------------------------


def _renumber(session_id):
    """Number a session's items 1..n by time, so the order always follows the clock."""
    items = list(AgendaItem.objects.filter(session_id=session_id).order_by("start", "order", "pk"))
    changed = []
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["order"])


@transaction.atomic
def add_agenda_item(session, **fields) -> AgendaItem:
    """Add an item to a session.

    Side effects: one AgendaItem row (and its history entry); the session's items renumbered by
    time; the agenda flagged as changed.
    """
    item = AgendaItem.objects.create(session=session, **fields)
    _renumber(session.pk)
    _mark_changed(session.meeting_id)
    item.refresh_from_db(fields=["order"])
    return item


@transaction.atomic
def update_agenda_item(item, **fields) -> AgendaItem:
    """Change an item (possibly moving it to another session of the same meeting).

    Side effects: saves the item (history entry); renumbers the session(s) it left and joined;
    flags the agenda as changed.
    """
    old_session_id = item.session_id
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    _renumber(item.session_id)
    if old_session_id != item.session_id:
        _renumber(old_session_id)
    _mark_changed(item.session.meeting_id)
    item.refresh_from_db(fields=["order"])
    return item


@transaction.atomic
def delete_agenda_item(item):
    """Delete an item. Its materials stay on the meeting, unlinked. Flags the agenda as changed."""
    session_id, meeting_id = item.session_id, item.session.meeting_id
    item.delete()
    _renumber(session_id)
    _mark_changed(meeting_id)


def _lay_out(items, slots):
    """Put ``items`` (in their new order) into the time span of ``slots`` (the old order).

    The first item starts where the first slot started; each keeps its own duration, and the gaps
    between consecutive slots (breaks) stay where they were.
    """
    gaps = [max(b.start - a.end, timedelta(0)) for a, b in zip(slots, slots[1:], strict=False)]
    cursor = slots[0].start
    for position, item in enumerate(items):
        length = item.end - item.start
        item.start, item.end = cursor, cursor + length
        item.order = position + 1
        if position < len(gaps):
            cursor = item.end + gaps[position]


@transaction.atomic
def move_item(item, direction) -> bool:
    """Move an item one place up or down within its session, swapping time slots.

    The two items trade places: the block keeps its start, each item keeps its duration, a break
    between them stays. Side effects: both items saved (start, end, order); agenda flagged as
    changed. Returns False (and changes nothing) when the item is already first/last.
    """
    items = list(
        AgendaItem.objects.select_for_update()
        .filter(session_id=item.session_id)
        .order_by("order", "start", "pk")
    )
    index = next(i for i, row in enumerate(items) if row.pk == item.pk)
    other = index - 1 if direction == Direction.UP else index + 1
    if not 0 <= other < len(items):
        return False
    slots = [AgendaItem(start=row.start, end=row.end) for row in items]
    items[index], items[other] = items[other], items[index]
    _lay_out(items, slots)
    AgendaItem.objects.bulk_update(items, ["start", "end", "order"])
    _mark_changed(items[0].session.meeting_id)
    return True


@transaction.atomic
def reorder(session, ids):
    """Put the session's items in the order of ``ids`` (all of them), re-laying their times.

    Same rule as move_item: the block keeps its start, items keep durations, breaks stay in place.
    Raises ValueError when ``ids`` is not exactly the session's items. Flags the agenda as changed.
    """
    items = {row.pk: row for row in AgendaItem.objects.select_for_update().filter(session=session)}
    ids = [int(pk) for pk in ids]
    if sorted(ids) != sorted(items):
        raise ValueError("ids must list every item of the session exactly once")
    slots = sorted(
        (AgendaItem(start=row.start, end=row.end) for row in items.values()), key=lambda slot: slot.start
    )
    ordered = [items[pk] for pk in ids]
    if ordered:
        _lay_out(ordered, slots)
        AgendaItem.objects.bulk_update(ordered, ["start", "end", "order"])
    _mark_changed(session.meeting_id)


# Publishing ----------------------------------------------------------------------------------


@transaction.atomic
def publish_agenda(meeting, *, user=None) -> AgendaVersion:
    """Publish the current agenda ("Terbitkan").

    Side effects, in order: locks the meeting row (two clicks cannot make two versions); builds
    the snapshot of the live agenda; if it equals the latest version's, returns that version and
    changes nothing else; otherwise creates AgendaVersion n+1 and, from version 2 on, one
    AgendaChange per difference against version n (public ones first, internal-only ones flagged
    is_public=False); sets the meeting to published if it was a draft and clears its
    "unpublished changes" flag.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    snapshot = snapshots.build_snapshot(meeting)
    previous = meeting.agenda_versions.order_by("-number").first()
    if previous is not None and previous.snapshot == snapshot:
        Meeting.objects.filter(pk=meeting.pk).update(has_unpublished_changes=False)
        return previous
    version = AgendaVersion.objects.create(
        meeting=meeting,
        number=previous.number + 1 if previous else 1,
        published_by=user if user is not None and user.is_authenticated else None,
        snapshot=snapshot,
    )
    if previous is not None:
        AgendaChange.objects.bulk_create(
            AgendaChange(version=version, kind=kind, description=text, is_public=is_public, order=position)
            for position, (kind, text, is_public) in enumerate(
                snapshots.change_log(previous.snapshot, snapshot)
            )
        )
    meeting.status = Meeting.Status.PUBLISHED
    meeting.has_unpublished_changes = False
    meeting.save(update_fields=["status", "has_unpublished_changes", "updated_at"])
    return version


# Cloning -------------------------------------------------------------------------------------

CLONED_FIELDS = [
    "kind",
    "title",
    "theme",
    "organiser",
    "timezone",
    "venue",
    "address",
    "city",
    "capacity",
    "default_quota",
    "requires_approval",
    "chair_name",
    "chair_title",
    "chair_rank",
    "chair_nip",
    "carbon_copies",
]


def _replace_years(text, mapping):
    """Replace whole-word years in one pass, so 2018->2019 and 2019->2020 do not chain."""
    if not mapping:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(key) for key in mapping) + r")\b")
    return pattern.sub(lambda match: mapping[match.group(1)], text)


@transaction.atomic
def clone_meeting(meeting, *, start) -> Meeting:
    """A new draft meeting like ``meeting``, starting at ``start`` (typically next year's rakor).

    Side effects: creates the Meeting (status draft, no letter number, agenda unpublished), with
    every date shifted by ``start - meeting.start`` (end, registration window); the fiscal year
    and any year in the title or theme moved by the same number of calendar years (next year's
    rakor: +1); copies of every Session and AgendaItem with times shifted and years in their
    titles and descriptions moved the same way; a new Invitation (new token, same quota, nothing
    sent) for every agency still invited; copies of its registration questions (not answers).
    Leaves behind: agenda versions and change log, materials, revoked invitations, registrations
    and minutes.
    """
    delta = start - meeting.start
    years = meeting.local(start).year - meeting.local_start.year
    mapping = {}
    if years:
        # The rakor of 2018 plans fiscal year 2019: 2018->2019 and 2019->2020 must not chain,
        # hence one mapping applied in a single pass.
        mapping = {
            str(meeting.local_start.year): str(meeting.local_start.year + years),
            str(meeting.fiscal_year): str(meeting.fiscal_year + years),
        }
    clone = Meeting(**{name: getattr(meeting, name) for name in CLONED_FIELDS})
    clone.title = _replace_years(meeting.title, mapping)
    clone.theme = _replace_years(meeting.theme, mapping)
    clone.fiscal_year = meeting.fiscal_year + years
    clone.start, clone.end = meeting.start + delta, meeting.end + delta
    clone.registration_opens = meeting.registration_opens + delta if meeting.registration_opens else None
    clone.registration_closes = meeting.registration_closes + delta if meeting.registration_closes else None
    clone.status = Meeting.Status.DRAFT
    clone.has_unpublished_changes = True
    clone.save()

    sessions = list(meeting.sessions.order_by("order", "pk").prefetch_related("items"))
    for session in sessions:
        new_session = Session.objects.create(
            meeting=clone,
            kind=session.kind,
            title=_replace_years(session.title, mapping),
            room=session.room,
            order=session.order,
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(
                session=new_session,
                order=item.order,
                start=item.start + delta,
                end=item.end + delta,
                title=_replace_years(item.title, mapping),
                description=_replace_years(item.description, mapping),
                kind=item.kind,
                speaker_name=item.speaker_name,
                speaker_title=item.speaker_title,
                speaker_agency_id=item.speaker_agency_id,
                is_public=item.is_public,
            )
            for item in session.items.all()
        )
    Invitation.objects.bulk_create(
        Invitation(meeting=clone, agency_id=invitation.agency_id, quota=invitation.quota)
        for invitation in meeting.invitations.active()
    )
    questions.copy_questions(meeting, clone)
    return clone
