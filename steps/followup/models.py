"""Target dates: one per step of a project, and per organisation for the two
questionnaires (impulsion, réflexion) when one needs more (or less) time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Project


class StepDeadline(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="deadlines"
    )
    step = models.CharField(_("étape"), max_length=20)
    # Empty: the step's date for everyone; set: this organisation's own date.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("date cible"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("date cible")
        verbose_name_plural = _("dates cibles")
        ordering = ["project", "step", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "step"],
                condition=Q(organisation__isnull=True),
                name="one_deadline_per_step",
            ),
            models.UniqueConstraint(
                fields=["project", "step", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_deadline_per_organisation_step",
            ),
        ]

    def __str__(self):
        return f"{self.project} · {self.step} · {self.organisation or '—'} · {self.due_date}"
