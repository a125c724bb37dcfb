"""Django admin of the evaluation part."""

from django.contrib import admin

from steps.models import (
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    TargetAssessment,
)


@admin.register(LogicElement)
class LogicElementAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "origin", "project"]
    list_filter = ["kind", "origin"]
    search_fields = ["text", "project__name"]
    list_select_related = ["project"]
    filter_horizontal = ["leads_to"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "unit", "baseline", "target"]
    search_fields = ["name", "data_source", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["effect", "action"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "date", "value"]
    search_fields = ["indicator__name", "note"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator", "recorded_by"]


class TargetAssessmentInline(admin.TabularInline):
    model = TargetAssessment
    extra = 0
    raw_id_fields = ["indicator"]


class ImprovementInline(admin.TabularInline):
    model = Improvement
    extra = 0
    raw_id_fields = ["action"]


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "date"]
    search_fields = ["title", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["created_by"]
    inlines = [TargetAssessmentInline, ImprovementInline]


@admin.register(TargetAssessment)
class TargetAssessmentAdmin(admin.ModelAdmin):
    list_display = ["indicator", "evaluation_round", "result"]
    list_filter = ["result"]
    search_fields = ["indicator__name", "comment"]
    list_select_related = ["indicator", "evaluation_round"]


@admin.register(Improvement)
class ImprovementAdmin(admin.ModelAdmin):
    list_display = ["text", "evaluation_round", "action"]
    search_fields = ["text", "evaluation_round__title"]
    list_select_related = ["evaluation_round", "action"]
    raw_id_fields = ["evaluation_round", "action"]
