"""Django admin of the follow-up part: the target dates."""

from django.contrib import admin

from steps.models import StepDeadline


@admin.register(StepDeadline)
class StepDeadlineAdmin(admin.ModelAdmin):
    list_display = ["project", "step", "organisation", "due_date", "updated_at"]
    list_filter = ["step"]
    search_fields = ["project__name", "organisation__name"]
    list_select_related = ["project", "organisation"]
    raw_id_fields = ["project", "organisation", "updated_by"]
