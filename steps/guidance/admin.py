"""Django admin of the inspiring cases: a host edits the built-in cases and adds its own."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from steps.models import InspiringCase


@admin.register(InspiringCase)
class InspiringCaseAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "resource_type", "source", "year", "published", "order"]
    list_editable = ["published", "order"]
    list_filter = ["published", "resource_type", "source", "year"]
    search_fields = ["title_fr", "title_en", "who_fr", "pooled_fr", "lessons_fr", "source"]
    fieldsets = [
        (None, {"fields": ["resource_type", "published", "order"]}),
        (
            _("En français"),
            {"fields": ["title_fr", "who_fr", "pooled_fr", "form_fr", "lessons_fr"]},
        ),
        (
            _("En anglais (facultatif)"),
            {"fields": ["title_en", "who_en", "pooled_en", "form_en", "lessons_en"]},
        ),
        (_("Source"), {"fields": ["source", "year", "url"]}),
    ]
