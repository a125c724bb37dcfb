"""Django admin of the shared documents, for site staff (the files are downloaded through
the project's page, which checks access)."""

from django.contrib import admin

from steps.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "organisation", "step", "content_type", "size"]
    list_filter = ["step", "content_type"]
    list_select_related = ["project", "organisation"]
    search_fields = ["title", "original_name", "project__name"]
    raw_id_fields = ["project", "organisation", "resource", "risk", "action", "uploaded_by"]
    readonly_fields = ["file", "original_name", "content_type", "size", "sha256"]
