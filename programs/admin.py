from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programs.models import Nomenclature, NomenclatureEdition, Program, Target


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
