"""Agreements at a meeting: the list of regencies/cities with their state, the agreement form
per regency/city, issuing the berita acara and downloading it.

The organiser records any regency/city's agreement; a coordinator confirms their own agency's
(programs.sign_agreement on the Agency); someone else's agency is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency, Level
from documents.http import document_response
from documents.services import SigningError
from meetings.models import Meeting
from programs.agreements import AgreementFrozen, berita_acara_documents, issue_berita_acara, sign_agreement
from programs.forms import AgreementForm
from programs.models import Agreement, Target
from rakor.permissions import permission_required


def _meeting(request, meeting_id, *args, **kwargs):
    return get_object_or_404(Meeting.objects.select_related("organiser"), pk=meeting_id)


def _province_code(meeting):
    region = meeting.organiser.region_id or ""
    return region.split(".")[0]


def regency_agencies(meeting):
    """Regency/city agencies of the organiser's province with their number of targets in the
    meeting's fiscal year (one query)."""
    year = meeting.fiscal_year
    return (
        Agency.objects.filter(level=Level.REGENCY, region__code__startswith=f"{_province_code(meeting)}.")
        .select_related("region")
        .annotate(target_count=Count("programs__targets", filter=Q(programs__fiscal_year=year)))
        .filter(target_count__gt=0)
        .order_by("region_id", "name", "pk")
    )


@permission_required("programs.view")
def agreement_index(request):
    """The rakor and rakernis meetings whose agreements can be recorded, newest first."""
    meetings = Meeting.objects.filter(kind__in=[Meeting.Kind.RAKOR, Meeting.Kind.RAKERNIS]).order_by("-start")
    year = request.GET.get("tahun", "")
    if year.isdigit():
        meetings = meetings.filter(fiscal_year=int(year))
    return render(request, "programs/agreement_index.html", {"meetings": meetings[:50], "year": year})


@permission_required("programs.view", fn=_meeting)
def agreement_list(request, meeting_id):
    meeting = request.permission_object
    agreements = {
        a.agency_id: a
        for a in Agreement.objects.filter(meeting=meeting, fiscal_year=meeting.fiscal_year).order_by("pk")
    }
    rows = [
        {
            "agency": agency,
            "agreement": agreements.get(agency.pk),
            "can_sign": request.user.has_perm("programs.sign_agreement", agency),
        }
        for agency in regency_agencies(meeting)
    ]
    documents = list(berita_acara_documents(meeting)[:5])
    return render(
        request,
        "programs/agreement_list.html",
        {
            "meeting": meeting,
            "year": meeting.fiscal_year,
            "rows": rows,
            "signed": len(agreements),
            "documents": documents,
            "latest": documents[0] if documents else None,
            "can_issue": request.user.has_perm("programs.issue_agreement"),
        },
    )


def _meeting_and_agency(request, meeting_id, agency_id):
    meeting = _meeting(request, meeting_id)
    agency = get_object_or_404(Agency.objects.visible_to(request.user).select_related("region"), pk=agency_id)
    request.agreement_meeting = meeting
    return agency


@permission_required("programs.sign_agreement", fn=_meeting_and_agency)
def agreement_sign(request, meeting_id, agency_id):
    agency, meeting = request.permission_object, request.agreement_meeting
    year = meeting.fiscal_year
    agreement = Agreement.objects.filter(meeting=meeting, agency=agency, fiscal_year=year).first()
    targets = list(
        Target.objects.filter(program__agency=agency, program__fiscal_year=year)
        .select_related("program__nomenclature", "parent")
        .order_by("program__nomenclature__code", "program__name", "program_id", "pk")
    )
    initial = {"signatory_name": agency.head_name, "title": agency.head_title, "nip": agency.head_nip}
    form = AgreementForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and agreement is None and form.is_valid():
        try:
            sign_agreement(meeting, agency, year, by=request.user, **form.cleaned_data)
        except AgreementFrozen as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            status = 422
        else:
            messages.success(request, _("Kesepakatan %(agency)s disimpan.") % {"agency": agency.name})
            return redirect("programs:agreements", meeting_id=meeting.pk)
    elif request.method == "POST":
        status = 422 if agreement is None else 409
    return render(
        request,
        "programs/agreement_form.html",
        {
            "meeting": meeting,
            "agency": agency,
            "year": year,
            "agreement": agreement,
            "targets": targets,
            "form": form,
        },
        status=status,
    )


@require_POST
@permission_required("programs.issue_agreement", fn=_meeting)
def agreement_issue(request, meeting_id):
    meeting = request.permission_object
    try:
        document = issue_berita_acara(meeting, by=request.user)
    except (ValidationError, SigningError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request,
            _("Berita acara kesepakatan diterbitkan: nomor %(number)s, versi %(version)s.")
            % {"number": document.number or "-", "version": document.version},
        )
    return redirect("programs:agreements", meeting_id=meeting.pk)


@permission_required("programs.view", fn=_meeting)
def agreement_pdf(request, meeting_id, version):
    meeting = request.permission_object
    document = get_object_or_404(berita_acara_documents(meeting), version=version)
    return document_response(request, document)
