"""Organisers' invitation and registration pages of a meeting.

- Undangan: invite agencies picked by level and region, change quotas, send the invitation e-mails
  in the background and follow their progress, see per agency what was sent, registered, checked in
  (50 agencies a page; the totals are over all of them).
- Pendaftaran: the delegates with filters, counts per agency (50 a page) and region (agencies that
  have not registered anyone included), approve or reject, and downloads (CSV, XLSX) of the
  filtered list.

Every page runs a fixed number of queries whatever the number of agencies or registrations, and
renders at most 50 rows per table: at national scale (400 invited agencies) a row per agency made
the template, not the SQL, miss the 100 ms budget (docs/benchmarks.md).
"""

from collections import defaultdict
from datetime import datetime
from types import SimpleNamespace

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies.models import Agency, Level
from meetings import exports
from meetings.invitation_forms import (
    AgencyPickerFilter,
    InviteForm,
    QuotaForm,
    RegistrationFilter,
    RejectForm,
)
from meetings.models import Invitation, Meeting, Registration
from meetings.services import seats, sending
from meetings.services.errors import NotAllowed
from meetings.services.registration import (
    approve_registration,
    invite_agencies,
    reject_registration,
    set_quota,
)
from meetings.views.staff import organiser_required
from rakor.http import query_without, site_url

CANDIDATE_LIMIT = 300
PAGE_SIZE = 50
BATCH_KEY = "meetings:invitation-batch:{}"


def _meeting(request, pk):
    return get_object_or_404(Meeting.objects.visible_to(request.user).select_related("organiser"), pk=pk)


def _invitations(meeting):
    """The meeting's invitations with their agency, region and registration counts (one query)."""
    return list(_invitations_with_counts(meeting))


def _invitations_with_counts(meeting):
    return (
        meeting.invitations.active()
        .select_related("agency__region")
        .with_counts()
        .order_by("agency__name", "pk")
    )


def _progress(request, meeting):
    batch = request.session.get(BATCH_KEY.format(meeting.pk))
    if not batch:
        return None
    return sending.batch_progress(meeting, batch["ids"], datetime.fromisoformat(batch["started"]))


# Invitations ---------------------------------------------------------------------------------


@organiser_required
def invitation_list(request, pk):
    """Undangan: the invited agencies with their figures, and the picker to invite more."""
    meeting = _meeting(request, pk)
    page = Paginator(_invitations_with_counts(meeting), PAGE_SIZE).get_page(request.GET.get("halaman"))
    page.object_list = list(page.object_list)
    for invitation in page.object_list:
        invitation.link = site_url(invitation.registration_url())
    # Paging the invited agencies (?halaman=) must not start a picker search of its own.
    picker = AgencyPickerFilter(request.GET if set(request.GET) - {"halaman"} else None)
    candidates = []
    if picker.is_bound:
        invited = meeting.invitations.active().values("agency_id")
        candidates = list(
            picker.filter(Agency.objects.exclude(pk__in=invited)).select_related("region")[
                : CANDIDATE_LIMIT + 1
            ]
        )
    return render(
        request,
        "meetings/invitations/invitation_list.html",
        {
            "meeting": meeting,
            "page_obj": page,
            "invitations": page.object_list,
            "totals": _all_totals(meeting),
            "query_string": query_without(request, "halaman"),
            "picker": picker,
            "candidates": candidates[:CANDIDATE_LIMIT],
            "more_candidates": len(candidates) > CANDIDATE_LIMIT,
            "invite_form": InviteForm(
                candidates=Agency.objects.none(), initial={"quota": meeting.default_quota}
            ),
            "progress": _progress(request, meeting),
        },
    )


COUNT_KEYS = ["seats_taken", "confirmed_count", "pending_count", "waitlisted_count", "checked_in_count"]


def _totals(invitations):
    """Totals of loaded invitations (annotated by with_counts)."""
    totals = {
        key: sum(getattr(invitation, key) for invitation in invitations) for key in ["quota", *COUNT_KEYS]
    }
    totals["sent"] = sum(1 for invitation in invitations if invitation.sent_at)
    totals["invited"] = len(invitations)
    return totals


