"""The coordination's verdicts on the rows of the diagnostic grid."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text
from projects.models import Project
from steps.diagnostic.grid import Importance, State, Verdict
from steps.diagnostic.labels import IMPORTANCE_LABELS, STATE_LABELS, VERDICT_LABELS


class DiagnosticVerdict(models.Model):
    """The verdict the coordination gave one item of the grid.

    Rows without a DiagnosticVerdict show the suggested verdict (computed at read time).
    `inputs_fingerprint` is the hash of the row's inputs when the verdict was confirmed:
    if the portraits change later, the verdict reads « à revoir » (it is never changed
    silently).
    """

    # The words come from steps.diagnostic.labels, like everywhere the grid shows them.
    class VerdictChoice(models.TextChoices):
        CONVERGENCE = Verdict.CONVERGENCE.value, VERDICT_LABELS[Verdict.CONVERGENCE]
        COMPLEMENTARITY = Verdict.COMPLEMENTARITY.value, VERDICT_LABELS[Verdict.COMPLEMENTARITY]
        DIVERGENCE = Verdict.DIVERGENCE.value, VERDICT_LABELS[Verdict.DIVERGENCE]
        TO_DISCUSS = Verdict.TO_DISCUSS.value, VERDICT_LABELS[Verdict.TO_DISCUSS]

    class ImportanceChoice(models.TextChoices):
        MAJOR = Importance.MAJOR.value, IMPORTANCE_LABELS[Importance.MAJOR]
        MINOR = Importance.MINOR.value, IMPORTANCE_LABELS[Importance.MINOR]

    class Status(models.TextChoices):
        """What is stored; « à revoir » is read, never stored (grid.State)."""

        SUGGESTED = State.SUGGESTED.value, STATE_LABELS[State.SUGGESTED]
        CONFIRMED = State.CONFIRMED.value, STATE_LABELS[State.CONFIRMED]

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
    note = bounded_text(_("note"), blank=True)
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
