"""Printed documents of registrations: attendance sheet, name badges, certificate, invitation letter.

The certificate is an issued document (meetings.services.certificates): issued on first request,
then served from storage.

Each document has a ``*_document`` function that collects its data into a plain context (fixed
number of queries whatever the number of registrations) and a view that renders it through
``rakor.pdf.render_pdf``. Staff documents are for organisers only (``Meeting.visible_to``: anybody
else gets a 404); the certificate is also open to the delegate through their manage token.
"""

from django import forms
from django.contrib import messages
from django.db.models import Max, Min
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from documents.http import document_response
from documents.services import SigningError
from meetings.letters import (
    format_nip,
    invitation_letter_pdf_bytes,
    long_date,
    meeting_day,
    meeting_place,
    time_text,
)
from meetings.models import Invitation, Meeting, Registration
from meetings.services.certificates import NoCertificate, issue_certificate
from meetings.services.registration import change_role
from meetings.views.staff import organiser_required
from rakor.http import pdf_response, site_url
from rakor.pdf import render_pdf
from rakor.qr import qr_svg_data_uri

DEFAULT_BLANK_ROWS = 10
MAX_BLANK_ROWS = 200


def _staff_meeting(user, pk):
    meeting_queryset = Meeting.objects.visible_to(user).select_related("organiser", "city")
    return get_object_or_404(meeting_queryset, pk=pk)


# --- Daftar hadir ------------------------------------------------------------------------------


def attendance_groups(registrations):
    """Confirmed registrations (agency fetched, ordered by agency) as agency groups, numbered on."""
    groups, number = [], 0
    for registration in registrations:
        agency = registration.agency
        if not groups or groups[-1]["agency_id"] != agency.pk:
            groups.append(
                {
                    "agency_id": agency.pk,
                    "agency": agency.name,
                    "short_agency": agency.short_name or agency.name,
                    "rows": [],
                }
            )
        number += 1
        groups[-1]["rows"].append(
            {
                "number": number,
                "name": registration.full_name,
                "nip": format_nip(registration.nip),
                "position": registration.position,
                "checked_in": registration.is_checked_in,
            }
        )
    return groups, number


def attendance_document(meeting, *, session=None, blank_rows=DEFAULT_BLANK_ROWS):
    """Context of the DAFTAR HADIR of ``meeting`` (or of one of its sessions): 1–2 queries."""
    registrations = (
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED)
        .select_related("agency")
        .order_by("agency__name", "agency_id", "full_name", "pk")
    )
    groups, last = attendance_groups(registrations)
    day, place = meeting_day(meeting), meeting_place(meeting)
    time = time_text(meeting, meeting.start, meeting.end)
    if session is not None:
        span = session.items.aggregate(start=Min("start"), end=Max("end"))
        if span["start"]:
            day = long_date(meeting.local(span["start"]).date())
            time = time_text(meeting, span["start"], span["end"])
        place = meeting_place(meeting, session.room)
    return {
        "organiser": meeting.organiser,
        "meeting": meeting,
        "session": session,
        "day": day,
        "time": time,
        "place": place,
        "groups": groups,
        "blank_rows": list(range(last + 1, last + 1 + blank_rows)),
    }


def _blank_rows(request):
    try:
        count = int(request.GET.get("kosong", DEFAULT_BLANK_ROWS))
    except ValueError:
        count = DEFAULT_BLANK_ROWS
    return max(0, min(count, MAX_BLANK_ROWS))


@never_cache
@organiser_required
def attendance_pdf(request, pk, session_pk=None):
    """Organisers: the DAFTAR HADIR of a meeting or session; ``?kosong=N`` blank rows for walk-ins."""
    meeting = _staff_meeting(request.user, pk)
    session = get_object_or_404(meeting.sessions, pk=session_pk) if session_pk else None
    context = attendance_document(meeting, session=session, blank_rows=_blank_rows(request))
    pdf = render_pdf("pdf/attendance.html", context, request=request)
    suffix = f"-sesi-{session.pk}" if session else ""
    return pdf_response(pdf, f"daftar-hadir-{slugify(meeting.title)[:60] or 'rapat'}{suffix}.pdf")


