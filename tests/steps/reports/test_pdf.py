"""The PDF reports: demo content, hostile text, draft privacy, downloads, the command."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from mutualisation.pdf import BASE_URL
from projects.demo import ADVISOR_EMAIL
from projects.models import User
from steps import catalogue
from steps.catalogue.base import QuestionType, Scope
from steps.demo import build_demo_project
from steps.models import Answer, PooledResource, Risk, StepStatus
from steps.reports import agreement, costs, dossier, evaluation, grid, plan, portrait
from steps.reports.common import render
from tests.factories import OrganisationFactory

HOSTILE = '<img src="http://127.0.0.1:9/x"> <script>alert(1)</script> <style>p{}</style>'


def _text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in pages))


def _outside_static(result) -> list[str]:
    return [url for url in result.fetcher.requested if not url.startswith(f"{BASE_URL}static/")]


@pytest.fixture
def demo(db):
    return build_demo_project()


def _truck(project):
    return PooledResource.objects.get(project=project, name="Camion réfrigéré")


def _org_question():
    return next(
        q
        for q in catalogue.questions_for("impulsion", Scope.ORGANISATION)
        if q.type == QuestionType.LONG_TEXT
    )


def _build(kind, project):
    builders = {
        "dossier": lambda: dossier.build_dossier_context(None, project),
        "grille": lambda: grid.build_grid_context(None, project),
        "plan": lambda: plan.build_plan_context(None, project),
        "entente": lambda: agreement.build_agreement_context(None, project),
        "evaluation": lambda: evaluation.build_evaluation_context(None, project),
        "couts": lambda: costs.build_costs_context(None, project, resource=_truck(project)),
        "portrait": lambda: portrait.build_portrait_context(
            None, project, organisation=project.organisations.order_by("name").first()
        ),
    }
    return render(kind, builders[kind]())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "expected", "pages"),
    [
        (
            "couts",
            ["Fiche coût d'utilisation", "Camion réfrigéré", "Seuil de rentabilité"],
            (1, 6),
        ),
        ("grille", ["Grille du diagnostic", "Potentiel global", "Les portraits croisés"], (2, 20)),
        ("plan", ["Plan d'action", "Calendrier", "Échéance"], (1, 10)),
        ("entente", ["Article 1", "Entre les parties", "Signature"], (2, 8)),
        ("evaluation", ["Bilan d'évaluation", "Modèle logique", "Indicateurs"], (1, 10)),
        ("portrait", ["Portrait de", "Étape 2 · Réflexion", "Appréciation"], (1, 12)),
        (
            "dossier",
            ["Table des matières", "Synthèse des motivations", "Camion réfrigéré", "Risques"],
            (20, 90),
        ),
    ],
)
def test_report_demo_has_expected_text(demo, kind, expected, pages):
    """Each report of the demo shows its headings and figures, on a sane number of pages."""
    result = _build(kind, demo)
    text = _text(result.content)
    for fragment in expected:
        assert re.sub(r"\s+", " ", fragment) in text, fragment
    assert pages[0] <= result.page_count <= pages[1]
    assert "page 1 de" in text
    assert _outside_static(result) == []


@pytest.mark.slow
def test_report_dossier_names_every_organisation(demo):
    """The dossier's cover lists the organisations and every step's heading."""
    text = _text(_build("dossier", demo).content)
    for organisation in demo.organisations.all():
        assert organisation.name in text
    for number in range(1, 7):
        assert f"Étape {number} ·" in text


@pytest.mark.slow
def test_report_hostile_text_is_literal_and_fetches_nothing(demo):
    """HTML in an answer and in a risk title is printed as text, and nothing is fetched."""
    organisation = demo.organisations.order_by("name").first()
    question = _org_question()
    Answer.objects.update_or_create(
        project=demo,
        organisation=organisation,
        question_code=question.code,
        defaults={"value": HOSTILE},
    )
    Risk.objects.create(project=demo, title=HOSTILE[:190])
    for kind in ("dossier", "portrait"):
        result = _build(kind, demo)
        text = _text(result.content)
        assert "<script>alert(1)</script>" in text
        assert '<img src="http://127.0.0.1:9/x">' in text
        assert _outside_static(result) == []
        assert not any("127.0.0.1" in url for url in result.fetcher.requested)


def _download(client, url):
    """A report's file: the dossier is built by a job (at once in the tests, then sent
    from the cache on the next request); the small reports come back at once."""
    response = client.get(url)
    if response.status_code == 302:
        response = client.get(url)
    assert response.status_code == 200
    return response


def _content(response) -> bytes:
    return response.getvalue()


def test_report_portrait_of_other_draft_is_refused(world, client_as):
    """A partner cannot download another organisation's draft portrait."""
    url = reverse("steps:report_portrait", args=[world.project.slug, world.org_a.pk])
    assert client_as(world.partner_b).get(url).status_code == 403
    assert client_as(world.partner_a).get(url).status_code == 200


