"""Issue 18, item 7: a cost per use says what one use is, and the year's reconciliation
shows under-use and the real cost per use even when commitments pay the fixed costs."""

import html
import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from steps.resources import costing, labels
from tests.factories import (
    CommitmentFactory,
    PooledResourceFactory,
    TruckFactory,
    UsageRecordFactory,
)

NBSP = "\u00a0"


def page(response) -> str:
    return html.unescape(response.content.decode())


def url(name, project, **kwargs) -> str:
    return reverse(f"steps:{name}", kwargs={"project_slug": project.slug, **kwargs})


# What one typical use holds ------------------------------------------------------------


@pytest.mark.parametrize(
    "units, hours, unit, expected",
    [
        (120, 6, "km", f"120{NBSP}km, 6{NBSP}h"),
        (50, 5, "pied linéaire", f"50{NBSP}pieds linéaires, 5{NBSP}h"),
        (1, 5, "pied linéaire", f"1{NBSP}pied linéaire, 5{NBSP}h"),
        (4, 4, "heure", f"4{NBSP}heures"),  # the hours said once
        (3, 4, "heure", f"3{NBSP}heures"),
        (1, 2, "utilisation", f"2{NBSP}h"),  # one use is one use
        (D("1.5"), 0, "repas", f"1,5{NBSP}repas"),
        (20, D("2.5"), "portion", f"20{NBSP}portions, 2,5{NBSP}h"),
        (0, 0, "km", ""),
    ],
)
def test_typical_use_detail_pluralises_units(units, hours, unit, expected):
    """The quantity in its unit, agreeing in number, then the hours."""
    with translation.override("fr"):
        assert labels.typical_use_detail(units, hours, unit) == expected


ONE_USE = [
    ("transport", "120 km, 6 h", "par sortie type (120 km, 6 h)", "une sortie type (120 km, 6 h)"),
    ("equipment", "4 h", "par utilisation type (4 h)", "une utilisation type (4 h)"),
    ("premises", "", "par utilisation type", "une utilisation type"),
    ("transport", "", "par sortie type", "une sortie type"),
]


@pytest.mark.parametrize("resource_type, detail, per_use, one_use", ONE_USE)
def test_per_typical_use_names_the_use(resource_type, detail, per_use, one_use):
    """A vehicle goes out (« sortie »); anything else is used (« utilisation »)."""
    with translation.override("fr"):
        assert labels.per_typical_use(resource_type, detail) == per_use
        assert labels.one_typical_use(resource_type, detail) == one_use


# The pages ---------------------------------------------------------------------------


@pytest.fixture
def truck(world):
    """The truck: 20 000 $ of fixed charges, one use = 100 km in 4 h; 160 uses committed."""
    resource = TruckFactory(project=world.project)
    CommitmentFactory(resource=resource, organisation=world.org_a, planned_uses_per_year=100)
    CommitmentFactory(resource=resource, organisation=world.org_b, planned_uses_per_year=60)
    return resource


def test_resource_list_says_cost_per_typical_outing_never_per_km(world, client_as, truck):
    """« 175,00 $ par sortie type (100 km, 4 h) », never « par km » under the name."""
    content = page(client_as(world.partner_a).get(url("resources", world.project)))
    # 20 000 $ ÷ 160 + 40 $ of fuel + 10 $ of admin fee.
    assert f"175,00{NBSP}$" in content
    assert f"par sortie type (100{NBSP}km, 4{NBSP}h)" in content
    assert "par km" not in content


def test_resource_detail_and_commitments_say_what_one_use_is(world, client_as, truck):
    """The breakdown's caption and total, and the commitments page, define one use."""
    client = client_as(world.coordinator)
    detail = page(client.get(url("resource_detail", world.project, resource_id=truck.pk)))
    assert f"Ce que coûte une sortie type (100{NBSP}km, 4{NBSP}h)" in detail
    assert f'Total <span class="per-use">par sortie type (100{NBSP}km, 4{NBSP}h)' in detail
    assert f"Une sortie type (100{NBSP}km, 4{NBSP}h)" in detail
    commitments = page(client.get(url("commitments", world.project, resource_id=truck.pk)))
    assert f"Une utilisation, ici, c'est une sortie type (100{NBSP}km, 4{NBSP}h)." in commitments


def test_unit_plural_in_the_guide_example(world, client_as):
    """The planer's use reads « 50 pieds linéaires », plural."""
    resource = PooledResourceFactory(
        project=world.project,
        name="Raboteuse",
        resource_type="equipment",
        usage_unit="pied linéaire",
        units_per_use=D(50),
        hours_per_use=D(5),
    )
    content = page(
        client_as(world.advisor).get(
            url("resource_detail", world.project, resource_id=resource.pk)
        )
    )
    assert f"une utilisation type (50{NBSP}pieds linéaires, 5{NBSP}h)" in content


