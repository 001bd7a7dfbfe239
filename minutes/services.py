"""Workflows of the minutes. Views call exactly one of these per request.

Every service that changes the minutes locks the Minutes row first and refuses with MinutesFinal
when they are final, and with MinutesFinalising (a MinutesFinal) while a finalisation job is queued
or running (minutes/finalising.py), whatever a page shows: a final notula changes only through
``reopen_for_correction``, which opens the next version.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from documents.models import IssuedDocument
from documents.services import issue_document, set_public
from minutes import followup
from minutes.models import ActionItem, Decision, ItemNote, Minutes, MinutesVersion, ReviewComment
from minutes.notula import render_notula
from minutes.snapshots import build_snapshot

DETAIL_FIELDS = (
    "chair_name",
    "chair_title",
    "chair_nip",
    "note_taker_name",
    "note_taker_title",
    "note_taker_nip",
    "opening",
)


class MinutesFinal(Exception):
    """The minutes are final: nothing changes until they are reopened for correction."""


class MinutesFinalising(MinutesFinal):
    """A finalisation job is queued or running: nothing changes until it is done or has failed."""


class MinutesNotFinal(Exception):
    """Only final minutes can be published or reopened."""


class MinutesIncomplete(Exception):
    """The minutes cannot be finalised yet; ``reasons`` says why (sentences for people)."""

    def __init__(self, reasons):
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = list(reasons)


class StaleNote(Exception):
    """Someone saved the note since the writer loaded it: ``note`` is the stored one (text, who, when)."""

    def __init__(self, note):
        super().__init__(f"note {note.pk} is at revision {note.revision}")
        self.note = note


def _lock(minutes, *, editable=True) -> Minutes:
    """The Minutes row, locked until the transaction ends. With ``editable``: MinutesFinal if final,
    MinutesFinalising while a finalisation job is queued or running."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if editable and locked.is_final:
        raise MinutesFinal
    if editable and locked.is_finalising:
        raise MinutesFinalising
    return locked


def _check_item(minutes, agenda_item):
    if agenda_item is not None and agenda_item.session.meeting_id != minutes.meeting_id:
        raise ValueError("The agenda item belongs to another meeting.")


@transaction.atomic
def start_minutes(meeting, *, by=None) -> Minutes:
    """The meeting's minutes, created as a draft if there are none yet.

    The chair is prefilled from the meeting (meeting.chair_name/chair_title); the note-taker with
    the user who starts them. Side effects the first time: one Minutes row (history); the open
    actions of the organiser's previous final minutes carried into them (followup.carry_over_actions).
    """
    minutes, created = Minutes.objects.get_or_create(
        meeting=meeting,
        defaults={
            "chair_name": meeting.chair_name,
            "chair_title": meeting.chair_title,
            "note_taker_name": (by.get_full_name() if by else "") or "",
        },
    )
    if created:
        followup.carry_over_actions(minutes, followup.previous_final_minutes(meeting))
    return minutes


@transaction.atomic
def save_note(minutes, agenda_item, text, *, revision, by) -> ItemNote:
    """Store the note of ``agenda_item`` if ``revision`` is the stored one; return it (next revision).

    Locks the minutes, so two writers' saves go one after the other; the second one, written from
    an older revision, gets StaleNote with the stored text and who saved it when; nothing is
    overwritten. An unchanged text is not saved again. Side effects: the ItemNote (history).
    """
    minutes = _lock(minutes)
    _check_item(minutes, agenda_item)
    note, _created = ItemNote.objects.get_or_create(minutes=minutes, agenda_item=agenda_item)
    if note.revision != revision:
        if note.text == text:  # the same text arrived twice (keyup and change): nothing to lose
            return note
        raise StaleNote(note)
    if note.text != text:
        note.text = text
        note.revision += 1
        note.updated_by = by
        note.save()
    return note


@transaction.atomic
def update_details(minutes, *, by, **fields) -> Minutes:
    """Change chair, note-taker (name, title, NIP) and the opening text. Side effects: history."""
    minutes = _lock(minutes)
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown minutes fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(minutes, name, value)
    minutes._history_user = by
    minutes.save()
    return minutes


