"""Cost of use, break-even and cost sharing of a pooled resource (pure, no Django).

The method of the TIESS guide (DOMAIN.md, « coût d'utilisation ») and the full cost
recovery of shared-machinery cooperatives (CUMA): fixed charges spread over the uses
committed for the year, plus variable charges per use. Decimal throughout; amounts are
rounded to the cent, half up, only at the end.

    >>> inputs = CostInputs(
    ...     consumable_cost_per_unit=Decimal("0.05"),
    ...     maintenance_cost=Decimal(100),
    ...     maintenance_interval_units=Decimal(100_000),
    ...     purchase_price=Decimal(3500),
    ...     amortisation_years=Decimal(7),
    ...     handling_hours_per_use=Decimal(1),
    ...     hourly_rate=Decimal(30),
    ...     admin_fee_per_use=Decimal(5),
    ... )
    >>> cost_of_use(inputs, Usage(units=Decimal(50), hours=Decimal(5))).total
    Decimal('37.84')
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, fields
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

CENT = Decimal("0.01")
ZERO = Decimal(0)
HOURS_PER_YEAR = Decimal(365 * 24)

Method = Literal["guide", "full"]
METHODS = ("guide", "full")


def to_cents(value: Decimal) -> Decimal:
    """Round an amount to the cent, half up (0,005 → 0,01)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _as_decimal(name: str, value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        # Floats would bring binary rounding errors into money.
        raise TypeError(f"{name} must be a Decimal, an int or a str, not {type(value).__name__}")
    return Decimal(value)


class _DecimalFields:
    """Coerce int and str fields to Decimal so callers may write `Usage(units=50)`."""

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, _as_decimal(f.name, getattr(self, f.name)))


