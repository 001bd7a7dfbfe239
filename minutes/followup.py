"""Follow-up (tindak lanjut) across meetings: progress reports, the organisers' overview, carry-over.

The actions agencies follow up are those of final minutes. An agency's coordinator (or an
organiser) posts progress (``post_progress``); each post sets the action's status. When the next
meeting's minutes are started, the open actions of the organiser's previous final minutes are
copied into them with ``carried_from`` set (``carry_over_actions``); the note-taker records their
new status there, and finalising the new minutes writes that status back to the original actions
(``sync_carried_status``), so the overview always shows one current status per original action.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Exists, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import AgendaItem
from meetings.services.agenda import add_agenda_item
from minutes.models import ActionItem, ActionProgress, Minutes
from rakor.storage import private_storage
from rakor.uploads import PDF_OR_IMAGE, check_upload

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
CARRY_OVER_TITLE = "Evaluasi tindak lanjut rakor sebelumnya"
DUE_SOON_DAYS = 14


def check_evidence(upload):
    """Validate an evidence file (PDF, JPEG or PNG by content, at most 10 MB); ValidationError else."""
    return check_upload(
        upload, extensions=PDF_OR_IMAGE, max_bytes=EVIDENCE_MAX_BYTES, allowed_label="PDF, JPG, PNG"
    )


def _store_evidence(action, upload):
    """Write the evidence before the transaction, so a failed one can remove it; its name or ""."""
    if not upload:
        return ""
    holder = ActionProgress(action=action)
    holder.evidence.save(upload.name, upload, save=False)
    return holder.evidence.name


def _discard_evidence(name):
    if name:
        private_storage().delete(name)


def post_progress(action, *, status, note="", evidence=None, by) -> ActionProgress:
    """Record progress on ``action``: an ActionProgress and the action's new status.

        ``evidence`` (an upload already checked with ``check_evidence``) is written to private storage
        first and deleted again if the transaction fails, so no file stays without its row. Side
        effects: one ActionProgress; the ActionItem's status (history, by ``by``) and that of its
    copies carried into minutes not yet final. The issued notula of final minutes is
        not changed: it keeps the status agreed at the meeting.
    """
    if status not in ActionItem.Status.values:
        raise ValueError(f"Unknown status: {status}")
    name = _store_evidence(action, evidence)
    try:
        with transaction.atomic():
            locked = ActionItem.objects.select_for_update().get(pk=action.pk)
            progress = ActionProgress.objects.create(
                action=locked, status=status, note=note, evidence=name, by=by
            )
            if locked.status != status:
                locked.status = status
                locked._history_user = by
                locked.save(update_fields=["status"])
            # Its copies in next minutes still being written follow, so finalising them keeps it.
            locked.carried_to.exclude(minutes__status=Minutes.Status.FINAL).update(status=status)
            action.status = status
    except BaseException:
        _discard_evidence(name)
        raise
    return progress


# --- carry-over into the next meeting ------------------------------------------------------------


def previous_final_minutes(meeting):
    """The final minutes of the organiser's latest meeting before ``meeting`` (a clone's source
    included, since it is earlier), or None."""
    return (
        Minutes.objects.filter(
            status=Minutes.Status.FINAL,
            meeting__organiser_id=meeting.organiser_id,
            meeting__start__lt=meeting.start,
        )
        .exclude(meeting=meeting)
        .select_related("meeting")
        .order_by("-meeting__start", "-pk")
        .first()
    )


def carry_over_count(meeting):
    """The number of open actions ``add_carry_over_item`` would list for ``meeting``; 0 when there
    are none or the item is already on its agenda. One query."""
    has_item = AgendaItem.objects.filter(session__meeting=meeting, title=CARRY_OVER_TITLE)
    row = (
        Minutes.objects.filter(
            status=Minutes.Status.FINAL,
            meeting__organiser_id=meeting.organiser_id,
            meeting__start__lt=meeting.start,
        )
        .exclude(meeting=meeting)
        .order_by("-meeting__start", "-pk")
        .annotate(
            open_count=Count("actions", filter=~Q(actions__status=ActionItem.Status.DONE)),
            has_item=Exists(has_item),
        )
        .values("open_count", "has_item")
        .first()
    )
    return 0 if row is None or row["has_item"] else row["open_count"]


def open_actions(minutes):
    """The not-done actions of ``minutes`` (agency fetched), in their order."""
    if minutes is None:
        return ActionItem.objects.none()
    return minutes.actions.not_done().select_related("agency").order_by("order", "pk")


@transaction.atomic
def carry_over_actions(new_minutes, previous_minutes) -> list[ActionItem]:
    """Copy the open actions of ``previous_minutes`` into ``new_minutes`` with ``carried_from`` set.

    Actions already carried into ``new_minutes`` are skipped, so calling it twice adds nothing.
    Side effects: one ActionItem (history) per newly carried action, numbered after the others.
    """
    if previous_minutes is None or new_minutes.is_final:
        return []
    already = set(new_minutes.actions.exclude(carried_from=None).values_list("carried_from_id", flat=True))
    last = max(new_minutes.actions.values_list("order", flat=True), default=0)
    carried = []
    for action in open_actions(previous_minutes):
        if action.pk in already:
            continue
        last += 1
        carried.append(
            ActionItem.objects.create(
                minutes=new_minutes,
                order=last,
                what=action.what,
                agency=action.agency,
                due_date=action.due_date,
                status=action.status,
                carried_from=action,
            )
        )
    return carried


def sync_carried_status(minutes):
    """Write the status recorded in ``minutes`` back to the actions they carried (called when the
    minutes are finalised). Side effects: the original ActionItems' status (history)."""
    for action in minutes.actions.exclude(carried_from=None).select_related("carried_from"):
        original = action.carried_from
        if original.status != action.status:
            original.status = action.status
            original.save(update_fields=["status"])


