"""Streaming a delegate's assignment letter (surat tugas) to those allowed to read it.

The letters hold personal data and live in private storage without a URL. Organisers read every
letter of the meetings they see; an agency coordinator reads the letters of the agencies their
Membership covers. Everyone else gets a 404, as if the letter did not exist.
"""

from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.cache import never_cache

from meetings.models import Registration
from rakor.permissions import permission_required

CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def _registration(request, pk):
    """The registration among those of the user's meetings or agencies (others: 404)."""
    user = request.user
    readable = Registration.objects.visible_to(user) | Registration.objects.coordinated_by(user)
    return get_object_or_404(readable.exclude(assignment_letter=""), pk=pk)


@never_cache
@permission_required("meetings.view_assignment_letter", fn=_registration)
def assignment_letter(request, pk):
    """The letter as a download; its type comes from the stored extension (checked at upload)."""
    registration = request.permission_object
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
