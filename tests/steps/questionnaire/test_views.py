"""The step pages: autosave endpoint, no-JavaScript save, submission, reopening, privacy."""

import pytest
from django.urls import reverse

from steps.models import Answer, StepStatus
from tests.factories import (
    AnswerFactory,
    AnswerRevisionFactory,
    ExtraPortraitItemFactory,
    StepStatusFactory,
    submit,
)

pytestmark = pytest.mark.usefixtures("small_catalogue")
Status = StepStatus.Status


def autosave_url(world):
    return reverse("steps:autosave", args=[world.project.slug])


def org_url(world, organisation, step="impulsion"):
    return reverse("steps:org_answers", args=[world.project.slug, step, organisation.pk])


def post_autosave(client, world, organisation, code="impulsion.besoin", base=0, **values):
    data = {
        "question_code": code,
        "organisation_id": organisation.pk if organisation else "",
        "base_version": base,
    }
    data.update(values or {code: "Un camion réfrigéré"})
    return client.post(autosave_url(world), data)


# --- Autosave -----------------------------------------------------------------------


def test_autosave_saves_and_answers_version_and_time(world, client_as):
    """A partner's autosave stores the answer and returns its version and the time."""
    response = post_autosave(client_as(world.partner_a), world, world.org_a)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "saved"
    assert body["version"] == 1
    assert "\u00a0h\u00a0" in body["saved_at_display"]
    assert Answer.objects.get().value == "Un camion réfrigéré"


def test_autosave_multi_choice_with_other(world, client_as):
    """Checkboxes and the « précisez » text arrive together and are stored together."""
    client = client_as(world.partner_a)
    response = client.post(
        autosave_url(world),
        {
            "question_code": "impulsion.motivations",
            "organisation_id": world.org_a.pk,
            "base_version": 0,
            "impulsion.motivations": ["couts", "autre"],
            "impulsion.motivations_autre": "Garder nos bénévoles",
        },
    )
    assert response.status_code == 200
    assert Answer.objects.get().value == {
        "choices": ["couts", "autre"],
        "other": "Garder nos bénévoles",
    }


def test_autosave_invalid_value_is_400_with_french_errors(world, client_as):
    """A value the field refuses answers 400 with the French message."""
    response = post_autosave(
        client_as(world.partner_a),
        world,
        world.org_a,
        code="impulsion.heures",
        **{"impulsion.heures": "plein"},
    )
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert "Entrez un nombre" in response.json()["errors"][0]


def test_autosave_stale_version_is_409_with_their_version(world, client_as):
    """Someone saved since the page was loaded: 409 with their value, who and when."""
    AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        value="Texte de Claire",
        version=3,
        updated_by=world.coordinator,
    )
    response = post_autosave(client_as(world.partner_a), world, world.org_a, base=2)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict"
    assert body["their_value_display"] == "Texte de Claire"
    assert body["their_version"] == 3
    assert body["by"] == "Claire Coordination"
    assert body["at"]
    assert body["their_fields"] == {"impulsion.besoin": "Texte de Claire"}


def test_autosave_partner_of_b_cannot_write_a(world, client_as):
    """A partner of B writing A's answers is refused (403) and nothing is stored."""
    response = post_autosave(client_as(world.partner_b), world, world.org_a)
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_autosave_partner_cannot_write_project_answers(world, client_as):
    """Project-level answers belong to the coordination."""
    response = post_autosave(
        client_as(world.partner_a), world, None, code="impulsion.besoin-commun"
    )
    assert response.status_code == 403


def test_autosave_advisor_is_refused(world, client_as):
    """Advisors only read."""
    response = post_autosave(client_as(world.advisor), world, world.org_a)
    assert response.status_code == 403


def test_autosave_organisation_of_another_project_is_404(world, client_as):
    """An organisation outside the project is not found."""
    from tests.factories import OrganisationFactory

    response = post_autosave(client_as(world.coordinator), world, OrganisationFactory())
    assert response.status_code == 404


def test_autosave_outsider_gets_404(world, client_as):
    """Someone outside the project does not learn it exists."""
    response = post_autosave(client_as(world.outsider), world, world.org_a)
    assert response.status_code == 404


