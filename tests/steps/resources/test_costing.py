"""The cost-of-use calculator (steps/costing.py): the guide's example, each component,
both methods, the break-even, sharing and the year's reconciliation."""

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from steps.resources.costing import (
    CostInputs,
    Usage,
    allocate,
    annual_fixed_charges,
    break_even_uses_per_year,
    cost_of_use,
    full_cost_per_use,
    reconcile,
    variable_cost_per_use,
)

D = Decimal

PLANER = CostInputs(
    consumable_cost_per_unit=D("0.05"),  # knives: 100 $ every 2 000 ft
    maintenance_cost=D(100),
    maintenance_interval_units=D(100_000),
    purchase_price=D(3500),
    amortisation_years=D(7),
    handling_hours_per_use=D(1),
    hourly_rate=D(30),
    admin_fee_per_use=D(5),
)
PLANER_USE = Usage(units=D(50), hours=D(5))


def test_cost_of_use_guide_example_is_37_84():
    """The guide's planer: 2,50 + 0,05 + 0,29 + 30,00 + 5,00 ≈ 37,84 $."""
    result = cost_of_use(PLANER, PLANER_USE)
    assert result.consumables == D("2.50")
    assert result.maintenance == D("0.05")
    assert result.replacement == D("0.29")
    assert result.handling == D("30.00")
    assert result.admin == D("5.00")
    assert result.fixed_share == D("0.00")
    assert result.total == D("37.84")


def test_cost_of_use_total_is_rounded_sum_of_unrounded_parts():
    """Three parts of 0,004 each round to 0,00 but their sum rounds to 0,01."""
    inputs = CostInputs(
        consumable_cost_per_unit=D("0.004"),
        admin_fee_per_use=D("0.004"),
        hourly_rate=D("0.004"),
        handling_hours_per_use=D(1),
    )
    result = cost_of_use(inputs, Usage(units=D(1)))
    assert (result.consumables, result.handling, result.admin) == (D(0), D(0), D(0))
    assert result.total == D("0.01")


@pytest.mark.parametrize(
    ("inputs", "usage", "component", "expected"),
    [
        (CostInputs(consumable_cost_per_unit=D("0.18")), Usage(units=120), "consumables", "21.60"),
        (CostInputs(consumable_cost_per_unit=D("0.125")), Usage(units=1), "consumables", "0.13"),
        (CostInputs(consumable_cost_per_unit=D("0.0125")), Usage(units=2), "consumables", "0.03"),
        (
            CostInputs(maintenance_cost=D(450), maintenance_interval_units=D(10_000)),
            Usage(units=120),
            "maintenance",
            "5.40",
        ),
        (CostInputs(maintenance_cost=D(450)), Usage(units=120), "maintenance", "0.00"),
        (
            CostInputs(purchase_price=D(87600), amortisation_years=D(10)),
            Usage(hours=D(3)),
            "replacement",
            "3.00",
        ),
        (
            CostInputs(purchase_price=D(87600), residual_value=D(43800), amortisation_years=5),
            Usage(hours=D(2)),
            "replacement",
            "2.00",
        ),
        (CostInputs(purchase_price=D(87600)), Usage(hours=D(3)), "replacement", "0.00"),
        (
            CostInputs(handling_hours_per_use=D("0.5"), hourly_rate=D("27.35")),
            Usage(),
            "handling",
            "13.68",
        ),
        (CostInputs(admin_fee_per_use=D("4.5")), Usage(), "admin", "4.50"),
    ],
)
def test_cost_of_use_guide_components(inputs, usage, component, expected):
    """Each component of the guide's formula, alone."""
    result = cost_of_use(inputs, usage)
    assert getattr(result, component) == D(expected)
    assert result.total == D(expected)


@pytest.mark.parametrize(
    ("uses_per_year", "expected_share"),
    [(None, "0.00"), (100, "30.00"), (3, "1000.00"), (7, "428.57")],
)
def test_cost_of_use_guide_fixed_share_is_management_and_other(uses_per_year, expected_share):
    """The guide's method shares only management and other yearly costs."""
    inputs = CostInputs(
        management_cost_per_year=D(2000),
        other_costs_per_year=D(1000),
        purchase_price=D(10_000),
        amortisation_years=D(5),
        financing_rate=D("0.05"),
    )
    result = cost_of_use(inputs, Usage(), uses_per_year=uses_per_year)
    assert result.fixed_share == D(expected_share)
    assert result.replacement == D(0)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        (CostInputs(), "0"),
        (CostInputs(purchase_price=D(3500), amortisation_years=D(7)), "500"),
        (
            CostInputs(purchase_price=D(60000), residual_value=D(12000), amortisation_years=8),
            "6000",
        ),
        (CostInputs(purchase_price=D(60000), residual_value=D(12000)), "0"),
        (
            CostInputs(
                purchase_price=D(60000),
                residual_value=D(12000),
                amortisation_years=8,
                financing_rate=D("0.06"),
            ),
            "8160",  # 6 000 + 6 % × (60 000 + 12 000) ÷ 2
        ),
        (
            CostInputs(management_cost_per_year=D(1500), other_costs_per_year=D("2400.50")),
            "3900.50",
        ),
    ],
)
def test_annual_fixed_charges_cases(inputs, expected):
    """Depreciation, financing on the average capital, management and other costs."""
    assert annual_fixed_charges(inputs) == D(expected)


