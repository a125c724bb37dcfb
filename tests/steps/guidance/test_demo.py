"""The demo shows the guidance: its truck leads to the cases of its type, which the seeded
library holds, and the legal forms page is one click from its agreement."""

import html

import pytest
from django.urls import reverse

from projects.demo import DEMO_ORGANISATIONS
from projects.models import Role
from steps.models import InspiringCase, PooledResource
from steps.resources import demo
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory


@pytest.fixture
def demo_project(db):
    project = ProjectFactory(name="Démo")
    organisations = [
        OrganisationFactory(name=data["name"]) for data in DEMO_ORGANISATIONS.values()
    ]
    project.organisations.add(*organisations)
    demo.populate(project)
    return project


def test_demo_truck_page_leads_to_the_cases_of_its_type(demo_project, client):
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, project=demo_project, role=Role.COORDINATOR)
    client.force_login(coordinator)
    truck = PooledResource.objects.get(project=demo_project, name="Camion réfrigéré")
    url = reverse("steps:resource_detail", args=[demo_project.slug, truck.pk])
    page = html.unescape(client.get(url).content.decode())
    cases_url = f"{reverse('inspiring_cases')}?type={truck.resource_type}"
    assert f'href="{cases_url}"' in page
    cases = html.unescape(client.get(cases_url).content.decode()).replace("\u00a0", " ")
    assert InspiringCase.objects.filter(resource_type=truck.resource_type).exists()
    assert "Exemple type : un camion partagé" in cases
