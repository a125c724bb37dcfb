"""Direct object references: changing IDs in URLs or POST bodies reaches nothing foreign.

A partner of organisation A (Paul) edits only A's data; the coordination of « Camion
partagé » (Claire) reaches nothing of another project. Every refused request answers
403 or 404 and leaves the whole database as it was.
"""

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import reverse

from steps.models import Answer
from tests.factories import (
    ActionFactory,
    AnswerFactory,
    CommitmentFactory,
    ConsentRoundFactory,
    DiagnosticVerdictFactory,
    ExtraPortraitItemFactory,
    OrganisationFactory,
    PooledResourceFactory,
    RiskFactory,
)


def database_state() -> dict[str, list[tuple]]:
    """Every row of the app's models, comparable before and after a request."""
    state = {}
    for label in ("projects", "steps"):
        for model in apps.get_app_config(label).get_models():
            fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
            state[model._meta.label] = sorted(
                model.objects.order_by("pk").values_list(*fields), key=repr
            )
    return state


@dataclass
class Targets:
    answer_b: object
    answer_elsewhere: object
    action_b: object
    action_elsewhere: object
    verdict_elsewhere: object
    resource_elsewhere: object
    risk_elsewhere: object
    extra_item_b: object
    consent_round: object
    org_elsewhere: object


@pytest.fixture
def targets(world) -> Targets:
    """Objects of organisation B and of another project, as targets of forged requests."""
    org_elsewhere = OrganisationFactory(name="Organisme d'un autre projet")
    world.other_project.organisations.add(org_elsewhere)
    resource_elsewhere = PooledResourceFactory(project=world.other_project)
    CommitmentFactory(resource=resource_elsewhere, organisation=org_elsewhere)
    return Targets(
        answer_b=AnswerFactory(
            project=world.project, organisation=world.org_b, value="Brouillon de B"
        ),
        answer_elsewhere=AnswerFactory(
            project=world.other_project, organisation=org_elsewhere, value="Ailleurs"
        ),
        action_b=ActionFactory(project=world.project, organisation=world.org_b),
        action_elsewhere=ActionFactory(project=world.other_project, organisation=org_elsewhere),
        verdict_elsewhere=DiagnosticVerdictFactory(project=world.other_project),
        resource_elsewhere=resource_elsewhere,
        risk_elsewhere=RiskFactory(project=world.other_project),
        extra_item_b=ExtraPortraitItemFactory(project=world.project, organisation=world.org_b),
        consent_round=ConsentRoundFactory(project=world.project),
        org_elsewhere=org_elsewhere,
    )


def url(world, name: str, *args) -> str:
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def assert_refused(client, path: str, data: dict | None, expected: set[int]):
    """POST (or GET when data is None) is refused with `expected` and changes nothing."""
    before = database_state()
    response = client.get(path) if data is None else client.post(path, data)
    assert response.status_code in expected, (path, response.status_code)
    assert database_state() == before


# --- A partner of organisation A, with organisation B's IDs ---------------------------


def test_idor_autosave_answer_of_organisation_b_is_403(world, client_as, targets):
    """Paul's autosave naming organisation B in the body is refused; B's draft stays."""
    data = {
        "question_code": "impulsion.besoin",
        "organisation_id": world.org_b.pk,
        "base_version": targets.answer_b.version,
        "impulsion.besoin": "Réécrit par A",
    }

    assert_refused(client_as(world.partner_a), url(world, "autosave"), data, {403})
    assert Answer.objects.get(pk=targets.answer_b.pk).value == "Brouillon de B"


@pytest.mark.parametrize("organisation_id", ["elsewhere", "999999", "-1", "1 OR 1=1", "b"])
def test_idor_autosave_foreign_or_forged_organisation_id_is_404(
    world, client_as, targets, organisation_id
):
    """An organisation of another project, a missing one or a forged id: 404, no change."""
    forged = {
        "elsewhere": targets.org_elsewhere.pk,
        "b": f"{world.org_b.pk}.0",
    }.get(organisation_id, organisation_id)
    data = {
        "question_code": "impulsion.besoin",
        "organisation_id": forged,
        "base_version": 0,
        "impulsion.besoin": "Réécrit par A",
    }

    assert_refused(client_as(world.partner_a), url(world, "autosave"), data, {404})


@pytest.mark.parametrize("name", ["save_org", "submit_org", "reopen_org"])
def test_idor_questionnaire_of_organisation_b_is_403(world, client_as, targets, name):
    """Saving, submitting or reopening B's questionnaire by its URL is refused."""
    path = url(world, name, "impulsion", world.org_b.pk)
    data = {"impulsion.besoin": "Réécrit par A"}

    assert_refused(client_as(world.partner_a), path, data, {403})


def test_idor_extra_item_of_organisation_b_cannot_be_added_or_removed(world, client_as, targets):
    """Paul adds nothing to B's portrait and removes none of its items."""
    client = client_as(world.partner_a)

    assert_refused(
        client,
        url(world, "extra_item_add", world.org_b.pk),
        {"dimension": "identite", "label": "Intrus"},
        {403},
    )
    assert_refused(client, url(world, "extra_item_remove", targets.extra_item_b.pk), {}, {403})


