from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    AgendaChange,
    AgendaItem,
    AgendaVersion,
    Invitation,
    Material,
    Meeting,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    Session,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "start", "organiser", "fiscal_year", "status"]
    list_filter = ["kind", "status", "fiscal_year"]
    search_fields = ["title", "theme", "venue"]
    date_hierarchy = "start"
    list_select_related = ["organiser"]
    raw_id_fields = ["organiser", "city"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "kind", "room", "order"]
    list_filter = ["kind"]
    search_fields = ["title", "meeting__title"]
    list_select_related = ["meeting"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "session", "start", "end", "kind", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "speaker_name", "session__meeting__title"]
    list_select_related = ["session"]
    raw_id_fields = ["session", "speaker_agency"]


class AgendaChangeInline(admin.TabularInline):
    model = AgendaChange
    extra = 0


@admin.register(AgendaVersion)
class AgendaVersionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "published_at", "published_by"]
    list_filter = ["published_at"]
    search_fields = ["meeting__title"]
    list_select_related = ["meeting", "published_by"]
    inlines = [AgendaChangeInline]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "is_public", "created_at"]
    list_filter = ["is_public"]
    search_fields = ["title", "original_name", "meeting__title"]
    list_select_related = ["meeting"]
    raw_id_fields = ["meeting", "agenda_item", "uploaded_by"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "meeting", "quota", "sent_at", "revoked_at"]
    list_filter = ["meeting__fiscal_year", "agency__level", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["agency__name", "agency__short_name", "meeting__title"]
    list_select_related = ["agency", "meeting"]
    raw_id_fields = ["meeting", "agency"]
    readonly_fields = ["created_at", "send_error"]


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "agency", "meeting", "status", "checkin_code", "checked_in_at"]
    list_filter = ["status", "meeting__fiscal_year", ("checked_in_at", admin.EmptyFieldListFilter)]
    search_fields = ["full_name", "email", "nip", "checkin_code", "agency__name", "meeting__title"]
    list_select_related = ["agency", "meeting"]
    raw_id_fields = ["meeting", "invitation", "agency", "registered_by", "checked_in_by"]
    # The letter lives in private storage without a URL: show its stored path and the view that
    # streams it to those allowed; replacing it goes through the delegate's or coordinator's form.
    exclude = ["assignment_letter"]
    readonly_fields = [
        "checkin_code",
        "assignment_letter_path",
        "assignment_letter_type",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("surat tugas"))
    def assignment_letter_path(self, registration):
        if not registration.assignment_letter:
            return "—"
        return format_html(
            '{} (<a href="{}">{}</a>)',
            registration.assignment_letter.name,
            reverse("meetings:assignment_letter", args=[registration.pk]),
            _("unduh"),
        )


@admin.register(RegistrationQuestion)
class RegistrationQuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "meeting", "kind", "required", "order"]
    list_filter = ["kind", "required"]
    search_fields = ["label", "meeting__title"]
    list_select_related = ["meeting"]
    raw_id_fields = ["meeting"]


@admin.register(RegistrationAnswer)
class RegistrationAnswerAdmin(admin.ModelAdmin):
    list_display = ["registration", "question", "value"]
    list_filter = ["question__kind"]
    search_fields = ["value", "registration__full_name", "question__label"]
    list_select_related = ["registration", "question"]
    raw_id_fields = ["registration", "question"]
    # Like the assignment letter: the file lives in private storage without a URL.
    exclude = ["file"]
    readonly_fields = ["file_path", "file_type"]

    @admin.display(description=_("berkas"))
    def file_path(self, answer):
        if not answer.file:
            return "—"
        return format_html(
            '{} (<a href="{}">{}</a>)',
            answer.file.name,
            reverse("meetings:answer_file", args=[answer.registration_id, answer.question_id]),
            _("unduh"),
        )
