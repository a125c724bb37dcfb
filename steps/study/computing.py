"""The opportunity study of a pooling project (pure, no Django): what signing costs each
partner, what it saves compared with going alone, from which year, and how sensitive
that is to use, start-up costs and a partner leaving.

A cash view, year by year over a horizon of 3 to 10 years. « Together », a partner pays
its share of each pooled resource's yearly cost (variable cost of the uses + recurring
fixed charges, shared by planned uses), its share of the coordination, its own-funds
share of the start-up costs (year 1) and its share of the loan's yearly payments.
« Alone », it pays what it pays today or would pay to have each resource by itself
(rental per use, purchase then upkeep, outsourcing); a resource it could not have alone
costs nothing alone and is listed as access gained. Every group amount is rounded to the
cent once, then shared by largest remainder (`allocate`), so shares add up to the cent.

The worked example of the tests: a truck whose uses cost 100 $ each plus 2 000 $ a year,
used 60 times by A and 40 times by B, a 10 000 $ start-up with a 4 000 $ grant, and both
renting a truck alone (A at 200 $ a use, B at 150 $):

    >>> truck = ResourcePlan("truck", "Camion", Decimal(100), Decimal(2000),
    ...                      {"A": Decimal(60), "B": Decimal(40)})
    >>> inputs = StudyInputs(
    ...     organisations=("A", "B"),
    ...     resources=(truck,),
    ...     startup_costs=(StartupCost("Achat", Decimal(10000)),),
    ...     grant=Decimal(4000),
    ...     startup_weights={"A": 1, "B": 1},
    ...     alone={("A", "truck"): AloneCost("rental", per_use=Decimal(200)),
    ...            ("B", "truck"): AloneCost("rental", per_use=Decimal(150))},
    ...     horizon=3,
    ... )
    >>> result = study(inputs)
    >>> [y.together for y in result.organisations["A"].years]
    [Decimal('10200.00'), Decimal('7200.00'), Decimal('7200.00')]
    >>> [y.saving for y in result.organisations["A"].years]
    [Decimal('1800.00'), Decimal('4800.00'), Decimal('4800.00')]
    >>> [y.cumulative for y in result.organisations["B"].years]
    [Decimal('-1800.00'), Decimal('-600.00'), Decimal('600.00')]
    >>> result.organisations["B"].payback_year
    3
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from steps.resources.costing import CENT, ZERO, allocate, to_cents

ONE = Decimal(1)
DAYS_PER_YEAR = Decimal(365)
MIN_HORIZON, MAX_HORIZON = 3, 10

ALONE_KINDS = ("rental", "purchase", "outsourcing", "no_access")
STARTUP_KINDS = ("purchase", "fit_out", "legal", "training", "other")


def _dec(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"expected a Decimal, an int or a str, not {type(value).__name__}")
    return Decimal(value)


# --- Inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourcePlan:
    """A pooled resource as the calculator prices it, with each partner's planned uses.

    `variable_per_use`: consumables, maintenance, handling and fees of one use;
    `fixed_per_year`: recurring yearly charges paid whatever the use (management, other
    yearly costs). The purchase itself is a start-up cost of the study, not a charge here.
    """

    key: Hashable
    name: str
    variable_per_use: Decimal
    fixed_per_year: Decimal
    uses: Mapping[Hashable, Decimal]


@dataclass(frozen=True)
class AloneCost:
    """What one organisation pays (or would pay) to have one resource by itself."""

    kind: str  # one of ALONE_KINDS
    one_off: Decimal = ZERO  # in year 1 (a purchase)
    per_year: Decimal = ZERO  # upkeep, a yearly contract
    per_use: Decimal = ZERO  # a rental or a service bought per use

    def __post_init__(self):
        if self.kind not in ALONE_KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        for name in ("one_off", "per_year", "per_use"):
            value = _dec(getattr(self, name))
            if value < 0:
                raise ValueError(f"{name} must not be negative")
            object.__setattr__(self, name, value)

    @property
    def has_access(self) -> bool:
        return self.kind != "no_access"


@dataclass(frozen=True)
class StartupCost:
    label: str
    amount: Decimal
    kind: str = "other"
    resource: Hashable | None = None  # the resource it serves, for its break-even


@dataclass(frozen=True)
class Loan:
    """A loan repaid by constant yearly payments (annuity) over `term_years`."""

    amount: Decimal
    rate: Decimal  # 0.05 for 5 %
    term_years: int

    def annuity(self) -> Decimal:
        """amount × rate ÷ (1 − (1 + rate)^−term), or amount ÷ term without interest.

        >>> Loan(Decimal(10000), Decimal("0.05"), 3).annuity()
        Decimal('3672.09')
        """
        if self.term_years < 1:
            raise ValueError("term_years must be at least 1")
        if self.rate == 0:
            return to_cents(self.amount / self.term_years)
        return to_cents(self.amount * self.rate / (ONE - (ONE + self.rate) ** -self.term_years))


@dataclass(frozen=True)
class Departure:
    """`organisation` gives notice at the start of `year` and leaves after `notice_days`.

    The exit rules of the operating model: it pays its shares for the notice period, its
    start-up contribution is not refunded, and the partners who stay take over its share
    of the fixed charges, the coordination and the loan. Then it pays alone again.
    """

    organisation: Hashable
    year: int = 2
    notice_days: int = 90

    def participation(self, year: int) -> Decimal:
        if year < self.year:
            return ONE
        if year == self.year:
            return min(Decimal(self.notice_days), DAYS_PER_YEAR) / DAYS_PER_YEAR
        return ZERO


@dataclass(frozen=True)
class StudyInputs:
    organisations: tuple
    resources: tuple = ()
    startup_costs: tuple = ()
    grant: Decimal = ZERO
    loan: Loan | None = None
    startup_weights: Mapping[Hashable, object] = field(default_factory=dict)
    coordination_per_year: Decimal = ZERO
    coordination_weights: Mapping[Hashable, object] = field(default_factory=dict)
    alone: Mapping[tuple, AloneCost] = field(default_factory=dict)
    horizon: int = 5

    def __post_init__(self):
        if not MIN_HORIZON <= self.horizon <= MAX_HORIZON:
            raise ValueError(f"horizon must be between {MIN_HORIZON} and {MAX_HORIZON} years")

    @property
    def startup_total(self) -> Decimal:
        return to_cents(sum((_dec(c.amount) for c in self.startup_costs), ZERO))

    @property
    def own_funds(self) -> Decimal:
        """Start-up costs left once the grant and the loan are counted (never below 0)."""
        loan = self.loan.amount if self.loan else ZERO
        return max(ZERO, self.startup_total - to_cents(self.grant) - to_cents(loan))


# --- Outputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One amount and what it is made of, so a page can write its formula."""

    kind: str
    amount: Decimal
    resource: Hashable | None = None
    basis: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Year:
    year: int
    together: Decimal
    alone: Decimal
    saving: Decimal  # alone − together
    cumulative: Decimal
    together_items: tuple = ()
    alone_items: tuple = ()