@transaction.atomic
def add_decision(minutes, *, text, agenda_item=None, by=None) -> Decision:
    """Add a decision at the end of the list. Side effects: one Decision (history)."""
    minutes = _lock(minutes)
    _check_item(minutes, agenda_item)
    last = minutes.decisions.aggregate(last=Max("order"))["last"] or 0
    return Decision.objects.create(minutes=minutes, order=last + 1, text=text, agenda_item=agenda_item)


@transaction.atomic
def update_decision(decision, *, text, agenda_item=None, by=None) -> Decision:
    """Change a decision's text and agenda item. Side effects: history."""
    minutes = _lock(decision.minutes)
    _check_item(minutes, agenda_item)
    decision.text, decision.agenda_item = text, agenda_item
    decision.save()
    return decision


@transaction.atomic
def delete_decision(decision, *, by=None):
    """Delete a decision; the others keep their order (printed numbers are counted). History."""
    _lock(decision.minutes)
    decision.delete()


@transaction.atomic
def add_action(
    minutes, *, what, agency, due_date=None, status=ActionItem.Status.OPEN, carried_from=None, by=None
) -> ActionItem:
    """Add a follow-up action for ``agency``. Side effects: one ActionItem (history)."""
    minutes = _lock(minutes)
    last = minutes.actions.aggregate(last=Max("order"))["last"] or 0
    return ActionItem.objects.create(
        minutes=minutes,
        order=last + 1,
        what=what,
        agency=agency,
        due_date=due_date,
        status=status,
        carried_from=carried_from,
    )


@transaction.atomic
def update_action(action, *, by=None, **fields) -> ActionItem:
    """Change an action's what, agency, due date or status. Side effects: history."""
    _lock(action.minutes)
    for name, value in fields.items():
        if name not in {"what", "agency", "due_date", "status"}:
            raise TypeError(f"Unknown action field: {name}")
        setattr(action, name, value)
    action.save()
    return action


@transaction.atomic
def delete_action(action, *, by=None):
    """Delete a follow-up action. Side effects: history."""
    _lock(action.minutes)
    action.delete()


@transaction.atomic
def submit_for_review(minutes, *, by=None) -> Minutes:
    """Draft -> review: the organiser is asked to read and comment. Side effects: history."""
    minutes = _lock(minutes)
    minutes.status = Minutes.Status.REVIEW
    minutes._history_user = by
    minutes.save(update_fields=["status", "updated_at"])
    return minutes


@transaction.atomic
def add_review_comment(minutes, *, text, agenda_item=None, by) -> ReviewComment:
    """An organiser's comment on the draft, on one agenda item or the whole. One ReviewComment."""
    minutes = _lock(minutes)
    _check_item(minutes, agenda_item)
    return ReviewComment.objects.create(minutes=minutes, agenda_item=agenda_item, author=by, text=text)


def missing_for_final(minutes):
    """Why the minutes cannot be finalised yet (empty when they can)."""
    reasons = []
    if not minutes.chair_name.strip():
        reasons.append(_("Nama pimpinan rapat belum diisi."))
    if not minutes.note_taker_name.strip():
        reasons.append(_("Nama notulis belum diisi."))
    if not minutes.decisions.exists():
        reasons.append(_("Belum ada kesimpulan rapat."))
    return reasons


def _notula_title(meeting):
    """The document's title, in Indonesian like the document itself, whatever the reader's language."""
    with translation.override("id"):
        return _("Notula %(meeting)s") % {"meeting": meeting.title}


