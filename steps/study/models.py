"""The opportunity study of the modélisation step: start-up costs and their financing,
the coordination, each organisation's « alone » costs and the indirect effects tracked."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text
from projects.models import Organisation, Project
from steps.resources.models import PooledResource


def _money(label, *, help_text=""):
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=help_text,
    )


def _fraction(label, *, help_text=""):
    return models.DecimalField(
        label,
        max_digits=7,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=help_text,
    )


class OpportunityStudy(models.Model):
    """The project's opportunity study: its parameters, its sharing keys, its status."""

    class SharingKey(models.TextChoices):
        USAGE = "usage", _("Selon la part de chacun dans le coût des ressources")
        EQUAL = "equal", _("À parts égales")
        CUSTOM = "custom", _("Selon des poids convenus entre les partenaires")

    class CoordinationMode(models.TextChoices):
        HOURS = "hours", _("Heures par année × taux horaire")
        SALARY = "salary", _("Part d'un salaire annuel")

    project = models.OneToOneField(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="opportunity_study",
    )
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon (années)"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(10)],
        help_text=_("De 3 à 10 ans."),
    )
    startup_key = models.CharField(
        _("clé de partage des fonds propres et du prêt"),
        max_length=20,
        choices=SharingKey.choices,
        default=SharingKey.EQUAL,
    )
    grant_amount = _money(_("subvention au démarrage"))
    grant_source = models.CharField(_("source de la subvention"), max_length=200, blank=True)
    loan_amount = _money(_("montant du prêt"))
    loan_rate = _fraction(_("taux d'intérêt annuel du prêt"), help_text=_("0,05 pour 5 %."))
    loan_term_years = models.PositiveSmallIntegerField(
        _("durée du prêt (années)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    coordination_mode = models.CharField(
        _("coût de la coordination"),
        max_length=10,
        choices=CoordinationMode.choices,
        default=CoordinationMode.HOURS,
    )
    coordination_hours_per_year = models.DecimalField(
        _("heures de coordination par année"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    coordination_hourly_rate = _money(_("taux horaire, charges sociales comprises"))
    coordination_salary = _money(_("salaire annuel, charges sociales comprises"))
    coordination_salary_share = _fraction(
        _("part du salaire consacrée au projet"), help_text=_("0,25 pour un quart de temps.")
    )
    coordination_key = models.CharField(
        _("clé de partage de la coordination"),
        max_length=20,
        choices=SharingKey.choices,
        default=SharingKey.USAGE,
    )
    departing_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation dont on simule le départ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide : l'organisation qui prévoit le plus d'utilisations."),
    )
    shared_with_partners = models.BooleanField(
        _("montrer à chaque partenaire les coûts « seul » des autres"), default=False
    )
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    notes = bounded_text(_("hypothèses et remarques"), blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("étude d'opportunité")
        verbose_name_plural = _("études d'opportunité")

    def __str__(self):
        return str(_("Étude d'opportunité de %(project)s") % {"project": self.project})

    def get_absolute_url(self):
        return reverse("steps:opportunity_study", args=[self.project.slug])

    @property
    def coordination_per_year(self) -> Decimal:
        if self.coordination_mode == self.CoordinationMode.SALARY:
            return self.coordination_salary * self.coordination_salary_share
        return self.coordination_hours_per_year * self.coordination_hourly_rate


class StudyWeight(models.Model):
    """An organisation's weight for the keys « selon des poids convenus »."""

    study = models.ForeignKey(
        OpportunityStudy, verbose_name=_("étude"), on_delete=models.CASCADE, related_name="weights"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    weight = models.DecimalField(
        _("poids"),
        max_digits=10,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("poids d'une organisation")
        verbose_name_plural = _("poids des organisations")
        ordering = ["study", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["study", "organisation"], name="one_study_weight")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.weight}"

    @property
    def project_id(self):
        return self.study.project_id


class StartupCost(models.Model):
    """A one-off cost of starting the pooling: purchase, fit-out, legal fees, training."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", _("Achat")
        FIT_OUT = "fit_out", _("Aménagement")
        LEGAL = "legal", _("Frais juridiques")
        TRAINING = "training", _("Formation")
        OTHER = "other", _("Autre")

    study = models.ForeignKey(
        OpportunityStudy,
        verbose_name=_("étude"),
        on_delete=models.CASCADE,
        related_name="startup_costs",
    )
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    label = models.CharField(_("libellé"), max_length=200)
    amount = _money(_("montant"))
    resource = models.ForeignKey(
        PooledResource,
        verbose_name=_("ressource concernée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("coût de démarrage")
        verbose_name_plural = _("coûts de démarrage")
        ordering = ["study", "pk"]

    def __str__(self):
        return self.label

    @property
    def project_id(self):
        return self.study.project_id


class AloneCost(models.Model):
    """What one organisation pays today, or would pay, to have one resource by itself."""

    class Kind(models.TextChoices):
        RENTAL = "rental", _("Location (prix par utilisation)")
        PURCHASE = "purchase", _("Achat puis entretien")
        OUTSOURCING = "outsourcing", _("Sous-traitance (contrat annuel ou par utilisation)")
        NO_ACCESS = "no_access", _("N'y aurait pas accès")

    study = models.ForeignKey(
        OpportunityStudy,
        verbose_name=_("étude"),
        on_delete=models.CASCADE,
        related_name="alone_costs",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    resource = models.ForeignKey(
        PooledResource, verbose_name=_("ressource"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("situation seule"), max_length=20, choices=Kind.choices)
    one_off = _money(_("achat (une fois, année 1)"))
    per_year = _money(_("coût annuel (entretien, contrat)"))
    per_use = _money(_("coût par utilisation"))
    note = models.CharField(_("précision"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("coût « seul »")
        verbose_name_plural = _("coûts « seul »")
        ordering = ["study", "organisation__name", "resource__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "organisation", "resource"], name="one_alone_cost"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.resource} · {self.get_kind_display()}"

    @property
    def project_id(self):
        return self.study.project_id


class IndirectEffect(models.Model):
    """A non-monetary effect the group wants to track (hours freed, a new service)."""

    study = models.ForeignKey(
        OpportunityStudy,
        verbose_name=_("étude"),
        on_delete=models.CASCADE,
        related_name="indirect_effects",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide : un effet pour tout le groupe."),
    )
    label = models.CharField(_("effet"), max_length=200)
    quantity = models.DecimalField(
        _("quantité par année"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unité"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("effet indirect")
        verbose_name_plural = _("effets indirects")
        ordering = ["study", "pk"]

    def __str__(self):
        return self.label

    @property
    def project_id(self):
        return self.study.project_id
