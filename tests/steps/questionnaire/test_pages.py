"""Questionnaire polish: the progress the autosave sends back, the portrait download on
réflexion only, a confirmation before submitting unanswered questions, the words."""

import pytest
from django.urls import reverse

from steps.models import StepStatus
from tests.factories import AnswerFactory, OrganisationFactory

pytestmark = pytest.mark.usefixtures("small_catalogue")
Status = StepStatus.Status
# Session, user, membership, organisation, the save (scope check, status lock, answer,
# revision…), the project's content version raised by each row written (steps.versioning:
# status, answer, revision, status again), then the count: organisations, answers and
# statuses of the scope's step.
AUTOSAVE_QUERIES = 24


def org_url(world, organisation, step="impulsion"):
    return reverse("steps:org_answers", args=[world.project.slug, step, organisation.pk])


def submit_org_url(world, organisation, step="impulsion"):
    return reverse("steps:submit_org", args=[world.project.slug, step, organisation.pk])


def autosave(client, world, organisation, code, value, base=0):
    return client.post(
        reverse("steps:autosave", args=[world.project.slug]),
        {
            "question_code": code,
            "organisation_id": organisation.pk if organisation else "",
            "base_version": base,
            code: value,
        },
    )


# --- Autosave: the badge and the count follow the saves ------------------------------


def test_autosave_progress_counts_and_status_after_first_save(world, client_as):
    """The first save answers « En cours » and « 1 réponse sur 4 » for A's impulsion."""
    response = autosave(
        client_as(world.partner_a), world, world.org_a, "impulsion.besoin", "Un camion"
    )
    progress = response.json()["progress"]
    assert progress == {
        "status": Status.IN_PROGRESS,
        "status_label": "En cours",
        "answered": 1,
        "total": 4,
        "text": "1 réponse sur 4",
    }


def test_autosave_progress_plural_and_emptied_answer(world, client_as):
    """Two answers read « 2 réponses sur 4 »; emptying one brings the count down."""
    client = client_as(world.partner_a)
    autosave(client, world, world.org_a, "impulsion.besoin", "Un camion")
    body = autosave(client, world, world.org_a, "impulsion.heures", "12").json()
    assert body["progress"]["text"] == "2 réponses sur 4"
    body = autosave(client, world, world.org_a, "impulsion.heures", "", base=1).json()
    assert body["progress"]["answered"] == 1


def test_autosave_progress_of_project_answers(world, client_as):
    """The coordination's save counts the project's questions of the step (2 here)."""
    response = autosave(
        client_as(world.coordinator), world, None, "impulsion.objectif", "Un camion partagé"
    )
    assert response.json()["progress"]["text"] == "1 réponse sur 2"


def test_autosave_progress_keeps_reopened_status(world, client_as):
    """A reopened step stays « Rouverte » after a save (only « pas commencée » moves)."""
    StepStatus.objects.create(
        project=world.project, organisation=world.org_a, step="impulsion", status=Status.REOPENED
    )
    response = autosave(
        client_as(world.partner_a), world, world.org_a, "impulsion.besoin", "Un camion"
    )
    assert response.json()["progress"]["status_label"] == "Rouverte"


@pytest.mark.parametrize("count", [2, 20])
def test_autosave_query_count_does_not_grow_with_organisations(
    count, world, client_as, django_assert_num_queries
):
    """Counting the answers after a save costs the same for 2 and for 20 organisations."""
    for n in range(count - 2):
        organisation = OrganisationFactory(name=f"Organisme {n:02d}")
        world.project.organisations.add(organisation)
        AnswerFactory(project=world.project, organisation=organisation)
    client = client_as(world.partner_a)
    with django_assert_num_queries(AUTOSAVE_QUERIES):
        response = autosave(client, world, world.org_a, "impulsion.besoin", "Un camion")
    assert response.json()["progress"]["answered"] == 1


def test_org_page_marks_the_progress_for_the_script(world, client_as):
    """The status line carries the hooks autosave.js updates."""
    page = client_as(world.partner_a).get(org_url(world, world.org_a)).content.decode()
    assert 'class="scope-status" data-progress' in page
    assert "<span data-progress-count>0 réponse sur 4</span>" in page


# --- The portrait PDF belongs to réflexion ---------------------------------------------


def test_portrait_download_only_on_reflexion(world, client_as):
    """Impulsion offers no portrait; réflexion names what the PDF holds."""
    client = client_as(world.partner_a)
    report = reverse("steps:report_portrait", args=[world.project.slug, world.org_a.pk])
    impulsion = client.get(org_url(world, world.org_a)).content.decode()
    reflexion = client.get(org_url(world, world.org_a, "reflexion")).content.decode()
    assert report not in impulsion
    assert report in reflexion
    assert "avec ses réponses à l'étape Impulsion (PDF)" in reflexion


# --- Submitting with unanswered questions asks first -----------------------------------


