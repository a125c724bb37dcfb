"""Django admin of the diagnostic part."""

from django.contrib import admin

from steps.models import DiagnosticVerdict


@admin.register(DiagnosticVerdict)
class DiagnosticVerdictAdmin(admin.ModelAdmin):
    list_display = ["item_code", "project", "verdict", "importance", "status", "confirmed_at"]
    list_filter = ["verdict", "importance", "status"]
    search_fields = ["item_code", "note", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["confirmed_by"]
