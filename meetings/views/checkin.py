"""The check-in desk (Meja Registrasi) and self check-in at the venue.

The desk is for check-in clerks (Petugas Registrasi) and organisers, on a phone as much as on a
laptop: type the code, scan the QR code (static/js/checkin.js), or search a name; one tap checks in.
Everyone else gets a 404; anonymous users go to the login page.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from meetings import snapshots
from meetings.invitation_forms import SelfCheckInForm, VenueWindowForm, WalkInForm
from meetings.models import Meeting, Registration
from meetings.services import checkin
from meetings.services.errors import DuplicateRegistration
from meetings.views.documents import agenda_rows
from meetings.views.staff import organiser_required
from rakor.http import site_url
from rakor.permissions import permission_required
from rakor.qr import qr_png_data_uri
from rakor.ratelimit import limit_public_posts

clerk_required = permission_required("meetings.check_in")


def _meeting(pk):
    # Clerks work the door of every meeting; the role itself is the permission.
    return get_object_or_404(Meeting.objects.select_related("organiser"), pk=pk)


def desk_day(meeting):
    """What the desk shows of the meeting's days: ``first``/``last`` date, ``count`` of days, and
    on a meeting day its ``number`` and that day's published agenda ``rows`` (public items; no
    query on other days)."""
    first, last = meeting.local_dates()
    today = timezone.localdate(timezone=meeting.tzinfo)
    day = {"first": first, "last": last, "count": (last - first).days + 1, "number": None, "rows": []}
    if first <= today <= last:
        day["number"] = (today - first).days + 1
        version = meeting.latest_version()
        rows = agenda_rows(snapshots.public_snapshot(version)) if version else []
        # Numbered as on the whole agenda; without day rows (one day) every row is today's.
        today_rows = not any(row["kind"] == "day" for row in rows)
        for row in rows:
            if row["kind"] == "day":
                today_rows = row["date"] == today
            if today_rows:
                day["rows"].append(row)
    return day


def _not_open_message(closed):
    when = date_format(closed.meeting.local(closed.opens), "l, j F Y")
    return _("Registrasi ulang dibuka pada hari rapat (%(when)s).") % {"when": when}


@require_POST
@organiser_required
def open_checkin(request, pk):
    """An organiser opens check-in before the meeting's first day (recorded in the history)."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    checkin.open_checkin_early(meeting, by=request.user)
    messages.success(request, _("Registrasi ulang dibuka sekarang."))
    return redirect("meetings:checkin_desk", meeting.pk)


@clerk_required
def desk_index(request):
    """Meja Registrasi: choose the meeting (upcoming first, then the latest past ones)."""
    upcoming = list(Meeting.objects.upcoming()[:20])
    past = list(Meeting.objects.past()[:5])
    return render(request, "meetings/checkin/desk_index.html", {"upcoming": upcoming, "past": past})


@clerk_required
def desk(request, pk):
    """The desk of one meeting: search by code or name; htmx swaps only the results in."""
    meeting = _meeting(pk)
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "meeting": meeting,
        "query": query,
        "results": checkin.search(meeting, query),
        "attendance": checkin.attendance(meeting),
        "checkin_open": meeting.checkin_is_open(),
    }
    if request.htmx and request.headers.get("HX-Target") == "hasil":
        return render(request, "meetings/checkin/includes/_results.html", context)
    context["day"] = desk_day(meeting)
    return render(request, "meetings/checkin/desk.html", context)


@clerk_required
def attendance_count(request, pk):
    """Hadir n dari N, alone (polled by the desk so several desks stay in step)."""
    meeting = _meeting(pk)
    return render(
        request,
        "meetings/checkin/includes/_count.html",
        {"meeting": meeting, "attendance": checkin.attendance(meeting)},
    )


