"""The demo's pooled resources, and the acceptance story of issue 5: a coordinator prices
the demo truck, sees the break-even and each partner's share, changes the commitments
and sees the split change; every figure checked by hand to the cent."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.demo import DEMO_ORGANISATIONS
from projects.models import Role
from steps.models import Commitment, PooledResource, UsageRecord
from steps.resources import costing, demo
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory


def text(response) -> str:
    page = html.unescape(response.content.decode())
    return page.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def demo_project(db):
    """A project with the four demo organisations, filled by the pricing demo only."""
    project = ProjectFactory(name="Démo")
    keys = list(DEMO_ORGANISATIONS)
    organisations = {
        key: OrganisationFactory(name=DEMO_ORGANISATIONS[key]["name"]) for key in keys
    }
    project.organisations.add(*organisations.values())
    demo.populate(project)
    return project


def test_demo_creates_truck_and_kitchen(demo_project):
    """Two resources of a food-security project, with their responsible organisations and
    units; the guide's wood planer is not one of them (it lives in the calculator's help)."""
    resources = {r.name: r for r in PooledResource.objects.filter(project=demo_project)}
    assert set(resources) == {"Camion réfrigéré", "Cuisine de production"}
    truck = resources["Camion réfrigéré"]
    kitchen = resources["Cuisine de production"]
    assert truck.usage_unit == "km"
    assert truck.responsible_organisation.name == "Banque alimentaire du Haut-Lac"
    assert kitchen.usage_unit == "heure"
    assert kitchen.responsible_organisation.name == "Cuisine collective Les Marmites"
    assert Commitment.objects.filter(resource=truck).count() == 4
    assert Commitment.objects.filter(resource=kitchen).count() == 4
    assert UsageRecord.objects.filter(resource__project=demo_project).exists()


def test_demo_kitchen_breaks_even(demo_project):
    """The kitchen's committed 240 uses are above its break-even against 180 $ a use."""
    kitchen = PooledResource.objects.get(project=demo_project, name="Cuisine de production")
    inputs, usage = kitchen.cost_inputs(), kitchen.usage()
    # Variable: 4 h × 3,75 + 900 × 4 ÷ 500 + 0,75 × 22 + 3 = 15 + 7,20 + 16,50 + 3 = 41,70 $.
    assert costing.variable_cost_per_use(inputs, usage) == Decimal("41.70")
    # Fixed: 44 000 ÷ 12 + 1 800 + 9 600 = 15 066,67 $; 240 uses → 62,78 + 41,70 = 104,48 $.
    assert costing.full_cost_per_use(inputs, usage, 240) == Decimal("104.48")
    # 15 066,67 ÷ (180 − 41,70) = 108,9 → 109 uses.
    assert costing.break_even_uses_per_year(inputs, usage, Decimal(180)) == 109


def test_acceptance_coordinator_prices_the_truck_and_changes_commitments(demo_project, client_as):
    """Hand calculation: variable 74,45 $ a use, fixed charges 21 437,50 $ a year.

    Variable: 120 km × 0,42 = 50,40; 650 × 120 ÷ 10 000 = 7,80; 0,5 h × 24,50 = 12,25; 4.
    Fixed: (95 000 − 20 000) ÷ 8 = 9 375; 5,5 % × (95 000 + 20 000) ÷ 2 = 3 162,50;
    2 400 + 6 500. Break-even against 380 $: 21 437,50 ÷ (380 − 74,45) = 70,2 → 71 uses.
    """
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, project=demo_project, role=Role.COORDINATOR)
    client = client_as(coordinator)
    truck = PooledResource.objects.get(project=demo_project, name="Camion réfrigéré")
    detail = reverse(
        "steps:resource_detail",
        kwargs={"project_slug": demo_project.slug, "resource_id": truck.pk},
    )

    page = text(client.get(detail))
    assert "71 utilisations par année" in page
    assert "376,39 $" in page  # 74,45 + 21 437,50 ÷ 71 = 376,39
    assert "208,43 $" in page  # 160 committed uses: 74,45 + 133,98
    assert "33 349,50 $" in page  # 21 437,50 + 74,45 × 160
    assert "20 843,44 $" in page  # the food bank: 100 of 160 uses

    # The community kitchen doubles its commitment: 200 uses in all.
    organisations = list(demo_project.organisations.order_by("name", "pk"))
    planned = {c.organisation_id: c for c in Commitment.objects.filter(resource=truck)}
    data = {"eng-TOTAL_FORMS": "4", "eng-INITIAL_FORMS": "4"}
    for index, organisation in enumerate(organisations):
        uses = planned[organisation.pk].planned_uses_per_year
        if organisation.name == "Cuisine collective Les Marmites":
            uses = 80
        data[f"eng-{index}-organisation"] = organisation.pk
        data[f"eng-{index}-planned_uses_per_year"] = uses
        data[f"eng-{index}-custom_weight"] = ""
    commitments = reverse(
        "steps:commitments",
        kwargs={"project_slug": demo_project.slug, "resource_id": truck.pk},
    )
    assert client.post(commitments, data).status_code == 302

    page = text(client.get(detail))
    assert "181,64 $" in page  # 74,45 + 21 437,50 ÷ 200 = 181,6375
    assert "36 327,50 $" in page  # 21 437,50 + 74,45 × 200
    shares = {
        "Banque alimentaire du Haut-Lac": "18 163,75 $",  # 100 of 200
        "Cuisine collective Les Marmites": "14 531,00 $",  # 80 of 200
        "CDC des Seigneuries": "2 179,65 $",  # 12 of 200
        "CDC de la Vallée-des-Moulins": "1 453,10 $",  # 8 of 200
    }
    for name, share in shares.items():
        row = page.split(f"{name}</th>")[1].split("</tr>")[0]
        assert share in row, name
