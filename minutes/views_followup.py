"""Pages of the follow-up (tindak lanjut): coordinators report progress on their agency's actions,
organisers see the overview (counts, filters, XLSX) and carry open actions into the next meeting.

Actions are fetched through ``ActionItem.objects.of_final_minutes().visible_to(user)``: another
agency's action is a 404, like every object the user may not see (rakor/permissions.py).
"""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from agencies.models import Agency, Region
from meetings.models import Meeting
from minutes import followup
from minutes.forms import FollowupFilterForm, ProgressForm
from minutes.models import ActionItem, ActionProgress
from rakor.http import query_without
from rakor.permissions import permission_required
from rakor.spreadsheets import safe_row
from rakor.uploads import CONTENT_TYPES, PDF_OR_IMAGE

PAGE_SIZE = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def followed_actions(user):
    """Actions of final minutes the user may follow up (agency, meeting fetched)."""
    return (
        ActionItem.objects.of_final_minutes()
        .visible_to(user)
        .select_related("agency__region", "minutes__meeting")
        .order_by("due_date", "minutes__meeting__start", "order", "pk")
    )


def _action(request, pk, **kwargs):
    return get_object_or_404(followed_actions(request.user), pk=pk)


@require_GET
@permission_required("minutes.follow_up")
def my_actions(request):
    """A coordinator's list: their agencies' actions, open ones first (``?semua=1``: done too)."""
    actions = followed_actions(request.user).coordinated_by(request.user)
    show_all = request.GET.get("semua") == "1"
    if not show_all:
        actions = actions.not_done()
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "minutes/followup/mine.html",
        {
            "page": page,
            "actions": page.object_list,
            "show_all": show_all,
            "query": query_without(request, "page"),
            "today": timezone.localdate(),
        },
    )


@never_cache
@permission_required("minutes.report_progress", fn=_action)
def action_detail(request, pk):
    """An action, its progress history (evidence downloadable) and the form to report progress."""
    action = request.permission_object
    form = ProgressForm(request.POST or None, request.FILES or None, initial={"status": action.status})
    if request.method == "POST":
        if form.is_valid():
            followup.post_progress(
                action,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
                by=request.user,
            )
            messages.success(request, _("Perkembangan tindak lanjut tersimpan."))
            return redirect("minutes:followup_action", pk=action.pk)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    progress = action.progress.select_related("by").order_by("-at", "-pk")
    return render(
        request,
        "minutes/followup/action.html",
        {"action": action, "progress": progress, "form": form, "today": timezone.localdate()},
    )


def _progress(request, pk, progress_pk):
    action = _action(request, pk)
    progress = get_object_or_404(action.progress.exclude(evidence=""), pk=progress_pk)
    progress.action = action
    return action


@never_cache
@require_GET
@permission_required("minutes.report_progress", fn=_progress)
def evidence(request, pk, progress_pk):
    """The evidence file of a progress report: organisers and the agency's coordinators only."""
    progress = get_object_or_404(ActionProgress.objects.exclude(evidence=""), pk=progress_pk, action_id=pk)
    extension = progress.evidence.name.rsplit(".", 1)[-1].lower()
    kind = PDF_OR_IMAGE.get(extension)
    if kind is None:
        raise Http404
    response = FileResponse(progress.evidence.open("rb"), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'inline; filename="bukti-tindak-lanjut-{progress.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the organisers' overview --------------------------------------------------------------------


def _filtered(request):
    form = FollowupFilterForm(request.GET)
    actions = followup.filter_actions(followed_actions(request.user), **form.filters())
    return form, actions


@require_GET
@permission_required("minutes.view_followup")
def overview(request):
    """Counts (open / overdue / done) in total, per agency and per region, filters, a paged list."""
    form, actions = _filtered(request)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "actions": page.object_list,
        "totals": followup.totals(actions),
        "per_agency": followup.status_counts(actions, ["agency__name", "agency__short_name", "agency_id"]),
        "per_region": followup.status_counts(actions, ["agency__region__name", "agency__region_id"]),
        "meetings": Meeting.objects.filter(minutes__actions__isnull=False).distinct().order_by("-start"),
        "agencies": Agency.objects.filter(action_items__isnull=False).distinct().order_by("name"),
        "regions": Region.objects.filter(agencies__action_items__isnull=False).distinct().order_by("code"),
        "query": query_without(request, "page"),
        "export_query": query_without(request, "page"),
        "today": timezone.localdate(),
    }
    return render(request, "minutes/followup/overview.html", context)


@require_GET
@permission_required("minutes.view_followup")
def overview_xlsx(request):
    """The filtered actions as XLSX; every typed text through safe_row (no live formulas)."""
    _form, actions = _filtered(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tindak lanjut")
    sheet.append(
        [_("Rapat"), _("Tindak lanjut"), _("Penanggung jawab"), _("Wilayah"), _("Batas waktu"), _("Status")]
    )
    statuses = dict(ActionItem.Status.choices)
    for action in actions:
        region = action.agency.region
        sheet.append(
            safe_row(
                [
                    action.minutes.meeting.title,
                    action.what,
                    action.agency.name,
                    region.name if region else "",
                    action.due_date,
                    str(statuses.get(action.status, action.status)),
                ]
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="tindak-lanjut.xlsx"'
    return response


# --- carry-over into the next meeting ------------------------------------------------------------


@never_cache
@permission_required("meetings.manage")
def carry_over(request, meeting_pk):
    """Offer, then add, the agenda item "Evaluasi tindak lanjut rakor sebelumnya" listing the open
    actions of the organiser's previous final minutes (GET explains, POST adds)."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_pk)
    previous = followup.previous_final_minutes(meeting)
    actions = list(followup.open_actions(previous))
    if request.method == "POST":
        item = followup.add_carry_over_item(meeting, previous) if actions else None
        if item is not None:
            messages.success(request, _("Mata acara evaluasi tindak lanjut ditambahkan ke susunan acara."))
        else:
            messages.info(request, _("Tidak ada tindak lanjut terbuka untuk dievaluasi."))
        return redirect(meeting.get_absolute_url())
    exists = meeting.sessions.filter(items__title=followup.CARRY_OVER_TITLE).exists()
    return render(
        request,
        "minutes/followup/carry_over.html",
        {"meeting": meeting, "previous": previous, "actions": actions, "exists": exists},
    )