def test_idor_action_status_of_organisation_b_is_403(world, client_as, targets):
    """Paul cannot change the status of an action of organisation B."""
    data = {"status": "done", "progress": 100}

    assert_refused(
        client_as(world.partner_a), url(world, "action_status", targets.action_b.pk), data, {403}
    )


def test_idor_consent_answer_for_organisation_b_is_refused(world, client_as, targets):
    """Paul answers a consent round for A only: naming B in the body changes nothing."""
    data = {"organisation": world.org_b.pk, "answer": "agree", "reason": ""}
    path = url(world, "consent_respond", targets.consent_round.pk)

    assert_refused(client_as(world.partner_a), path, data, {400, 403})


# --- Another project's IDs under one's own project ------------------------------------


@pytest.mark.parametrize("persona", ["partner_a", "coordinator"])
def test_idor_action_status_of_another_project_is_404(world, client_as, targets, persona):
    """An action id of another project, under this project's URL: 404."""
    path = url(world, "action_status", targets.action_elsewhere.pk)

    assert_refused(
        client_as(world.user(persona)), path, {"status": "done", "progress": 100}, {404}
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("action_edit", {"title": "Détournée"}),
        ("action_delete", {}),
    ],
)
def test_idor_actions_of_another_project_are_404_for_the_coordination(
    world, client_as, targets, name, data
):
    """Claire edits or deletes no action of another project by its id."""
    path = url(world, name, targets.action_elsewhere.pk)

    assert_refused(client_as(world.coordinator), path, data, {404})


def test_idor_action_create_for_an_organisation_of_another_project_is_refused(
    world, client_as, targets
):
    """An action cannot be given to an organisation outside the project."""
    data = {"title": "Action détournée", "organisation": targets.org_elsewhere.pk}

    assert_refused(client_as(world.coordinator), url(world, "action_create"), data, {200, 400})


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("resource_detail", None),
        ("resource_edit", {"name": "Détournée", "usage_unit": "km"}),
        ("resource_delete", {}),
        ("commitments", {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}),
        ("usage_add", {"date": "2026-03-02", "uses": "1"}),
    ],
)
def test_idor_resources_of_another_project_are_404(world, client_as, targets, name, data):
    """Claire reads or changes no pooled resource of another project by its id."""
    path = url(world, name, targets.resource_elsewhere.pk)

    assert_refused(client_as(world.coordinator), path, data, {404})


@pytest.mark.parametrize(
    ("name", "data"),
    [("risk_edit", None), ("risk_edit", {"title": "Détourné"}), ("risk_delete", {})],
)
def test_idor_risks_of_another_project_are_404(world, client_as, targets, name, data):
    """Claire reads, edits or deletes no risk of another project by its id."""
    path = url(world, name, targets.risk_elsewhere.pk)

    assert_refused(client_as(world.coordinator), path, data, {404})


def test_idor_answer_history_of_another_project_is_404(world, client_as, targets):
    """The history of another project's answer is not found under this project."""
    path = url(world, "history", targets.answer_elsewhere.pk)

    assert_refused(client_as(world.coordinator), path, None, {404})


@pytest.mark.parametrize("persona", ["partner_a", "coordinator"])
def test_idor_verdict_of_another_project_is_refused(world, client_as, targets, persona):
    """Posting a verdict to another project's grid: 404 (not a member there), no change."""
    verdict = targets.verdict_elsewhere
    path = reverse("steps:verdict_set", args=[world.other_project.slug])
    data = {"item_code": verdict.item_code, "verdict": "divergence", "importance": "major"}

    assert_refused(client_as(world.user(persona)), path, data, {404})


def test_idor_verdict_in_own_project_is_403_for_a_partner(world, client_as, targets):
    """Verdicts belong to the coordination: Paul's POST is refused."""
    data = {"item_code": targets.verdict_elsewhere.item_code, "verdict": "divergence"}

    assert_refused(client_as(world.partner_a), url(world, "verdict_set"), data, {403})


# --- Reports -------------------------------------------------------------------------


def test_idor_report_of_draft_portrait_of_organisation_b_is_403(world, client_as, targets):
    """Paul cannot download the PDF portrait of B while B's réflexion is a draft."""
    path = url(world, "report_portrait", world.org_b.pk)

    assert_refused(client_as(world.partner_a), path, None, {403})


@pytest.mark.parametrize("persona", ["partner_a", "coordinator"])
def test_idor_reports_of_another_project_are_404(world, client_as, targets, persona):
    """An organisation or a resource of another project, in this project's report URLs: 404."""
    client = client_as(world.user(persona))

    assert_refused(client, url(world, "report_portrait", targets.org_elsewhere.pk), None, {404})
    assert_refused(client, url(world, "report_couts", targets.resource_elsewhere.pk), None, {404})


@pytest.mark.parametrize("name", ["report_dossier", "report_grille", "report_plan"])
def test_idor_report_of_a_project_one_is_not_in_is_404(world, client_as, targets, name):
    """Paul downloads no report of a project he is not a member of."""
    path = reverse(f"steps:{name}", args=[world.other_project.slug])

    assert_refused(client_as(world.partner_a), path, None, {404})
