"""Django admin of the checklist's ticks, for site staff."""

from django.contrib import admin

from steps.models import ChecklistEntry


@admin.register(ChecklistEntry)
class ChecklistEntryAdmin(admin.ModelAdmin):
    list_display = ["project", "code", "checked", "updated_by", "updated_at"]
    list_filter = ["checked"]
    list_select_related = ["project", "updated_by"]
    search_fields = ["project__name", "code", "note"]
    raw_id_fields = ["project", "updated_by"]
