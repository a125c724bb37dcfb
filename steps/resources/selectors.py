"""What the pricing pages show: each resource's cost of use, break-even, sharing between
organisations and the year's reconciliation, read in a fixed number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import (
    format_money,
    format_number,
    format_percent,
    format_quantity,
    plural_count,
    unit_name,
)
from steps.models import Commitment, PooledResource, UsageRecord
from steps.resources import costing

ZERO = Decimal(0)


def _qty(value) -> str:
    """A quantity in fr-CA, with decimals only when it has some (« 50 », « 0,5 »)."""
    value = Decimal(value)
    return format_number(value, 0 if value == value.to_integral() else 2)


def money_rate(value) -> str:
    """A rate in dollars with 2 to 4 decimals, as needed (« 0,05 $ », « 0,0125 $ »)."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return format_money(value, max(2, min(4, -exponent)))


# --- One resource's cost ---------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One component of the cost of a use, under both methods, with how it is computed."""

    code: str
    label: str
    guide: Decimal
    full: Decimal | None
    explanation: str
    full_explanation: str = ""


@dataclass
class Analysis:
    """Everything the calculator says about one resource's cost of use."""

    resource: PooledResource
    inputs: costing.CostInputs | None = None
    usage: costing.Usage | None = None
    uses_per_year: int | None = None
    uses_source: str = ""  # "commitments", "estimate" or ""
    guide: costing.CostBreakdown | None = None
    full: costing.CostBreakdown | None = None
    lines: list[Line] = field(default_factory=list)
    variable_per_use: Decimal = ZERO
    annual_fixed: Decimal = ZERO
    annual_depreciation: Decimal = ZERO
    guide_replacement_per_year: Decimal | None = None
    guide_recovery: Decimal | None = None  # share of the depreciation the guide recovers
    alternative: Decimal | None = None
    break_even: int | None = None
    annual_total: Decimal | None = None
    error: str = ""

    @property
    def priced(self) -> bool:
        return self.inputs is not None

    @property
    def break_even_status(self) -> str:
        """ "no_alternative", "never", "reached", "not_reached" or "no_uses"."""
        if self.alternative is None:
            return "no_alternative"
        if self.break_even is None:
            return "never"
        if self.uses_per_year is None:
            return "no_uses"
        return "reached" if self.uses_per_year >= self.break_even else "not_reached"

    @property
    def usage_text(self) -> str:
        """« 120 km en 6 h », « 50 pieds linéaires en 5 h »: one typical use in words."""
        return _("%(quantity)s en %(hours)s h") % {
            "quantity": format_quantity(self.usage.units, self.resource.usage_unit),
            "hours": _qty(self.usage.hours),
        }

    @property
    def uses_missing(self) -> int | None:
        """How many more uses a year the break-even needs (None when reached or unknown)."""
        if self.break_even_status != "not_reached":
            return None
        return self.break_even - self.uses_per_year

    @property
    def full_cost_at_break_even(self) -> Decimal | None:
        if self.break_even is None or self.inputs is None:
            return None
        return costing.full_cost_per_use(self.inputs, self.usage, self.break_even)


def uses_per_year(resource, committed_total) -> tuple[int | None, str]:
    """The uses per year the calculation spreads fixed charges over, and where it comes from.

    The organisations' commitments when there are some, else the coordinator's estimate.
    """
    if committed_total:
        return int(committed_total), "commitments"
    if resource.estimated_uses_per_year:
        return resource.estimated_uses_per_year, "estimate"
    return None, ""


def analyse(resource: PooledResource, committed_total: int | None = None) -> Analysis:
    """The cost of one typical use of `resource` by both methods, and its break-even.

    `resource` may be unsaved (the calculator's preview); `committed_total` is the sum of
    the organisations' planned uses per year.
    """
    analysis = Analysis(resource=resource)
    try:
        inputs, usage = resource.cost_inputs(), resource.usage()
    except (TypeError, ValueError):
        analysis.error = _("Les données de coût sont incomplètes ou incohérentes.")
        return analysis
    n, source = uses_per_year(resource, committed_total)
    analysis.inputs, analysis.usage = inputs, usage
    analysis.uses_per_year, analysis.uses_source = n, source
    analysis.guide = costing.cost_of_use(inputs, usage, method="guide", uses_per_year=n)
    if n is not None:
        analysis.full = costing.cost_of_use(inputs, usage, method="full", uses_per_year=n)
    analysis.variable_per_use = costing.to_cents(costing.variable_cost_per_use(inputs, usage))
    analysis.annual_fixed = costing.to_cents(costing.annual_fixed_charges(inputs))
    depreciation = costing.annual_depreciation(inputs)
    analysis.annual_depreciation = costing.to_cents(depreciation)
    if n is not None and depreciation > 0:
        recovered = analysis.guide.exact["replacement"] * n
        analysis.guide_replacement_per_year = costing.to_cents(recovered)
        analysis.guide_recovery = recovered / depreciation
    analysis.alternative = resource.alternative_price_per_use
    if analysis.alternative is not None:
        analysis.break_even = costing.break_even_uses_per_year(inputs, usage, analysis.alternative)
    if n is not None:
        analysis.annual_total = costing.to_cents(
            costing.annual_fixed_charges(inputs) + costing.variable_cost_per_use(inputs, usage) * n
        )
    analysis.lines = _lines(analysis)
    return analysis


