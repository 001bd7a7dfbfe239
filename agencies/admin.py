from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from agencies.models import Agency, Membership, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    ordering = ["code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "level", "region", "is_organiser", "updated_at"]
    list_filter = ["level", "is_organiser"]
    search_fields = ["name", "short_name", "region__name", "region__code", "email"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    readonly_fields = ["level", "created_at", "updated_at"]
    # Agency sites are https; also silences Django 6's change-of-default warning.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role", "agency__level"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name", "agency__name"]
    list_select_related = ["user", "agency"]
    autocomplete_fields = ["user", "agency"]
