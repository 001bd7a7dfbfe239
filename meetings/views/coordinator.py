"""Agency coordinators (Koordinator OPD): their agencies' invitations and delegates.

A coordinator sees only the invitations of agencies they are a member of (agencies.Membership);
anything else is a 404. They add delegates within the quota (beyond it: waiting list), substitute
one person for another (the seat stays) and cancel (the next on the waiting list moves up).
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Invitation, Registration
from meetings.registration_forms import DelegateForm
from meetings.services.errors import DuplicateRegistration, NotAllowed, RegistrationClosed
from meetings.services.registration import cancel_registration, register_delegate, substitute_delegate
from rakor.http import site_url
from rakor.permissions import permission_required

coordinator_required = permission_required("meetings.coordinate")


def _invitation(user, pk):
    """The invitation with counts and its delegates (waiting list in promotion order): two queries."""
    delegates = Registration.objects.select_related("meeting").order_by("created_at", "pk")
    queryset = (
        Invitation.objects.coordinated_by(user).active().sent()
        .select_related("meeting", "agency")
        .with_counts()
        .prefetch_related(Prefetch("registrations", delegates, to_attr="delegates"))
    )
    return get_object_or_404(queryset, pk=pk)


def closed_message(error):
    if error.opens:
        return _("Pendaftaran dibuka %(when)s.") % {"when": date_format(error.opens, "j F Y H.i")}
    return _("Pendaftaran sudah ditutup.")


@coordinator_required
def invitation_list(request):
    """Undangan untuk instansi Anda: each invitation with its quota and delegates' figures."""
    invitations = list(
        Invitation.objects.coordinated_by(request.user).active().sent()
        .select_related("meeting", "agency")
        .with_counts()
        .order_by("-meeting__start", "agency__name")
    )
    return render(request, "meetings/coordinator/invitation_list.html", {"invitations": invitations})


@coordinator_required
def invitation_detail(request, pk):
    """One invitation: the delegates (active, waiting, cancelled) and the form to add one."""
    invitation = _invitation(request.user, pk)
    form = DelegateForm(
        request.POST or None,
        request.FILES or None,
        letter_required=False,
        questions=list(invitation.meeting.questions.all()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = register_delegate(
                invitation, registered_by=request.user, answers=form.answers(), **form.person()
            )
        except RegistrationClosed as closed:
            messages.error(request, closed_message(closed))
        except DuplicateRegistration:
            form.add_error("email", DelegateForm.duplicate_email_message)
        else:
            if registration.status == Registration.Status.WAITLISTED:
                messages.warning(
                    request,
                    _("Kuota sudah penuh: %(name)s masuk Daftar Tunggu.") % {"name": registration.full_name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s didaftarkan (%(status)s).")
                    % {"name": registration.full_name, "status": registration.get_status_display()},
                )
            return redirect("meetings:coordinator_invitation", invitation.pk)
    return render(
        request,
        "meetings/coordinator/invitation_detail.html",
        {
            "invitation": invitation,
            "registration_link": site_url(invitation.registration_url()),
            "meeting": invitation.meeting,
            "form": form,
            "seated": [d for d in invitation.delegates if d.holds_seat],
            "waiting": sorted(
                (d for d in invitation.delegates if d.status == Registration.Status.WAITLISTED),
                key=lambda d: (d.waitlisted_at or d.created_at, d.pk),
            ),
            "inactive": [d for d in invitation.delegates if not d.is_active],
        },
    )


def _registration(request, pk):
    return get_object_or_404(
        Registration.objects.coordinated_by(request.user)
        .filter(invitation__revoked_at__isnull=True, invitation__sent_at__isnull=False)
        .select_related("meeting", "agency", "invitation"),
        pk=pk,
    )


registration_change_required = permission_required("meetings.change_registration", fn=_registration)


@require_POST
@registration_change_required
def cancel(request, pk):
    """Batalkan: the delegate's seat goes to the first on the agency's waiting list."""
    registration = request.permission_object
    try:
        promoted = cancel_registration(registration, by=request.user)
    except NotAllowed:
        messages.warning(request, _("Pendaftaran ini sudah dibatalkan atau ditolak."))
    else:
        message = _("Pendaftaran %(name)s dibatalkan.") % {"name": registration.full_name}
        if promoted is not None:
            message += " " + _("%(name)s dari daftar tunggu kini menjadi peserta.") % {
                "name": promoted.full_name
            }
        messages.success(request, message)
    return redirect("meetings:coordinator_invitation", registration.invitation_id)


@registration_change_required
def substitute(request, pk):
    """Ganti Peserta: another person takes this delegate's seat (and answers the questions anew)."""
    registration = request.permission_object
    if not registration.is_active:
        raise Http404
    form = DelegateForm(
        request.POST or None,
        request.FILES or None,
        letter_required=False,
        questions=list(registration.meeting.questions.all()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = substitute_delegate(
                registration, registered_by=request.user, answers=form.answers(), **form.person()
            )
        except DuplicateRegistration:
            form.add_error("email", DelegateForm.duplicate_email_message)
        except NotAllowed:
            messages.warning(request, _("Pendaftaran ini sudah dibatalkan atau ditolak."))
            return redirect("meetings:coordinator_invitation", registration.invitation_id)
        else:
            messages.success(
                request,
                _("%(old)s diganti oleh %(new)s.") % {"old": registration.full_name, "new": new.full_name},
            )
            return redirect("meetings:coordinator_invitation", registration.invitation_id)
    return render(
        request,
        "meetings/coordinator/substitute_form.html",
        {"registration": registration, "meeting": registration.meeting, "form": form},
    )