# --- Tanda pengenal ----------------------------------------------------------------------------

# The coloured band of a badge: the registration's role in capitals (official print: Indonesian).
ROLE_BANDS = {
    Registration.Role.PESERTA: gettext_lazy("PESERTA"),
    Registration.Role.PANITIA: gettext_lazy("PANITIA"),
    Registration.Role.NARASUMBER: gettext_lazy("NARASUMBER"),
}


def badges_document(meeting):
    """Context of the name badges of the confirmed delegates (one query), eight to a sheet."""
    registrations = (
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED)
        .select_related("agency")
        .order_by("agency__name", "agency_id", "full_name", "pk")
    )
    badges = [
        {
            "name": registration.full_name,
            "position": registration.position,
            "agency": registration.agency.name,
            "code": registration.checkin_code,
            "qr": qr_svg_data_uri(registration.qr_payload()),
            "role": ROLE_BANDS[registration.role],
            "role_key": registration.role,
        }
        for registration in registrations
    ]
    return {
        "meeting": meeting,
        "organiser": meeting.organiser,
        "event_date": meeting_day(meeting),
        "badges": badges,
    }


@never_cache
@organiser_required
def badges_pdf(request, pk):
    """Organisers: name badges (tanda pengenal) of every confirmed delegate."""
    meeting = _staff_meeting(request.user, pk)
    pdf = render_pdf("pdf/badges.html", badges_document(meeting), request=request)
    return pdf_response(pdf, f"tanda-pengenal-{slugify(meeting.title)[:60] or 'rapat'}.pdf")


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=gettext_lazy("Peran pada tanda pengenal"), choices=Registration.Role.choices
    )


@require_POST
@organiser_required
def registration_role(request, pk):
    """Organisers: set the role (PESERTA / PANITIA / NARASUMBER) printed on the delegate's badge.
    A role that is not one of the choices (only a hand-made request sends one) is a 400."""
    registration = get_object_or_404(Registration.objects.visible_to(request.user), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors["role"][0], content_type="text/plain; charset=utf-8")
    registration = change_role(registration, form.cleaned_data["role"], by=request.user)
    messages.success(
        request,
        gettext("Peran %(name)s: %(role)s.")
        % {"name": registration.full_name, "role": registration.get_role_display()},
    )
    return redirect("meetings:registration_detail", registration.pk)


# --- Surat keterangan kehadiran ----------------------------------------------------------------


def _certificate_response(request, registration):
    """The issued certificate (issued now on the first request), served from storage; 404 when
    the delegate has none yet, 503 with the reason when it cannot be signed."""
    try:
        document = issue_certificate(registration, by=request.user)
    except NoCertificate:
        raise Http404 from None
    except SigningError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return document_response(request, document)


def _checked_in():
    return Registration.objects.checked_in().select_related("meeting__organiser", "meeting__city", "agency")


@never_cache
@organiser_required
def certificate_pdf(request, pk):
    """Organisers: the certificate of a delegate who checked in (404 for one who did not)."""
    registration = get_object_or_404(_checked_in().visible_to(request.user), pk=pk)
    return _certificate_response(request, registration)


@never_cache
def delegate_certificate_pdf(request, token):
    """The delegate, through their manage link: their own certificate, once checked in."""
    registration = get_object_or_404(_checked_in(), manage_token=token)
    return _certificate_response(request, registration)


# --- Surat undangan ----------------------------------------------------------------------------


@never_cache
@organiser_required
def invitation_letter_pdf(request, pk):
    """Organisers: the Surat Undangan of one invitation (404 when revoked or not theirs)."""
    invitation = get_object_or_404(
        Invitation.objects.visible_to(request.user)
        .active()
        .select_related("meeting__organiser", "meeting__city", "agency"),
        pk=pk,
    )
    link = site_url(invitation.registration_url())
    pdf = invitation_letter_pdf_bytes(invitation, link=link)
    agency = invitation.agency
    return pdf_response(pdf, f"surat-undangan-{slugify(agency.short_name or agency.name)[:60]}.pdf")
