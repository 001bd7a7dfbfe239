"""Realisation: an agency's targets with what they achieved, reporting per target and period,
the XLSX import of an agency's year, evidence files, and the per-region overview with charts.

Coordinators report for their own agency (programs.report_realization); someone else's agency,
target or evidence file is a 404.
"""

import secrets

from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import Agency, Region
from programs import realization as services
from programs.forms import RealizationForm, TargetImportForm
from programs.models import Realization, Target
from programs.models.realization import period_rank
from rakor.permissions import permission_required
from rakor.tabular import XLSX_CONTENT_TYPE, ImportFileError, ImportRejected

IMPORT_SESSION_KEY = "programs_realization_import"


def _agency(request, agency_id, *args, **kwargs):
    return get_object_or_404(Agency.objects.visible_to(request.user), pk=agency_id)


def _target(request, pk):
    return get_object_or_404(
        Target.objects.editable_by(request.user).select_related("program__agency"), pk=pk
    )


def progress_rows(targets):
    """[{target, latest, percent}] with each target's latest reported period (targets must have
    their realizations prefetched)."""
    rows = []
    for t in targets:
        reports = sorted(t.realizations.all(), key=lambda r: period_rank(r.period))
        latest = reports[-1] if reports else None
        percent = None
        if latest is not None and t.value:
            percent = (latest.value * 100 / t.value).quantize(t.value.__class__("0.1"))
        rows.append({"target": t, "latest": latest, "percent": percent})
    return rows


def _targets(**filters):
    return (
        Target.objects.filter(**filters)
        .select_related("program__agency")
        .prefetch_related(Prefetch("realizations", queryset=Realization.objects.order_by("pk")))
        .order_by("program__name", "program_id", "pk")
    )


@permission_required("programs.report_realization", fn=_agency)
def agency_realization(request, agency_id, year):
    agency = request.permission_object
    rows = progress_rows(_targets(program__agency=agency, program__fiscal_year=year))
    return render(request, "programs/realization_agency.html", {"agency": agency, "year": year, "rows": rows})


@permission_required("programs.report_realization", fn=_target)
def target_realization(request, pk):
    target = request.permission_object
    period = request.POST.get("period") or request.GET.get("periode")
    instance = Realization.objects.filter(target=target, period=period).first() if period else None
    form = RealizationForm(
        request.POST or None, request.FILES or None, instance=instance or Realization(target=target)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.report_realization(
            target,
            data["period"],
            value=data["value"],
            budget_spent=data["budget_spent"],
            evidence_note=data["evidence_note"],
            evidence_file=request.FILES.get("evidence_file"),
            by=request.user,
        )
        messages.success(request, _("Realisasi disimpan."))
        return redirect(
            "programs:realization_agency", agency_id=target.program.agency_id, year=target.program.fiscal_year
        )
    reports = sorted(target.realizations.all(), key=lambda r: period_rank(r.period))
    return render(
        request,
        "programs/realization_form.html",
        {"target": target, "form": form, "reports": reports},
        status=422 if form.errors else 200,
    )


def _realization(request, pk):
    return get_object_or_404(
        Realization.objects.filter(target__in=Target.objects.editable_by(request.user)).select_related(
            "target__program"
        ),
        pk=pk,
    )


@permission_required("programs.report_realization", fn=_realization)
def evidence(request, pk):
    realization = request.permission_object
    if not realization.evidence_file:
        return HttpResponse(status=404)
    response = FileResponse(realization.evidence_file.open("rb"), as_attachment=False)
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required("programs.report_realization", fn=_agency)
def realization_template(request, agency_id, year):
    agency = request.permission_object
    response = HttpResponse(
        services.template_xlsx(agency, year, request.GET.get("periode", "")), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="realisasi-{agency.pk}-{year}.xlsx"'
    return response


@permission_required("programs.report_realization", fn=_agency)
def realization_import(request, agency_id, year):
    """Upload -> preview with row errors (nothing written) -> confirm (all rows or none)."""
    agency = request.permission_object
    context = {"agency": agency, "year": year, "form": TargetImportForm(), "max_rows": services.MAX_ROWS}
    template = "programs/realization_import.html"
    if request.method != "POST":
        return render(request, template, context)
    if "confirm" in request.POST:
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token") or pending["agency"] != agency.pk:
            messages.error(request, _("Pratinjau impor sudah tidak berlaku. Unggah berkas sekali lagi."))
            return redirect(request.path)
        request.session.pop(IMPORT_SESSION_KEY, None)
        try:
            count = services.import_realizations(pending["rows"], agency=agency, year=year, by=request.user)
        except ImportRejected as exc:
            context["errors"] = exc.errors
            return render(request, template, context, status=422)
        messages.success(request, _("Impor selesai: %(count)s realisasi disimpan.") % {"count": count})
        return redirect("programs:realization_agency", agency_id=agency.pk, year=year)
    form = TargetImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, template, context, status=422)
    try:
        rows = services.read_upload(form.cleaned_data["file"])
    except ImportFileError as exc:
        form.add_error("file", exc.message)
        return render(request, template, context, status=422)
    planned, errors = services.plan_import(rows, agency=agency, year=year)
    context.update(
        planned=planned, errors=errors, file_name=form.cleaned_data["file"].name, form=TargetImportForm()
    )
    if errors:
        request.session.pop(IMPORT_SESSION_KEY, None)
        return render(request, template, context, status=422)
    token = secrets.token_urlsafe(16)
    request.session[IMPORT_SESSION_KEY] = {"token": token, "rows": rows, "agency": agency.pk}
    context["token"] = token
    return render(request, template, context)


CHART_ROW = 26  # px per bar in the overview chart


@permission_required("programs.view")
def region_overview(request, code, year):
    """A regency/city's targets of ``year``: achieved against target, with a bar chart (inline SVG)."""
    region = get_object_or_404(
        Region.objects.select_related("parent"), code=code, kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]
    )
    rows = progress_rows(_targets(program__agency__region=region, program__fiscal_year=year))
    chart = [
        {**row, "y": i * CHART_ROW, "width": min(row["percent"] or 0, 100), "label_y": i * CHART_ROW + 14}
        for i, row in enumerate(rows)
    ]
    return render(
        request,
        "programs/realization_region.html",
        {
            "region": region,
            "year": year,
            "rows": rows,
            "chart": chart,
            "chart_height": max(len(rows), 1) * CHART_ROW,
            "matrix_url": reverse("programs:matrix", args=[region.parent_id or "64", year]),
        },
    )
