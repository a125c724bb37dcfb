"""The opportunity study (steps/study/computing.py): hand-computed cases, a loan and a
departing partner, the break-even, and the properties that keep it honest."""

import doctest
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steps.study import computing
from steps.study.computing import (
    AloneCost,
    Departure,
    Loan,
    ResourcePlan,
    StartupCost,
    StudyInputs,
    break_even,
    group_costs,
    sensitivity,
    study,
)

D = Decimal


def test_computing_doctests_pass():
    """The worked examples of the module's docstrings hold."""
    failures, tried = doctest.testmod(computing)
    assert tried >= 10
    assert failures == 0


TRUCK = ResourcePlan("truck", "Camion", D(100), D(2000), {"A": D(60), "B": D(40)})


def _two_partners(**changes):
    values = {
        "organisations": ("A", "B"),
        "resources": (TRUCK,),
        "startup_costs": (StartupCost("Achat", D(10000), "purchase", "truck"),),
        "grant": D(4000),
        "startup_weights": {"A": 1, "B": 1},
        "alone": {
            ("A", "truck"): AloneCost("rental", per_use=D(200)),
            ("B", "truck"): AloneCost("rental", per_use=D(150)),
        },
        "horizon": 3,
    }
    values.update(changes)
    return StudyInputs(**values)


def test_study_two_partners_grant_by_hand():
    """12 000 $ of truck a year shared 60/40, 6 000 $ of own funds split in two."""
    result = study(_two_partners())
    a, b = result.organisations["A"], result.organisations["B"]
    # A: 60 % of (100 × 100 + 2 000) = 7 200, + 3 000 of own funds in year 1.
    assert [y.together for y in a.years] == [D("10200.00"), D("7200.00"), D("7200.00")]
    assert [y.alone for y in a.years] == [D("12000.00")] * 3  # 60 × 200
    assert a.payback_year == 1
    # B: 4 800 + 3 000 together, 40 × 150 = 6 000 alone.
    assert [y.saving for y in b.years] == [D("-1800.00"), D("1200.00"), D("1200.00")]
    assert b.payback_year == 3
    assert result.group[0].together == D("18000.00")
    assert result.total_saving == D("11400.00") + D("600.00")


def test_study_coordination_salary_share_and_access_gained_by_hand():
    """Coordination 0,25 × 52 000 $ = 13 000 $ split 2:1:1; C could not have it alone."""
    officer = ResourcePlan("com", "Agent·e", D(0), D(0), {"A": D(1), "B": D(1), "C": D(1)})
    inputs = StudyInputs(
        organisations=("A", "B", "C"),
        resources=(officer,),
        coordination_per_year=D("0.25") * D(52000),
        coordination_weights={"A": 2, "B": 1, "C": 1},
        alone={
            ("A", "com"): AloneCost("outsourcing", per_year=D(8000)),
            ("B", "com"): AloneCost("purchase", one_off=D(1000), per_year=D(2000)),
            ("C", "com"): AloneCost("no_access"),
        },
        horizon=3,
    )
    result = study(inputs)
    a, b, c = (result.organisations[k] for k in "ABC")
    assert [y.together for y in a.years] == [D("6500.00")] * 3
    assert [y.saving for y in a.years] == [D("1500.00")] * 3
    assert [y.alone for y in b.years] == [D("3000.00"), D("2000.00"), D("2000.00")]
    assert b.years[-1].cumulative == D("7000.00") - D("9750.00")
    assert b.payback_year is None
    assert c.access_gained == ("com",) and c.years[0].alone == 0
    assert c.years[0].together == D("3250.00")
    assert a.access_gained == () and a.missing_alone == ()


def _loan_case():
    truck = ResourcePlan("truck", "Camion", D(50), D(3000), {"A": D(100), "B": D(60), "C": D(40)})
    return StudyInputs(
        organisations=("A", "B", "C"),
        resources=(truck,),
        startup_costs=(StartupCost("Achat", D(30000), "purchase", "truck"),),
        grant=D(10000),
        loan=Loan(D(12000), D("0.05"), 3),
        startup_weights={"A": 1, "B": 1, "C": 1},
        coordination_per_year=D(6000),
        coordination_weights={"A": 1, "B": 1, "C": 1},
        alone={
            ("A", "truck"): AloneCost("rental", per_use=D(90)),
            ("B", "truck"): AloneCost("purchase", one_off=D(25000), per_year=D(1000)),
            ("C", "truck"): AloneCost("no_access"),
        },
        horizon=4,
    )


