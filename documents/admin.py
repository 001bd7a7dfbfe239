from django.contrib import admin

from documents.models import IssuedDocument, NumberingRule, NumberSequence


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are issued by the apps that own them, and never edited."""

    list_display = ["title", "kind", "number", "version", "code", "signature_kind", "demo", "issued_at"]
    list_filter = ["kind", "signature_kind", "demo", "public"]
    search_fields = ["title", "number", "code", "sha256", "subject_label"]
    date_hierarchy = "issued_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NumberingRule)
class NumberingRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "issuer_key", "pattern", "blank_number"]
    list_filter = ["kind", "blank_number"]
    search_fields = ["issuer_key", "pattern"]


@admin.register(NumberSequence)
class NumberSequenceAdmin(admin.ModelAdmin):
    """Read-only: only issuing moves a sequence, so numbers have no gaps."""

    list_display = ["kind", "issuer_key", "year", "last"]
    list_filter = ["kind", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
