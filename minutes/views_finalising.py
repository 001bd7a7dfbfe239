"""Finalising the minutes: the request that queues the job, and the page that follows it.

Organisers finalise (``minutes.finalise``) and follow the job (``minutes.follow_finalising``);
anyone else gets a 404. The job itself runs in the task runner (minutes/finalising.py).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from documents.signing import SigningError
from minutes import finalising, services
from minutes.models import MinutesVersion
from minutes.views import get_minutes
from rakor.permissions import permission_required


def _progress(minutes):
    return redirect(reverse("minutes:finalising", args=[minutes.meeting_id]))


@require_POST
@permission_required("minutes.finalise", fn=get_minutes)
def finalise(request, meeting_pk):
    """Check the minutes and the certificate, queue the job, show its progress (a second request
    while it is queued queues nothing more)."""
    minutes = request.permission_object
    editor = minutes.get_absolute_url()
    try:
        wet_ink = request.POST.get("tanda_tangan_basah") == "1"
        finalising.request_finalisation(minutes, by=request.user, wet_ink=wet_ink)
    except services.MinutesIncomplete as incomplete:
        for reason in incomplete.reasons:
            messages.error(request, reason)
        return redirect(editor + "#finalkan")
    except services.MinutesFinal:
        pass  # finalised meanwhile (a double click): its progress page says done
    except SigningError as error:
        messages.error(request, str(error))
        return redirect(editor + "#finalkan")
    return _progress(minutes)


def _state(minutes):
    if minutes.is_final:
        return "done"
    if minutes.is_finalising or minutes.finalising == minutes.Finalising.FAILED:
        return minutes.finalising
    return "none"


@require_GET
@permission_required("minutes.follow_finalising", fn=get_minutes)
def progress(request, meeting_pk):
    """Where the finalisation job is: queued, running (the page asks again every 2 s), done (the
    PDF and its verification page) or failed (why, and the button to try again)."""
    minutes = request.permission_object
    state = _state(minutes)
    version = None
    if state == "done":
        version = (
            MinutesVersion.objects.defer("snapshot")
            .select_related("document")
            .filter(minutes=minutes, number=minutes.current_version)
            .first()
        )
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "state": state,
        "version": version,
        "reasons": [gettext(line) for line in minutes.finalising_error.splitlines() if line.strip()],
        "stale": finalising.is_stale(minutes),
    }
    template = "minutes/includes/_finalising_state.html" if request.htmx else "minutes/finalising.html"
    return render(request, template, context)
