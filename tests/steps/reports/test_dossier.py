"""The complete dossier: every part of every step (the agreement, the communication plan,
the consent rounds, the year's reconciliation), listed in its table of contents, read in
a fixed number of queries whatever the number of organisations."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from mutualisation.pdf import render_html
from steps.demo import build_demo_project
from steps.modelling.agreement import DRAFT_NOTICE
from steps.models import ConsentResponse, ConsentRound, StepStatus
from steps.reports import dossier
from steps.reports.common import render
from tests.factories import (
    CommitmentFactory,
    CommunicationItemFactory,
    ConsentResponseFactory,
    ConsentRoundFactory,
    OperatingModelFactory,
    OrganisationFactory,
    TruckFactory,
    UsageRecordFactory,
)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def _pages(content: bytes) -> list[str]:
    return [_plain(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def demo(db):
    return build_demo_project()


@pytest.fixture
def full_world(world):
    """The world with a truck (commitments and this year's uses), an operating model, a
    closed consent round with an objection and an open one, and a communication plan."""
    project = world.project
    year = timezone.localdate().year
    truck = TruckFactory(project=project, responsible_organisation=world.org_a)
    CommitmentFactory(resource=truck, organisation=world.org_a, planned_uses_per_year=30)
    CommitmentFactory(resource=truck, organisation=world.org_b, planned_uses_per_year=10)
    UsageRecordFactory(resource=truck, organisation=world.org_a, date=date(year, 2, 1), uses=12)
    UsageRecordFactory(resource=truck, organisation=world.org_b, date=date(year, 3, 1), uses=4)
    OperatingModelFactory(project=project)
    closed = ConsentRoundFactory(
        project=project,
        proposal="Processus de décision : Vote\nQuorum : la moitié",
        closed_at=timezone.now(),
        outcome=ConsentRound.Outcome.REWORK,
    )
    ConsentResponseFactory(consent_round=closed, organisation=world.org_a)
    ConsentResponseFactory(
        consent_round=closed,
        organisation=world.org_b,
        answer=ConsentResponse.Answer.OBJECTION,
        reason="Le quorum est trop bas pour nous.",
    )
    ConsentRoundFactory(project=project, proposal="Processus de décision : Consentement")
    CommunicationItemFactory(
        project=project,
        audience="Membres des conseils",
        message="Présenter le camion partagé.",
        responsible_organisation=world.org_b,
    )
    return world


def _organisations(world, count):
    start = world.project.organisations.count()
    for index in range(start, start + count):
        organisation = OrganisationFactory(name=f"Organisme {index:02d}")
        world.project.organisations.add(organisation)
        StepStatus.objects.create(
            project=world.project,
            organisation=organisation,
            step="reflexion",
            status=StepStatus.Status.SUBMITTED,
        )


def _queries(world):
    with CaptureQueriesContext(connection) as queries:
        dossier.build_dossier_context(None, world.project)
    return len(queries)


def test_dossier_queries_do_not_grow_with_organisations_or_rounds(full_world):
    """3 or 30 organisations, each in every consent round with a commitment and uses of
    the year: the same number of queries; one more round or resource costs nothing."""
    world = full_world
    _organisations(world, 1)  # a submitted portrait: the grid reads the portraits
    few = _queries(world)
    _organisations(world, 27)
    year = timezone.localdate().year
    truck = world.project.pooled_resources.get()
    (open_round,) = ConsentRound.objects.filter(project=world.project, closed_at__isnull=True)
    for organisation in world.project.organisations.exclude(pk__in=[world.org_a.pk]):
        ConsentResponseFactory(consent_round=open_round, organisation=organisation)
    for organisation in world.project.organisations.filter(name__startswith="Organisme"):
        CommitmentFactory(resource=truck, organisation=organisation, planned_uses_per_year=2)
        UsageRecordFactory(resource=truck, organisation=organisation, date=date(year, 5, 1))
    ConsentRoundFactory(project=world.project, closed_at=timezone.now())
    TruckFactory(project=world.project, name="Second camion")
    assert _queries(world) == few


def test_dossier_context_has_the_rounds_reconciliation_agreement_and_communication(
    full_world,
):
    context = dossier.build_dossier_context(None, full_world.project)
    ((resource, reconciliation, omitted),) = context["reconciliations"]
    assert resource.name == "Camion réfrigéré"
    assert omitted == 0
    assert [row.organisation_name for row in reconciliation.rows] == [
        "Banque alimentaire du Suroît",
        "Cuisine collective Beauharnois",
    ]
    assert reconciliation.totals["actual_uses"] == 16
    opened, closed = context["consent_rounds"]  # newest first
    assert opened[0].consent_round.is_open and opened[2] is False
    assert closed[1] == [("Processus de décision", "Vote"), ("Quorum", "la moitié")]
    assert [row.response.answer for row in closed[0].rows] == ["agree", "objection"]
    assert context["agreement"]["draft_notice"] == DRAFT_NOTICE
    assert [item.audience for item in context["communication"]] == ["Membres des conseils"]


def test_dossier_reconciliation_leaves_out_organisations_without_commitment_or_use(
    full_world,
):
    _organisations(full_world, 3)
    context = dossier.build_dossier_context(None, full_world.project)
    ((_resource, reconciliation, omitted),) = context["reconciliations"]
    assert len(reconciliation.rows) == 2
    assert omitted == 3
    html = render_html("pdf/dossier.html", context)
    assert "3 organisations sans engagement ni utilisation cette année ne sont pas listées." in (
        html.replace("&#x27;", "'")
    )


def test_dossier_html_shows_every_round_answer_and_outcome(full_world):
    html = _plain(
        render_html("pdf/dossier.html", dossier.build_dossier_context(None, full_world.project))
    ).replace("&#x27;", "'")
    assert "Le quorum est trop bas pour nous." in html
    assert "Résultat : <strong>À retravailler</strong>" in html
    assert "Ronde ouverte." in html
    assert "Membres des conseils" in html
    assert str(DRAFT_NOTICE) in html
    # The dossier prints the signature section's introduction, not a block per party.
    assert "Nom : ___" not in html
    assert "un bloc de signature pour chacune des 2 parties" in html


@pytest.mark.slow
def test_dossier_toc_lists_the_agreement_communication_consent_and_reconciliation(demo):
    """The demo's table of contents (its second page) names every part, with its page."""
    result = render("dossier", dossier.build_dossier_context(None, demo))
    pages = _pages(result.content)
    toc = pages[1]
    assert "Table des matières" in toc
    year = timezone.localdate().year
    # Each entry of the table, and what its page shows.
    parts = {
        "Synthèse des motivations": "Synthèse des motivations",
        "Grille et potentiel": "Potentiel de mutualisation",
        "Ressources mutualisées et leurs coûts": "Ressources mutualisées et leurs coûts",
        f"Engagements et bilan de l'année {year}": f"Engagements et bilan de l'année {year}",
        "Étude d'opportunité": "Économie nette cumulée du groupe",
        "Modèle de fonctionnement": "Modèle de fonctionnement",
        "Tours de consentement": "Tours de consentement",
        "Risques": "Carte de chaleur",
        "Projet d'entente": "Projet d'entente",
        "Plan stratégique": "Plan stratégique",
        "Plan d'action": "Plan d'action",
        "Plan de communication": "Plan de communication",
        "Modèle logique, indicateurs et bilans": "Modèle logique",
    }
    for entry, shown in parts.items():
        match = re.search(re.escape(entry) + r" ?[.…]+ ?(\d+)", toc)
        assert match, entry
        assert shown in pages[int(match.group(1)) - 1], entry
    body = " ".join(pages[2:])
    assert _plain(str(DRAFT_NOTICE)) in body
    assert "Ronde de consentement du" in body
    assert "Public visé" in body
