from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import AgendaChange, AgendaItem, AgendaVersion, Material, Meeting, Session


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
