"""Django admin of the questionnaire part."""

from django.contrib import admin

from steps.models import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus


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


@admin.register(AnswerRevision)
class AnswerRevisionAdmin(admin.ModelAdmin):
    list_display = ["answer", "version", "changed_by", "changed_at"]
    search_fields = ["answer__question_code", "answer__project__name"]
    list_select_related = ["answer", "changed_by"]
