"""The method's words beyond the glossary (issue 19, item 8): the missing motivations,
the sharing of surpluses beside the sharing of costs, the means of each action, the
uses of the logic model — each visible in the demo."""

import json
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from steps.catalogue import get_question
from steps.catalogue.impulsion import ECONOMIC, MOTIVATION_CHOICES, PHILOSOPHICAL, STRATEGIC
from steps.demo import build_demo_project
from steps.modelling import review
from steps.modelling.selectors import agreement_facts, agreement_sections, operating_model_summary
from steps.models import Action, OperatingModel
from steps.reports.plan import action_plan
from steps.transfer.export import export_project
from steps.transfer.importer import import_project
from tests.factories import ActionFactory, OperatingModelFactory

NEW_MOTIVATIONS = {
    "transition": PHILOSOPHICAL[0],
    "doublons": STRATEGIC[0],
    "alleger-equipes": ECONOMIC[0],
    "survie": STRATEGIC[0],
    "criteres-financement": ECONOMIC[0],
}
SURPLUS = "Le surplus de l'année va au fonds de remplacement du camion."
MEANS = "Six heures de coordination et 300 $ de thermomètres."


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def _plain(text: str) -> str:
    return unescape(text).replace("\u00a0", " ").replace("\u202f", " ")


# Motivations -----------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "family"), NEW_MOTIVATIONS.items())
def test_catalogue_has_the_missing_motivations_in_their_family(code, family):
    """The five motivations named by the field sources join the impulsion list."""
    choices = {choice.code: choice for choice in MOTIVATION_CHOICES}
    assert choices[code].group_fr == family
    assert choices[code] in get_question("impulsion.motivations").choices
    assert choices[code] in get_question("impulsion.motivations-partagees").choices


def test_catalogue_motivation_codes_stay_unique():
    """Answers store the codes: a new one never reuses an old one."""
    codes = [choice.code for choice in MOTIVATION_CHOICES]
    assert len(codes) == len(set(codes)) == 17


# Surplus sharing -------------------------------------------------------------------------


def test_operating_model_edit_saves_the_surplus_sharing_and_shows_it(world, client_as):
    """Beside the cost-sharing key, the coordination writes how surpluses are shared."""
    client = client_as(world.coordinator)
    form = client.get(_url(world, "operating_model_edit")).content.decode()
    assert 'name="surplus_sharing"' in form
    data = {
        "decision_process": "consent",
        "meeting_frequency": "monthly",
        "continuum": "pooling",
        "formalisation": "letter",
        "sharing_key": "usage",
        "surplus_sharing": SURPLUS,
        "exit_notice_days": "90",
    }
    response = client.post(_url(world, "operating_model_edit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OperatingModel.objects.get(project=world.project).surplus_sharing == SURPLUS
    page = _plain(client_as(world.partner_a).get(_url(world, "operating_model")).content.decode())
    assert "Partage des surplus" in page and SURPLUS in page


def test_operating_model_summary_and_agreement_cite_the_surplus_sharing(world):
    """The consent proposal (and the dossier PDF, which reads it) and the agreement's
    costs section say the rule; without one, neither mentions it."""
    model = OperatingModelFactory(project=world.project)
    assert "surplus" not in operating_model_summary(model)
    costs = dict((s.code, s.text) for s in agreement_sections(world.project))["couts"]
    assert "surplus" not in costs
    model.surplus_sharing = SURPLUS
    model.save()
    assert f"Partage des surplus\u00a0: {SURPLUS}" in operating_model_summary(model)
    costs = dict((s.code, s.text) for s in agreement_sections(world.project))["couts"]
    assert SURPLUS in costs


def test_agreement_review_flags_a_changed_surplus_sharing(world):
    """A costs section written before the rule changed is flagged for review."""
    model = OperatingModelFactory(project=world.project, surplus_sharing="Remis à parts égales.")
    stored = review.section_basis(agreement_facts(world.project), "couts")
    model.surplus_sharing = SURPLUS
    model.save()
    current = review.section_basis(agreement_facts(world.project), "couts")
    changes = review.changes_since(stored, current)
    assert [str(change) for change in changes] == ["Le partage des surplus a changé."]


# Means of actions ------------------------------------------------------------------------


def test_action_means_in_the_form_the_list_and_the_pdf(world, client_as):
    """The coordinator writes an action's means; the plan and its PDF show them."""
    client = client_as(world.coordinator)
    assert 'name="means"' in client.get(_url(world, "action_create")).content.decode()
    data = {
        "title": "Former les chauffeurs",
        "means": MEANS,
        "status": Action.Status.TODO,
        "progress": "0",
    }
    assert client.post(_url(world, "action_create"), data).status_code == 302
    assert Action.objects.get(project=world.project).means == MEANS
    page = _plain(client_as(world.partner_b).get(_url(world, "actions")).content.decode())
    assert f"Moyens : {MEANS}" in page
    pdf_html = _plain(render_to_string("pdf/_action_plan.html", action_plan(world.project)))
    assert f"Moyens : {MEANS}" in pdf_html


def test_action_without_means_shows_no_empty_label(world, client_as):
    """No « Moyens » line for an action that has none."""
    ActionFactory(project=world.project, means="")
    page = client_as(world.coordinator).get(_url(world, "actions")).content.decode()
    assert "Moyens" not in page
    assert "Moyens" not in render_to_string("pdf/_action_plan.html", action_plan(world.project))


# Logic model -----------------------------------------------------------------------------


def test_logic_model_page_explains_its_three_uses_and_the_theory_of_change(world, client_as):
    """Where the logic model is built: plan, evaluate, communicate; the theory of change;
    links to their glossary entries."""
    page = client_as(world.advisor).get(_url(world, "logic_model")).content.decode()
    for word in ("Planifier", "Évaluer", "Communiquer", "théorie du changement"):
        assert word in page
    assert f'{reverse("glossary")}#theorie-changement"' in page
    assert f'{reverse("glossary")}#modele-logique"' in page


# The demo --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_shows_the_method_words(client):
    """The demo ticks a new motivation, shares its surpluses and gives actions means."""
    project = build_demo_project()
    assert OperatingModel.objects.get(project=project).surplus_sharing
    assert Action.objects.filter(project=project).exclude(means="").count() >= 3
    coordinator = project.memberships.filter(role="coordinator").first().user
    client.force_login(coordinator)
    synthesis = client.get(reverse("steps:impulsion_synthesis", args=[project.slug]))
    assert "Contribuer à la transition socioécologique" in unescape(synthesis.content.decode())
    actions = _plain(client.get(reverse("steps:actions", args=[project.slug])).content.decode())
    assert "Moyens :" in actions
    model = client.get(reverse("steps:operating_model", args=[project.slug])).content.decode()
    assert "fonds de remplacement" in unescape(model)


# Backup and restore ----------------------------------------------------------------------


def test_transfer_keeps_action_means_and_surplus_sharing(world):
    """A project's backup carries both new fields, and its import restores them."""
    OperatingModelFactory(project=world.project, surplus_sharing=SURPLUS)
    ActionFactory(project=world.project, organisation=world.org_a, means=MEANS)
    document = json.loads(json.dumps(export_project(world.project)))
    assert [row["means"] for row in document["actions"]] == [MEANS]
    assert document["operating_model"][0]["surplus_sharing"] == SURPLUS
    document["project"]["slug"] = "copie-mots"
    imported = import_project(document).project
    assert Action.objects.get(project=imported).means == MEANS
    assert OperatingModel.objects.get(project=imported).surplus_sharing == SURPLUS