def _lines(analysis: Analysis) -> list[Line]:
    resource, inputs, usage = analysis.resource, analysis.inputs, analysis.usage
    guide, full, n = analysis.guide, analysis.full, analysis.uses_per_year
    unit = resource.usage_unit
    values = {
        "unit": unit_name(unit),
        "quantity": format_quantity(usage.units, unit),
        "hours": _qty(usage.hours),
        "uses": format_quantity(n or 0, "utilisation"),
    }

    if inputs.consumable_cost_per_unit:
        consumables = _("%(quantity)s × %(rate)s par %(unit)s : ce que l'usage épuise.") % {
            **values,
            "rate": money_rate(inputs.consumable_cost_per_unit),
        }
    else:
        consumables = _("Aucun consommable indiqué.")

    if inputs.maintenance_interval_units and inputs.maintenance_cost:
        maintenance = _(
            "%(cost)s tous les %(interval)s, au prorata des %(quantity)s de l'utilisation."
        ) % {
            **values,
            "cost": format_money(inputs.maintenance_cost),
            "interval": format_quantity(inputs.maintenance_interval_units, unit),
        }
    else:
        maintenance = _("Aucun entretien périodique indiqué.")

    if inputs.amortisation_years and inputs.purchase_price:
        replacement = _(
            "(%(purchase)s − %(residual)s) ÷ (%(years)s × 365 jours × 24 heures) "
            "× %(hours)s h d'utilisation."
        ) % {
            **values,
            "purchase": format_money(inputs.purchase_price),
            "residual": format_money(inputs.residual_value),
            "years": format_quantity(inputs.amortisation_years, "an"),
        }
    else:
        replacement = _("Aucun achat à amortir.")

    if inputs.handling_hours_per_use and inputs.hourly_rate:
        handling = _(
            "%(handling)s h de préparation, de rangement et de vérification × %(rate)s "
            "l'heure, charges sociales comprises."
        ) % {
            "handling": _qty(inputs.handling_hours_per_use),
            "rate": format_money(inputs.hourly_rate),
        }
    else:
        handling = _("Aucun temps de préparation indiqué.")

    admin = (
        _("Réserver, facturer et encaisser chaque utilisation.")
        if inputs.admin_fee_per_use
        else _("Aucuns frais administratifs indiqués.")
    )

    yearly = inputs.management_cost_per_year + inputs.other_costs_per_year
    if n is None:
        fixed_guide = _(
            "Sans nombre d'utilisations par année, la gestion et les autres coûts annuels "
            "ne sont pas répartis."
        )
        fixed_full = ""
    else:
        fixed_guide = _(
            "(%(management)s de gestion + %(other)s d'autres coûts) ÷ %(uses)s par année."
        ) % {
            **values,
            "management": format_money(inputs.management_cost_per_year),
            "other": format_money(inputs.other_costs_per_year),
        }
        fixed_full = _(
            "%(fixed)s de coûts fixes par année (amortissement %(depreciation)s, financement "
            "%(financing)s, gestion et autres %(yearly)s) ÷ %(uses)s par année."
        ) % {
            **values,
            "fixed": format_money(analysis.annual_fixed),
            "depreciation": format_money(analysis.annual_depreciation),
            "financing": format_money(costing.to_cents(costing.annual_financing(inputs))),
            "yearly": format_money(yearly),
        }

    def full_of(name):
        return getattr(full, name) if full is not None else None

    return [
        Line("consumables", _("Consommables"), guide.consumables, full_of("consumables"),
             consumables),
        Line("maintenance", _("Entretien"), guide.maintenance, full_of("maintenance"),
             maintenance),
        Line("replacement", _("Remplacement (amortissement)"), guide.replacement,
             full_of("replacement"), replacement,
             _("Compris dans la part des coûts fixes, ci-dessous.")),
        Line("handling", _("Préparation, rangement et vérification"), guide.handling,
             full_of("handling"), handling),
        Line("admin", _("Frais administratifs"), guide.admin, full_of("admin"), admin),
        Line("fixed_share", _("Part des coûts fixes annuels"), guide.fixed_share,
             full_of("fixed_share"), fixed_guide, fixed_full),
    ]  # fmt: skip