# The year's reconciliation -------------------------------------------------------------

TRUCK = costing.CostInputs(
    consumable_cost_per_unit=D("0.40"),
    purchase_price=D(60000),
    residual_value=D(10000),
    amortisation_years=D(5),
    admin_fee_per_use=D(10),
    management_cost_per_year=D(4000),
    other_costs_per_year=D(6000),
)


def year(committed: dict, uses: dict) -> costing.Reconciliation:
    return costing.reconcile(
        TRUCK,
        committed_uses={k: D(v) for k, v in committed.items()},
        actual_uses={k: D(v) for k, v in uses.items()},
        actual_units={k: D(v) * 100 for k, v in uses.items()},
    )


@pytest.mark.parametrize(
    "committed, uses, use, rate, balanced, real",
    [
        # 32 of 160: the commitments pay the fixed charges, yet each use cost far more.
        ({"a": 100, "b": 60}, {"a": 20, "b": 12}, "under", D("0.2"), False, D("675.00")),
        # As planned: 20 000 + 160 × 50 = 28 000 $ over 160 uses.
        ({"a": 100, "b": 60}, {"a": 100, "b": 60}, "as_planned", D(1), True, D("175.00")),
        # More than committed: a surplus, not a balance.
        ({"a": 100, "b": 60}, {"a": 120, "b": 60}, "over", D("1.125"), False, D("161.11")),
        # No commitment: the fixed charges are a deficit, nothing is balanced.
        ({}, {"a": 10}, "uncommitted", None, False, D("2050.00")),
        # Nothing used.
        ({"a": 10}, {}, "under", D(0), False, None),
    ],
)
def test_year_outcome_table(committed, uses, use, rate, balanced, real):
    """Use against commitments, real cost per use, and « balanced » in both senses."""
    result = year(committed, uses)
    assert result.use == use
    assert result.use_rate == rate
    assert result.balanced is balanced
    assert result.real_cost_per_use == real


def test_under_use_with_covered_fixed_costs_is_no_balance():
    """32 uses of 160: billed = actual cost (0 balance), but not « balanced »."""
    result = year({"a": 100, "b": 60}, {"a": 20, "b": 12})
    assert result.balance == 0
    assert not result.balanced
    assert result.committed_uses == 160 and result.actual_uses == 32


@pytest.fixture
def under_used(world, truck):
    """32 of the truck's 160 committed uses happened in 2026."""
    UsageRecordFactory(resource=truck, organisation=world.org_a, date=date(2026, 3, 1), uses=20)
    UsageRecordFactory(resource=truck, organisation=world.org_b, date=date(2026, 4, 1), uses=12)
    return truck


def test_usage_page_shows_under_use_and_real_cost(world, client_as, under_used):
    """« 32 utilisations sur 160 prévues : 20 % », the real cost per use, no « Équilibre »."""
    content = page(
        client_as(world.coordinator).get(
            url("usage", world.project, resource_id=under_used.pk) + "?annee=2026"
        )
    )
    balance = re.search(r'<dl class="row pricing-balance">(.*?)</dl>', content, re.S).group(1)
    assert "Équilibre" not in balance
    assert "Coûts couverts par les engagements, mais sous-utilisation" in balance
    assert f"32{NBSP}utilisations sur 160 prévues{NBSP}: 20{NBSP}%" in balance
    assert "Sous-utilisation" in balance
    # 20 000 $ of fixed charges + 32 × 50 $ = 21 600 $ over 32 uses.
    assert (
        f'675,00{NBSP}$ <span class="per-use">par sortie type (100{NBSP}km, 4{NBSP}h)' in balance
    )
    assert f"175,00{NBSP}$" in balance  # what the commitments planned
    assert "chaque utilisation a coûté 675,00" in content.replace(NBSP, " ")


def test_usage_page_balanced_when_uses_match_commitments(world, client_as, truck):
    """Every committed use happened: « Équilibre », « Comme prévu »."""
    UsageRecordFactory(resource=truck, organisation=world.org_a, date=date(2026, 3, 1), uses=100)
    UsageRecordFactory(resource=truck, organisation=world.org_b, date=date(2026, 3, 1), uses=60)
    content = page(
        client_as(world.partner_b).get(
            url("usage", world.project, resource_id=truck.pk) + "?annee=2026"
        )
    )
    balance = re.search(r'<dl class="row pricing-balance">(.*?)</dl>', content, re.S).group(1)
    assert "<strong>Équilibre</strong>" in balance
    assert "Comme prévu" in balance
    assert "under-use" not in content


@pytest.mark.parametrize("module", [costing, labels])
def test_doctests_hold(module):
    """The examples in the docstrings are true."""
    import doctest

    with translation.override("fr"):
        failures, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried and not failures
