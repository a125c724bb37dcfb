from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualisation.formats import plural_count

from . import delivery
from .models import Notification, NotificationPreference, OutgoingMail


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "delivery", "updated_at"]
    list_filter = ["delivery"]
    search_fields = ["user__email", "project__name"]
    list_select_related = ["user", "project"]
    autocomplete_fields = ["user", "project"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "project", "kind", "created_at", "read_at", "mail"]
    list_filter = ["kind", "mail", "created_at"]
    search_fields = ["user__email", "project__name", "key"]
    list_select_related = ["user", "project"]
    date_hierarchy = "created_at"
    # The sent-log: what was told to whom stays as it was told.
    readonly_fields = ["user", "project", "kind", "key", "params", "url", "created_at", "mail"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Read-only: mails are written by the app and sent by the jobs. A failed mail can be put
    back in the queue (as the coordinator's « Réessayer » does for a project)."""

    list_display = ["to", "subject", "project", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["to", "subject", "key"]
    list_select_related = ["project"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.action(description=_("Remettre en file les courriels en échec"), permissions=["change"])
    def retry(self, request, queryset):
        ids = list(queryset.filter(status=OutgoingMail.Status.FAILED).values_list("pk", flat=True))
        OutgoingMail.objects.filter(pk__in=ids).update(
            status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        delivery.enqueue_delivery(ids)
        self.message_user(
            request,
            ngettext(
                "%(count)d courriel remis en file.",
                "%(count)d courriels remis en file.",
                plural_count(len(ids)),
            )
            % {"count": len(ids)},
        )