def test_autosave_refused_after_submission(world, client_as):
    """Submitted answers are read-only: 403 with a readonly status."""
    submit(world.project, world.org_a, "impulsion")
    response = post_autosave(client_as(world.partner_a), world, world.org_a)
    assert response.status_code == 403
    assert response.json()["status"] == "readonly"


def test_autosave_coordinator_writes_project_answer(world, client_as):
    """The coordinator fills the project-level answers."""
    response = post_autosave(
        client_as(world.coordinator),
        world,
        None,
        code="impulsion.besoin-commun",
        **{"impulsion.besoin-commun": "Transporter des denrées fraîches"},
    )
    assert response.status_code == 200
    assert Answer.objects.get(organisation=None).value == "Transporter des denrées fraîches"


# --- Pages and the no-JavaScript path ------------------------------------------------


def test_org_page_shows_editable_questionnaire_to_its_partner(world, client_as):
    """The partner sees its questions as a form with autosave and a save button."""
    response = client_as(world.partner_a).get(org_url(world, world.org_a))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-question="impulsion.besoin"' in content
    assert "js/autosave.js" in content
    assert "Enregistrer" in content
    assert "Économiques" in content  # motivations grouped by family
    assert "Soumettre les réponses" in content


def test_reflexion_page_shows_portrait_cards_and_add_item(world, client_as):
    """Réflexion: cards per item grouped by dimension, with « Ajouter un autre élément »."""
    ExtraPortraitItemFactory(project=world.project, organisation=world.org_a, label="Serre")
    response = client_as(world.partner_a).get(org_url(world, world.org_a, "reflexion"))
    content = response.content.decode()
    assert "Installations et équipements" in content
    assert "Mission, vision, valeurs" in content
    assert "Serre" in content
    assert "Ajouter un autre élément" in content
    assert "Retirer cet élément" in content
    assert 'name="reflexion.identite.mission.appreciation"' in content


def test_save_org_without_javascript_saves_every_field(world, client_as):
    """The « Enregistrer » button saves all posted answers and comes back to the page."""
    client = client_as(world.partner_a)
    response = client.post(
        reverse("steps:save_org", args=[world.project.slug, "impulsion", world.org_a.pk]),
        {
            "impulsion.besoin": "Partager un camion",
            "impulsion.besoin__version": "0",
            "impulsion.energie": "3",
            "impulsion.energie__version": "0",
            "impulsion.heures__version": "0",
            "impulsion.heures": "",
        },
    )
    assert response.status_code == 302
    values = dict(Answer.objects.values_list("question_code", "value"))
    assert values == {"impulsion.besoin": "Partager un camion", "impulsion.energie": 3}


