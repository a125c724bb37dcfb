"""Réalisation: the strategic plan of the « nous », the action plan and the communication
plan."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text
from projects.models import Organisation, Project


class StrategicVision(models.Model):
    """The vision and the values the partners share, one per project."""

    project = models.OneToOneField(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="strategic_vision",
    )
    vision = bounded_text(
        _("vision"),
        blank=True,
        help_text=_("Ce que les partenaires veulent devenir ou accomplir ensemble."),
    )
    values = bounded_text(
        _("valeurs"),
        blank=True,
        help_text=_("Les valeurs qui guident le « nous » ; une par ligne, si vous voulez."),
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("vision et valeurs")
        verbose_name_plural = _("visions et valeurs")

    def __str__(self):
        return str(_("Vision et valeurs"))

    @property
    def values_list(self) -> list[str]:
        return [line.strip() for line in self.values.splitlines() if line.strip()]


class Axis(models.Model):
    """An axis of intervention of the strategic plan."""

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="axes"
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("titre"), max_length=200)
    description = bounded_text(_("description"), blank=True)

    class Meta:
        verbose_name = _("axe d'intervention")
        verbose_name_plural = _("axes d'intervention")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Orientation(models.Model):
    """An orientation the partners give themselves within an axis."""

    axis = models.ForeignKey(
        Axis, verbose_name=_("axe"), on_delete=models.CASCADE, related_name="orientations"
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("titre"), max_length=200)
    description = bounded_text(_("description"), blank=True)

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def project_id(self):
        """The project, through the axis (used by the change history)."""
        return self.axis.project_id


class Strategy(models.Model):
    """A strategy that carries out an orientation."""

    orientation = models.ForeignKey(
        Orientation,
        verbose_name=_("orientation"),
        on_delete=models.CASCADE,
        related_name="strategies",
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    title = models.CharField(_("stratégie"), max_length=300)

    class Meta:
        verbose_name = _("stratégie")
        verbose_name_plural = _("stratégies")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def project_id(self):
        """The project, through the orientation's axis (used by the change history)."""
        return self.orientation.axis.project_id


class Action(models.Model):
    """One action of the annual action plan."""

    class Status(models.TextChoices):
        TODO = "todo", _("À faire")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Terminée")
        ABANDONED = "abandoned", _("Abandonnée")

    CLOSED_STATUSES = (Status.DONE, Status.ABANDONED)

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="actions"
    )
    axis = models.ForeignKey(
        Axis,
        verbose_name=_("axe d'intervention"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    title = models.CharField(_("action"), max_length=200)
    description = bounded_text(_("description"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    responsible_person = models.CharField(_("personne responsable"), max_length=150, blank=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    target = models.CharField(
        _("cible ou indicateur"),
        max_length=300,
        blank=True,
        help_text=_("Ce qui dira que l'action est réussie (ex. : « 3 organisations inscrites »)."),
    )
    # The method plans each action with what it takes (issue 19): people, things, money.
    means = bounded_text(
        _("moyens"),
        blank=True,
        help_text=_(
            "Les ressources humaines, matérielles et financières dont l'action a besoin "
            "(ex. : « 10 heures de coordination, la salle de la CDC, 500 $ »)."
        ),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.TODO
    )
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"),
        default=0,
        validators=[MaxValueValidator(100, _("L'avancement se situe entre 0 et 100."))],
    )
    created_from = models.ForeignKey(
        "steps.Improvement",
        verbose_name=_("issue de l'amélioration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_created",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="action_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(due_date__isnull=True)
                | models.Q(due_date__gte=models.F("start_date")),
                name="action_due_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def is_overdue(self, today: date | None = None) -> bool:
        """Past its due date and neither done nor abandoned."""
        today = today or timezone.localdate()
        return (
            self.due_date is not None
            and self.due_date < today
            and self.status not in self.CLOSED_STATUSES
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()


class CommunicationItem(models.Model):
    """One line of the communication plan: to whom, what, how, when, by whom."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="communication_items",
    )
    audience = models.CharField(_("public visé"), max_length=200)
    message = bounded_text(_("message"))
    channels = models.CharField(_("canaux"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    period = models.CharField(
        _("période"),
        max_length=100,
        blank=True,
        help_text=_("Si la date n'est pas fixée : « printemps 2026 », « avant le lancement »…"),
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communication_items",
    )
    responsible_person = models.CharField(_("personne responsable"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("élément du plan de communication")
        verbose_name_plural = _("éléments du plan de communication")
        ordering = [models.F("date").asc(nulls_last=True), "pk"]

    def __str__(self):
        return f"{self.audience} — {self.message[:60]}"
