"""The TIESS guide's worked example (a wood planer, 37,84 $ a use) lives in the
calculator's help, not among a project's pooled resources (issue 18, item 11)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mutualisation.formats import format_money
from steps.resources.costing import CostInputs, Usage, cost_of_use

pytestmark = pytest.mark.django_db

# The guide's figures (DOMAIN.md), as the help box tells them.
PLANER = CostInputs(
    consumable_cost_per_unit="0.05",
    maintenance_cost=100,
    maintenance_interval_units=100_000,
    purchase_price=3500,
    amortisation_years=7,
    handling_hours_per_use=1,
    hourly_rate=30,
    admin_fee_per_use=5,
)
PLANER_USE = Usage(units=50, hours=5)


def test_guide_example_box_gives_the_calculators_figures(world, client_as):
    """Each line of the « Exemple du guide » box is the calculator's own result."""
    page = (
        client_as(world.coordinator)
        .get(reverse("steps:resource_create", args=[world.project.slug]))
        .content.decode()
    )
    assert "Exemple du guide" in page
    result = cost_of_use(PLANER, PLANER_USE)
    assert result.total == Decimal("37.84")
    parts = (result.consumables, result.maintenance, result.replacement, result.handling)
    for amount in (*parts, result.admin, result.total):
        assert format_money(amount) in page