def test_submit_with_unanswered_questions_asks_for_confirmation(world, client_as):
    """2 of 4 answers (the required one given): a page lists the 2 others, nothing is
    submitted yet."""
    AnswerFactory(project=world.project, organisation=world.org_a)
    AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.heures",
        value="12",
    )
    response = client_as(world.partner_a).post(submit_org_url(world, world.org_a))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Soumettre des réponses incomplètes\u00a0?" in content
    assert "2 questions sur 4 restent sans réponse." in content
    page = org_url(world, world.org_a)
    assert f'<a href="{page}#q-impulsion.motivations">Nos motivations</a>' in content
    assert f'<a href="{page}#q-impulsion.energie">Énergie disponible</a>' in content
    assert "Heures par mois" not in content
    assert "Soumettre quand même" in content
    assert 'name="confirm" value="1"' in content
    assert f'href="{page}#q-impulsion.motivations">Continuer à remplir' in content
    assert not StepStatus.objects.filter(status=Status.SUBMITTED).exists()


def test_submit_confirmed_submits_despite_unanswered(world, client_as):
    """« Soumettre quand même » submits the answers as they are."""
    AnswerFactory(project=world.project, organisation=world.org_a)
    response = client_as(world.partner_a).post(
        submit_org_url(world, world.org_a), {"confirm": "1"}
    )
    assert response.status_code == 302
    assert StepStatus.objects.get(organisation=world.org_a, step="impulsion").is_submitted


def test_submit_with_every_answer_needs_no_confirmation(world, client_as):
    """A complete questionnaire is submitted at the first click."""
    for code, value in [
        ("impulsion.besoin", "Un camion"),
        ("impulsion.motivations", {"choices": ["couts"], "other": ""}),
        ("impulsion.energie", 3),
        ("impulsion.heures", "12"),
    ]:
        AnswerFactory(
            project=world.project, organisation=world.org_a, question_code=code, value=value
        )
    response = client_as(world.partner_a).post(submit_org_url(world, world.org_a))
    assert response.status_code == 302
    assert StepStatus.objects.get(organisation=world.org_a, step="impulsion").is_submitted


def test_submit_missing_required_is_still_refused_even_confirmed(world, client_as):
    """Required answers are never skipped: the refusal lists them, confirmed or not."""
    response = client_as(world.partner_a).post(
        submit_org_url(world, world.org_a), {"confirm": "1"}
    )
    assert "Impossible de soumettre" in response.content.decode()
    assert not StepStatus.objects.filter(status=Status.SUBMITTED).exists()


def test_submit_portrait_groups_unanswered_parts_by_item(world, client_as):
    """The portrait's unanswered parts are listed once per item, with their parts."""
    AnswerFactory(
        project=world.project,
        organisation=world.org_a,
        question_code="reflexion.identite.mission.appreciation",
        value="force",
    )
    response = client_as(world.partner_a).post(submit_org_url(world, world.org_a, "reflexion"))
    content = response.content.decode()
    assert (
        "Mission, vision, valeurs</a>\u00a0: Description, Ce que nous pouvons offrir, "
        "Ce dont nous avons besoin" in content
    )
    assert content.count(">Mission, vision, valeurs</a>") == 1


def test_submit_project_with_unanswered_asks_then_submits(world, client_as):
    """The coordination confirms too; the links lead to the step page's questions."""
    AnswerFactory(
        project=world.project, organisation=None, question_code="impulsion.besoin-commun"
    )
    client = client_as(world.coordinator)
    url = reverse("steps:submit_project", args=[world.project.slug, "impulsion"])
    content = client.post(url).content.decode()
    step_url = reverse("steps:step", args=[world.project.slug, "impulsion"])
    assert f'href="{step_url}#q-impulsion.objectif"' in content
    assert "Une question sur 2 reste sans réponse." in content
    assert not StepStatus.objects.filter(status=Status.SUBMITTED).exists()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert StepStatus.objects.get(organisation=None, step="impulsion").is_submitted


def test_submit_confirmation_refused_to_other_partner(world, client_as):
    """Partner B cannot even see the confirmation page of A's answers (403)."""
    response = client_as(world.partner_b).post(submit_org_url(world, world.org_a))
    assert response.status_code == 403


# --- Words -----------------------------------------------------------------------------


def test_pages_say_conseiller_eres_not_personnes_conseils(world, client_as):
    """The glossary's word for advisors on the answers page and the dashboard."""
    client = client_as(world.partner_a)
    pages = [
        client.get(org_url(world, world.org_a)).content.decode(),
        client.get(reverse("steps:dashboard", args=[world.project.slug])).content.decode(),
    ]
    for page in pages:
        assert "personnes-conseils" not in page
        assert "conseiller·ères" in page


def test_partner_member_is_not_called_an_organisation(world, client_as):
    """Project home: « Membre de <organisation> », not « Organisation partenaire »."""
    page = client_as(world.partner_a).get(world.project.get_absolute_url()).content.decode()
    assert "Votre rôle : Membre de Banque alimentaire du Suroît, organisation partenaire" in (
        " ".join(page.split())
    )
