"""Django admin of the follow-up part: the target dates, the private calendar addresses."""

from django.contrib import admin

from steps.models import CalendarFeed, StepDeadline


@admin.register(StepDeadline)
class StepDeadlineAdmin(admin.ModelAdmin):
    list_display = ["project", "step", "organisation", "due_date", "updated_at"]
    list_filter = ["step"]
    search_fields = ["project__name", "organisation__name"]
    list_select_related = ["project", "organisation"]
    raw_id_fields = ["project", "organisation", "updated_by"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    # The token is the address's only credential: never shown, only revoked.
    list_display = ["user", "project", "created_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "project__name"]
    list_select_related = ["user", "project"]
    raw_id_fields = ["user", "project"]
    readonly_fields = ["created_at"]