def test_save_org_invalid_redisplays_with_input_and_error(world, client_as):
    """A bad value re-displays the page with the user's input and the French error."""
    client = client_as(world.partner_a)
    response = client.post(
        reverse("steps:save_org", args=[world.project.slug, "impulsion", world.org_a.pk]),
        {
            "impulsion.besoin": "Gardé",
            "impulsion.besoin__version": "0",
            "impulsion.heures": "plein d'heures",
            "impulsion.heures__version": "0",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "plein d&#x27;heures" in content
    assert "Entrez un nombre" in content
    assert Answer.objects.get().value == "Gardé"  # the valid one is not lost


def test_save_org_conflict_redisplays_both_versions(world, client_as):
    """A conflict shows their version next to the user's input, with the new version."""
    AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        value="Version de Claire",
        version=2,
        updated_by=world.coordinator,
    )
    response = client_as(world.partner_a).post(
        reverse("steps:save_org", args=[world.project.slug, "impulsion", world.org_a.pk]),
        {"impulsion.besoin": "Version de Paul", "impulsion.besoin__version": "1"},
    )
    content = response.content.decode()
    assert "Version de Paul" in content
    assert "Version de Claire" in content
    assert "Claire Coordination a modifié cette réponse" in content
    assert 'name="impulsion.besoin__version" value="2"' in content


def test_submit_with_missing_answers_lists_them_with_links(world, client_as):
    """Submitting without the required answer shows the list with anchors to the fields."""
    response = client_as(world.partner_a).post(
        reverse("steps:submit_org", args=[world.project.slug, "impulsion", world.org_a.pk])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Impossible de soumettre" in content
    page = reverse("steps:org_answers", args=[world.project.slug, "impulsion", world.org_a.pk])
    assert f'href="{page}#q-impulsion.besoin"' in content
    assert 'id="q-impulsion.besoin"' in content


def test_submit_then_read_only_then_reopen(world, client_as):
    """After submission the page is read-only; the coordinator reopens it."""
    AnswerFactory(project=world.project, organisation=world.org_a)
    client = client_as(world.partner_a)
    response = client.post(
        reverse("steps:submit_org", args=[world.project.slug, "impulsion", world.org_a.pk]),
        {"confirm": "1"},  # 3 questions left unanswered: « Soumettre quand même »
    )
    assert response.status_code == 302
    page = client.get(org_url(world, world.org_a)).content.decode()
    assert "Un camion réfrigéré deux jours par semaine." in page
    assert "data-autosave-url" not in page
    assert "Rouvrir" not in page  # only the coordinator reopens

    client = client_as(world.coordinator)
    assert "Rouvrir" in client.get(org_url(world, world.org_a)).content.decode()
    client.post(
        reverse("steps:reopen_org", args=[world.project.slug, "impulsion", world.org_a.pk])
    )
    status = StepStatus.objects.get(organisation=world.org_a, step="impulsion")
    assert status.status == Status.REOPENED
    page = client_as(world.partner_a).get(org_url(world, world.org_a)).content.decode()
    assert "data-autosave-url" in page


def test_reopen_is_for_the_coordinator_only(world, client_as):
    """A partner cannot reopen its own submitted answers."""
    submit(world.project, world.org_a, "impulsion")
    response = client_as(world.partner_a).post(
        reverse("steps:reopen_org", args=[world.project.slug, "impulsion", world.org_a.pk])
    )
    assert response.status_code == 403


def test_extra_item_add_and_remove_through_the_pages(world, client_as):
    """A partner adds an « autre » item to a dimension, then removes it."""
    client = client_as(world.partner_a)
    response = client.post(
        reverse("steps:extra_item_add", args=[world.project.slug, world.org_a.pk]),
        {"dimension": "installations", "label": "Cuisine commerciale"},
    )
    assert response.status_code == 302
    item = world.org_a.extra_items.get()
    page = client.get(org_url(world, world.org_a, "reflexion")).content.decode()
    assert "Cuisine commerciale" in page
    client.post(reverse("steps:extra_item_remove", args=[world.project.slug, item.pk]))
    assert not world.org_a.extra_items.exists()


def test_extra_item_of_a_cannot_be_removed_by_b(world, client_as):
    """Partner B cannot remove A's item."""
    item = ExtraPortraitItemFactory(project=world.project, organisation=world.org_a)
    response = client_as(world.partner_b).post(
        reverse("steps:extra_item_remove", args=[world.project.slug, item.pk])
    )
    assert response.status_code == 403


def test_dimensions_page_saves_the_choice(world, client_as):
    """The coordinator keeps only some dimensions; the portrait follows."""
    client = client_as(world.coordinator)
    url = reverse("steps:dimensions", args=[world.project.slug])
    assert "Installations et équipements" in client.get(url).content.decode()
    response = client.post(url, {"dimensions": ["installations"]})
    assert response.status_code == 302
    page = client.get(org_url(world, world.org_a, "reflexion")).content.decode()
    assert "Locaux" in page
    assert "Mission, vision, valeurs" not in page


def test_dimensions_page_refuses_an_empty_choice(world, client_as):
    """No dimension at all is refused with a French message."""
    response = client_as(world.coordinator).post(
        reverse("steps:dimensions", args=[world.project.slug]), {}
    )
    assert "Choisissez au moins une dimension" in response.content.decode()


def test_step_page_shows_guidance_tools_and_organisations(world, client_as):
    """The step page explains the step, lists its tools and the organisations' status."""
    response = client_as(world.partner_b).get(
        reverse("steps:step", args=[world.project.slug, "impulsion"])
    )
    content = response.content.decode()
    assert "Étape 1" in content
    assert "À propos de impulsion." in content
    assert "Action clé de impulsion" in content
    assert "Point d&#x27;attention de impulsion" in content
    assert "Synthèse des motivations" in content
    assert world.org_a.name in content
    assert "brouillon, visible après soumission" in content


def test_step_page_project_questionnaire_editable_by_coordinator_only(world, client_as):
    """The coordinator edits the project's questions; an advisor reads them."""
    AnswerFactory(
        project=world.project,
        organisation=None,
        question_code="impulsion.objectif",
        value="Un camion pour quatre",
    )
    url = reverse("steps:step", args=[world.project.slug, "impulsion"])
    coordinator_page = client_as(world.coordinator).get(url).content.decode()
    assert 'data-question="impulsion.besoin-commun"' in coordinator_page
    assert "js/autosave.js" in coordinator_page
    advisor_page = client_as(world.advisor).get(url).content.decode()
    assert "Un camion pour quatre" in advisor_page
    assert "js/autosave.js" not in advisor_page


def test_step_page_steps_reachable_in_any_order(world, client_as):
    """Every step page links to the five others."""
    content = (
        client_as(world.partner_a)
        .get(reverse("steps:step", args=[world.project.slug, "evaluation"]))
        .content.decode()
    )
    for code in ("impulsion", "reflexion", "diagnostic", "modelisation", "realisation"):
        assert reverse("steps:step", args=[world.project.slug, code]) in content


def test_unknown_step_is_404(world, client_as):
    """A step code outside the six does not resolve."""
    response = client_as(world.coordinator).get(f"/projets/{world.project.slug}/etapes/magie/")
    assert response.status_code == 404


# --- Draft privacy ------------------------------------------------------------------


def draft_of_a(world):
    AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        value="Secret de brouillon",
        updated_by=world.partner_a,
    )
    AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.motivations",
        value={"choices": ["poids"], "other": ""},
    )