@dataclass(frozen=True)
class OrganisationResult:
    organisation: Hashable
    years: tuple
    access_gained: tuple  # resource keys it could not have alone
    missing_alone: tuple  # resource keys it uses whose « alone » cost is not entered

    @property
    def payback_year(self) -> int | None:
        return payback_year(self.years)

    @property
    def total_saving(self) -> Decimal:
        return self.years[-1].cumulative


@dataclass(frozen=True)
class StudyResult:
    inputs: StudyInputs
    organisations: dict
    group: tuple  # Year per year, the sums over organisations

    @property
    def payback_year(self) -> int | None:
        return payback_year(self.group)

    @property
    def total_saving(self) -> Decimal:
        return self.group[-1].cumulative


def payback_year(years) -> int | None:
    """The first year from which the cumulative saving stays at or above zero.

    >>> rows = [Year(i + 1, ZERO, ZERO, ZERO, Decimal(c)) for i, c in enumerate([-5, 1, -1, 2])]
    >>> payback_year(rows)
    4
    >>> payback_year(rows[:3]) is None
    True
    """
    found = None
    for row in years:
        if row.cumulative >= 0:
            found = found or row.year
        else:
            found = None
    return found


# --- The study ----------------------------------------------------------------------------


def _weights(base: Mapping, participation: dict, organisations) -> dict:
    return {o: Decimal(str(base.get(o, 0) or 0)) * participation[o] for o in organisations}


def _split(total: Decimal, weights: dict) -> dict:
    if total == 0 or not any(weights.values()):
        return {o: ZERO for o in weights}
    return allocate(total, weights)


def _share_basis(group_cost: Decimal, weights: dict, o, **extra) -> dict:
    total = sum(weights.values(), ZERO)
    return {"group_cost": group_cost, "weight": weights[o], "total_weight": total, **extra}


def _alone_items(inputs, o, year, factor) -> list[Item]:
    items = []
    for r in inputs.resources:
        uses = _dec(r.uses.get(o, 0) or 0) * factor
        cost = inputs.alone.get((o, r.key))
        if cost is None or not cost.has_access or _dec(r.uses.get(o, 0) or 0) == 0:
            continue
        if year == 1 and cost.one_off:
            items.append(Item("alone_one_off", to_cents(cost.one_off), r.key, {}))
        if cost.per_year:
            items.append(Item("alone_per_year", to_cents(cost.per_year), r.key, {}))
        if cost.per_use and uses:
            amount = to_cents(cost.per_use * uses)
            items.append(
                Item("alone_per_use", amount, r.key, {"uses": uses, "per_use": cost.per_use})
            )
    return items


