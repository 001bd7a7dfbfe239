from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programs.models import (
    Agreement,
    Aspiration,
    Nomenclature,
    NomenclatureEdition,
    Program,
    Realization,
    Target,
)


@admin.register(NomenclatureEdition)
class NomenclatureEditionAdmin(admin.ModelAdmin):
    list_display = ["regulation", "year"]
    list_filter = ["year"]
    search_fields = ["regulation"]


@admin.register(Nomenclature)
class NomenclatureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "authority", "unverified", "edition"]
    list_filter = ["edition", "level", "authority", "unverified"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "fiscal_year", "level", "agency", "budget"]
    list_filter = ["fiscal_year", "level", "funding_source"]
    search_fields = ["name"]
    raw_id_fields = ["agency", "nomenclature", "parent"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "value", "unit", "program"]
    list_filter = ["program__fiscal_year", "program__level"]
    search_fields = ["indicator", "program__name"]
    raw_id_fields = ["program", "parent"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    """Read-only: a signed agreement is frozen (programs.agreements)."""

    list_display = ["agency", "fiscal_year", "meeting", "signatory_name", "signed_at"]
    list_filter = ["fiscal_year"]
    search_fields = ["agency__name", "signatory_name", "meeting__title"]
    readonly_fields = [f.name for f in Agreement._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Realization)
class RealizationAdmin(SimpleHistoryAdmin):
    list_display = ["target", "period", "value", "budget_spent", "reported_at"]
    list_filter = ["period", "target__program__fiscal_year"]
    search_fields = ["target__indicator", "target__program__agency__name"]
    raw_id_fields = ["target", "reported_by"]


@admin.register(Aspiration)
class AspirationAdmin(SimpleHistoryAdmin):
    list_display = ["village", "field", "status", "meeting", "created_at"]
    list_filter = ["status", "field"]
    search_fields = ["text", "village__name"]
    raw_id_fields = ["meeting", "village", "recorded_by"]
    filter_horizontal = ["programs"]