@require_POST
@clerk_required
def check_in(request, pk):
    """One tap: check the registration in; a second tap reports the first check-in's time."""
    registration = get_object_or_404(Registration.objects.select_related("meeting", "agency"), pk=pk)
    meeting = registration.meeting
    try:
        registration, newly = checkin.check_in(registration, by=request.user)
    except checkin.CheckInNotOpen as closed:
        notice, level, newly = _not_open_message(closed), "danger", False
    except checkin.CheckInRefused as refused:
        registration, newly = refused.registration, False
        notice = _("Tidak dapat registrasi ulang: status %(status)s.") % {
            "status": registration.get_status_display()
        }
        level = "danger"
    else:
        when = meeting.clock(registration.checked_in_at)
        if newly:
            notice = _("%(name)s tercatat hadir pukul %(time)s.") % {
                "name": registration.full_name,
                "time": when,
            }
            level = "success"
        else:
            notice = _("%(name)s sudah registrasi ulang pukul %(time)s.") % {
                "name": registration.full_name,
                "time": when,
            }
            level = "warning"
    if request.htmx:
        registration = Registration.objects.select_related("agency", "checked_in_by").get(pk=registration.pk)
        return render(
            request,
            "meetings/checkin/includes/_checked_in.html",
            {
                "meeting": meeting,
                "registration": registration,
                "notice": notice,
                "level": level,
                "attendance": checkin.attendance(meeting),
            },
        )
    getattr(messages, {"danger": "error"}.get(level, level))(request, notice)
    return redirect(
        reverse("meetings:checkin_desk", args=[meeting.pk])
        + "?"
        + urlencode({"q": registration.checkin_code})
    )


@clerk_required
def walk_in(request, pk):
    """Peserta tanpa pendaftaran: register a delegate at the door and check them in at once."""
    meeting = _meeting(pk)
    # Invited agencies and the organiser: a bounded list (a national install holds ~20,000 agencies).
    agencies = Agency.objects.filter(
        Q(pk__in=meeting.invitations.active().values("agency_id")) | Q(pk=meeting.organiser_id)
    ).order_by("name")
    form = WalkInForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            registration = checkin.register_walk_in(
                meeting, agency=form.cleaned_data["agency"], by=request.user, **form.person()
            )
        except checkin.CheckInNotOpen as closed:
            messages.error(request, _not_open_message(closed))
            return redirect("meetings:checkin_desk", meeting.pk)
        except DuplicateRegistration as duplicate:
            messages.warning(
                request,
                _("Surel ini sudah terdaftar atas nama %(name)s. Lakukan registrasi ulang di bawah.")
                % {"name": duplicate.registration.full_name},
            )
            code = duplicate.registration.checkin_code
        else:
            messages.success(
                request,
                _("%(name)s didaftarkan dan tercatat hadir.") % {"name": registration.full_name},
            )
            code = registration.checkin_code
        return redirect(reverse("meetings:checkin_desk", args=[meeting.pk]) + "?" + urlencode({"q": code}))
    return render(request, "meetings/checkin/walk_in.html", {"meeting": meeting, "form": form})


# Self check-in -------------------------------------------------------------------------------


@organiser_required
def venue(request, pk):
    """The venue QR code for self check-in, valid for the chosen number of hours from now."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    form = VenueWindowForm(request.GET or None)
    context = {"meeting": meeting, "form": form}
    if form.is_bound and form.is_valid():
        token, until = checkin.window_token(meeting, hours=form.cleaned_data["hours"])
        url = site_url(reverse("meetings:self_checkin", args=[meeting.pk, token]))
        context.update(
            url=url,
            until=meeting.local(until),
            qr=qr_png_data_uri(url, scale=8),
        )
    return render(request, "meetings/checkin/venue.html", context)


@limit_public_posts("self-checkin")
def self_check_in(request, pk, token):
    """A delegate at the venue checks themselves in with their code or manage link."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if not checkin.window_is_valid(meeting, token):
        raise Http404
    form = SelfCheckInForm(request.POST or None)
    context = {"meeting": meeting, "form": form}
    if request.method == "POST" and form.is_valid():
        registration = checkin.find_own_registration(meeting, form.cleaned_data["proof"])
        if registration is None:
            form.add_error("proof", _("Tautan tidak dikenal untuk rapat ini."))
        else:
            try:
                registration, newly = checkin.check_in(registration, by=None)
            except checkin.CheckInNotOpen as closed:
                form.add_error("proof", _not_open_message(closed))
            except checkin.CheckInRefused:
                form.add_error(
                    "proof",
                    _("Pendaftaran Anda berstatus %(status)s. Silakan ke Meja Registrasi.")
                    % {"status": registration.get_status_display()},
                )
            else:
                context.update(
                    registration=registration,
                    newly=newly,
                    time=meeting.clock(registration.checked_in_at),
                )
    return render(request, "meetings/checkin/self_checkin.html", context)