def test_study_loan_annuity_and_own_funds_by_hand():
    """12 000 $ at 5 % over 3 years: 600 ÷ (1 − 1,05⁻³) = 4 406,50 $ a year."""
    inputs = _loan_case()
    assert inputs.loan.annuity() == D("4406.50")
    assert inputs.own_funds == D("8000.00")
    a = study(inputs).organisations["A"]
    # Year 1: truck 13 000 × 100/200 = 6 500; coordination 2 000; own funds 8 000 ÷ 3 →
    # 2 666,67 (largest remainder, first in order); loan 4 406,50 ÷ 3 → 1 468,84.
    assert a.years[0].together == D("6500") + D("2000") + D("2666.67") + D("1468.84")
    assert a.years[1].together == D("6500") + D("2000") + D("1468.84")
    assert a.years[3].together == D("8500.00")  # the loan is repaid after 3 years
    assert a.years[0].alone == D("9000.00")


def test_study_partner_leaving_in_year_2_by_hand():
    """B gives notice at the start of year 2 with 73 days (0,2 year) of notice."""
    inputs = _loan_case()
    result = study(inputs, departure=Departure("B", year=2, notice_days=73))
    a, b, c = (result.organisations[k] for k in "ABC")
    year2 = {k: result.organisations[k].years[1] for k in "ABC"}
    # Truck: 50 × (100 + 12 + 40) + 3 000 = 10 600, by uses 100 : 12 : 40.
    truck = {k: next(i for i in year2[k].together_items if i.kind == "resource") for k in "ABC"}
    assert {k: truck[k].amount for k in "ABC"} == {
        "A": D("6973.69"),  # 6 973,684… takes the cent left (largest remainder)
        "B": D("836.84"),
        "C": D("2789.47"),
    }
    # Coordination 6 000 by 1 : 0,2 : 1; loan 4 406,50 by the same weights.
    assert a.years[1].together == D("6973.69") + D("2727.27") + D("2002.96")
    assert c.years[1].together == D("2789.47") + D("2727.27") + D("2002.95")
    # B buys its own truck the year it leaves and pays 80 % of a year of upkeep.
    assert b.years[1].together == D("836.84") + D("545.46") + D("400.59") + D(25000) + D(800)
    # From year 3, A and C share everything; B only pays alone.
    assert b.years[2].together == D("1000.00") == b.years[2].alone
    # Truck 50 × 140 + 3 000 = 10 000 by 100 : 40; coordination and loan in halves.
    assert a.years[2].together == D("7142.86") + D("3000.00") + D("2203.25")
    for year in result.group:
        assert year.together == sum(o.years[year.year - 1].together for o in (a, b, c))


def test_sensitivity_has_the_six_scenarios_in_order():
    """Uses −30 %, −15 %, planned, +15 %, start-up +20 %, a departure."""
    inputs = _loan_case()
    scenarios = sensitivity(inputs, Departure("B", 2, 90))
    assert [s.code for s in scenarios] == [
        "uses-30", "uses-15", "planned", "uses+15", "startup+20", "departure",
    ]  # fmt: skip
    planned = scenarios[2].result
    assert planned.total_saving == study(inputs).total_saving
    dearer = scenarios[4].result
    # The 6 000 $ more of start-up are own funds, in year 1 only.
    assert planned.group[0].together - dearer.group[0].together == D("-6000.00")
    assert planned.group[1].together == dearer.group[1].together


def test_break_even_truck_by_hand():
    """3 × (100 n + 2 000) + 10 000 ≤ 3 × 180 n  ⇔  n ≥ 66,67 → 67 uses a year."""
    inputs = _two_partners()
    result = break_even(inputs, TRUCK)
    assert (result.kind, result.uses, result.planned) == ("minimum", 67, D(100))


def test_break_even_when_alone_is_a_purchase():
    """Buying alone costs the same whatever the use: the group saves below a ceiling."""
    inputs = _loan_case()
    resource = inputs.resources[0]
    result = break_even(inputs, resource)
    # Only A (rental 90 $, half the uses) and B (purchase) could have it alone:
    # slope 4 × (50 − 45) = 20; gap 25 000 + 4 000 − 12 000 − 30 000 = −13 000 → never.
    assert result.kind == "never"