def study(
    inputs: StudyInputs,
    *,
    usage_factor: Decimal = ONE,
    startup_factor: Decimal = ONE,
    departure: Departure | None = None,
) -> StudyResult:
    """Each organisation's cost together and alone, year by year, over the horizon."""
    usage_factor, startup_factor = _dec(usage_factor), _dec(startup_factor)
    orgs = tuple(inputs.organisations)
    if departure is not None and departure.organisation not in orgs:
        raise ValueError("the departing organisation is not a partner")
    startup_total = to_cents(inputs.startup_total * startup_factor)
    loan_amount = to_cents(inputs.loan.amount) if inputs.loan else ZERO
    own_funds = max(ZERO, startup_total - to_cents(inputs.grant) - loan_amount)
    annuity = inputs.loan.annuity() if inputs.loan and inputs.loan.amount else ZERO

    together = {o: [] for o in orgs}
    alone = {o: [] for o in orgs}
    for year in range(1, inputs.horizon + 1):
        part = {o: ONE for o in orgs}
        if departure is not None:
            part[departure.organisation] = departure.participation(year)
        items = {o: [] for o in orgs}

        for r in inputs.resources:
            uses = {o: _dec(r.uses.get(o, 0) or 0) * usage_factor * part[o] for o in orgs}
            total_uses = sum(uses.values(), ZERO)
            group_cost = to_cents(_dec(r.variable_per_use) * total_uses + _dec(r.fixed_per_year))
            weights = uses if total_uses else _weights(inputs.startup_weights, part, orgs)
            basis = {
                "group_cost": group_cost,
                "total_uses": total_uses,
                "variable_per_use": _dec(r.variable_per_use),
                "fixed_per_year": _dec(r.fixed_per_year),
            }
            for o, share in _split(group_cost, weights).items():
                if share:
                    items[o].append(Item("resource", share, r.key, {**basis, "uses": uses[o]}))

        coordination = to_cents(_dec(inputs.coordination_per_year))
        weights = _weights(inputs.coordination_weights, part, orgs)
        for o, share in _split(coordination, weights).items():
            if share:
                basis = _share_basis(coordination, weights, o)
                items[o].append(Item("coordination", share, None, basis))

        if year == 1:
            weights = _weights(inputs.startup_weights, part, orgs)
            for o, share in _split(own_funds, weights).items():
                if share:
                    basis = _share_basis(
                        own_funds, weights, o, startup_total=startup_total,
                        grant=to_cents(inputs.grant), loan=loan_amount,
                    )  # fmt: skip
                    items[o].append(Item("own_funds", share, None, basis))

        if annuity and year <= inputs.loan.term_years:
            weights = _weights(inputs.startup_weights, part, orgs)
            for o, share in _split(annuity, weights).items():
                if share:
                    basis = _share_basis(
                        annuity, weights, o, loan=loan_amount,
                        rate=inputs.loan.rate, term=inputs.loan.term_years,
                    )  # fmt: skip
                    items[o].append(Item("loan", share, None, basis))

        for o in orgs:
            own_alone = _alone_items(inputs, o, year, usage_factor)
            if part[o] < 1:
                # Gone (or going): it pays alone again for the rest of the time, and
                # buys again what it would have bought alone the year it leaves.
                again = _alone_items(inputs, o, 1 if year == departure.year else 2, usage_factor)
                for item in again:
                    amount = (
                        item.amount
                        if item.kind == "alone_one_off"
                        else to_cents(item.amount * (ONE - part[o]))
                    )
                    if amount:
                        basis = {**item.basis, "source": item.kind, "fraction": ONE - part[o],
                                 "full": item.amount}  # fmt: skip
                        items[o].append(Item("after_exit", amount, item.resource, basis))
            together[o].append(items[o])
            alone[o].append(own_alone)

    results = {}
    for o in orgs:
        years, cumulative = [], ZERO
        for index, (t_items, a_items) in enumerate(zip(together[o], alone[o], strict=True)):
            t = sum((i.amount for i in t_items), ZERO)
            a = sum((i.amount for i in a_items), ZERO)
            cumulative += a - t
            years.append(Year(index + 1, t, a, a - t, cumulative, tuple(t_items), tuple(a_items)))
        used = [r for r in inputs.resources if _dec(r.uses.get(o, 0) or 0) > 0]
        results[o] = OrganisationResult(
            organisation=o,
            years=tuple(years),
            access_gained=tuple(
                r.key
                for r in used
                if (o, r.key) in inputs.alone and not inputs.alone[(o, r.key)].has_access
            ),
            missing_alone=tuple(r.key for r in used if (o, r.key) not in inputs.alone),
        )

    group, cumulative = [], ZERO
    for index in range(inputs.horizon):
        rows = [results[o].years[index] for o in orgs]
        t = sum((row.together for row in rows), ZERO)
        a = sum((row.alone for row in rows), ZERO)
        cumulative += a - t
        group.append(Year(index + 1, t, a, a - t, cumulative))
    return StudyResult(inputs=inputs, organisations=results, group=tuple(group))


