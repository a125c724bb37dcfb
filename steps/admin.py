from django.contrib import admin

from .models import (
    Action,
    AgreementSection,
    Answer,
    AnswerRevision,
    Axis,
    ChangeRecord,
    Commitment,
    CommunicationItem,
    ConsentResponse,
    ConsentRound,
    DiagnosticVerdict,
    EvaluationRound,
    ExtraPortraitItem,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    OperatingModel,
    Orientation,
    PooledResource,
    ProjectDimension,
    Risk,
    StepStatus,
    StrategicVision,
    Strategy,
    TargetAssessment,
    UsageRecord,
)


class AnswerRevisionInline(admin.TabularInline):
    model = AnswerRevision
    extra = 0
    readonly_fields = ["version", "old_value", "new_value", "changed_by", "changed_at"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question_code", "project", "organisation", "version", "updated_at"]
    list_filter = ["project"]
    search_fields = ["question_code", "project__name", "organisation__name"]
    list_select_related = ["project", "organisation"]
    inlines = [AnswerRevisionInline]


@admin.register(StepStatus)
class StepStatusAdmin(admin.ModelAdmin):
    list_display = ["step", "project", "organisation", "status", "submitted_at"]
    list_filter = ["step", "status"]
    search_fields = ["project__name", "organisation__name"]
    list_select_related = ["project", "organisation"]


@admin.register(ProjectDimension)
class ProjectDimensionAdmin(admin.ModelAdmin):
    list_display = ["code", "project"]
    search_fields = ["project__name", "code"]


@admin.register(ExtraPortraitItem)
class ExtraPortraitItemAdmin(admin.ModelAdmin):
    list_display = ["label", "dimension", "organisation", "project"]
    search_fields = ["label", "organisation__name", "project__name"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["object_label", "kind", "project", "changed_by", "changed_at"]
    list_filter = ["kind"]
    search_fields = ["object_label", "project__name"]


@admin.register(DiagnosticVerdict)
class DiagnosticVerdictAdmin(admin.ModelAdmin):
    list_display = ["item_code", "project", "verdict", "importance", "status", "confirmed_at"]
    list_filter = ["verdict", "importance", "status"]
    search_fields = ["item_code", "note", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["confirmed_by"]


# Modélisation: operating model, consent rounds, risks, agreement, communication plan.


@admin.register(OperatingModel)
class OperatingModelAdmin(admin.ModelAdmin):
    list_display = ["project", "decision_process", "formalisation", "continuum", "updated_at"]
    list_filter = ["decision_process", "formalisation", "continuum"]
    search_fields = ["project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["updated_by"]


class ConsentResponseInline(admin.TabularInline):
    model = ConsentResponse
    extra = 0
    raw_id_fields = ["organisation", "responded_by"]


@admin.register(ConsentRound)
class ConsentRoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "opened_at", "closed_at", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["project__name", "proposal", "note"]
    list_select_related = ["project"]
    raw_id_fields = ["opened_by", "closed_by"]
    inlines = [ConsentResponseInline]


@admin.register(ConsentResponse)
class ConsentResponseAdmin(admin.ModelAdmin):
    list_display = ["organisation", "consent_round", "answer", "responded_at"]
    list_filter = ["answer"]
    search_fields = ["organisation__name", "reason", "consent_round__project__name"]
    list_select_related = ["organisation", "consent_round"]
    raw_id_fields = ["consent_round", "organisation", "responded_by"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "enjeu", "probability", "impact", "status"]
    list_filter = ["status", "enjeu", "probability", "impact"]
    search_fields = ["title", "description", "mitigation", "project__name"]
    list_select_related = ["project"]
    raw_id_fields = ["owner_organisation"]


@admin.register(AgreementSection)
class AgreementSectionAdmin(admin.ModelAdmin):
    list_display = ["code", "project", "edited_by", "edited_at"]
    list_filter = ["code"]
    search_fields = ["project__name", "custom_text"]
    list_select_related = ["project", "edited_by"]
    raw_id_fields = ["edited_by"]


@admin.register(CommunicationItem)
class CommunicationItemAdmin(admin.ModelAdmin):
    list_display = ["audience", "project", "date", "period", "responsible_organisation"]
    search_fields = ["audience", "message", "channels", "project__name"]
    list_select_related = ["project", "responsible_organisation"]
    raw_id_fields = ["responsible_organisation"]


# Réalisation and évaluation tools (steps/planning, steps/evaluation).


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


@admin.register(AnswerRevision)
class AnswerRevisionAdmin(admin.ModelAdmin):
    list_display = ["answer", "version", "changed_by", "changed_at"]
    search_fields = ["answer__question_code", "answer__project__name"]
    list_select_related = ["answer", "changed_by"]
