"""The demo answers: every step answered, offers meeting needs, one portrait in draft."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape

from projects.demo import DEMO_ORGANISATIONS, demo_organisation
from projects.method import STEPS
from steps import catalogue
from steps.catalogue.base import Scope
from steps.demo import build_demo_project
from steps.models import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus
from steps.questionnaire import demo, fields

Status = StepStatus.Status


@pytest.fixture
def project(db):
    return build_demo_project()


def _answers(project, key=None):
    organisation = demo_organisation(project, key) if key else None
    return {
        answer.question_code: answer.value
        for answer in Answer.objects.filter(project=project, organisation=organisation)
    }


def _round_trip(question, value):
    """A stored value shown in its form field and saved again, as the autosave would."""
    data = QueryDict(mutable=True)
    for name, posted in fields.as_form_data(question, value).items():
        data.setlist(name, posted if isinstance(posted, list) else [posted])
    return fields.clean(question, fields.raw_value(question, data))


def test_demo_answers_resolve_in_the_catalogue(project):
    """Every demo answer's code is a catalogue question of the right scope."""
    answers = Answer.objects.filter(project=project)
    assert answers.count() > 200
    for answer in answers:
        question = catalogue.get_question(answer.question_code)
        expected = Scope.PROJECT if answer.organisation_id is None else Scope.ORGANISATION
        assert question.scope == expected, answer.question_code


def test_demo_answers_use_the_storage_formats(project):
    """Each value survives a trip through its form field unchanged."""
    for answer in Answer.objects.filter(project=project):
        question = catalogue.get_question(answer.question_code)
        assert fields.is_answered(answer.value), answer.question_code
        assert _round_trip(question, answer.value) == answer.value, answer.question_code


def test_demo_food_bank_offers_the_truck_the_kitchen_needs(project):
    """The food bank offers transport (and storage); the kitchen needs both."""
    bank, kitchen = (
        _answers(project, "banque_alimentaire"),
        _answers(project, "cuisine_collective"),
    )
    assert "camion réfrigéré" in bank["reflexion.installations.transport.offre"]
    assert "transport réfrigéré" in kitchen["reflexion.installations.transport.besoin"]
    assert bank["reflexion.installations.entreposage.offre"]
    assert kitchen["reflexion.installations.entreposage.besoin"]
    assert "reflexion.installations.transport.offre" not in kitchen


def test_demo_cdc_offers_what_others_need(project):
    """The CDC des Seigneuries offers a room and communications; others need them."""
    cdc = _answers(project, "cdc_seigneuries")
    assert cdc["reflexion.installations.locaux.offre"]
    assert cdc["reflexion.communication.equipe.offre"]
    assert _answers(project, "banque_alimentaire")["reflexion.installations.locaux.besoin"]
    assert _answers(project, "cdc_vallee")["reflexion.communication.equipe.besoin"]


def test_demo_portraits_differ(project):
    """Strengths and weaknesses differ between organisations, decision cultures too."""
    appreciations = {
        key: {
            code: value
            for code, value in _answers(project, key).items()
            if code.endswith(".appreciation")
        }
        for key in DEMO_ORGANISATIONS
    }
    for values in appreciations.values():
        assert {"force", "faiblesse"} <= set(values.values())
    culture = "reflexion.identite.culture.appreciation"
    assert {appreciations[key][culture] for key in appreciations} == {"force", "faiblesse"}
    decisions = [_answers(project, key)["reflexion.mode-decision"] for key in DEMO_ORGANISATIONS]
    assert len({str(decision) for decision in decisions}) == len(decisions)


def test_demo_statuses_one_draft(project):
    """Impulsion is submitted everywhere; réflexion by three, the small CDC in draft."""
    for key in DEMO_ORGANISATIONS:
        organisation = demo_organisation(project, key)
        statuses = {
            status.step: status
            for status in StepStatus.objects.filter(project=project, organisation=organisation)
        }
        partner = organisation.memberships.get(project=project).user
        assert statuses["impulsion"].status == Status.SUBMITTED
        assert statuses["impulsion"].submitted_by == partner
        expected = Status.IN_PROGRESS if key == "cdc_vallee" else Status.SUBMITTED
        assert statuses["reflexion"].status == expected
        assert set(
            Answer.objects.filter(organisation=organisation).values_list("updated_by", flat=True)
        ) == {partner.pk}