def test_draft_of_a_is_hidden_from_b_on_every_page(world, client_as):
    """B sees neither A's draft answers nor a link to them, on any page."""
    draft_of_a(world)
    client = client_as(world.partner_b)
    assert client.get(org_url(world, world.org_a)).status_code == 403
    for name, args in [
        ("steps:step", ["impulsion"]),
        ("steps:impulsion_synthesis", []),
        ("steps:dashboard", []),
    ]:
        content = client.get(reverse(name, args=[world.project.slug, *args])).content.decode()
        assert "Secret de brouillon" not in content, name
        assert org_url(world, world.org_a) not in content, name
    synthesis = client.get(
        reverse("steps:impulsion_synthesis", args=[world.project.slug])
    ).content.decode()
    assert "Pas encore visibles" in synthesis
    assert world.org_a.name in synthesis


def test_draft_history_is_hidden_from_b(world, client_as):
    """The history of a draft answer is refused to another organisation's partner."""
    answer = AnswerFactory(project=world.project, organisation=world.org_a)
    url = reverse("steps:history", args=[world.project.slug, answer.pk])
    assert client_as(world.partner_b).get(url).status_code == 403
    assert client_as(world.advisor).get(url).status_code == 200


def test_submitted_answers_of_a_are_visible_to_b(world, client_as):
    """Once A submits, B reads A's answers and sees its motivations in the synthesis."""
    draft_of_a(world)
    submit(world.project, world.org_a, "impulsion")
    client = client_as(world.partner_b)
    assert "Secret de brouillon" in client.get(org_url(world, world.org_a)).content.decode()
    synthesis = client.get(
        reverse("steps:impulsion_synthesis", args=[world.project.slug])
    ).content.decode()
    assert "Poids politique" in synthesis
    assert world.org_a.name in synthesis


def test_reopened_answers_are_a_draft_again(world, client_as):
    """A reopened step is hidden from other partners until submitted again."""
    StepStatusFactory(
        project=world.project, organisation=world.org_a, step="impulsion", status=Status.REOPENED
    )
    assert client_as(world.partner_b).get(org_url(world, world.org_a)).status_code == 403


def test_advisor_reads_drafts(world, client_as):
    """Advisors read drafts (read-only)."""
    draft_of_a(world)
    content = client_as(world.advisor).get(org_url(world, world.org_a)).content.decode()
    assert "Secret de brouillon" in content
    assert "data-autosave-url" not in content


