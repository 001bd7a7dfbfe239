"""Organisers' pages: meetings, the agenda editor, publishing, cloning, materials.

Everyone else gets a 404 (the pages do not exist for them); anonymous users go to the login page.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Max, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, UpdateView

from meetings.editor import build_editor
from meetings.forms import (
    AgendaItemForm,
    CloneForm,
    MaterialForm,
    MeetingFilterForm,
    MeetingForm,
    SessionForm,
)
from meetings.history import meeting_history
from meetings.models import AgendaItem, AgendaVersion, Material, Meeting, Session
from meetings.services import agenda
from rakor import roles


class OrganiserRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.is_organiser(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


organiser_required = roles.role_required(roles.is_organiser)


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def meetings_for(user):
    return Meeting.objects.visible_to(user)


def meeting_with_agenda(user, pk):
    """The meeting with its sessions and items (and speakers' agencies): four queries."""
    queryset = (
        meetings_for(user)
        .select_related("organiser", "city")
        .prefetch_related(
            Prefetch(
                "sessions",
                Session.objects.order_by("order", "pk").prefetch_related(
                    Prefetch(
                        "items",
                        AgendaItem.objects.select_related("speaker_agency").order_by("order", "start", "pk"),
                    )
                ),
            )
        )
    )
    return get_object_or_404(queryset, pk=pk)


def _agenda_url(meeting_id, anchor="agenda"):
    return reverse("meetings:staff_detail", args=[meeting_id]) + f"#{anchor}"


def _agenda_response(request, meeting_id, anchor="agenda"):
    """The editor partial for an htmx request, otherwise a redirect back to the editor."""
    if _is_htmx(request):
        meeting = meeting_with_agenda(request.user, meeting_id)
        return render(
            request, "meetings/includes/_agenda.html", {"meeting": meeting, "editor": build_editor(meeting)}
        )
    return redirect(_agenda_url(meeting_id, anchor))


# Meetings ------------------------------------------------------------------------------------


class MeetingList(OrganiserRequiredMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = MeetingFilterForm(self.request.GET or None)
        self.tab = "lampau" if self.request.GET.get("tab") == "lampau" else "mendatang"
        meetings = meetings_for(self.request.user)
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
        query = self.request.GET.copy()
        query.pop("page", None)
        tab_query = query.copy()
        tab_query.pop("tab", None)
        context.update(
            filter_form=self.filter_form,
            tab=self.tab,
            query_string=query.urlencode(),
            tab_query=tab_query.urlencode(),
        )
        return context


class MeetingCreate(OrganiserRequiredMixin, CreateView):
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def form_valid(self, form):
        self.object = agenda.create_meeting(**form.cleaned_data)
        messages.success(self.request, _("Rapat dibuat sebagai draf. Susun agendanya di bawah."))
        return redirect(self.object)


class MeetingUpdate(OrganiserRequiredMixin, UpdateView):
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"

    def get_queryset(self):
        return meetings_for(self.request.user)

    def form_valid(self, form):
        self.object = agenda.update_meeting(self.object, **form.cleaned_data)
        messages.success(self.request, _("Data rapat disimpan."))
        return redirect(self.object)


class MeetingDetail(OrganiserRequiredMixin, DetailView):
    """The staff overview: the meeting, the agenda editor, published versions, materials."""

    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return meeting_with_agenda(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        versions = list(
            AgendaVersion.objects.filter(meeting=meeting)
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


class MeetingClone(OrganiserRequiredMixin, FormView):
    form_class = CloneForm
    template_name = "meetings/clone_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and roles.is_organiser(request.user):
            self.meeting = get_object_or_404(meetings_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

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
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
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
    return redirect(_agenda_url(meeting.pk, "versi"))


# Sessions ------------------------------------------------------------------------------------


class MeetingChildMixin(OrganiserRequiredMixin):
    """A form for something that belongs to the meeting named by the URL's pk."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and roles.is_organiser(request.user):
            self.meeting = get_object_or_404(meetings_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)


class SessionCreate(MeetingChildMixin, CreateView):
    form_class = SessionForm
    template_name = "meetings/session_form.html"

    def form_valid(self, form):
        session = agenda.create_session(self.meeting, **form.cleaned_data)
        messages.success(self.request, _("Sesi '%(title)s' ditambahkan.") % {"title": session.title})
        return redirect(_agenda_url(self.meeting.pk, f"sesi-{session.pk}"))


class SessionObjectMixin(OrganiserRequiredMixin):
    def get_queryset(self):
        return Session.objects.filter(meeting__in=meetings_for(self.request.user)).select_related("meeting")

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.object.meeting, **kwargs)


class SessionUpdate(SessionObjectMixin, UpdateView):
    form_class = SessionForm
    template_name = "meetings/session_form.html"

    def form_valid(self, form):
        session = agenda.update_session(self.object, **form.cleaned_data)
        messages.success(self.request, _("Sesi '%(title)s' disimpan.") % {"title": session.title})
        return redirect(_agenda_url(session.meeting_id, f"sesi-{session.pk}"))


class SessionDelete(SessionObjectMixin, DeleteView):
    template_name = "meetings/confirm_delete.html"

    def get_context_data(self, **kwargs):
        count = self.object.items.count()
        warning = _("Sesi ini beserta %(count)s mata acaranya akan dihapus.") % {"count": count}
        return super().get_context_data(kind=_("sesi"), warning=warning, **kwargs)

    def form_valid(self, form):
        meeting_id, title = self.object.meeting_id, self.object.title
        agenda.delete_session(self.object)
        messages.success(self.request, _("Sesi '%(title)s' dihapus.") % {"title": title})
        return redirect(_agenda_url(meeting_id))


@require_POST
@organiser_required
def session_move(request, pk):
    session = get_object_or_404(Session.objects.filter(meeting__in=meetings_for(request.user)), pk=pk)
    agenda.move_session(session, request.POST.get("direction"))
    return _agenda_response(request, session.meeting_id, f"sesi-{session.pk}")


# Agenda items --------------------------------------------------------------------------------


class ItemCreate(MeetingChildMixin, CreateView):
    form_class = AgendaItemForm
    template_name = "meetings/item_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_initial(self):
        """The chosen session, starting where its last item ends (or when the meeting starts)."""
        sessions = self.meeting.sessions.order_by("order", "pk")
        session = sessions.filter(pk=self.request.GET.get("sesi") or 0).first() or sessions.first()
        last = session.items.order_by("-end").first() if session else None
        start = last.end if last else self.meeting.start
        return {"session": session, "start": start, "end": start + timedelta(minutes=30)}

    def get(self, request, *args, **kwargs):
        if not self.meeting.sessions.exists():
            messages.warning(request, _("Tambahkan sesi terlebih dahulu, misalnya 'Sesi Pleno I'."))
            return redirect("meetings:session_create", self.meeting.pk)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        item = agenda.add_agenda_item(data.pop("session"), **data)
        messages.success(self.request, _("Mata acara '%(title)s' ditambahkan.") % {"title": item.title})
        if "tambah_lagi" in self.request.POST:
            return redirect(
                reverse("meetings:item_create", args=[self.meeting.pk]) + f"?sesi={item.session_id}"
            )
        return redirect(_agenda_url(self.meeting.pk, f"acara-{item.pk}"))


class ItemObjectMixin(OrganiserRequiredMixin):
    def get_queryset(self):
        return AgendaItem.objects.filter(session__meeting__in=meetings_for(self.request.user)).select_related(
            "session__meeting"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.object.session.meeting, **kwargs)


class ItemUpdate(ItemObjectMixin, UpdateView):
    form_class = AgendaItemForm
    template_name = "meetings/item_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.object.session.meeting}

    def form_valid(self, form):
        item = agenda.update_agenda_item(self.object, **form.cleaned_data)
        messages.success(self.request, _("Mata acara '%(title)s' disimpan.") % {"title": item.title})
        return redirect(_agenda_url(item.session.meeting_id, f"acara-{item.pk}"))


class ItemDelete(ItemObjectMixin, DeleteView):
    template_name = "meetings/confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=_("mata acara"), **kwargs)

    def form_valid(self, form):
        meeting_id, title = self.object.session.meeting_id, self.object.title
        agenda.delete_agenda_item(self.object)
        messages.success(self.request, _("Mata acara '%(title)s' dihapus.") % {"title": title})
        return redirect(_agenda_url(meeting_id))


@require_POST
@organiser_required
def item_move(request, pk):
    """Up/down in the editor: an htmx swap of the agenda, or a full-page round trip without JS."""
    item = get_object_or_404(
        AgendaItem.objects.filter(session__meeting__in=meetings_for(request.user)).select_related("session"),
        pk=pk,
    )
    agenda.move_item(item, request.POST.get("direction"))
    return _agenda_response(request, item.session.meeting_id, f"acara-{item.pk}")


# Materials -----------------------------------------------------------------------------------


class MaterialCreate(MeetingChildMixin, CreateView):
    form_class = MaterialForm
    template_name = "meetings/material_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        material = agenda.add_material(self.meeting, user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Bahan '%(title)s' ditambahkan.") % {"title": material.title})
        return redirect(_agenda_url(self.meeting.pk, "bahan"))


class MaterialDelete(OrganiserRequiredMixin, DeleteView):
    template_name = "meetings/confirm_delete.html"

    def get_queryset(self):
        return Material.objects.filter(meeting__in=meetings_for(self.request.user)).select_related("meeting")

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=_("bahan"), meeting=self.object.meeting, **kwargs)

    def form_valid(self, form):
        meeting_id, title = self.object.meeting_id, self.object.title
        agenda.delete_material(self.object)
        messages.success(self.request, _("Bahan '%(title)s' dihapus.") % {"title": title})
        return redirect(_agenda_url(meeting_id, "bahan"))


@organiser_required
def material_download(request, pk):
    """Staff download of any material (public or internal), under its original file name."""
    material = get_object_or_404(Material.objects.filter(meeting__in=meetings_for(request.user)), pk=pk)
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