def test_demo_submitted_steps_have_their_required_answers(project):
    """A submitted step has every required question answered; the draft misses one."""
    for key in DEMO_ORGANISATIONS:
        answers = _answers(project, key)
        required = [q.code for q in catalogue.questions_for("impulsion", Scope.ORGANISATION)]
        required += [q.code for q in catalogue.questions_for("reflexion", Scope.ORGANISATION)]
        required = [code for code in required if catalogue.get_question(code).required]
        required += [f"{code}.appreciation" for code in catalogue.REQUIRED_APPRECIATIONS]
        missing = [code for code in required if code not in answers]
        if key == "cdc_vallee":
            assert missing == ["reflexion.identite.clienteles.appreciation"]
        else:
            assert missing == []


def test_demo_project_answers_in_every_step(project):
    """The coordination answered project-level questions in each step, submitted some."""
    answered = _answers(project)
    for step in STEPS:
        codes = {q.code for q in catalogue.questions_for(step.code, Scope.PROJECT)}
        assert codes & set(answered), step.code
    assert answered["diagnostic.potentiel"] == "eleve"
    statuses = dict(
        StepStatus.objects.filter(project=project, organisation=None).values_list("step", "status")
    )
    assert statuses == {
        step.code: Status.SUBMITTED if step.code in demo.PROJECT_SUBMITTED else Status.IN_PROGRESS
        for step in STEPS
    }


def test_demo_dimensions_extra_item_and_history(project):
    """All six dimensions are chosen, an « autre » item exists, history shows a change."""
    assert set(
        ProjectDimension.objects.filter(project=project).values_list("code", flat=True)
    ) == {d.code for d in catalogue.DIMENSIONS}
    extra = ExtraPortraitItem.objects.get(project=project)
    assert _answers(project, "banque_alimentaire")[f"{extra.code}.offre"]
    answer = Answer.objects.get(
        organisation=demo_organisation(project, "banque_alimentaire"),
        question_code="reflexion.installations.transport.offre",
    )
    revisions = list(answer.revisions.order_by("version"))
    assert [r.version for r in revisions] == [1, 2] == [1, answer.version]
    assert revisions[1].old_value == revisions[0].new_value != answer.value
    assert revisions[1].new_value == answer.value
    assert not Answer.objects.filter(project=project, revisions__isnull=True).exists()


def test_demo_populate_is_idempotent(project):
    """Running the questionnaire demo again leaves the same data, not twice as much."""
    counts = (
        Answer.objects.filter(project=project).count(),
        AnswerRevision.objects.filter(answer__project=project).count(),
        StepStatus.objects.filter(project=project).count(),
    )
    demo.populate(project)
    assert counts == (
        Answer.objects.filter(project=project).count(),
        AnswerRevision.objects.filter(answer__project=project).count(),
        StepStatus.objects.filter(project=project).count(),
    )


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.code)
def test_demo_step_pages_show_the_catalogue(project, client_as, step):
    """Each step page renders the real catalogue with the demo answers."""
    coordinator = project.memberships.get(role="coordinator").user
    client = client_as(coordinator)
    response = client.get(reverse("steps:step", args=[project.slug, step.code]))
    assert response.status_code == 200
    page = response.content.decode()
    content = catalogue.STEP_CONTENT[step.code]
    assert escape(content.about.fr) in page
    assert escape(content.key_actions[0].fr) in page
    question = catalogue.questions_for(step.code, Scope.PROJECT)[0]
    assert escape(question.label_fr) in page


def test_demo_portrait_page_shows_a_submitted_portrait(project, client_as):
    """Another partner sees the food bank's submitted offer of its truck."""
    bank = demo_organisation(project, "banque_alimentaire")
    partner = demo_organisation(project, "cuisine_collective").memberships.get().user
    client = client_as(partner)
    response = client.get(
        reverse("steps:org_answers", args=[project.slug, "reflexion", bank.pk])
        + "?dimension=installations"
    )
    assert response.status_code == 200
    assert escape("Moyens de transport") in response.content.decode()
    assert "mardis et jeudis" in response.content.decode()


def test_demo_step_six_has_one_place_for_what_worked(project, client_as):
    """No retired step-6 answer in the demo: the step page summarises the demo round,
    and its questionnaire keeps only the questions the rounds do not ask."""
    from projects.demo import COORDINATOR_EMAIL
    from projects.models import User
    from steps.catalogue.evaluation import RETIRED_CODES

    assert not Answer.objects.filter(project=project, question_code__in=RETIRED_CODES).exists()
    client = client_as(User.objects.get(email=COORDINATOR_EMAIL))
    page = client.get(reverse("steps:step", args=[project.slug, "evaluation"])).content.decode()
    assert "Bilan de mi-parcours" in page
    assert "Le camion roule" in page
    assert "4 réponses sur 4" in page
