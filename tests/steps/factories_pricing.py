"""Test data of the cost-of-use calculator: pooled resources, commitments, recorded uses."""

from datetime import date
from decimal import Decimal

import factory

from steps.models import Commitment, PooledResource, UsageRecord
from tests.factories import OrganisationFactory, ProjectFactory

# The TIESS guide's planer (DOMAIN.md): 37,84 $ per use with the guide's method.
PLANER_INPUTS = {
    "usage_unit": "pied linéaire",
    "consumable_cost_per_unit": Decimal("0.05"),
    "maintenance_cost": Decimal("100.00"),
    "maintenance_interval_units": Decimal("100000"),
    "purchase_price": Decimal("3500.00"),
    "amortisation_years": Decimal("7"),
    "handling_hours_per_use": Decimal("1"),
    "hourly_rate": Decimal("30.00"),
    "admin_fee_per_use": Decimal("5.00"),
    "units_per_use": Decimal("50"),
    "hours_per_use": Decimal("5"),
}

# A truck whose figures are easy to check by hand: 9 000 $ of fixed charges a year,
# 0,30 $ per km and 10 $ per use.
TRUCK_INPUTS = {
    "usage_unit": "km",
    "consumable_cost_per_unit": Decimal("0.30"),
    "purchase_price": Decimal("60000.00"),
    "residual_value": Decimal("12000.00"),
    "amortisation_years": Decimal("8"),
    "admin_fee_per_use": Decimal("10.00"),
    "other_costs_per_year": Decimal("3000.00"),
    "units_per_use": Decimal("100"),
    "hours_per_use": Decimal("4"),
    "alternative_price_per_use": Decimal("150.00"),
}


class PooledResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PooledResource

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Ressource {n}")
    usage_unit = "utilisation"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    resource = factory.SubFactory(PooledResourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    planned_uses_per_year = 10


class UsageRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsageRecord

    resource = factory.SubFactory(PooledResourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    date = date(2026, 3, 1)
    uses = 1
