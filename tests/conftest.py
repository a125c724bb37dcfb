"""Personas and fixtures shared by the whole suite.

In the project "Camion partagé": Claire coordinates, Paul is a partner from organisation
A, Béa a partner from organisation B, Ariane an advisor. Olivier belongs to another
project only (an outsider here).
"""

from dataclasses import dataclass

import pytest

from projects.models import Role
from steps import catalogue
from tests import factories
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.i18n import compile_catalogues


@dataclass
class World:
    project: object
    org_a: object
    org_b: object
    coordinator: object
    partner_a: object
    partner_b: object
    advisor: object
    outsider: object
    other_project: object

    def user(self, persona: str):
        return None if persona == "anonymous" else getattr(self, persona)


@pytest.fixture
def world(db) -> World:
    project = ProjectFactory(name="Camion partagé")
    org_a = OrganisationFactory(name="Banque alimentaire du Suroît")
    org_b = OrganisationFactory(name="Cuisine collective Beauharnois")
    project.organisations.add(org_a, org_b)
    coordinator = UserFactory(email="claire@exemple.org", full_name="Claire Coordination")
    partner_a = UserFactory(email="paul@exemple.org", full_name="Paul Partenaire")
    partner_b = UserFactory(email="bea@exemple.org", full_name="Béa Partenaire")
    advisor = UserFactory(email="ariane@exemple.org", full_name="Ariane Conseil")
    outsider = UserFactory(email="olivier@exemple.org", full_name="Olivier Ailleurs")
    MembershipFactory(user=coordinator, project=project, role=Role.COORDINATOR)
    MembershipFactory(user=partner_a, project=project, role=Role.PARTNER, organisation=org_a)
    MembershipFactory(user=partner_b, project=project, role=Role.PARTNER, organisation=org_b)
    MembershipFactory(user=advisor, project=project, role=Role.ADVISOR)
    other = MembershipFactory(user=outsider, role=Role.COORDINATOR).project
    return World(
        project, org_a, org_b, coordinator, partner_a, partner_b, advisor, outsider, other
    )


@pytest.fixture
def client_as(client):
    """Return a function logging the test client in as a user (or out, with None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def small_catalogue(monkeypatch):
    """Swap the catalogue registry for the small one of tests/factories.py during a test."""
    names = {
        "STEP_CONTENT": factories.STEP_CONTENT,
        "DIMENSIONS": factories.CATALOGUE_DIMENSIONS,
        "DIMENSIONS_BY_CODE": factories.CATALOGUE_DIMENSIONS_BY_CODE,
        "APPRECIATION_CHOICES": factories.APPRECIATION_CHOICES,
        "get_question": factories.get_question,
        "portrait_question": factories.portrait_question,
        "questions_for": factories.questions_for,
        "all_questions": factories.all_questions,
    }
    for name, value in names.items():
        monkeypatch.setattr(catalogue, name, value, raising=False)
    return catalogue


@pytest.fixture
def test_dimensions(monkeypatch):
    """Make the diagnostic's pages use the small grid catalogue of tests/factories.py."""
    monkeypatch.setattr(
        "steps.diagnostic.selectors.default_dimensions", lambda: factories.GRID_DIMENSIONS
    )
    return factories.GRID_DIMENSIONS


@pytest.fixture(scope="session")
def compiled_catalogues():
    """For the tests that read French plurals (« 0 écart ») or English: the catalogues,
    compiled when stale (tests.i18n)."""
    compile_catalogues()