def group_costs(inputs: StudyInputs, year: int) -> Decimal:
    """What the group pays together in `year`, computed without any sharing.

    >>> group_costs(StudyInputs(("A",), coordination_per_year=Decimal("10.005")), 1)
    Decimal('10.01')
    """
    total = ZERO
    for r in inputs.resources:
        uses = sum((_dec(v or 0) for v in r.uses.values()), ZERO)
        total += to_cents(_dec(r.variable_per_use) * uses + _dec(r.fixed_per_year))
    total += to_cents(_dec(inputs.coordination_per_year))
    if year == 1:
        total += inputs.own_funds
    if inputs.loan and inputs.loan.amount and year <= inputs.loan.term_years:
        total += inputs.loan.annuity()
    return total


# --- Sensitivity and break-even -------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    code: str  # "uses-30", "uses-15", "planned", "uses+15", "startup+20", "departure"
    result: StudyResult
    departure: Departure | None = None


def sensitivity(inputs: StudyInputs, departure: Departure | None = None) -> list[Scenario]:
    """The study under the usual stresses: less or more use, dearer start-up, a departure."""
    scenarios = [
        Scenario("uses-30", study(inputs, usage_factor=Decimal("0.70"))),
        Scenario("uses-15", study(inputs, usage_factor=Decimal("0.85"))),
        Scenario("planned", study(inputs)),
        Scenario("uses+15", study(inputs, usage_factor=Decimal("1.15"))),
        Scenario("startup+20", study(inputs, startup_factor=Decimal("1.20"))),
    ]
    if departure is not None:
        scenarios.append(Scenario("departure", study(inputs, departure=departure), departure))
    return scenarios


@dataclass(frozen=True)
class BreakEven:
    """The yearly uses of a resource at which the group spends no more than alone.

    kind: "minimum" (at least `uses`), "maximum" (at most `uses`: alone is cheaper per use),
    "always", "never".
    """

    resource: Hashable
    kind: str
    uses: int | None
    planned: Decimal


def break_even(inputs: StudyInputs, resource: ResourcePlan) -> BreakEven:
    """Break-even uses per year of one resource for the group, over the horizon.

    Together over H years: H × (variable × n + fixed) + the start-up costs tied to the
    resource. Alone: the sum, over the partners who could have it alone, of their
    one-off + H × (per year + per use × their share of the planned uses × n). The
    partners keep the proportions of their planned uses.
    """
    horizon = Decimal(inputs.horizon)
    planned = sum((_dec(v or 0) for v in resource.uses.values()), ZERO)
    linked = sum((_dec(c.amount) for c in inputs.startup_costs if c.resource == resource.key),
                 ZERO)  # fmt: skip
    alone_fixed, alone_per_use = ZERO, ZERO
    for o, uses in resource.uses.items():
        cost = inputs.alone.get((o, resource.key))
        if cost is None or not cost.has_access or not uses or not planned:
            continue
        alone_fixed += cost.one_off + horizon * cost.per_year
        alone_per_use += cost.per_use * _dec(uses) / planned
    slope = horizon * (_dec(resource.variable_per_use) - alone_per_use)
    gap = alone_fixed - horizon * _dec(resource.fixed_per_year) - linked
    # together(n) ≤ alone(n)  ⇔  slope × n ≤ gap
    if slope == 0:
        return BreakEven(resource.key, "always" if gap >= 0 else "never", None, planned)
    bound = gap / slope
    if slope < 0:
        uses = max(0, int(bound.to_integral_value(rounding=ROUND_CEILING)))
        if uses == 0:
            return BreakEven(resource.key, "always", None, planned)
        return BreakEven(resource.key, "minimum", uses, planned)
    if bound < 0:
        return BreakEven(resource.key, "never", None, planned)
    return BreakEven(resource.key, "maximum", int(bound), planned)


__all__ = [
    "CENT",
    "AloneCost",
    "BreakEven",
    "Departure",
    "Item",
    "Loan",
    "ResourcePlan",
    "Scenario",
    "StartupCost",
    "StudyInputs",
    "StudyResult",
    "break_even",
    "group_costs",
    "payback_year",
    "sensitivity",
    "study",
]