def test_study_rejects_a_horizon_outside_3_to_10_years():
    with pytest.raises(ValueError):
        StudyInputs(organisations=("A",), horizon=2)
    with pytest.raises(ValueError):
        StudyInputs(organisations=("A",), horizon=11)


# --- Properties ----------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=100_000, places=2)
uses = st.integers(min_value=0, max_value=500).map(D)


@st.composite
def study_inputs(draw):
    orgs = tuple(f"o{i}" for i in range(draw(st.integers(1, 5))))
    resources = tuple(
        ResourcePlan(f"r{j}", f"R{j}", draw(money), draw(money), {o: draw(uses) for o in orgs})
        for j in range(draw(st.integers(1, 3)))
    )
    startup = draw(money)
    grant = draw(st.decimals(min_value=0, max_value=startup, places=2))
    loan_amount = draw(st.decimals(min_value=0, max_value=startup - grant, places=2))
    loan = Loan(loan_amount, draw(st.decimals(0, "0.12", places=3)), draw(st.integers(1, 10)))
    weights = st.integers(1, 100)
    return StudyInputs(
        organisations=orgs,
        resources=resources,
        startup_costs=(StartupCost("s", startup),),
        grant=grant,
        loan=loan,
        startup_weights={o: draw(weights) for o in orgs},
        coordination_per_year=draw(money),
        coordination_weights={o: draw(weights) for o in orgs},
        horizon=draw(st.integers(3, 10)),
    )


@settings(max_examples=150, deadline=None)
@given(inputs=study_inputs())
def test_property_partners_shares_add_up_to_the_group_cost_to_the_cent(inputs):
    result = study(inputs)
    for year in result.group:
        shares = sum(o.years[year.year - 1].together for o in result.organisations.values())
        assert shares == year.together == group_costs(inputs, year.year)


@settings(max_examples=150, deadline=None)
@given(
    prices=st.lists(st.integers(0, 100_000).map(lambda c: D(c) / 100), min_size=1, max_size=3),
    planned=st.lists(st.integers(0, 400).map(D), min_size=1, max_size=5),
    horizon=st.integers(3, 10),
)
def test_property_identical_alone_and_together_costs_save_nothing(prices, planned, horizon):
    """Each partner pays alone exactly its uses × the cost of a use together."""
    orgs = tuple(f"o{i}" for i in range(len(planned)))
    resources = tuple(
        ResourcePlan(f"r{j}", "", price, D(0), dict(zip(orgs, planned, strict=True)))
        for j, price in enumerate(prices)
    )
    alone = {
        (o, r.key): AloneCost("rental", per_use=r.variable_per_use)
        for o in orgs
        for r in resources
    }
    result = study(StudyInputs(orgs, resources, alone=alone, horizon=horizon))
    for org in result.organisations.values():
        assert all(year.saving == 0 for year in org.years)
        assert org.payback_year == 1


def _rank(year):
    return 99 if year is None else year


@settings(max_examples=100, deadline=None)
@given(
    variable=st.integers(0, 200).map(D),
    margin=st.integers(1, 200).map(D),
    fixed=money,
    startup=money,
    planned=st.lists(st.integers(1, 20).map(lambda n: D(20 * n)), min_size=1, max_size=4),
    horizon=st.integers(3, 10),
)
def test_property_payback_comes_no_later_when_use_grows(
    variable, margin, fixed, startup, planned, horizon
):
    """When renting alone costs more per use than sharing, more use pays back sooner."""
    orgs = tuple(f"o{i}" for i in range(len(planned)))
    truck = ResourcePlan("t", "", variable, fixed, dict(zip(orgs, planned, strict=True)))
    inputs = StudyInputs(
        orgs,
        (truck,),
        startup_costs=(StartupCost("s", startup),),
        startup_weights={o: 1 for o in orgs},
        alone={(o, "t"): AloneCost("rental", per_use=variable + margin) for o in orgs},
        horizon=horizon,
    )
    scenarios = [s.result for s in sensitivity(inputs)[:4]]  # −30 %, −15 %, planned, +15 %
    for org in orgs:
        years = [_rank(s.organisations[org].payback_year) for s in scenarios]
        assert years == sorted(years, reverse=True)
    groups = [_rank(s.payback_year) for s in scenarios]
    assert groups == sorted(groups, reverse=True)
