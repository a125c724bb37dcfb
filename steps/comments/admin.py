"""Django admin of the comment threads, for site staff: read and moderate."""

from django.contrib import admin

from steps.models import Comment, CommentThread


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["project", "target", "object_id", "code", "author", "created_at", "removed_at"]
    list_filter = ["target"]
    list_select_related = ["project", "author"]
    search_fields = ["project__name", "body", "author__email"]
    raw_id_fields = ["project", "author", "removed_by"]
    date_hierarchy = "created_at"


@admin.register(CommentThread)
class CommentThreadAdmin(admin.ModelAdmin):
    list_display = ["project", "target", "object_id", "code", "resolved_at"]
    list_filter = ["target"]
    list_select_related = ["project"]
    search_fields = ["project__name", "code"]
    raw_id_fields = ["project", "resolved_by"]
