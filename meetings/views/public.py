"""Public pages of a published meeting (no login): the meeting, its agenda, its public materials.

The agenda shown is always the latest published AgendaVersion's snapshot with internal items
dropped; the live, editable rows are never read here. Unpublished meetings are 404.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from documents.models import IssuedDocument
from meetings import snapshots
from meetings.models import AgendaChange, Material, Meeting
from meetings.snapshots import build_snapshot, for_display
from meetings.views.documents import agenda_rows


def public_materials():
    """Public materials whose agenda item, if any, is public too."""
    return Material.objects.filter(is_public=True).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)
    )


class PublicMeetingMixin:
    """A published meeting with its latest published agenda (``display``), or 404."""

    context_object_name = "meeting_obj"

    def get_queryset(self):
        return Meeting.objects.published().select_related("organiser", "city")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        version = meeting.latest_version()
        if version is not None:
            display = snapshots.public_snapshot(version)
        else:
            # Published without an agenda yet: show the meeting itself, with no items.
            display = {**for_display(build_snapshot(meeting)), "sessions": []}
        context.update(
            version=version,
            display=display,
            meeting=display["meeting"],
            organiser=meeting.organiser,
            rows=agenda_rows(display) if version is not None else [],
            same_day=display["meeting"]["start"].date() == display["meeting"]["end"].date(),
        )
        return context


class MeetingPublicView(PublicMeetingMixin, DetailView):
    """What, when, where, the theme, the organiser, how to register, public materials, links."""

    template_name = "meetings/public/meeting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        materials = public_materials().filter(meeting=self.object).select_related("agenda_item")
        context["materials"] = list(materials.order_by("title", "pk"))
        context["notula"] = published_notula(self.object)
        return context


def published_notula(meeting):
    """The latest notula of the meeting its organiser made public, or None.

    The minutes app issues the notula with the Meeting as its subject, so this reads documents only
    (meetings never imports minutes).
    """
    return (
        IssuedDocument.objects.filter(
            kind=IssuedDocument.Kind.NOTULA,
            public=True,
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=meeting.pk,
        )
        .order_by("-version")
        .first()
    )


class AgendaPublicView(PublicMeetingMixin, DetailView):
    """The published agenda, phone-readable and printable, with the public change log."""

    template_name = "meetings/public/agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Version 1 is the first publication, not a change; internal-only changes stay with staff.
        context["changes"] = list(
            AgendaChange.objects.filter(version__meeting=self.object, version__number__gt=1, is_public=True)
            .select_related("version")
            .order_by("-version__number", "order", "pk")
        )
        return context


def material_download(request, pk, material_pk):
    """A public material of a published meeting: the file, or a redirect to its link; else 404."""
    material = get_object_or_404(
        public_materials().filter(meeting__status=Meeting.Status.PUBLISHED), pk=material_pk, meeting_id=pk
    )
    if material.is_link:
        return HttpResponseRedirect(material.url)
    filename = material.original_name or material.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=material.content_type or None,
    )
