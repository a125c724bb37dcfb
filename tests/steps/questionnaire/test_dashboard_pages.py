"""Dashboard polish: « Complète, à soumettre » rather than « En cours » at 100 %, links of
« Ce qui manque » that say where they lead, headers that do not wrap, live buttons."""

import re

import pytest
from django.urls import reverse

from steps.models import StepStatus
from steps.questionnaire.selectors import Progress
from tests.factories import AnswerFactory, StepStatusFactory

pytestmark = pytest.mark.usefixtures("small_catalogue")
Status = StepStatus.Status


@pytest.mark.parametrize(
    ("status", "answered", "total", "label", "percent"),
    [
        (Status.IN_PROGRESS, 2, 2, "Complète, à soumettre", 100),
        (Status.REOPENED, 4, 4, "Complète, à soumettre", 100),
        (Status.IN_PROGRESS, 1, 2, "En cours", 50),
        (Status.SUBMITTED, 2, 2, "Soumise", 100),
        (Status.SUBMITTED, 1, 2, "Soumise", 50),
        (Status.NOT_STARTED, 0, 2, "Pas commencée", 0),
        (Status.IN_PROGRESS, 199, 200, "En cours", 99),
        (Status.NOT_STARTED, 0, 0, "Pas commencée", 0),
    ],
)
def test_progress_label_and_percent(status, answered, total, label, percent):
    """A draft with every answer says so; 100 % only when nothing is left."""
    progress = Progress(status, answered, total)
    assert (progress.status_label, progress.percent) == (label, percent)


def project_answers_complete(world):
    """Both project questions of impulsion answered, not submitted."""
    for code in ("impulsion.besoin-commun", "impulsion.objectif"):
        AnswerFactory(project=world.project, organisation=None, question_code=code, value="Oui")
    StepStatusFactory(project=world.project, organisation=None, step="impulsion")


def dashboard(client, world) -> str:
    return client.get(reverse("steps:dashboard", args=[world.project.slug])).content.decode()


def test_dashboard_complete_project_step_says_to_submit(world, client_as):
    """The coordination's impulsion at 100 % reads « Complète, à soumettre »."""
    project_answers_complete(world)
    page = dashboard(client_as(world.coordinator), world)
    row = re.search(r"Le projet \(coordination\)</th>(.*?)</tr>", page, re.S).group(1)
    first_cell = re.search(r"<td[^>]*>(.*?)</td>", row, re.S).group(1)  # cells carry data-label
    assert "Complète, à soumettre" in first_cell
    assert "100 %" in first_cell
    assert "En cours" not in first_cell


def test_dashboard_hides_completeness_of_another_partners_draft(world, client_as):
    """Partner B sees A's complete draft as « En cours » only: its content stays private."""
    for code, value in [
        ("impulsion.besoin", "Un camion"),
        ("impulsion.motivations", {"choices": ["couts"], "other": ""}),
        ("impulsion.energie", 3),
        ("impulsion.heures", "12"),
    ]:
        AnswerFactory(
            project=world.project, organisation=world.org_a, question_code=code, value=value
        )
    StepStatusFactory(project=world.project, organisation=world.org_a, step="impulsion")
    page_b = dashboard(client_as(world.partner_b), world)
    row_a = re.search(rf"{world.org_a.name}</th>(.*?)</tr>", page_b, re.S).group(1)
    assert "En cours" in row_a
    assert "Complète" not in row_a
    page_a = dashboard(client_as(world.partner_a), world)
    assert "Complète, à soumettre" in page_a


def test_missing_links_say_which_step_and_who(world, client_as):
    """Each link of « Ce qui manque » names its step and organisation, not just
    « pas encore soumis »."""
    page = dashboard(client_as(world.coordinator), world)
    section = page.split('id="ce-qui-manque"')[1]
    links = re.findall(
        r'<a href="[^"]+"><strong>([^<]+)</strong></a>\s?: pas encore soumis', section
    )
    assert "1. Impulsion — le projet" in links
    assert f"1. Impulsion — {world.org_a.name}" in links
    assert f"1. Impulsion — {world.org_b.name}" in links
    assert len(links) == len(set(links))
    assert ">pas encore soumis</a>" not in section


def test_dashboard_step_headers_do_not_wrap(world, client_as):
    """« 1. Impulsion » stays on one line in the matrix's header."""
    page = dashboard(client_as(world.advisor), world)
    steps = reverse("steps:step", args=[world.project.slug, "impulsion"])
    assert f'<th scope="col" class="text-nowrap"><a href="{steps}">1. Impulsion</a></th>' in page


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("steps:dashboard", {}),
        ("steps:grid", {}),
        ("steps:actions", {}),
        ("steps:evaluation_rounds", {}),
        ("steps:agreement", {}),
    ],
)
def test_download_buttons_look_active_with_an_icon(name, kwargs, world, client_as):
    """PDF downloads are blue outline buttons with a download icon, not grey ones."""
    page = (
        client_as(world.coordinator)
        .get(reverse(name, kwargs={"project_slug": world.project.slug, **kwargs}))
        .content.decode()
    )
    # A report may open its « Préparation… » page first: no `download` attribute on those.
    button = re.search(
        r'<a class="btn [^"]*" href="[^"]*/rapports/[^"]*"[^>]*>.*?</a>', page, re.S
    )
    assert button, name
    assert 'class="btn btn-outline-primary btn-sm"' in button.group(0)
    assert 'class="icon-download me-1" aria-hidden="true"' in button.group(0)
    assert "btn-outline-secondary" not in button.group(0)
