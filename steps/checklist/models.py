"""The group's ticks and comments on the checklist of conditions of success and pitfalls."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .catalogue import ITEMS_BY_CODE

NOTE_MAX = 1_000


class ChecklistEntry(models.Model):
    """Where the group stands on one item of the checklist (steps.checklist.catalogue).

    Items nobody touched have no entry: they read as not ticked. `version` grows by one
    at each save, so that two people ticking the same item at once get a conflict
    rather than one silently overwriting the other.
    """

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="checklist_entries",
    )
    code = models.CharField(_("élément"), max_length=60)
    checked = models.BooleanField(_("coché"), default=False)
    note = models.CharField(_("commentaire"), max_length=NOTE_MAX, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=0)

    # The version is for the conflict check, not something people read in the history.
    history_hidden_fields = frozenset({"version"})

    class Meta:
        verbose_name = _("élément de la liste de contrôle")
        verbose_name_plural = _("éléments de la liste de contrôle")
        ordering = ["project", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"], name="one_checklist_entry_per_project_code"
            )
        ]

    def __str__(self):
        item = ITEMS_BY_CODE.get(self.code)
        return str(item.text) if item else self.code