@dataclass(frozen=True)
class CostInputs(_DecimalFields):
    """What a pooled good costs; amounts in dollars, rates per unit, hour or year.

    `maintenance_interval_units` None means no servicing; `amortisation_years` None means
    no replacement cost. `financing_rate` is the annual interest on the capital
    (0.05 for 5 %), charged on the average capital (purchase + residual) ÷ 2.
    """

    consumable_cost_per_unit: Decimal = ZERO
    maintenance_cost: Decimal = ZERO
    maintenance_interval_units: Decimal | None = None
    purchase_price: Decimal = ZERO
    residual_value: Decimal = ZERO
    amortisation_years: Decimal | None = None
    handling_hours_per_use: Decimal = ZERO
    hourly_rate: Decimal = ZERO
    admin_fee_per_use: Decimal = ZERO
    management_cost_per_year: Decimal = ZERO
    other_costs_per_year: Decimal = ZERO
    financing_rate: Decimal = ZERO

    def __post_init__(self):
        super().__post_init__()
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and value < 0:
                raise ValueError(f"{f.name} must not be negative")
        for name in ("maintenance_interval_units", "amortisation_years"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be above zero (or None)")
        if self.residual_value > self.purchase_price:
            raise ValueError("residual_value must not exceed purchase_price")


@dataclass(frozen=True)
class Usage(_DecimalFields):
    """One typical use: `units` in the resource's unit (km, hours, feet…), `hours` long."""

    units: Decimal = ZERO
    hours: Decimal = ZERO

    def __post_init__(self):
        super().__post_init__()
        if self.units < 0 or self.hours < 0:
            raise ValueError("usage must not be negative")


@dataclass(frozen=True)
class CostBreakdown:
    """The cost of one use, per component, each rounded to the cent.

    `total` is the rounded sum of the unrounded parts, so it may differ from the sum of
    the rounded parts by up to half a cent per part.
    """

    consumables: Decimal
    maintenance: Decimal
    replacement: Decimal
    handling: Decimal
    admin: Decimal
    fixed_share: Decimal
    total: Decimal
    method: str = "guide"
    uses_per_year: int | None = None
    exact: dict = field(default_factory=dict, repr=False, compare=False)


# --- Components (unrounded) ----------------------------------------------------------


def _consumables(inputs: CostInputs, usage: Usage) -> Decimal:
    return inputs.consumable_cost_per_unit * usage.units


def _maintenance(inputs: CostInputs, usage: Usage) -> Decimal:
    if inputs.maintenance_interval_units is None:
        return ZERO
    return inputs.maintenance_cost * usage.units / inputs.maintenance_interval_units


def _handling(inputs: CostInputs) -> Decimal:
    return inputs.handling_hours_per_use * inputs.hourly_rate


def _guide_replacement(inputs: CostInputs, usage: Usage) -> Decimal:
    if inputs.amortisation_years is None:
        return ZERO
    depreciable = inputs.purchase_price - inputs.residual_value
    return depreciable / (inputs.amortisation_years * HOURS_PER_YEAR) * usage.hours


def annual_depreciation(inputs: CostInputs) -> Decimal:
    """(purchase − residual) ÷ years, or 0 without amortisation (unrounded)."""
    if inputs.amortisation_years is None:
        return ZERO
    return (inputs.purchase_price - inputs.residual_value) / inputs.amortisation_years


def annual_financing(inputs: CostInputs) -> Decimal:
    """Interest on the average capital tied up in the good (unrounded)."""
    return inputs.financing_rate * (inputs.purchase_price + inputs.residual_value) / 2


def annual_fixed_charges(inputs: CostInputs) -> Decimal:
    """What the good costs in a year whether it is used or not (unrounded).

    Depreciation + financing + management of the mutualisation + other yearly costs.
    """
    return (
        annual_depreciation(inputs)
        + annual_financing(inputs)
        + inputs.management_cost_per_year
        + inputs.other_costs_per_year
    )


def variable_cost_per_use(inputs: CostInputs, usage: Usage) -> Decimal:
    """Consumables + maintenance + handling + admin fee of one use (unrounded)."""
    return (
        _consumables(inputs, usage)
        + _maintenance(inputs, usage)
        + _handling(inputs)
        + inputs.admin_fee_per_use
    )


def variable_cost(inputs: CostInputs, *, units: Decimal, uses: Decimal) -> Decimal:
    """Variable charges of `uses` uses totalling `units` units (unrounded).

    Consumables and maintenance follow the units actually used; handling and the admin
    fee follow the number of uses.
    """
    usage = Usage(units=units, hours=ZERO)
    per_use = _handling(inputs) + inputs.admin_fee_per_use
    return _consumables(inputs, usage) + _maintenance(inputs, usage) + per_use * uses


# --- Cost of one use -----------------------------------------------------------------


def _check_uses(uses_per_year) -> None:
    if isinstance(uses_per_year, bool) or not isinstance(uses_per_year, int | Decimal):
        raise TypeError("uses_per_year must be an int or a Decimal")
    if uses_per_year <= 0:
        raise ValueError("uses_per_year must be above zero")


def _parts(inputs: CostInputs, usage: Usage, method: str, uses_per_year) -> dict:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (expected 'guide' or 'full')")
    if uses_per_year is not None:
        _check_uses(uses_per_year)
    if method == "guide":
        replacement = _guide_replacement(inputs, usage)
        yearly = inputs.management_cost_per_year + inputs.other_costs_per_year
        fixed_share = ZERO if uses_per_year is None else yearly / Decimal(uses_per_year)
    else:
        if uses_per_year is None:
            raise ValueError("the full method needs uses_per_year")
        replacement = ZERO
        fixed_share = annual_fixed_charges(inputs) / Decimal(uses_per_year)
    return {
        "consumables": _consumables(inputs, usage),
        "maintenance": _maintenance(inputs, usage),
        "replacement": replacement,
        "handling": _handling(inputs),
        "admin": inputs.admin_fee_per_use,
        "fixed_share": fixed_share,
    }


def cost_of_use(
    inputs: CostInputs,
    usage: Usage,
    *,
    method: Method = "guide",
    uses_per_year: int | Decimal | None = None,
) -> CostBreakdown:
    """The cost of one use of the good, per component.

    "guide" (TIESS): replacement is the purchase spread over every hour of its life
    (years × 365 × 24) times the hours of the use; management and other yearly costs are
    shared over `uses_per_year` when it is given. "full" (full cost recovery): every
    annual fixed charge, depreciation and financing included, is shared over
    `uses_per_year` (required); replacement is then part of that fixed share.
    """
    parts = _parts(inputs, usage, method, uses_per_year)
    exact_total = sum(parts.values(), ZERO)
    return CostBreakdown(
        **{name: to_cents(value) for name, value in parts.items()},
        total=to_cents(exact_total),
        method=method,
        uses_per_year=uses_per_year,
        exact={**parts, "total": exact_total},
    )


def full_cost_per_use(inputs: CostInputs, usage: Usage, uses_per_year: int) -> Decimal:
    """The full-recovery cost of one use at `uses_per_year` uses, rounded to the cent."""
    return cost_of_use(inputs, usage, method="full", uses_per_year=uses_per_year).total


def break_even_uses_per_year(
    inputs: CostInputs, usage: Usage, alternative_price_per_use: Decimal
) -> int | None:
    """The fewest uses per year at which pooling costs no more than the alternative.

    The smallest whole n for which the full-recovery cost per use (rounded to the cent)
    is at or below the alternative price (rounded to the cent): renting on the market,
    or what one organisation pays alone. None when the variable cost of one use alone
    already reaches the alternative: no volume of use ever pays the fixed charges back.
    """
    alternative = to_cents(_as_decimal("alternative_price_per_use", alternative_price_per_use))
    variable = variable_cost_per_use(inputs, usage)
    if variable >= alternative:
        return None

    def affordable(n: int) -> bool:
        return full_cost_per_use(inputs, usage, n) <= alternative

    # The cost per use only falls as n grows: bracket the answer, then bisect.
    fixed = annual_fixed_charges(inputs)
    estimate = (fixed / (alternative - variable)).to_integral_value(rounding=ROUND_CEILING)
    high = max(1, int(estimate))
    while not affordable(high):
        high *= 2
    low = 0  # not affordable by convention (no use at all)
    while high - low > 1:
        middle = (low + high) // 2
        if affordable(middle):
            high = middle
        else:
            low = middle
    return high


# --- Sharing ---------------------------------------------------------------------------


def allocate(total: Decimal, weights: Mapping[Hashable, object]) -> dict:
    """Split `total` between the keys of `weights` in proportion, to the cent.

    The amounts sum exactly to `total` (rounded to the cent first): each key receives
    the floor of its exact share in cents, then the cents left go one by one to the
    largest remainders (ties: the first key in `weights`' order). Weights must be
    non-negative numbers, not all zero; a negative total is split the same way.
    """
    total = to_cents(_as_decimal("total", total))
    exact = {}
    for key, weight in weights.items():
        if isinstance(weight, bool):
            raise TypeError("weights must be numbers")
        ratio = Fraction(weight)
        if ratio < 0:
            raise ValueError("weights must not be negative")
        exact[key] = ratio
    weight_sum = sum(exact.values(), Fraction(0))
    if weight_sum == 0:
        raise ValueError("at least one weight must be above zero")

    cents = int(abs(total) / CENT)
    sign = -1 if total < 0 else 1
    quotas = {key: Fraction(cents) * weight / weight_sum for key, weight in exact.items()}
    shares = {key: quota.numerator // quota.denominator for key, quota in quotas.items()}
    left = cents - sum(shares.values())
    order = sorted(quotas, key=lambda key: quotas[key] - shares[key], reverse=True)
    for key in order[:left]:
        shares[key] += 1
    return {key: Decimal(sign * shares[key]) * CENT for key in exact}


# --- The year's reconciliation ---------------------------------------------------------


@dataclass(frozen=True)
class OrganisationBill:
    """What one organisation owes for the year."""

    committed_uses: Decimal
    actual_uses: Decimal
    actual_units: Decimal
    fixed_committed: Decimal  # its committed share of the fixed charges
    fixed_extra: Decimal  # uses beyond its commitment, at the fixed rate per use
    variable: Decimal  # variable charges of its actual use
    total: Decimal


@dataclass(frozen=True)
class Reconciliation:
    """Committed vs actual use over a year, the bills and the resource's balance."""

    fixed_charges: Decimal
    fixed_rate_per_use: Decimal | None
    bills: dict
    billed: Decimal
    actual_cost: Decimal  # fixed charges + variable charges of the actual uses
    balance: Decimal  # billed − actual cost: above 0 a surplus, below 0 a deficit
    committed_uses: Decimal = ZERO  # every organisation's commitments together
    actual_uses: Decimal = ZERO

    @property
    def use_rate(self) -> Decimal | None:
        """Actual ÷ committed uses (0.2 for 32 of 160), None without commitments."""
        return use_rate(self.committed_uses, self.actual_uses)

    @property
    def use(self) -> str:
        """ "under", "as_planned", "over" or "uncommitted" (see `use_kind`)."""
        return use_kind(self.committed_uses, self.actual_uses)

    @property
    def real_cost_per_use(self) -> Decimal | None:
        """What each actual use cost: the year's actual cost ÷ the actual uses."""
        return real_cost_per_use(self.actual_cost, self.actual_uses)

    @property
    def balanced(self) -> bool:
        """Balanced in both senses: the bills pay the costs, and the uses committed
        happened, no more, no fewer. Commitments that cover fixed costs for uses that did
        not happen are not a balance: the resource cost more per use than planned."""
        return self.balance == 0 and self.use == "as_planned"


def use_rate(committed: Decimal, actual: Decimal) -> Decimal | None:
    """Actual uses as a fraction of the committed ones, None without commitments.

    >>> use_rate(Decimal(160), Decimal(32)), use_rate(Decimal(0), Decimal(3))
    (Decimal('0.2'), None)
    """
    if committed <= 0:
        return None
    return Decimal(actual) / Decimal(committed)


def use_kind(committed: Decimal, actual: Decimal) -> str:
    """How the year's uses compare to the commitments.

    >>> [use_kind(Decimal(c), Decimal(a)) for c, a in ((160, 32), (10, 10), (10, 12), (0, 4))]
    ['under', 'as_planned', 'over', 'uncommitted']
    """
    if committed <= 0:
        return "uncommitted"
    if actual < committed:
        return "under"
    return "over" if actual > committed else "as_planned"


def real_cost_per_use(actual_cost: Decimal, actual_uses: Decimal) -> Decimal | None:
    """The year's actual cost ÷ its actual uses, to the cent; None without any use.

    >>> real_cost_per_use(Decimal("10000.00"), Decimal(32))
    Decimal('312.50')
    """
    if actual_uses <= 0:
        return None
    return to_cents(Decimal(actual_cost) / Decimal(actual_uses))


def reconcile(
    inputs: CostInputs,
    *,
    committed_uses: Mapping[Hashable, Decimal],
    actual_uses: Mapping[Hashable, Decimal],
    actual_units: Mapping[Hashable, Decimal],
) -> Reconciliation:
    """Bill a year of use the way shared-machinery cooperatives do.

    The annual fixed charges are billed by committed share, even for committed uses
    that did not happen; uses beyond an organisation's commitment pay the fixed rate
    per committed use (fixed charges ÷ uses committed in all); variable charges follow
    the actual use (units for consumables and maintenance, uses for handling and the
    admin fee). Without any commitment the fixed charges stay unbilled (a deficit).
    """
    keys = list(dict.fromkeys([*committed_uses, *actual_uses, *actual_units]))
    committed = {k: Decimal(committed_uses.get(k) or 0) for k in keys}
    uses = {k: Decimal(actual_uses.get(k) or 0) for k in keys}
    units = {k: Decimal(actual_units.get(k) or 0) for k in keys}
    fixed = to_cents(annual_fixed_charges(inputs))
    total_committed = sum(committed.values(), ZERO)

    if total_committed > 0 and keys:
        fixed_split = allocate(fixed, committed)
        rate = annual_fixed_charges(inputs) / total_committed
    else:
        fixed_split = {k: ZERO for k in keys}
        rate = None

    bills = {}
    for k in keys:
        extra_uses = max(ZERO, uses[k] - committed[k])
        extra = to_cents(rate * extra_uses) if rate is not None else ZERO
        variable = to_cents(variable_cost(inputs, units=units[k], uses=uses[k]))
        bills[k] = OrganisationBill(
            committed_uses=committed[k],
            actual_uses=uses[k],
            actual_units=units[k],
            fixed_committed=fixed_split[k],
            fixed_extra=extra,
            variable=variable,
            total=fixed_split[k] + extra + variable,
        )
    billed = sum((bill.total for bill in bills.values()), ZERO)
    # The variable charges cost what the organisations' uses cost, each rounded as billed:
    # the balance then only shows the fixed charges left unpaid or paid twice.
    actual_cost = fixed + sum((bill.variable for bill in bills.values()), ZERO)
    return Reconciliation(
        fixed_charges=fixed,
        fixed_rate_per_use=to_cents(rate) if rate is not None else None,
        bills=bills,
        billed=billed,
        actual_cost=actual_cost,
        balance=billed - actual_cost,
        committed_uses=total_committed,
        actual_uses=sum(uses.values(), ZERO),
    )
