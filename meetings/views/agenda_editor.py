"""The agenda editor's sessions and items (organisers): add, edit, delete, move up and down."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, UpdateView

from meetings.forms import AgendaItemForm, SessionForm
from meetings.models import AgendaItem, Session
from meetings.services import agenda
from meetings.views.staff import (
    ManageMixin,
    MeetingChildMixin,
    agenda_response,
    agenda_url,
    organiser_required,
)


class SessionCreate(MeetingChildMixin, CreateView):
    form_class = SessionForm
    template_name = "meetings/session_form.html"

    def form_valid(self, form):
        session = agenda.create_session(self.meeting, **form.cleaned_data)
        messages.success(self.request, _("Sesi '%(title)s' ditambahkan.") % {"title": session.title})
        return redirect(agenda_url(self.meeting.pk, f"sesi-{session.pk}"))


class SessionObjectMixin(ManageMixin):
    def get_queryset(self):
        return Session.objects.visible_to(self.request.user).select_related("meeting")

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.object.meeting, **kwargs)


class SessionUpdate(SessionObjectMixin, UpdateView):
    form_class = SessionForm
    template_name = "meetings/session_form.html"

    def form_valid(self, form):
        session = agenda.update_session(self.object, **form.cleaned_data)
        messages.success(self.request, _("Sesi '%(title)s' disimpan.") % {"title": session.title})
        return redirect(agenda_url(session.meeting_id, f"sesi-{session.pk}"))


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
        return redirect(agenda_url(meeting_id))


@require_POST
@organiser_required
def session_move(request, pk):
    session = get_object_or_404(Session.objects.visible_to(request.user), pk=pk)
    agenda.move_session(session, request.POST.get("direction"))
    return agenda_response(request, session.meeting_id, f"sesi-{session.pk}")


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
        return redirect(agenda_url(self.meeting.pk, f"acara-{item.pk}"))


class ItemObjectMixin(ManageMixin):
    def get_queryset(self):
        return AgendaItem.objects.visible_to(self.request.user).select_related(
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
        return redirect(agenda_url(item.session.meeting_id, f"acara-{item.pk}"))


class ItemDelete(ItemObjectMixin, DeleteView):
    template_name = "meetings/confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=_("mata acara"), **kwargs)

    def form_valid(self, form):
        meeting_id, title = self.object.session.meeting_id, self.object.title
        agenda.delete_agenda_item(self.object)
        messages.success(self.request, _("Mata acara '%(title)s' dihapus.") % {"title": title})
        return redirect(agenda_url(meeting_id))


@require_POST
@organiser_required
def item_move(request, pk):
    """Up/down in the editor: an htmx swap of the agenda, or a full-page round trip without JS."""
    item = get_object_or_404(
        AgendaItem.objects.visible_to(request.user).select_related("session"),
        pk=pk,
    )
    agenda.move_item(item, request.POST.get("direction"))
    return agenda_response(request, item.session.meeting_id, f"acara-{item.pk}")
