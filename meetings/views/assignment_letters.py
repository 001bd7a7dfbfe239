"""Streaming a delegate's assignment letter (surat tugas) to those allowed to read it.

The letters hold personal data and live in private storage without a URL. Organisers read every
letter of the meetings they see; an agency coordinator reads the letters of the agencies their
Membership covers. Everyone else gets a 404, as if the letter did not exist.
"""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from agencies.models import Membership
from meetings.models import Meeting, Registration
from rakor import roles

CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def letters_for(user):
    """Registrations whose assignment letter ``user`` may read."""
    if roles.is_organiser(user):
        return Registration.objects.filter(meeting__in=Meeting.objects.visible_to(user))
    if roles.is_coordinator(user):
        return Registration.objects.filter(
            agency__in=Membership.objects.filter(user=user).values("agency_id")
        )
    return Registration.objects.none()


@login_required
def assignment_letter(request, pk):
    """The letter as a download; its type comes from the stored extension (checked at upload)."""
    registration = get_object_or_404(letters_for(request.user).exclude(assignment_letter=""), pk=pk)
    suffix = Path(registration.assignment_letter.name).suffix.lower()
    content_type = CONTENT_TYPES.get(suffix)
    if content_type is None:
        raise Http404  # upload validation only stores these three kinds
    try:
        handle = registration.assignment_letter.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"surat-tugas-{slugify(registration.full_name)[:60] or registration.pk}{suffix}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