def _all_totals(meeting):
    """The same totals over every active invitation of the meeting (the page shows 50).

    Summed here from plain rows of with_counts: an aggregate() over those annotations is not
    reliable (Django sums the alias as a name, which SQLite reads as a string: 0).
    """
    rows = meeting.invitations.active().with_counts().values("quota", "sent_at", *COUNT_KEYS)
    return _totals([SimpleNamespace(**row) for row in rows])


@require_POST
@organiser_required
def invite(request, pk):
    """Invite the checked agencies with the chosen quota (meetings.services.registration.invite_agencies)."""
    meeting = _meeting(request, pk)
    invited = meeting.invitations.active().values("agency_id")
    form = InviteForm(request.POST, candidates=Agency.objects.exclude(pk__in=invited))
    if form.is_valid():
        agencies = list(form.cleaned_data["agencies"])
        invite_agencies(meeting, agencies, quota=form.cleaned_data["quota"])
        messages.success(request, _("%(count)s instansi diundang.") % {"count": len(agencies)})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("meetings:invitations", meeting.pk)


@require_POST
@organiser_required
def invitation_quota(request, pk):
    """Change one agency's quota; a raise promotes its waiting list at once."""
    invitation = get_object_or_404(
        Invitation.objects.visible_to(request.user).active().select_related("agency"),
        pk=pk,
    )
    form = QuotaForm(request.POST)
    if form.is_valid():
        promoted = set_quota(invitation, form.cleaned_data["quota"])
        message = _("Kuota %(agency)s menjadi %(quota)s.") % {
            "agency": invitation.agency.name,
            "quota": form.cleaned_data["quota"],
        }
        if promoted:
            message += " " + _("%(count)s peserta dari daftar tunggu naik menjadi peserta.") % {
                "count": len(promoted)
            }
        messages.success(request, message)
    else:
        messages.error(request, _("Kuota harus bilangan bulat 0 sampai 500."))
    # Back to the page (and filters) the form was on: the invitations are 50 a page.
    url = reverse("meetings:invitations", args=[invitation.meeting_id])
    back = request.POST.get("next", "")
    return redirect((back if back.startswith(url) else url) + f"#undangan-{pk}")


@require_POST
@organiser_required
def send(request, pk):
    """Kirim undangan: queue the e-mails of the checked invitations (or of all, by the other button)."""
    meeting = _meeting(request, pk)
    invitations = meeting.invitations.active().select_related("meeting__organiser", "agency")
    if "semua" not in request.POST:
        invitations = invitations.filter(pk__in=[v for v in request.POST.getlist("undangan") if v.isdigit()])
    invitations = list(invitations)
    if not invitations:
        messages.warning(request, _("Centang undangan yang akan dikirim."))
        return redirect("meetings:invitations", meeting.pk)
    started = timezone.now()
    ids = sending.send_invitations(invitations)
    request.session[BATCH_KEY.format(meeting.pk)] = {"ids": ids, "started": started.isoformat()}
    messages.info(request, _("Pengiriman %(count)s undangan dimulai.") % {"count": len(ids)})
    return redirect(reverse("meetings:invitations", args=[meeting.pk]) + "#pengiriman")


@organiser_required
def send_progress(request, pk):
    """The progress card alone (htmx polls it while mails are still going out)."""
    meeting = _meeting(request, pk)
    return render(
        request,
        "meetings/invitations/includes/_progress.html",
        {"meeting": meeting, "progress": _progress(request, meeting)},
    )


# Registrations -------------------------------------------------------------------------------


def _region_of(agency):
    """The row an agency is counted under: its regency/city or province; national agencies together."""
    return agency.region if agency.region_id else None


def _region_counts(invitations):
    """Per region: agencies invited, agencies with nobody registered, and the delegates' figures."""
    rows = defaultdict(
        lambda: {"agencies": 0, "without": 0, "registered": 0, "confirmed": 0, "checked_in": 0}
    )
    names = {}
    for invitation in invitations:
        region = _region_of(invitation.agency)
        key = region.code if region else ""
        names[key] = region.name if region else Level.NATIONAL.label
        row = rows[key]
        registered = invitation.seats_taken + invitation.waitlisted_count
        row["agencies"] += 1
        row["without"] += 0 if registered else 1
        row["registered"] += registered
        row["confirmed"] += invitation.confirmed_count
        row["checked_in"] += invitation.checked_in_count
    return [{"code": key, "name": names[key], **rows[key]} for key in sorted(rows)]