@pytest.mark.slow
def test_report_dossier_hides_other_drafts_from_partner(world, client_as):
    """A partner's dossier lacks the other organisation's draft; the advisor's has it."""
    question = _org_question()
    Answer.objects.create(
        project=world.project,
        organisation=world.org_b,
        question_code=question.code,
        value="Brouillon secret de B",
    )
    url = reverse("steps:report_dossier", args=[world.project.slug])
    partner_pdf = _download(client_as(world.partner_a), url)
    assert "Brouillon secret de B" not in _text(_content(partner_pdf))
    assert "Brouillon secret de B" in _text(_content(_download(client_as(world.advisor), url)))
    StepStatus.objects.create(
        project=world.project,
        organisation=world.org_b,
        step="impulsion",
        status=StepStatus.Status.SUBMITTED,
    )
    assert "Brouillon secret de B" in _text(_content(_download(client_as(world.partner_a), url)))


@pytest.mark.slow
def test_report_download_is_an_attachment_with_a_meaningful_name(demo, client):
    """The advisor downloads the cost sheet as couts-<resource>-<date>.pdf."""
    client.force_login(User.objects.get(email=ADVISOR_EMAIL))
    resource = _truck(demo)
    response = client.get(reverse("steps:report_couts", args=[demo.slug, resource.pk]))
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="couts-camion-refrigere[a-z-]*-\d{4}-\d{2}-\d{2}\.pdf"', disposition
    )
    assert response.content.startswith(b"%PDF")
    response = _download(client, reverse("steps:report_dossier", args=[demo.slug]))
    assert f'filename="dossier-{demo.slug}-' in response["Content-Disposition"]


def _add_organisations(world, count):
    for index in range(count):
        organisation = OrganisationFactory(name=f"Organisation {index:02d}")
        world.project.organisations.add(organisation)
        for step in ("impulsion", "reflexion"):
            StepStatus.objects.create(
                project=world.project,
                organisation=organisation,
                step=step,
                status=StepStatus.Status.SUBMITTED,
            )
        Answer.objects.create(
            project=world.project,
            organisation=organisation,
            question_code="reflexion.identite.mission.appreciation",
            value="force",
        )


def _dossier_queries(world):
    with CaptureQueriesContext(connection) as queries:
        dossier.build_dossier_context(None, world.project)
    return len(queries)


def test_report_dossier_queries_do_not_grow_with_organisations(world):
    """Building the dossier costs as many queries for 3 organisations as for 30."""
    PooledResource.objects.create(project=world.project, name="Camion", usage_unit="km")
    _add_organisations(world, 1)
    few = _dossier_queries(world)
    _add_organisations(world, 27)
    assert _dossier_queries(world) == few


@pytest.mark.slow
def test_export_report_command_writes_a_pdf(demo, tmp_path):
    """The command exports the full view of a report to a valid PDF file."""
    output = tmp_path / "grille.pdf"
    call_command("export_report", demo.slug, "--kind", "grille", "-o", str(output))
    assert "Grille du diagnostic" in _text(output.read_bytes())
    resource = _truck(demo)
    output = tmp_path / "couts.pdf"
    call_command(
        "export_report",
        str(demo.pk),
        "--kind",
        "couts",
        "--resource",
        str(resource.pk),
        "-o",
        str(output),
    )
    assert "Camion réfrigéré" in _text(output.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "couts", "--resource", "999999"], "La ressource 999999 n'existe pas"),
        (
            ["--kind", "portrait", "--organisation", "999999"],
            "L'organisation 999999 ne participe pas",
        ),
        (["--kind", "portrait"], "--organisation"),
    ],
)
def test_export_report_command_missing_object_errors_in_french(demo, tmp_path, args, message):
    """A missing organisation or resource stops the command with a French message."""
    with pytest.raises(CommandError, match=message):
        call_command("export_report", demo.slug, *args, "-o", str(tmp_path / "x.pdf"))