def test_cost_of_use_full_method_shares_every_fixed_charge():
    """Full recovery: replacement moves into the fixed share over the committed uses."""
    result = cost_of_use(PLANER, PLANER_USE, method="full", uses_per_year=20)
    assert result.replacement == D(0)
    assert result.fixed_share == D("25.00")  # 500 $ a year ÷ 20 uses
    assert result.total == D("62.55")


@pytest.mark.parametrize(
    ("uses_per_year", "guide_total", "full_total"),
    [(10, "37.84", "87.55"), (50, "37.84", "47.55"), (8760, "37.84", "37.61")],
)
def test_cost_of_use_methods_side_by_side(uses_per_year, guide_total, full_total):
    """The guide's method under-recovers replacement unless used around the clock."""
    guide = cost_of_use(PLANER, PLANER_USE, uses_per_year=uses_per_year)
    full = cost_of_use(PLANER, PLANER_USE, method="full", uses_per_year=uses_per_year)
    assert guide.total == D(guide_total)
    assert full.total == D(full_total)


def test_cost_of_use_full_method_needs_uses_per_year():
    """Without a number of uses the full method cannot share the fixed charges."""
    with pytest.raises(ValueError, match="uses_per_year"):
        cost_of_use(PLANER, PLANER_USE, method="full")


@pytest.mark.parametrize("uses", [0, -3, D(0)])
def test_cost_of_use_refuses_zero_or_negative_uses(uses):
    """Uses per year must be above zero."""
    with pytest.raises(ValueError):
        cost_of_use(PLANER, PLANER_USE, method="full", uses_per_year=uses)


def test_cost_of_use_refuses_unknown_method():
    """Only "guide" and "full" exist."""
    with pytest.raises(ValueError, match="method"):
        cost_of_use(PLANER, PLANER_USE, method="market")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"purchase_price": D(-1)},
        {"hourly_rate": D("-0.01")},
        {"maintenance_interval_units": D(0)},
        {"amortisation_years": D(0)},
        {"amortisation_years": D(-2)},
        {"purchase_price": D(100), "residual_value": D(101)},
    ],
)
def test_cost_inputs_refuses_bad_values(kwargs):
    """Negative amounts, zero intervals or years and a residual above purchase."""
    with pytest.raises(ValueError):
        CostInputs(**kwargs)


def test_cost_inputs_refuses_floats():
    """Money is Decimal, never float."""
    with pytest.raises(TypeError):
        CostInputs(purchase_price=12.5)


def test_cost_inputs_accepts_ints_and_strings():
    """Ints and strings become Decimals."""
    inputs = CostInputs(purchase_price=100, hourly_rate="12.5")
    assert inputs.purchase_price == D(100)
    assert inputs.hourly_rate == D("12.5")


def test_variable_cost_per_use_is_unrounded():
    """Consumables + maintenance + handling + admin, without rounding."""
    assert variable_cost_per_use(PLANER, PLANER_USE) == D("37.55")
    inputs = CostInputs(consumable_cost_per_unit=D("0.0125"))
    assert variable_cost_per_use(inputs, Usage(units=1)) == D("0.0125")


@pytest.mark.parametrize(
    ("alternative", "expected"),
    [
        ("80", 12),  # 37,55 + 500 ÷ 12 = 79,22 ≤ 80; at 11: 83,00
        ("62.55", 20),
        ("62.54", 21),
        ("37.56", 33_334),  # 500 ÷ 33 334 < 0,015
        ("37.55", None),
        ("20", None),
        ("1000", 1),
    ],
)
def test_break_even_uses_per_year_planer(alternative, expected):
    """The fewest uses per year at which pooling costs no more than the alternative."""
    assert break_even_uses_per_year(PLANER, PLANER_USE, D(alternative)) == expected