def _filtered_registrations(request, meeting, invitations):
    agencies = {invitation.agency for invitation in invitations}
    regions = sorted(
        {agency.region for agency in agencies if agency.region_id}, key=lambda region: region.code
    )
    form = RegistrationFilter(request.GET or None, regions=regions)
    registrations = form.filter(
        Registration.objects.filter(meeting=meeting).select_related("agency__region", "registered_by")
    ).order_by("agency__name", "created_at", "pk")
    return form, registrations


@organiser_required
def registration_list(request, pk):
    """Pendaftaran: delegates (filtered, 50 a page), counts per agency (50 a page) and per region."""
    meeting = _meeting(request, pk)
    # All of them: the region counts and totals need every agency; only 50 rows are rendered.
    invitations = _invitations(meeting)
    form, registrations = _filtered_registrations(request, meeting, invitations)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("halaman"))
    agency_page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("halaman_instansi"))
    return render(
        request,
        "meetings/invitations/registration_list.html",
        {
            "meeting": meeting,
            "form": form,
            "page_obj": page,
            "registrations": page.object_list,
            "query_string": query_without(request, "halaman", "halaman_instansi"),
            "agency_query_string": query_without(request, "halaman_instansi"),
            "agency_page": agency_page,
            "invitations": agency_page.object_list,
            "without_registrations": [i for i in invitations if not (i.seats_taken + i.waitlisted_count)],
            "region_counts": _region_counts(invitations),
            "totals": _totals(invitations),
            "Status": Registration.Status,
        },
    )


@never_cache
@organiser_required
def registration_export(request, pk, fmt):
    """The filtered registration list as CSV or XLSX."""
    meeting = _meeting(request, pk)
    _form, registrations = _filtered_registrations(request, meeting, _invitations(meeting))
    if fmt == "xlsx":
        return exports.registrations_xlsx(meeting, registrations)
    return exports.registrations_csv(meeting, registrations)


def _organiser_registration(request, pk):
    return get_object_or_404(
        Registration.objects.visible_to(request.user).select_related(
            "meeting", "agency"
        ),
        pk=pk,
    )


def _back_to_list(request, registration):
    url = reverse("meetings:registrations", args=[registration.meeting_id])
    back = request.POST.get("next", "")
    return redirect(back if back.startswith(url) else url)


@require_POST
@organiser_required
def approve(request, pk):
    """Setujui: confirm a pending registration (the delegate is mailed)."""
    registration = _organiser_registration(request, pk)
    try:
        approve_registration(registration)
    except NotAllowed:
        messages.warning(request, _("Pendaftaran ini tidak menunggu verifikasi."))
    else:
        messages.success(request, _("Pendaftaran %(name)s disetujui.") % {"name": registration.full_name})
    return _back_to_list(request, registration)


@require_POST
@organiser_required
def promote(request, pk):
    """Naikkan: seat a waitlisted delegate now, beyond their agency's quota (not the capacity)."""
    registration = _organiser_registration(request, pk)
    try:
        seats.promote_by_hand(registration, by=request.user)
    except NotAllowed as refused:
        if str(refused) == "capacity":
            messages.warning(request, _("Kapasitas rapat sudah penuh: naikkan kapasitasnya dahulu."))
        else:
            messages.warning(request, _("Pendaftaran ini tidak berada di Daftar Tunggu."))
    else:
        messages.success(
            request, _("%(name)s dinaikkan dari Daftar Tunggu.") % {"name": registration.full_name}
        )
    return _back_to_list(request, registration)


@organiser_required
def reject(request, pk):
    """Tolak: reject a registration with a reason (mailed; the seat goes to the waiting list)."""
    registration = _organiser_registration(request, pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reject_registration(registration, form.cleaned_data["reason"])
        except NotAllowed:
            messages.warning(request, _("Pendaftaran ini sudah dibatalkan atau ditolak."))
        else:
            messages.success(request, _("Pendaftaran %(name)s ditolak.") % {"name": registration.full_name})
        return _back_to_list(request, registration)
    return render(
        request,
        "meetings/invitations/reject_form.html",
        {"meeting": registration.meeting, "registration": registration, "form": form},
    )