def input_rows(analysis: Analysis) -> list[tuple[str, str]]:
    """The inputs of the calculation as (label, value) lines, in fr-CA, for pages and PDFs."""
    if not analysis.priced:
        return []
    i, usage, unit = analysis.inputs, analysis.usage, analysis.resource.usage_unit
    none = "—"
    maintenance = (
        _("%(cost)s tous les %(interval)s")
        % {
            "cost": format_money(i.maintenance_cost),
            "interval": format_quantity(i.maintenance_interval_units, unit),
        }
        if i.maintenance_interval_units
        else none
    )
    return [
        (_("Unités par utilisation"), format_quantity(usage.units, unit)),
        (_("Durée d'une utilisation"), f"{_qty(usage.hours)} h"),
        (_("Consommables"), f"{money_rate(i.consumable_cost_per_unit)} / {unit_name(unit)}"),
        (_("Entretien"), maintenance),
        (_("Prix d'achat"), format_money(i.purchase_price)),
        (_("Valeur résiduelle"), format_money(i.residual_value)),
        (
            _("Durée d'amortissement"),
            format_quantity(i.amortisation_years, "an") if i.amortisation_years else none,
        ),
        (_("Taux de financement"), format_percent(i.financing_rate, 2)),
        (
            _("Préparation, rangement et vérification"),
            _("%(hours)s h à %(rate)s l'heure, charges comprises")
            % {"hours": _qty(i.handling_hours_per_use), "rate": format_money(i.hourly_rate)},
        ),
        (_("Frais administratifs par utilisation"), format_money(i.admin_fee_per_use)),
        (_("Gestion de la mutualisation, par année"), format_money(i.management_cost_per_year)),
        (_("Autres coûts annuels"), format_money(i.other_costs_per_year)),
        (
            _("Prix de l'alternative, par utilisation"),
            format_money(analysis.alternative) if analysis.alternative is not None else none,
        ),
        (_("Coûts fixes de l'année (coût complet)"), format_money(analysis.annual_fixed)),
        (_("Coût variable d'une utilisation"), format_money(analysis.variable_per_use)),
    ]


# --- Sharing between organisations -----------------------------------------------------


@dataclass(frozen=True)
class ShareRow:
    organisation: object
    planned_uses: int
    custom_weight: Decimal | None
    by_usage: Decimal | None
    equal: Decimal | None
    custom: Decimal | None
    alone: Decimal | None
    saving: Decimal | None


@dataclass(frozen=True)
class Sharing:
    """The annual cost of the resource split under three keys, and alone vs together."""

    annual_total: Decimal | None
    rows: list[ShareRow]
    committed_total: int
    has_usage_key: bool
    has_equal_key: bool
    has_custom_key: bool
    alone_total: Decimal | None
    saving_total: Decimal | None


def _split(total, weights):
    if total is None or not weights:
        return None
    try:
        return costing.allocate(total, weights)
    except ValueError:
        return None