def test_break_even_without_fixed_charges_is_one_use():
    """With no fixed charge, one use already pays off when the variable cost is lower."""
    inputs = CostInputs(admin_fee_per_use=D(5))
    assert break_even_uses_per_year(inputs, Usage(), D(6)) == 1


# --- Sharing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        ("100", {"a": 1, "b": 1, "c": 1}, {"a": "33.34", "b": "33.33", "c": "33.33"}),
        ("100", {"a": 1, "b": 0}, {"a": "100.00", "b": "0.00"}),
        ("10", {"a": 2, "b": 1, "c": 1}, {"a": "5.00", "b": "2.50", "c": "2.50"}),
        ("0.05", {"a": 1, "b": 1}, {"a": "0.03", "b": "0.02"}),
        ("1000", {"a": D("0.5"), "b": D("1.5")}, {"a": "250.00", "b": "750.00"}),
        ("-10", {"a": 1, "b": 2}, {"a": "-3.33", "b": "-6.67"}),
        ("0", {"a": 1, "b": 2}, {"a": "0.00", "b": "0.00"}),
        # largest remainder: 2/3 of 0,01 = 0,0067 goes before 1/3 = 0,0033
        ("0.01", {"a": 1, "b": 2}, {"a": "0.00", "b": "0.01"}),
    ],
)
def test_allocate_cases(total, weights, expected):
    """Proportional split to the cent, summing exactly to the total."""
    result = allocate(D(total), weights)
    assert result == {k: D(v) for k, v in expected.items()}
    assert sum(result.values()) == D(total)


def test_allocate_refuses_all_zero_weights():
    """Nothing to split by: ValueError."""
    with pytest.raises(ValueError):
        allocate(D(100), {"a": 0, "b": 0})
    with pytest.raises(ValueError):
        allocate(D(100), {})


def test_allocate_refuses_negative_weight():
    """Weights are non-negative."""
    with pytest.raises(ValueError):
        allocate(D(100), {"a": 1, "b": -1})


# --- Properties ------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=100_000, places=2)
small_rate = st.decimals(min_value=0, max_value=100, places=4)
positive = st.decimals(min_value=D("0.01"), max_value=100_000, places=2)


@st.composite
def cost_inputs(draw):
    purchase = draw(money)
    residual = draw(st.decimals(min_value=0, max_value=purchase, places=2))
    return CostInputs(
        consumable_cost_per_unit=draw(small_rate),
        maintenance_cost=draw(money),
        maintenance_interval_units=draw(st.none() | positive),
        purchase_price=purchase,
        residual_value=residual,
        amortisation_years=draw(st.none() | st.decimals(min_value=1, max_value=40, places=1)),
        handling_hours_per_use=draw(st.decimals(min_value=0, max_value=24, places=2)),
        hourly_rate=draw(st.decimals(min_value=0, max_value=200, places=2)),
        admin_fee_per_use=draw(st.decimals(min_value=0, max_value=100, places=2)),
        management_cost_per_year=draw(money),
        other_costs_per_year=draw(money),
        financing_rate=draw(st.decimals(min_value=0, max_value=D("0.2"), places=4)),
    )


usages = st.builds(
    Usage,
    units=st.decimals(min_value=0, max_value=5000, places=2),
    hours=st.decimals(min_value=0, max_value=100, places=2),
)


@settings(max_examples=200, deadline=None)
@given(
    inputs=cost_inputs(),
    usage=usages,
    method=st.sampled_from(["guide", "full"]),
    uses=st.integers(min_value=1, max_value=10_000),
)
def test_cost_of_use_total_is_sum_of_parts_within_half_cent_each(inputs, usage, method, uses):
    """The total differs from the sum of rounded parts by at most ½ cent per part."""
    result = cost_of_use(inputs, usage, method=method, uses_per_year=uses)
    parts = [
        result.consumables,
        result.maintenance,
        result.replacement,
        result.handling,
        result.admin,
        result.fixed_share,
    ]
    assert abs(result.total - sum(parts)) <= D("0.005") * len(parts)
    assert result.total == result.total.quantize(D("0.01"))


weights = st.dictionaries(
    st.sampled_from("abcdefgh"), st.decimals(min_value=0, max_value=1000, places=3), min_size=1
)


