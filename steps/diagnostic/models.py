"""The coordination's verdicts on the rows of the diagnostic grid."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project
from steps.diagnostic.grid import Importance, Verdict


class DiagnosticVerdict(models.Model):
    """The verdict the coordination gave one item of the grid.

    Rows without a DiagnosticVerdict show the suggested verdict (computed at read time).
    `inputs_fingerprint` is the hash of the row's inputs when the verdict was confirmed:
    if the portraits change later, the verdict reads « à revoir » (it is never changed
    silently).
    """

    class VerdictChoice(models.TextChoices):
        CONVERGENCE = Verdict.CONVERGENCE.value, _("Convergence")
        COMPLEMENTARITY = Verdict.COMPLEMENTARITY.value, _("Complémentarité")
        DIVERGENCE = Verdict.DIVERGENCE.value, _("Divergence")
        TO_DISCUSS = Verdict.TO_DISCUSS.value, _("À discuter")

    class ImportanceChoice(models.TextChoices):
        MAJOR = Importance.MAJOR.value, _("Majeure")
        MINOR = Importance.MINOR.value, _("Mineure")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggéré")
        CONFIRMED = "confirmed", _("Confirmé")

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="diagnostic_verdicts",
    )
    item_code = models.CharField(_("élément"), max_length=200)
    verdict = models.CharField(_("verdict"), max_length=20, choices=VerdictChoice.choices)
    importance = models.CharField(
        _("importance"),
        max_length=10,
        choices=ImportanceChoice.choices,
        default=ImportanceChoice.MINOR,
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.SUGGESTED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    inputs_fingerprint = models.CharField(
        _("empreinte des portraits"),
        max_length=64,
        blank=True,
        help_text=_("Empreinte des réponses de la ligne au moment de la confirmation."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("verdict du diagnostic")
        verbose_name_plural = _("verdicts du diagnostic")
        ordering = ["project", "item_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "item_code"], name="one_verdict_per_project_item"
            )
        ]

    def __str__(self):
        return f"{self.item_code} · {self.get_verdict_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED
