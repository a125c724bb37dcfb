"""Django admin of the modelling part."""

from django.contrib import admin

from steps.models import (
    Agreement,
    AgreementSection,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
    Risk,
)


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


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["project", "language", "updated_by", "updated_at"]
    list_filter = ["language"]
    search_fields = ["project__name"]
    list_select_related = ["project", "updated_by"]
    raw_id_fields = ["updated_by"]


@admin.register(AgreementSection)
class AgreementSectionAdmin(admin.ModelAdmin):
    list_display = ["code", "project", "language", "edited_by", "edited_at"]
    list_filter = ["code", "language"]
    search_fields = ["project__name", "custom_text"]
    list_select_related = ["project", "edited_by"]
    raw_id_fields = ["edited_by"]
