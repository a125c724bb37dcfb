from django.contrib import admin

from .models import (
    Answer,
    AnswerRevision,
    ChangeRecord,
    ExtraPortraitItem,
    ProjectDimension,
    StepStatus,
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
