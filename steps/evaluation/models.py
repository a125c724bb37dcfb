"""Évaluation: the logic model, indicators and their measurements, evaluation rounds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutualisation.formats import NBSP, format_money, format_number, unit_name
from mutualisation.text import bounded_text
from projects.models import Project


class LogicElement(models.Model):
    """A box of the logic model: a resource, an activity, an output or an effect."""

    class Kind(models.TextChoices):
        RESOURCE = "resource", _("Ressources")
        ACTIVITY = "activity", _("Activités")
        OUTPUT = "output", _("Réalisations")
        SHORT_TERM = "short_term", _("Effets à court terme")
        MEDIUM_TERM = "medium_term", _("Effets à moyen terme")
        LONG_TERM = "long_term", _("Effets à long terme")

    EFFECT_KINDS = (Kind.SHORT_TERM, Kind.MEDIUM_TERM, Kind.LONG_TERM)

    class Origin(models.TextChoices):
        ANTICIPATED = "anticipated", _("Anticipé")
        DISCOVERED = "discovered", _("Découvert en cours de route")

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="logic_elements",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("énoncé"), max_length=300)
    origin = models.CharField(
        _("origine de l'effet"),
        max_length=20,
        choices=Origin.choices,
        default=Origin.ANTICIPATED,
        help_text=_("Pour un effet : prévu dès le départ ou constaté en cours de route."),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=1)
    leads_to = models.ManyToManyField(
        "self",
        verbose_name=_("mène à"),
        symmetrical=False,
        blank=True,
        related_name="comes_from",
    )

    class Meta:
        verbose_name = _("élément du modèle logique")
        verbose_name_plural = _("éléments du modèle logique")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_effect(self) -> bool:
        return self.kind in self.EFFECT_KINDS

    @property
    def is_discovered(self) -> bool:
        return self.is_effect and self.origin == self.Origin.DISCOVERED


class Indicator(models.Model):
    """A measurable sign that an effect or an action is happening."""

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicateur"), max_length=200)
    unit = models.CharField(
        _("unité"), max_length=50, blank=True, help_text=_("Ex. : livraisons, $, %, personnes.")
    )
    baseline = models.DecimalField(
        _("valeur de départ"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("cible"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    data_source = models.CharField(
        _("source des données"),
        max_length=300,
        blank=True,
        help_text=_("Où et comment la donnée est recueillie (registre, sondage…)."),
    )
    effect = models.ForeignKey(
        LogicElement,
        verbose_name=_("effet mesuré"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        limit_choices_to={"kind__in": LogicElement.EFFECT_KINDS},
    )
    action = models.ForeignKey(
        "steps.Action",
        verbose_name=_("action suivie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    owner_organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("organisation qui mesure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Elle reçoit un rappel quand une nouvelle mesure est attendue."),
    )
    measure_every_months = models.PositiveSmallIntegerField(
        _("fréquence de mesure"),
        choices=[
            (1, _("Chaque mois")),
            (3, _("Chaque trimestre")),
            (6, _("Chaque semestre")),
            (12, _("Chaque année")),
        ],
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def format_value(self, value) -> str:
        """A value of this indicator with its unit: `4 620 kg par mois`, `38,75 $`."""
        if value is None:
            return ""
        if self.unit.strip() == "$":
            return format_money(value)
        places = 0 if value == value.to_integral_value() else 2
        text = format_number(value, places)
        return f"{text}{NBSP}{unit_name(self.unit, value)}" if self.unit.strip() else text

    @property
    def baseline_display(self) -> str:
        return self.format_value(self.baseline)

    @property
    def target_display(self) -> str:
        return self.format_value(self.target)


class Measurement(models.Model):
    """A value of an indicator at a date."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicateur"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saisie le"), auto_now_add=True)

    class Meta:
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.indicator} · {self.date.isoformat()} · {self.value}"

    @property
    def project_id(self):
        """The project, through the indicator (used by the change history)."""
        return self.indicator.project_id

    @property
    def value_display(self) -> str:
        return self.indicator.format_value(self.value)


class EvaluationRound(models.Model):
    """A moment where the partners look back: targets, effects, what to improve."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="evaluation_rounds",
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("titre"), max_length=200)
    effects_observed = bounded_text(_("effets observés"), blank=True)
    unexpected_effects = bounded_text(
        _("effets inattendus"),
        blank=True,
        help_text=_("Ce que personne n'avait prévu, en bien comme en moins bien."),
    )
    worked_well = bounded_text(_("ce qui a bien fonctionné"), blank=True)
    worked_less_well = bounded_text(_("ce qui a moins bien fonctionné"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilan d'évaluation")
        verbose_name_plural = _("bilans d'évaluation")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


class TargetAssessment(models.Model):
    """Whether an indicator's target was met, as judged in an evaluation round."""

    class Result(models.TextChoices):
        MET = "met", _("Atteinte")
        PARTIAL = "partial", _("Partiellement atteinte")
        NOT_MET = "not_met", _("Non atteinte")

    evaluation_round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("bilan"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicateur"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    result = models.CharField(_("résultat"), max_length=10, choices=Result.choices, blank=True)
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("atteinte d'une cible")
        verbose_name_plural = _("atteinte des cibles")
        ordering = ["indicator__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation_round", "indicator"], name="one_assessment_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator} · {self.get_result_display() or self.comment}"


class Improvement(models.Model):
    """Something to improve, noted in a round; it may become an action of the plan."""

    evaluation_round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("bilan"),
        on_delete=models.CASCADE,
        related_name="improvements",
    )
    text = models.CharField(_("amélioration"), max_length=300)
    action = models.ForeignKey(
        "steps.Action",
        verbose_name=_("action du plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvements",
    )

    class Meta:
        verbose_name = _("amélioration")
        verbose_name_plural = _("améliorations")
        ordering = ["pk"]

    def __str__(self):
        return self.text

    @property
    def project_id(self):
        """The project, through the round (used by the change history)."""
        return self.evaluation_round.project_id