def carry_over_text(actions):
    """The agenda item's description: one line per open action, in Indonesian."""
    with translation.override("id"):
        lines = []
        for number, action in enumerate(actions, 1):
            due = date_format(action.due_date, "j F Y") if action.due_date else _("tanpa batas waktu")
            agency = action.agency.short_name or action.agency.name
            lines.append(f"{number}. {action.what} — {agency} — {due}")
        return "\n".join(lines)


@transaction.atomic
def add_carry_over_item(meeting, previous_minutes):
    """Add "Evaluasi tindak lanjut rakor sebelumnya" to the end of the meeting's first session,
    listing the open actions of ``previous_minutes``; return it (the existing one if there is one).

    Returns None when there is nothing to carry or the meeting has no session. Side effects: one
    AgendaItem (history), the agenda flagged as changed (meetings' add_agenda_item).
    """
    existing = AgendaItem.objects.filter(session__meeting=meeting, title=CARRY_OVER_TITLE).first()
    if existing is not None:
        return existing
    actions = list(open_actions(previous_minutes))
    session = meeting.sessions.order_by("order", "pk").first()
    if not actions or session is None:
        return None
    last = session.items.order_by("-end").first()
    start = last.end if last else meeting.start
    return add_agenda_item(
        session,
        title=CARRY_OVER_TITLE,
        description=carry_over_text(actions),
        kind=AgendaItem.Kind.DISKUSI,
        start=start,
        end=start + datetime.timedelta(minutes=30),
    )


# --- the organisers' overview --------------------------------------------------------------------


def filter_actions(queryset, *, meeting=None, agency=None, region=None, status="", overdue=False):
    """Narrow an ActionItem queryset by the overview's filters (each optional)."""
    if meeting:
        queryset = queryset.filter(minutes__meeting_id=meeting)
    if agency:
        queryset = queryset.filter(agency_id=agency)
    if region:
        queryset = queryset.filter(
            Q(agency__region_id=region) | Q(agency__region__code__startswith=f"{region}.")
        )
    if status in ActionItem.Status.values:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.overdue()
    return queryset


def _counts(today):
    done = Q(status=ActionItem.Status.DONE)
    return {
        "open": Count("pk", filter=Q(status=ActionItem.Status.OPEN)),
        "in_progress": Count("pk", filter=Q(status=ActionItem.Status.IN_PROGRESS)),
        "done": Count("pk", filter=done),
        "overdue": Count("pk", filter=~done & Q(due_date__lt=today)),
        "total": Count("pk"),
    }


def status_counts(queryset, group_by, today=None):
    """Rows of ``group_by`` values with open / in_progress / done / overdue / total counts: 1 query."""
    counts = _counts(today or timezone.localdate())
    return list(queryset.order_by().values(*group_by).annotate(**counts).order_by(*group_by))


def totals(queryset, today=None):
    """The counts over the whole queryset (open, in_progress, done, overdue, total): 1 query."""
    return queryset.order_by().aggregate(**_counts(today or timezone.localdate()))
