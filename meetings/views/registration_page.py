"""Organisers' page of one registration: the delegate's details, status, letter, certificate and
the history of its changes (status, swaps, check-in), in the meeting's time zone."""

from django.shortcuts import get_object_or_404, render

from meetings.history import registration_history
from meetings.models import Registration
from meetings.views.staff import organiser_required


@organiser_required
def registration_detail(request, pk):
    registration = get_object_or_404(
        Registration.objects.visible_to(request.user).select_related(
            "meeting", "agency", "invitation", "registered_by", "checked_in_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "meetings/invitations/registration_detail.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "history": registration_history(registration),
            "Status": Registration.Status,
        },
    )
