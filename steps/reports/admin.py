"""Django admin of the generated reports: what was built, for whom, how long it took,
why it failed. Read-only: a report is asked for from the app and removed by
`manage.py prune_reports` (deleting a row here leaves its file to the next pruning)."""

from django.contrib import admin

from steps.models import GeneratedReport


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    list_display = [
        "project",
        "key",
        "language",
        "audience",
        "content_version",
        "status",
        "pages",
        "size",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "language"]
    search_fields = ["project__name", "key", "filename"]
    list_select_related = ["project"]
    readonly_fields = [field.name for field in GeneratedReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
