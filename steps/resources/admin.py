"""Django admin of the resources part."""

from django.contrib import admin

from steps.models import Commitment, PooledResource, UsageRecord


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(PooledResource)
class PooledResourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "project",
        "resource_type",
        "responsible_organisation",
        "usage_unit",
        "alternative_price_per_use",
        "updated_at",
    ]
    list_filter = ["resource_type", "project"]
    search_fields = ["name", "project__name", "responsible_organisation__name", "notes"]
    list_select_related = ["project", "responsible_organisation"]
    autocomplete_fields = ["responsible_organisation"]
    inlines = [CommitmentInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["resource", "organisation", "planned_uses_per_year", "custom_weight"]
    list_filter = ["resource__project"]
    search_fields = ["resource__name", "organisation__name"]
    list_select_related = ["resource", "organisation"]


@admin.register(UsageRecord)
class UsageRecordAdmin(admin.ModelAdmin):
    list_display = ["resource", "organisation", "date", "uses", "units", "recorded_by"]
    list_filter = ["resource__project", "date"]
    search_fields = ["resource__name", "organisation__name", "note"]
    list_select_related = ["resource", "organisation", "recorded_by"]
    date_hierarchy = "date"