def test_project_draft_answers_hidden_from_partners(world, client_as):
    """The coordination's draft project answers wait for submission before partners see them."""
    AnswerFactory(
        project=world.project, organisation=None, question_code="impulsion.objectif", value="Idée"
    )
    url = reverse("steps:step", args=[world.project.slug, "impulsion"])
    assert "Idée" not in client_as(world.partner_a).get(url).content.decode()
    submit(world.project, None, "impulsion")
    assert "Idée" in client_as(world.partner_a).get(url).content.decode()


# --- History ------------------------------------------------------------------------


def test_history_shows_who_changed_what(world, client_as):
    """Each change: version, who, when, the value before and after."""
    client = client_as(world.partner_a)
    post_autosave(client, world, world.org_a, **{"impulsion.besoin": "Première idée"})
    post_autosave(client, world, world.org_a, base=1, **{"impulsion.besoin": "Idée précisée"})
    answer = Answer.objects.get()
    content = client.get(
        reverse("steps:history", args=[world.project.slug, answer.pk])
    ).content.decode()
    assert "Paul Partenaire" in content
    assert "Première idée" in content
    assert "Idée précisée" in content
    # Newest first.
    assert content.index("Idée précisée") < content.rindex("Première idée")
    assert "Notre besoin" in content


def test_history_displays_values_with_labels(world, client_as):
    """Choices in the history read as their labels, not their codes."""
    answer = AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.motivations",
        value={"choices": ["couts"], "other": ""},
        version=1,
    )
    AnswerRevisionFactory(answer=answer, changed_by=world.partner_a)
    content = (
        client_as(world.coordinator)
        .get(reverse("steps:history", args=[world.project.slug, answer.pk]))
        .content.decode()
    )
    assert "Réduire nos coûts" in content


def test_save_project_without_javascript(world, client_as):
    """The coordinator saves the project's answers with the « Enregistrer » button."""
    response = client_as(world.coordinator).post(
        reverse("steps:save_project", args=[world.project.slug, "modelisation"]),
        {
            "modelisation.budget": "12 500 $",
            "modelisation.budget__version": "0",
            "modelisation.decision": "force",
            "modelisation.decision__version": "0",
        },
    )
    assert response.status_code == 302
    values = dict(Answer.objects.filter(organisation=None).values_list("question_code", "value"))
    assert values == {"modelisation.budget": "12500.00", "modelisation.decision": "force"}


def test_save_project_invalid_redisplays_step_page(world, client_as):
    """A bad amount re-displays the step page with the input and the French message."""
    AnswerFactory(
        project=world.project, organisation=world.org_a, question_code="impulsion.besoin"
    )
    response = client_as(world.coordinator).post(
        reverse("steps:save_project", args=[world.project.slug, "modelisation"]),
        {"modelisation.budget": "douze mille", "modelisation.budget__version": "0"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="douze mille"' in content
    assert "Entrez un montant en dollars" in content


def test_submit_project_with_missing_answer_lists_it(world, client_as):
    """Submitting the project's answers without the required one lists it."""
    response = client_as(world.coordinator).post(
        reverse("steps:submit_project", args=[world.project.slug, "impulsion"])
    )
    content = response.content.decode()
    assert "Impossible de soumettre" in content
    assert 'href="#q-impulsion.besoin-commun"' in content
    assert not StepStatus.objects.filter(status=Status.SUBMITTED).exists()


def test_submit_and_reopen_project_answers(world, client_as):
    """The coordinator submits the project's answers, then reopens them."""
    AnswerFactory(
        project=world.project, organisation=None, question_code="impulsion.besoin-commun"
    )
    client = client_as(world.coordinator)
    client.post(
        reverse("steps:submit_project", args=[world.project.slug, "impulsion"]),
        {"confirm": "1"},  # the objective is left unanswered: « Soumettre quand même »
    )
    assert StepStatus.objects.get(organisation=None, step="impulsion").is_submitted
    client.post(reverse("steps:reopen_project", args=[world.project.slug, "impulsion"]))
    status = StepStatus.objects.get(organisation=None, step="impulsion")
    assert status.status == Status.REOPENED