@settings(max_examples=300, deadline=None)
@given(total=st.decimals(min_value=-1_000_000, max_value=1_000_000, places=2), weights=weights)
def test_allocate_sums_exactly_to_the_total(total, weights):
    """However the weights fall, the shares add up to the total, to the cent."""
    assume(any(w > 0 for w in weights.values()))
    shares = allocate(total, weights)
    assert set(shares) == set(weights)
    assert sum(shares.values()) == total
    for key, share in shares.items():
        exact = total * weights[key] / sum(weights.values())
        assert abs(share - exact) < D("0.01")


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    total=st.decimals(min_value=0, max_value=1_000_000, places=2),
    weights=weights,
    key=st.sampled_from("abcdefgh"),
    increase=st.decimals(min_value=D("0.001"), max_value=1000, places=3),
)
def test_allocate_is_monotonic_in_weights(total, weights, key, increase):
    """Raising one key's weight never lowers its share."""
    assume(key in weights and any(w > 0 for w in weights.values()))
    before = allocate(total, weights)
    after = allocate(total, {**weights, key: weights[key] + increase})
    assert after[key] >= before[key]


@settings(max_examples=200, deadline=None)
@given(
    inputs=cost_inputs(),
    usage=usages,
    alternative=st.decimals(min_value=D("0.01"), max_value=5000, places=2),
)
def test_break_even_is_the_first_affordable_number_of_uses(inputs, usage, alternative):
    """At the break-even the full cost per use is ≤ the alternative; one use fewer, above."""
    n = break_even_uses_per_year(inputs, usage, alternative)
    if variable_cost_per_use(inputs, usage) >= alternative:
        assert n is None
        return
    assert n is not None and n >= 1
    assert full_cost_per_use(inputs, usage, n) <= alternative
    if n > 1:
        assert full_cost_per_use(inputs, usage, n - 1) > alternative


# --- The year's reconciliation ---------------------------------------------------------


TRUCK = CostInputs(
    consumable_cost_per_unit=D("0.30"),  # per km
    purchase_price=D(60000),
    residual_value=D(12000),
    amortisation_years=D(8),  # 6 000 $ a year
    admin_fee_per_use=D(10),
    other_costs_per_year=D(3000),  # 9 000 $ of fixed charges a year
)


def test_reconcile_bills_fixed_by_commitment_and_variable_by_actual_use():
    """A committed 100 uses but made 80; B committed 50 and made 70 (20 beyond)."""
    result = reconcile(
        TRUCK,
        committed_uses={"A": 100, "B": 50},
        actual_uses={"A": 80, "B": 70},
        actual_units={"A": D(8000), "B": D(5600)},
    )
    a, b = result.bills["A"], result.bills["B"]
    assert result.fixed_charges == D("9000.00")
    assert result.fixed_rate_per_use == D("60.00")  # 9 000 ÷ 150 committed uses
    # A: 6 000 of fixed charges, no extra, 8 000 km × 0,30 + 80 × 10 = 3 200
    assert (a.fixed_committed, a.fixed_extra, a.variable, a.total) == (
        D("6000.00"),
        D("0.00"),
        D("3200.00"),
        D("9200.00"),
    )
    # B: 3 000 + 20 extra uses × 60 = 1 200, 5 600 km × 0,30 + 70 × 10 = 2 380
    assert (b.fixed_committed, b.fixed_extra, b.variable, b.total) == (
        D("3000.00"),
        D("1200.00"),
        D("2380.00"),
        D("6580.00"),
    )
    assert result.billed == D("15780.00")
    assert result.actual_cost == D("14580.00")  # 9 000 + 13 600 km × 0,30 + 150 × 10
    assert result.balance == D("1200.00")


def test_reconcile_without_commitments_leaves_fixed_charges_unpaid():
    """Nobody committed: only variable charges are billed, the fixed ones are a deficit."""
    result = reconcile(TRUCK, committed_uses={}, actual_uses={"A": 2}, actual_units={"A": D(100)})
    assert result.fixed_rate_per_use is None
    assert result.bills["A"].total == D("50.00")
    assert result.balance == D("-9000.00")


@settings(max_examples=150, deadline=None)
@given(
    inputs=cost_inputs(),
    rows=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=500),
            st.integers(min_value=0, max_value=500),
            st.decimals(min_value=0, max_value=50_000, places=2),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_reconcile_balance_is_the_extra_uses(inputs, rows):
    """With commitments, the fixed charges are billed exactly once; the surplus is the extras."""
    assume(any(committed for committed, _uses, _units in rows))
    result = reconcile(
        inputs,
        committed_uses={i: D(c) for i, (c, _u, _n) in enumerate(rows)},
        actual_uses={i: D(u) for i, (_c, u, _n) in enumerate(rows)},
        actual_units={i: n for i, (_c, _u, n) in enumerate(rows)},
    )
    bills = result.bills.values()
    assert sum(bill.fixed_committed for bill in bills) == result.fixed_charges
    assert result.billed == sum(bill.total for bill in bills)
    assert result.balance == sum(bill.fixed_extra for bill in bills)
    assert result.balance >= 0
