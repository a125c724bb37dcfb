"""Test data of the diagnostic: a small catalogue of dimensions, portraits, submissions."""

import factory
import pytest

from projects.models import Organisation
from steps.catalogue.base import Dimension, PortraitItem
from steps.diagnostic import grid
from steps.models import Answer, DiagnosticVerdict, StepStatus
from tests.factories import OrganisationFactory, ProjectFactory

MISSION = "reflexion.identite.mission"
CULTURE = "reflexion.identite.culture"
MEMBERS = "reflexion.gouvernance.membres"
PREMISES = "reflexion.installations.locaux"
PRODUCTION = "reflexion.installations.production"
STORAGE = "reflexion.installations.entreposage"
TRANSPORT = "reflexion.installations.transport"
COMMS_TEAM = "reflexion.communication.equipe"
COMMS_BUDGET = "reflexion.communication.budget"

# A small catalogue of our own: the grid takes its dimensions as a parameter.
DIMENSIONS = (
    Dimension(
        "identite",
        "Identité",
        "Identity",
        items=(
            PortraitItem(MISSION, "Mission, vision, valeurs", "Mission, vision, values"),
            PortraitItem(CULTURE, "Culture organisationnelle", "Organisational culture"),
        ),
    ),
    Dimension(
        "gouvernance",
        "Gouvernance",
        "Governance",
        items=(PortraitItem(MEMBERS, "Membres", "Members"),),
    ),
    Dimension(
        "installations",
        "Installations et équipements",
        "Facilities and equipment",
        items=(
            PortraitItem(PREMISES, "Locaux", "Premises", resource_type="premises"),
            PortraitItem(
                PRODUCTION,
                "Lieu de production",
                "Production site",
                resource_type="premises",
            ),
            PortraitItem(
                STORAGE, "Espace d'entreposage", "Storage space", resource_type="storage"
            ),
            PortraitItem(TRANSPORT, "Moyens de transport", "Transport", resource_type="transport"),
        ),
    ),
    Dimension(
        "communication",
        "Communication",
        "Communication",
        items=(
            PortraitItem(COMMS_TEAM, "Équipe et expertise", "Team and expertise", "", "", "staff"),
            PortraitItem(COMMS_BUDGET, "Budget de communication", "Communication budget"),
        ),
    ),
)


@pytest.fixture
def test_dimensions(monkeypatch):
    """Make the diagnostic's pages use the small catalogue above."""
    monkeypatch.setattr("steps.diagnostic.selectors.default_dimensions", lambda: DIMENSIONS)
    return DIMENSIONS


def portrait(project, organisation, item_code, **parts):
    """Store an organisation's answers on one item: appreciation=, description=, offre=…"""
    for part, value in parts.items():
        Answer.objects.update_or_create(
            project=project,
            organisation=organisation,
            question_code=f"{item_code}.{part}",
            defaults={"value": value},
        )


def set_reflexion(project, organisation, status=StepStatus.Status.SUBMITTED):
    StepStatus.objects.update_or_create(
        project=project, organisation=organisation, step="reflexion", defaults={"status": status}
    )


def submitted_organisation(project, name=None) -> Organisation:
    """A new organisation of the project whose réflexion portrait is submitted."""
    organisation = OrganisationFactory(**({"name": name} if name else {}))
    project.organisations.add(organisation)
    set_reflexion(project, organisation)
    return organisation


class DiagnosticVerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticVerdict

    project = factory.SubFactory(ProjectFactory)
    item_code = MISSION
    verdict = grid.Verdict.CONVERGENCE.value
    importance = grid.Importance.MAJOR.value
    status = DiagnosticVerdict.Status.CONFIRMED


# Plain inputs of the pure functions ---------------------------------------------------

A, B, C, D = (grid.OrgRef(i, name) for i, name in enumerate("ABCD", start=1))
ITEMS = {
    "mission": grid.Item(MISSION, "Mission", "Mission", "identite"),
    "members": grid.Item(MEMBERS, "Membres", "Members", "gouvernance"),
    "premises": grid.Item(PREMISES, "Locaux", "Premises", "installations"),
    "production": grid.Item(PRODUCTION, "Lieu de production", "Production", "installations"),
    "transport": grid.Item(TRANSPORT, "Transport", "Transport", "installations"),
    "comms": grid.Item(COMMS_TEAM, "Communication", "Communication", "communication"),
}
RESOURCE_TYPES = {PREMISES: "premises", PRODUCTION: "premises", TRANSPORT: "transport"}


def row(item: str, *cells) -> grid.Row:
    """A row from short cells: (org, "force"|"faiblesse"|"neutre"|"", offre, besoin)."""
    return grid.Row(
        ITEMS[item],
        tuple(
            grid.Cell(org, "", appreciation, offre, besoin)
            for org, appreciation, offre, besoin in (c + ("",) * (4 - len(c)) for c in cells)
        ),
    )


def fill_grid(project, count: int, dimensions=DIMENSIONS) -> list[Organisation]:
    """`count` submitted organisations answering every item (varied appreciations)."""
    organisations = [
        submitted_organisation(project, f"Organisme {i:02d}") for i in range(1, count + 1)
    ]
    codes = [item.code for dimension in dimensions for item in dimension.items]
    appreciations = ("force", "faiblesse", "neutre")
    answers = []
    for i, organisation in enumerate(organisations):
        for j, code in enumerate(codes):
            parts = {
                "description": f"{organisation.name} : description de {code}",
                "appreciation": appreciations[(i + j) % 3],
                "offre": f"Offre {i}-{j}" if (i + j) % 4 == 0 else "",
                "besoin": f"Besoin {i}-{j}" if (i + j) % 5 == 0 else "",
            }
            answers += [
                Answer(
                    project=project,
                    organisation=organisation,
                    question_code=f"{code}.{part}",
                    value=value,
                )
                for part, value in parts.items()
                if value
            ]
    Answer.objects.bulk_create(answers)
    return organisations
