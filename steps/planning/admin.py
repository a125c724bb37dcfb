"""Django admin of the planning part."""

from django.contrib import admin

from steps.models import Action, Axis, CommunicationItem, Orientation, StrategicVision, Strategy


@admin.register(CommunicationItem)
class CommunicationItemAdmin(admin.ModelAdmin):
    list_display = ["audience", "project", "date", "period", "responsible_organisation"]
    search_fields = ["audience", "message", "channels", "project__name"]
    list_select_related = ["project", "responsible_organisation"]
    raw_id_fields = ["responsible_organisation"]


@admin.register(StrategicVision)
class StrategicVisionAdmin(admin.ModelAdmin):
    list_display = ["project", "updated_at"]
    search_fields = ["project__name", "vision", "values"]
    list_select_related = ["project"]


class OrientationInline(admin.TabularInline):
    model = Orientation
    extra = 0


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "order"]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    inlines = [OrientationInline]


class StrategyInline(admin.TabularInline):
    model = Strategy
    extra = 0


@admin.register(Orientation)
class OrientationAdmin(admin.ModelAdmin):
    list_display = ["title", "axis", "order"]
    search_fields = ["title", "axis__title", "axis__project__name"]
    list_select_related = ["axis"]
    inlines = [StrategyInline]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "orientation", "order"]
    search_fields = ["title", "orientation__title"]
    list_select_related = ["orientation"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "organisation", "status", "progress", "due_date"]
    list_filter = ["status"]
    search_fields = ["title", "description", "responsible_person", "project__name"]
    list_select_related = ["project", "organisation"]
    raw_id_fields = ["axis", "organisation", "created_from", "created_by"]
    date_hierarchy = "due_date"
