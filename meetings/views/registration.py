"""Public registration of delegates through an agency's invitation link, and the delegate's own page.

No account: the invitation token admits the agency's delegates; each registration's manage token
is the delegate's private key to see, edit or cancel it. Unknown and revoked tokens are the same
404. Public POSTs are rate-limited per client IP (rakor/ratelimit.py).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from meetings import snapshots
from meetings.models import Invitation, Registration
from meetings.registration_forms import DelegateForm
from meetings.registration_mail import registration_ics
from meetings.services.certificates import may_have_certificate
from meetings.services.errors import DuplicateRegistration, RegistrationClosed
from meetings.services.registration import (
    cancel_registration,
    register_delegate,
    registration_window,
    resend_manage_link,
    update_delegate,
)
from meetings.services.seats import seats_left
from meetings.views.documents import agenda_rows
from rakor.http import site_url
from rakor.qr import qr_png_data_uri
from rakor.ratelimit import limit_public_posts


def _invitation_or_404(token):
    invitation = (
        Invitation.objects.active()
        .select_related("meeting", "meeting__organiser", "meeting__city", "agency")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation")
    return invitation


def _registration_or_404(manage_token):
    return get_object_or_404(
        Registration.objects.select_related("meeting", "meeting__organiser", "meeting__city", "agency"),
        manage_token=manage_token,
    )


def _closed(request, meeting, window):
    return render(request, "meetings/registration/closed.html", {"meeting": meeting, "window": window})


@require_http_methods(["GET", "POST"])
@limit_public_posts("register")
def register(request, token):
    """The registration form of an invitation: seats left, the delegate's details, the letter and
    the answers to the meeting's registration questions."""
    invitation = _invitation_or_404(token)
    meeting = invitation.meeting
    window = registration_window(meeting)
    if not window.is_open:
        return _closed(request, meeting, window)
    questions = list(meeting.questions.all())
    form = DelegateForm(request.POST or None, request.FILES or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            registration = register_delegate(invitation, answers=form.answers(), **form.person())
        except Invitation.DoesNotExist:
            raise Http404("No such invitation") from None
        except RegistrationClosed:
            return _closed(request, meeting, registration_window(meeting))
        except DuplicateRegistration as duplicate:
            resend_manage_link(duplicate.registration)
            return render(
                request,
                "meetings/registration/exists.html",
                {"meeting": meeting, "email": duplicate.registration.email},
            )
        return redirect(registration.manage_url() + "?baru=1")
    return render(
        request,
        "meetings/registration/form.html",
        {
            "invitation": invitation,
            "meeting": meeting,
            "form": form,
            "seats_left": seats_left(invitation, meeting),
            "meeting_full": meeting.capacity is not None
            and meeting.registrations.holding_seats().count() >= meeting.capacity,
            "window": window,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_public_posts("manage")
def manage(request, manage_token):
    """The delegate's private page: status, QR code, check-in code, calendar; edit the details and
    the answers."""
    registration = _registration_or_404(manage_token)
    form = None
    if registration.is_active and not registration.meeting.has_ended:
        form = DelegateForm(
            request.POST or None,
            request.FILES or None,
            instance=registration,
            letter_required=False,
            questions=list(registration.meeting.questions.all()),
            answers=list(registration.answers.all()),
        )
        if request.method == "POST" and form.is_valid():
            try:
                update_delegate(registration, answers=form.answers(), **form.person())
            except DuplicateRegistration:
                form.add_error("email", DelegateForm.duplicate_email_message)
            else:
                return redirect(registration.manage_url() + "?disimpan=1")
    elif request.method == "POST":
        return redirect(registration.manage_url())
    return render(
        request,
        "meetings/registration/manage.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "form": form,
            "qr": qr_png_data_uri(registration.qr_payload()) if registration.is_active else None,
            "is_new": "baru" in request.GET,
            "saved": "disimpan" in request.GET,
            "manage_link": site_url(registration.manage_url()),
            "has_certificate": may_have_certificate(registration),
            "agenda_rows": _agenda_by_day(registration.meeting),
        },
    )


def _agenda_by_day(meeting):
    """The published agenda's rows, by day, of a meeting held over several days (else none): the
    delegate's page then says which day each item is on."""
    first, last = meeting.local_dates()
    version = meeting.latest_version() if first != last else None
    return agenda_rows(snapshots.public_snapshot(version)) if version else []


@require_http_methods(["GET", "POST"])
@limit_public_posts("manage")
def cancel(request, manage_token):
    """Ask, then cancel the delegate's registration (the seat goes to the agency's waiting list)."""
    registration = _registration_or_404(manage_token)
    if not (registration.is_active and registration.is_editable):
        return redirect(registration.manage_url())  # attendance or a past meeting: nothing to cancel
    if request.method == "POST":
        cancel_registration(registration)
        return redirect(registration.manage_url())
    return render(
        request,
        "meetings/registration/cancel.html",
        {"registration": registration, "meeting": registration.meeting},
    )


def calendar(request, manage_token):
    """The meeting as an .ics file for the delegate's calendar."""
    registration = _registration_or_404(manage_token)
    data = registration_ics(registration.meeting)
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapat-{registration.meeting_id}.ics"'
    return response
