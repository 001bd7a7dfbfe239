"""Organisers' meeting pages: list, create, edit, the overview with the agenda editor, clone, publish.

Everyone else gets a 404 (the pages do not exist for them); anonymous users go to the login page.
The agenda editor's sessions and items are in views/agenda_editor.py, materials in views/materials.py.
"""

from django.contrib import messages
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from meetings.editor import build_editor
from meetings.forms import CloneForm, MeetingFilterForm, MeetingForm
from meetings.history import meeting_history
from meetings.models import AgendaVersion, Material, Meeting
from meetings.services import agenda
from rakor.http import query_without
from rakor.permissions import PermissionRequiredMixin, permission_required

organiser_required = permission_required("meetings.manage")


class ManageMixin(PermissionRequiredMixin):
    """Organisers' pages of meetings."""

    permission_required = "meetings.manage"


def agenda_url(meeting_id, anchor="agenda"):
    return reverse("meetings:staff_detail", args=[meeting_id]) + f"#{anchor}"


def agenda_response(request, meeting_id, anchor="agenda"):
    """The editor partial for an htmx request, otherwise a redirect back to the editor."""
    if request.htmx:
        meeting = get_object_or_404(Meeting.objects.visible_to(request.user).with_agenda(), pk=meeting_id)
        return render(
            request, "meetings/includes/_agenda.html", {"meeting": meeting, "editor": build_editor(meeting)}
        )
    return redirect(agenda_url(meeting_id, anchor))


class MeetingChildMixin(ManageMixin):
    """A form for something that belongs to the meeting named by the URL's pk."""

    def get_permission_object(self):
        self.meeting = get_object_or_404(Meeting.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        return self.meeting

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)


class MeetingList(ManageMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = MeetingFilterForm(self.request.GET or None)
        self.tab = "lampau" if self.request.GET.get("tab") == "lampau" else "mendatang"
        meetings = Meeting.objects.visible_to(self.request.user)
        meetings = meetings.past() if self.tab == "lampau" else meetings.upcoming()
        if self.filter_form.is_valid():
            if year := self.filter_form.cleaned_data["tahun"]:
                meetings = meetings.filter(start__year=year)
            if kind := self.filter_form.cleaned_data["jenis"]:
                meetings = meetings.filter(kind=kind)
        return meetings.select_related("organiser", "city").annotate(
            item_count=Count("sessions__items", distinct=True),
            version_number=Max("agenda_versions__number"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter_form=self.filter_form,
            tab=self.tab,
            query_string=query_without(self.request, "page"),
            tab_query=query_without(self.request, "page", "tab"),
        )
        return context


class MeetingCreate(ManageMixin, CreateView):
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def form_valid(self, form):
        self.object = agenda.create_meeting(**form.cleaned_data)
        messages.success(self.request, _("Rapat dibuat sebagai draf. Susun agendanya di bawah."))
        return redirect(self.object)


class MeetingUpdate(ManageMixin, UpdateView):
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user)

    def form_valid(self, form):
        fields = dict(form.cleaned_data)
        shift = fields.pop("shift_agenda", False)
        self.object = agenda.update_meeting(self.object, shift_agenda=shift, **fields)
        messages.success(self.request, _("Data rapat disimpan."))
        return redirect(self.object)


class MeetingDetail(ManageMixin, DetailView):
    """The staff overview: the meeting, the agenda editor, published versions, materials."""

    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).with_agenda()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        versions = list(
            AgendaVersion.objects.filter(meeting=meeting)
            .defer("snapshot")  # the list shows number, date and changes, never the snapshot
            .select_related("published_by")
            .prefetch_related("changes")
            .order_by("-number")
        )
        materials = Material.objects.filter(meeting=meeting).select_related("agenda_item", "uploaded_by")
        context.update(
            editor=build_editor(meeting),
            versions=versions,
            latest_version=versions[0] if versions else None,
            materials=list(materials.order_by("title", "pk")),
            history=meeting_history(meeting),
        )
        return context


class MeetingClone(MeetingChildMixin, FormView):
    form_class = CloneForm
    template_name = "meetings/clone_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        clone = agenda.clone_meeting(self.meeting, start=form.start())
        messages.success(
            self.request,
            _(
                "Rapat disalin sebagai draf: sesi dan mata acara sudah digeser ke tanggal baru. "
                "Periksa lalu terbitkan."
            ),
        )
        return redirect(clone)


@require_POST
@organiser_required
def publish(request, pk):
    """ "Terbitkan": freeze the current agenda as the public version."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    previous = meeting.latest_version()
    version = agenda.publish_agenda(meeting, user=request.user)
    if previous is not None and version.pk == previous.pk:
        messages.info(request, _("Tidak ada perubahan sejak versi %(number)s.") % {"number": version.number})
    else:
        messages.success(
            request,
            _("Agenda versi %(number)s diterbitkan dan tampil di halaman publik.")
            % {"number": version.number},
        )
    return redirect(agenda_url(meeting.pk, "versi"))