def sharing(analysis: Analysis, organisations: list, commitments: list) -> Sharing:
    """Each organisation's yearly share under the usage, equal and custom keys.

    Usage: in proportion to the planned uses. Equal: the same for every committed
    organisation (every participating organisation while nobody has committed).
    Custom: in proportion to the custom weights. Alone: the alternative price × its uses.
    """
    stored = {c.organisation_id: c for c in commitments}
    committed_total = sum(c.planned_uses_per_year for c in commitments)
    total = analysis.annual_total
    usage_key = _split(total, {c.organisation_id: c.planned_uses_per_year for c in commitments})
    members = [c.organisation_id for c in commitments] or [org.pk for org in organisations]
    equal_key = _split(total, dict.fromkeys(members, 1))
    custom_key = _split(total, {c.organisation_id: c.custom_weight or ZERO for c in commitments})
    alternative = analysis.alternative
    rows = []
    for org in organisations:
        commitment = stored.get(org.pk)
        planned = commitment.planned_uses_per_year if commitment else 0
        by_usage = usage_key.get(org.pk, ZERO) if usage_key is not None else None
        alone = alternative * planned if alternative is not None else None
        rows.append(
            ShareRow(
                organisation=org,
                planned_uses=planned,
                custom_weight=commitment.custom_weight if commitment else None,
                by_usage=by_usage,
                equal=equal_key.get(org.pk, ZERO) if equal_key is not None else None,
                custom=custom_key.get(org.pk, ZERO) if custom_key is not None else None,
                alone=alone,
                saving=alone - by_usage if alone is not None and by_usage is not None else None,
            )
        )
    alone_total = alternative * committed_total if alternative is not None else None
    saving_total = (
        alone_total - total
        if alone_total is not None and total is not None and usage_key is not None
        else None
    )
    return Sharing(
        annual_total=total,
        rows=rows,
        committed_total=committed_total,
        has_usage_key=usage_key is not None,
        has_equal_key=equal_key is not None,
        has_custom_key=custom_key is not None,
        alone_total=alone_total,
        saving_total=saving_total,
    )


# --- Reads -----------------------------------------------------------------------------


