"""The change history of the step tools (resources, risks, actions, indicators…).

Answers keep their own history (AnswerRevision); every other edit a user makes in a
project is recorded here through `steps.history.record_change`.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class ChangeRecord(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Création")
        UPDATED = "updated", _("Modification")
        DELETED = "deleted", _("Suppression")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(_("objet"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    # {field name: [old value, new value]} as display strings.
    changes = models.JSONField(_("changements"), default=dict)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("modification")
        verbose_name_plural = _("historique des modifications")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.object_label}"
