"""Evaluation rounds: targets met per indicator, effects, improvements, and an
improvement turned into an action of the plan (once)."""

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord
from steps.evaluation import services
from steps.evaluation.selectors import evaluation_rounds
from steps.models import Action, EvaluationRound, Improvement, TargetAssessment
from tests.factories import (
    EvaluationRoundFactory,
    ImprovementFactory,
    IndicatorFactory,
    OrganisationFactory,
)


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def _data(indicators=(), improvements=(), existing=(), **overrides):
    data = {
        "date": "2026-06-15",
        "title": "Bilan de mi-parcours",
        "worked_well": "Le camion roule.",
        "effects_observed": "Moins de pertes.",
        "unexpected_effects": "Les équipes s'entraident.",
        "worked_less_well": "Les réservations par courriel.",
    }
    for indicator, result, comment in indicators:
        data[f"cibles-result_{indicator.pk}"] = result
        data[f"cibles-comment_{indicator.pk}"] = comment
    rows = [*existing, *[(None, text, False) for text in improvements]]
    data["ameliorations-TOTAL_FORMS"] = str(len(rows))
    data["ameliorations-INITIAL_FORMS"] = str(len(existing))
    for i, (pk, text, delete) in enumerate(rows):
        data[f"ameliorations-{i}-id"] = pk or ""
        data[f"ameliorations-{i}-text"] = text
        if delete:
            data[f"ameliorations-{i}-DELETE"] = "on"
    return data | overrides


def test_round_create_with_targets_and_improvements(world, client_as):
    """A round records each indicator's result, the effects and the improvements."""
    trucks = IndicatorFactory(project=world.project, name="Livraisons")
    families = IndicatorFactory(project=world.project, name="Familles")
    response = client_as(world.coordinator).post(
        _url(world, "evaluation_round_create"),
        _data(
            indicators=[
                (trucks, TargetAssessment.Result.MET, ""),
                (families, "", "Trop tôt pour le dire"),
            ],
            improvements=["Réserver en ligne", ""],
        ),
    )
    assert response.status_code == 302
    evaluation_round = EvaluationRound.objects.get(project=world.project)
    assert evaluation_round.created_by == world.coordinator
    results = {a.indicator.name: (a.result, a.comment) for a in evaluation_round.assessments.all()}
    assert results == {
        "Livraisons": ("met", ""),
        "Familles": ("", "Trop tôt pour le dire"),
    }
    assert [i.text for i in evaluation_round.improvements.all()] == ["Réserver en ligne"]
    assert history_for(evaluation_round).get().kind == ChangeRecord.Kind.CREATED


