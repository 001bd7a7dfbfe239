"""Materials of a meeting (organisers): add, delete, download any (public or internal)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView

from meetings.forms import MaterialForm
from meetings.models import Material
from meetings.services import materials
from meetings.views.staff import ManageMixin, MeetingChildMixin, agenda_url, organiser_required


class MaterialCreate(MeetingChildMixin, CreateView):
    form_class = MaterialForm
    template_name = "meetings/material_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        material = materials.add_material(self.meeting, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Bahan '%(title)s' ditambahkan.") % {"title": material.title})
        return redirect(agenda_url(self.meeting.pk, "bahan"))


class MaterialDelete(ManageMixin, DeleteView):
    template_name = "meetings/confirm_delete.html"

    def get_queryset(self):
        return Material.objects.visible_to(self.request.user).select_related("meeting")

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=_("bahan"), meeting=self.object.meeting, **kwargs)

    def form_valid(self, form):
        meeting_id, title = self.object.meeting_id, self.object.title
        materials.delete_material(self.object)
        messages.success(self.request, _("Bahan '%(title)s' dihapus.") % {"title": title})
        return redirect(agenda_url(meeting_id, "bahan"))


@organiser_required
def material_download(request, pk):
    """Staff download of any material (public or internal), under its original file name."""
    material = get_object_or_404(Material.objects.visible_to(request.user), pk=pk)
    if material.is_link:
        return redirect(material.url)
    if not material.file:
        raise Http404
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.original_name or material.file.name.rsplit("/", 1)[-1],
        content_type=material.content_type or "application/octet-stream",
    )