def commitments_of(resource) -> list[Commitment]:
    return list(
        Commitment.objects.filter(resource=resource)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def organisations_of(project) -> list:
    return list(project.organisations.order_by("name", "pk"))


def resource_for(project, resource_id) -> PooledResource:
    """The project's resource (404 otherwise), with its responsible organisation."""
    return get_object_or_404(
        PooledResource.objects.select_related("responsible_organisation"),
        project=project,
        pk=resource_id,
    )


@dataclass(frozen=True)
class ResourceRow:
    resource: PooledResource
    analysis: Analysis
    committed_total: int
    committed_organisations: int


def resource_rows(project) -> list[ResourceRow]:
    """Every pooled resource of the project with its cost and break-even (one query)."""
    resources = (
        PooledResource.objects.filter(project=project)
        .select_related("responsible_organisation")
        .annotate(
            committed_total=Sum("commitments__planned_uses_per_year"),
            committed_organisations=Count("commitments"),
        )
        .order_by("name", "pk")
    )
    return [
        ResourceRow(
            resource=resource,
            analysis=analyse(resource, resource.committed_total),
            committed_total=resource.committed_total or 0,
            committed_organisations=resource.committed_organisations,
        )
        for resource in resources
    ]


# --- The year's reconciliation ---------------------------------------------------------


@dataclass(frozen=True)
class ReconciliationRow:
    organisation_name: str
    bill: costing.OrganisationBill

    @property
    def difference(self) -> Decimal:
        """Actual minus committed uses (negative: fewer uses than committed)."""
        return self.bill.actual_uses - self.bill.committed_uses


@dataclass(frozen=True)
class ReconciliationView:
    year: int
    years: list[int]
    rows: list[ReconciliationRow]
    result: costing.Reconciliation | None
    totals: dict
    error: str = ""

    planned_cost_per_use: Decimal | None = None  # full cost per use at the commitments
    per_use: str = ""  # « par sortie type (120 km, 6 h) »

    @property
    def balance_amount(self) -> Decimal:
        """The surplus or deficit without its sign (the words say which)."""
        return abs(self.result.balance) if self.result else ZERO

    @property
    def outcome_text(self) -> str:
        """The resource's result in words: « Équilibre » only when the bills pay the costs
        and the uses committed happened; « Coûts couverts… » when commitments pay the
        fixed costs of uses that did not (or did more than) happen."""
        result = self.result
        if result is None:
            return ""
        amount = format_money(self.balance_amount)
        if result.balance > 0:
            return _("Surplus de %(amount)s") % {"amount": amount}
        if result.balance < 0:
            return _("Déficit de %(amount)s") % {"amount": amount}
        if result.balanced:
            return _("Équilibre")
        if result.use == "under":
            return _("Coûts couverts par les engagements, mais sous-utilisation")
        return _("Coûts couverts")

    @property
    def use_text(self) -> str:
        """« 32 utilisations sur 160 prévues : 20 % », or the uses alone without
        commitments."""
        result = self.result
        if result is None:
            return ""
        actual = format_quantity(result.actual_uses, "utilisation")
        if result.use_rate is None:
            return _("%(actual)s, sans engagement") % {"actual": actual}
        return ngettext(
            "%(actual)s sur %(committed)s prévue : %(rate)s",
            "%(actual)s sur %(committed)s prévues : %(rate)s",
            plural_count(result.committed_uses),
        ) % {
            "actual": actual,
            "committed": format_number(result.committed_uses),
            "rate": format_percent(result.use_rate),
        }

    @property
    def use_verdict(self) -> str:
        """One word on the use of the year against the commitments."""
        result = self.result
        if result is None:
            return ""
        return {
            "under": _("Sous-utilisation"),
            "over": _("Au-delà des engagements"),
            "as_planned": _("Comme prévu"),
            "uncommitted": _("Aucun engagement"),
        }[result.use]


USAGE_TOTALS = {
    "total_uses": Sum("uses"),
    "total_units": Sum("units"),
    "uses_without_units": Sum("uses", filter=Q(units__isnull=True)),
}


def usage_years(resource) -> list[int]:
    return sorted(
        {d.year for d in UsageRecord.objects.filter(resource=resource).dates("date", "year")}
    )


def reconciliation(resource, year: int, organisations: list, commitments: list):
    """Committed vs actual uses of `year`, what each organisation owes, the balance."""
    actual = (
        UsageRecord.objects.filter(resource=resource, date__year=year)
        .values("organisation_id", "organisation__name")
        .annotate(**USAGE_TOTALS)
        .order_by()
    )
    return reconciliation_from(
        resource, year, usage_years(resource), organisations, commitments, actual
    )


def project_reconciliations(project, resources, year: int, organisations: list, commitments):
    """resource id → its reconciliation of `year`, for every resource of `resources`, in
    two queries whatever the number of resources and organisations (the dossier).
    `commitments`: resource id → its commitments (modelling.commitments_by_resource)."""
    years: dict[int, set] = {}
    for row in (
        UsageRecord.objects.filter(resource__project=project)
        .annotate(year=ExtractYear("date"))
        .values_list("resource_id", "year")
        .distinct()
    ):
        years.setdefault(row[0], set()).add(row[1])
    actual: dict[int, list] = {}
    for row in (
        UsageRecord.objects.filter(resource__project=project, date__year=year)
        .values("resource_id", "organisation_id", "organisation__name")
        .annotate(**USAGE_TOTALS)
        .order_by()
    ):
        actual.setdefault(row["resource_id"], []).append(row)
    return {
        resource.pk: reconciliation_from(
            resource,
            year,
            sorted(years.get(resource.pk, ())),
            organisations,
            commitments.get(resource.pk, []),
            actual.get(resource.pk, []),
        )
        for resource in resources
    }


def reconciliation_from(resource, year, years, organisations, commitments, actual):
    """The reconciliation from rows already read: `actual` holds the year's usage totals
    per organisation (organisation_id, organisation__name and USAGE_TOTALS)."""
    if year not in years:
        years = sorted({*years, year})
    try:
        inputs = resource.cost_inputs()
    except (TypeError, ValueError):
        return ReconciliationView(year, years, [], None, {}, _("Coûts incohérents."))
    names = {org.pk: org.name for org in organisations}
    committed = {org.pk: Decimal(0) for org in organisations}
    for commitment in commitments:
        names.setdefault(commitment.organisation_id, commitment.organisation.name)
        committed[commitment.organisation_id] = Decimal(commitment.planned_uses_per_year)
    uses, units = {}, {}
    for row in actual:
        org_id = row["organisation_id"]
        names.setdefault(org_id, row["organisation__name"])
        committed.setdefault(org_id, Decimal(0))
        uses[org_id] = Decimal(row["total_uses"] or 0)
        units[org_id] = Decimal(row["total_units"] or 0) + resource.units_per_use * (
            row["uses_without_units"] or 0
        )
    result = costing.reconcile(
        inputs, committed_uses=committed, actual_uses=uses, actual_units=units
    )
    rows = sorted(
        (ReconciliationRow(names[key], bill) for key, bill in result.bills.items()),
        key=lambda row: row.organisation_name.lower(),
    )
    bills = [row.bill for row in rows]
    totals = {
        name: sum((getattr(bill, name) for bill in bills), ZERO)
        for name in (
            "committed_uses",
            "actual_uses",
            "actual_units",
            "fixed_committed",
            "fixed_extra",
            "variable",
            "total",
        )
    }
    planned = None
    if result.committed_uses > 0:
        try:
            planned = costing.full_cost_per_use(inputs, resource.usage(), result.committed_uses)
        except (TypeError, ValueError):
            planned = None
    return ReconciliationView(
        year,
        years,
        rows,
        result,
        totals,
        planned_cost_per_use=planned,
        per_use=resource.per_use_text,
    )