def test_round_edit_updates_assessments_and_improvements(world, client_as):
    """Editing changes results, clears an emptied one, edits and removes improvements."""
    indicator = IndicatorFactory(project=world.project)
    evaluation_round = EvaluationRoundFactory(project=world.project, title="Avant")
    TargetAssessment.objects.create(
        evaluation_round=evaluation_round, indicator=indicator, result="partial"
    )
    kept = ImprovementFactory(evaluation_round=evaluation_round, text="Ancienne")
    removed = ImprovementFactory(evaluation_round=evaluation_round, text="À retirer")
    response = client_as(world.coordinator).post(
        _url(world, "evaluation_round_edit", evaluation_round.pk),
        _data(
            title="Après",
            indicators=[(indicator, "", "")],
            existing=[(kept.pk, "Reformulée", False), (removed.pk, "À retirer", True)],
            improvements=["Nouvelle"],
        ),
    )
    assert response.status_code == 302
    evaluation_round.refresh_from_db()
    assert evaluation_round.title == "Après"
    assert not evaluation_round.assessments.exists()
    assert sorted(i.text for i in evaluation_round.improvements.all()) == [
        "Nouvelle",
        "Reformulée",
    ]
    assert history_for(kept).get().changes["text"] == ["Ancienne", "Reformulée"]
    assert history_for(evaluation_round).get().changes["title"] == ["Avant", "Après"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": ""}, "date", "Indiquez la date du bilan."),
        ({"title": ""}, "title", "Donnez un titre au bilan."),
        ({"date": "juin"}, "date", "Entrez une date valide (AAAA-MM-JJ)."),
    ],
)
def test_round_validation_keeps_everything_typed(world, client_as, overrides, field, message):
    """A refused round shows the French message and keeps the texts and improvements."""
    indicator = IndicatorFactory(project=world.project)
    response = client_as(world.coordinator).post(
        _url(world, "evaluation_round_create"),
        _data(
            indicators=[(indicator, "partial", "Presque")],
            improvements=["Réserver en ligne"],
            **overrides,
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    for kept in ["Le camion roule.", 'value="Presque"', 'value="Réserver en ligne"']:
        assert kept in html
    assert not EvaluationRound.objects.exists()


def test_round_of_another_project_is_404(world, client_as):
    """Rounds and improvements are reached only through their project."""
    improvement = ImprovementFactory()
    client = client_as(world.coordinator)
    edit = _url(world, "evaluation_round_edit", improvement.evaluation_round.pk)
    assert client.get(edit).status_code == 404
    assert client.post(_url(world, "improvement_to_action", improvement.pk)).status_code == 404


def test_improvement_to_action_creates_links_and_redirects(world, client_as):
    """The improvement becomes an action of the plan, both linked, and the coordinator
    lands on the action's edit page with a success message."""
    improvement = ImprovementFactory(
        evaluation_round__project=world.project, text="Réserver le camion en ligne"
    )
    client = client_as(world.coordinator)
    response = client.post(_url(world, "improvement_to_action", improvement.pk), follow=True)
    action = Action.objects.get(project=world.project)
    assert response.redirect_chain[-1][0] == _url(world, "action_edit", action.pk)
    assert action.title == "Réserver le camion en ligne"
    assert action.created_from == improvement and action.created_by == world.coordinator
    assert "Bilan" in action.description
    improvement.refresh_from_db()
    assert improvement.action == action
    messages = [str(m) for m in response.context["messages"]]
    assert any("est devenue l'action" in m for m in messages)
    html = response.content.decode()
    assert "vient d&#x27;une amélioration retenue" in html or "vient d'une amélioration" in html
    assert history_for(action).get().kind == ChangeRecord.Kind.CREATED


def test_improvement_to_action_twice_creates_one_action(world, client_as):
    """Doing it twice does not create a second action; it points to the first one."""
    improvement = ImprovementFactory(evaluation_round__project=world.project)
    client = client_as(world.coordinator)
    first = client.post(_url(world, "improvement_to_action", improvement.pk))
    second = client.post(_url(world, "improvement_to_action", improvement.pk), follow=True)
    assert Action.objects.count() == 1
    assert second.redirect_chain[-1][0] == first.url
    assert any("déjà l'action" in str(m) for m in second.context["messages"])


def test_improvement_to_action_service_is_idempotent(world):
    """The service returns the same action and says whether it created it."""
    improvement = ImprovementFactory(evaluation_round__project=world.project)
    first = services.improvement_to_action(improvement=improvement, user=world.coordinator)
    again = services.improvement_to_action(improvement=improvement, user=world.coordinator)
    assert (first.created, again.created) == (True, False)
    assert first.action == again.action


def test_improvement_to_action_again_after_the_action_was_deleted(world):
    """If the action was deleted from the plan, the improvement can become one again."""
    improvement = ImprovementFactory(evaluation_round__project=world.project)
    first = services.improvement_to_action(improvement=improvement, user=world.coordinator)
    first.action.delete()
    again = services.improvement_to_action(improvement=improvement, user=world.coordinator)
    assert again.created and Action.objects.count() == 1


def test_rounds_page_shows_results_effects_and_improvements(world, client_as):
    """The page lists each round with results in words, unexpected effects and the
    improvements, showing which became actions."""
    indicator = IndicatorFactory(project=world.project, name="Livraisons")
    evaluation_round = EvaluationRoundFactory(
        project=world.project, title="Premier bilan", unexpected_effects="Entraide imprévue"
    )
    TargetAssessment.objects.create(
        evaluation_round=evaluation_round, indicator=indicator, result="not_met"
    )
    done = ImprovementFactory(evaluation_round=evaluation_round, text="Réserver en ligne")
    ImprovementFactory(evaluation_round=evaluation_round, text="Accueillir les bénévoles")
    services.improvement_to_action(improvement=done, user=world.coordinator)
    html = client_as(world.advisor).get(_url(world, "evaluation_rounds")).content.decode()
    for text in ["Premier bilan", "Non atteinte", "Entraide imprévue", "devenue une action"]:
        assert text in html
    assert _url(world, "improvement_to_action", done.pk) not in html
    assert "pas encore au plan d" in html  # advisors see the state, not the button


@pytest.mark.parametrize("organisations", [3, 30])
def test_rounds_page_query_count(world, client_as, django_assert_num_queries, organisations):
    """The rounds page costs the same queries with 3 or 30 organisations and indicators."""
    for _ in range(organisations - 2):
        world.project.organisations.add(OrganisationFactory())
    indicators = IndicatorFactory.create_batch(organisations, project=world.project)
    for _ in range(2):
        evaluation_round = EvaluationRoundFactory(project=world.project)
        for indicator in indicators:
            TargetAssessment.objects.create(
                evaluation_round=evaluation_round, indicator=indicator, result="met"
            )
        for improvement in ImprovementFactory.create_batch(2, evaluation_round=evaluation_round):
            services.improvement_to_action(improvement=improvement, user=world.coordinator)
    client = client_as(world.coordinator)
    # session, user, membership, rounds, assessments with indicators, improvements with actions,
    # the bell, the comment counts
    with django_assert_num_queries(8):
        response = client.get(_url(world, "evaluation_rounds"))
    assert len(evaluation_rounds(world.project)) == len(response.context["rounds"]) == 2


def test_round_delete_keeps_actions_created_from_it(world, client_as):
    """Deleting a round removes its improvements but not the actions they became."""
    improvement = ImprovementFactory(evaluation_round__project=world.project)
    action = services.improvement_to_action(improvement=improvement, user=None).action
    response = client_as(world.coordinator).post(
        _url(world, "evaluation_round_delete", improvement.evaluation_round.pk)
    )
    assert response.status_code == 302
    assert not Improvement.objects.exists()
    action.refresh_from_db()
    assert action.created_from is None
