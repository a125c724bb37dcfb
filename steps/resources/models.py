"""Pooled resources of the modélisation step: their cost inputs, the organisations'
commitments and the uses actually recorded during the year."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text
from projects.models import Organisation, Project
from steps.catalogue.resources import ResourceType
from steps.resources import costing, labels


def _money(label, *, null=False, help_text=""):
    """A dollar amount: two decimals, never negative."""
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        default=None if null else Decimal(0),
        null=null,
        blank=null,
        validators=[MinValueValidator(Decimal(0))],
        help_text=help_text,
    )


def _rate(label, *, null=False, help_text=""):
    """A rate or a quantity that needs more precision than cents (0,0125 $/km)."""
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=4,
        default=None if null else Decimal(0),
        null=null,
        blank=null,
        validators=[MinValueValidator(Decimal(0))],
        help_text=help_text,
    )


class PooledResource(models.Model):
    """A good or service the partners share, with what one use of it costs."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="pooled_resources",
    )
    name = models.CharField(_("nom"), max_length=200)
    resource_type = models.CharField(
        _("type de ressource"),
        max_length=20,
        choices=ResourceType.choices,
        default=ResourceType.EQUIPMENT,
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_resources",
    )
    usage_unit = models.CharField(
        _("unité d'utilisation"),
        max_length=40,
        default="utilisation",
        help_text=_("Ce que l'on compte : « km », « heure », « pied linéaire », « utilisation »…"),
    )
    conditions_of_use = bounded_text(_("conditions d'utilisation"), blank=True)
    booking_rules = bounded_text(_("règles de réservation"), blank=True)

    # The cost inputs, one field per steps.resources.costing.CostInputs field.
    consumable_cost_per_unit = _rate(_("coût des consommables par unité"))
    maintenance_cost = _money(_("coût d'un entretien"))
    maintenance_interval_units = _rate(_("intervalle d'entretien (unités)"), null=True)
    purchase_price = _money(_("prix d'achat"))
    residual_value = _money(_("valeur résiduelle"))
    amortisation_years = _rate(_("durée d'amortissement (années)"), null=True)
    handling_hours_per_use = _rate(_("heures de préparation, rangement et vérification"))
    hourly_rate = _money(_("taux horaire, charges sociales comprises"))
    admin_fee_per_use = _money(_("frais administratifs par utilisation"))
    management_cost_per_year = _money(_("coût annuel de gestion de la mutualisation"))
    other_costs_per_year = _money(_("autres coûts annuels"))
    financing_rate = _rate(
        _("taux de financement annuel"),
        help_text=_("Fraction : 0,05 pour 5 %."),
    )

    # One typical use.
    units_per_use = _rate(_("unités par utilisation type"))
    hours_per_use = _rate(_("durée d'une utilisation type (heures)"))
    alternative_price_per_use = _money(_("prix de l'alternative par utilisation"), null=True)
    estimated_uses_per_year = models.PositiveIntegerField(
        _("utilisations prévues par année (estimation)"),
        null=True,
        blank=True,
        help_text=_(
            "Sert au calcul tant que les organisations n'ont pas saisi leurs engagements."
        ),
    )

    notes = bounded_text(_("notes"), blank=True)
    source_opportunity = models.CharField(
        _("opportunité d'origine"),
        max_length=300,
        blank=True,
        help_text=_("Rempli quand la ressource est créée depuis une opportunité du diagnostic."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("ressource mutualisée")
        verbose_name_plural = _("ressources mutualisées")
        ordering = ["project", "name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("steps:resource_detail", args=[self.project.slug, self.pk])

    def cost_inputs(self) -> costing.CostInputs:
        """The stored inputs as the calculator takes them (ValueError if inconsistent)."""
        return costing.CostInputs(
            **{name: getattr(self, name) for name in COST_INPUT_FIELDS},
        )

    def usage(self) -> costing.Usage:
        """One typical use of the resource."""
        return costing.Usage(units=self.units_per_use, hours=self.hours_per_use)

    @property
    def typical_use_detail(self) -> str:
        """« 120 km, 6 h »: what one typical use holds (labels.typical_use_detail)."""
        return labels.typical_use_detail(self.units_per_use, self.hours_per_use, self.usage_unit)

    @property
    def per_use_text(self) -> str:
        """« par sortie type (120 km, 6 h) »: said after every cost per use."""
        return labels.per_typical_use(self.resource_type, self.typical_use_detail)

    @property
    def one_use_text(self) -> str:
        """« une sortie type (120 km, 6 h) »: what one use is."""
        return labels.one_typical_use(self.resource_type, self.typical_use_detail)


COST_INPUT_FIELDS = tuple(f.name for f in costing.CostInputs.__dataclass_fields__.values())


class Commitment(models.Model):
    """The uses per year an organisation commits to pay for (fixed charges included)."""

    resource = models.ForeignKey(
        PooledResource,
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="resource_commitments",
    )
    planned_uses_per_year = models.PositiveIntegerField(
        _("utilisations prévues par année"), default=0
    )
    custom_weight = models.DecimalField(
        _("pondération personnalisée"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Pour la clé de répartition personnalisée (p. ex. selon le budget)."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("engagement d'utilisation")
        verbose_name_plural = _("engagements d'utilisation")
        ordering = ["resource", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "organisation"], name="one_commitment_per_resource_org"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.resource} · {self.planned_uses_per_year}"

    @property
    def project_id(self):
        """The project of the resource, for projects.history."""
        return self.resource.project_id


class UsageRecord(models.Model):
    """Uses of a resource by one organisation, for one booking or one month."""

    resource = models.ForeignKey(
        PooledResource,
        verbose_name=_("ressource"),
        on_delete=models.CASCADE,
        related_name="usage_records",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="resource_usage_records",
    )
    date = models.DateField(
        _("date"),
        help_text=_("Date de la réservation, ou premier jour du mois pour un relevé mensuel."),
    )
    uses = models.PositiveIntegerField(_("nombre d'utilisations"), default=1)
    units = models.DecimalField(
        _("unités utilisées"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Vide : le nombre d'utilisations × les unités d'une utilisation type."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    class Meta:
        verbose_name = _("utilisation réelle")
        verbose_name_plural = _("utilisations réelles")
        ordering = ["resource", "-date", "-pk"]
        indexes = [models.Index(fields=["resource", "date"])]

    def __str__(self):
        return f"{self.organisation} · {self.resource} · {self.date} · {self.uses}"

    @property
    def project_id(self):
        """The project of the resource, for projects.history."""
        return self.resource.project_id

    @property
    def effective_units(self) -> Decimal:
        """The units recorded, or the typical units of the uses when none were."""
        if self.units is not None:
            return self.units
        return self.resource.units_per_use * self.uses