@transaction.atomic
def finalise_minutes(minutes, *, by, wet_ink=False) -> MinutesVersion:
    """Freeze the minutes as version n+1 and issue its signed notula PDF; return the version.

    Locks the Minutes row; raises MinutesFinal if final, MinutesIncomplete (with the reasons) without
    chair, note-taker or a decision. This is the body of the finalisation job (minutes/finalising.py,
    which pages use), so a queued or running job does not refuse it. Side effects, in order: the
    snapshot (notes per agenda item, decisions, actions, attendance from check-in); the
    IssuedDocument of kind "notula" whose subject is the Meeting, superseding version n's document
    after a correction and public if the minutes are published; the MinutesVersion; the minutes
    final, current_version n+1 (history); the status of carried actions written back to the actions
    they carry (followup.sync_carried_status). Raises documents' SigningError when the certificate
    cannot sign (nothing is stored then).
    """
    minutes = _lock(minutes, editable=False)
    if minutes.is_final:
        raise MinutesFinal
    reasons = missing_for_final(minutes)
    if reasons:
        raise MinutesIncomplete(reasons)
    meeting = minutes.meeting
    number = minutes.current_version + 1
    snapshot = build_snapshot(minutes)
    previous = minutes.versions.filter(number=minutes.current_version).select_related("document").first()

    def render(doc_number, code, _url):
        return render_notula(snapshot, number=doc_number, code=code, wet_ink=wet_ink)

    document = issue_document(
        kind=IssuedDocument.Kind.NOTULA,
        title=_notula_title(meeting),
        subject=meeting,
        render=render,
        issued_by=by,
        issuer_key=f"agency-{meeting.organiser_id}",
        issuer_name=meeting.organiser.name,
        subject_label=meeting.title,
        supersedes=previous.document if previous and previous.document_id else None,
        wet_ink=wet_ink,
    )
    if minutes.is_published:
        set_public(IssuedDocument.objects.filter(pk=document.pk), True)
        document.public = True
    version = MinutesVersion.objects.create(
        minutes=minutes, number=number, snapshot=snapshot, finalised_by=by, document=document
    )
    minutes.status = Minutes.Status.FINAL
    minutes.current_version = number
    minutes._history_user = by
    minutes.save(update_fields=["status", "current_version", "updated_at"])
    followup.sync_carried_status(minutes)
    return version


@transaction.atomic
def reopen_for_correction(minutes, *, by=None) -> Minutes:
    """Final -> draft, to correct them as the next version. The issued version stays as it is
    (still verifiable; the next finalisation supersedes its document). Side effects: the done
    finalisation job forgotten; history."""
    minutes = _lock(minutes, editable=False)
    if not minutes.is_final:
        raise MinutesNotFinal
    minutes.status = Minutes.Status.DRAFT
    minutes.finalising, minutes.finalising_error = Minutes.Finalising.NONE, ""
    minutes._history_user = by
    minutes.save(update_fields=["status", "finalising", "finalising_error", "updated_at"])
    return minutes


def _latest_document(minutes):
    version = minutes.versions.order_by("-number").select_related("document").first()
    return version.document if version else None


@transaction.atomic
def publish_minutes(minutes, *, by=None) -> Minutes:
    """Let the public download the final notula (linked from the meeting's public page).

    Raises MinutesNotFinal unless final. Side effects: the latest version's document public; the
    minutes flagged published (history); later versions are issued public too.
    """
    minutes = _lock(minutes, editable=False)
    if not minutes.is_final:
        raise MinutesNotFinal
    document = _latest_document(minutes)
    set_public(IssuedDocument.objects.filter(pk=document.pk), True)
    minutes.is_published = True
    minutes._history_user = by
    minutes.save(update_fields=["is_published", "updated_at"])
    return minutes


@transaction.atomic
def unpublish_minutes(minutes, *, by=None) -> Minutes:
    """Withdraw the notula from the public: every version's document private again, flag off.
    (Verification pages keep working: they need only the code.)"""
    minutes = _lock(minutes, editable=False)
    document_ids = minutes.versions.exclude(document=None).values_list("document_id", flat=True)
    set_public(IssuedDocument.objects.filter(pk__in=list(document_ids)), False)
    minutes.is_published = False
    minutes._history_user = by
    minutes.save(update_fields=["is_published", "updated_at"])
    return minutes


unpublish = unpublish_minutes
