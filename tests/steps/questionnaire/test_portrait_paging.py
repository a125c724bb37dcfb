"""The réflexion portrait one dimension per page (issue 18): paging and progress, the
no-JavaScript save of one page, the missing answers across pages, read views that fold
what is unanswered, one discreet line of edit metadata, and step 6 summarising the
evaluation rounds."""

import re
from datetime import date

import pytest
from django.urls import reverse

from steps import catalogue
from steps.catalogue.evaluation import RETIRED_CODES
from steps.models import Answer, StepStatus
from steps.transfer.export import export_project
from tests.factories import (
    AnswerFactory,
    EvaluationRoundFactory,
    ExtraPortraitItemFactory,
    ImprovementFactory,
    OrganisationFactory,
    submit,
)
from tests.steps.questionnaire.test_dashboard import ORG_PAGE_QUERIES, add_organisations

Status = StepStatus.Status
NBSP = "\u00a0"
MISSION = "reflexion.identite.mission"
PREMISES = "reflexion.installations.locaux"

small = pytest.mark.usefixtures("small_catalogue")


def portrait_url(world, organisation=None, dimension=None):
    url = reverse(
        "steps:org_answers",
        args=[world.project.slug, "reflexion", (organisation or world.org_a).pk],
    )
    return f"{url}?dimension={dimension}" if dimension else url


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def answer(world, code, value="Du texte", organisation=None, **kwargs):
    return AnswerFactory(
        project=world.project,
        organisation=organisation or world.org_a,
        question_code=code,
        value=value,
        **kwargs,
    )


# --- One dimension per page ---------------------------------------------------------


@small
def test_portrait_first_page_is_the_first_dimension_only(world, client_as):
    """Without `?dimension=`, the page shows Identité alone, with « Dimension 1 sur 2 »,
    a link to the next dimension and no submission yet."""
    content = page(client_as(world.partner_a), portrait_url(world))
    assert f'name="{MISSION}.description"' in content
    assert f'name="{PREMISES}.description"' not in content
    assert 'name="reflexion.risques"' not in content
    assert f"Dimension 1 sur 2{NBSP}: Identité" in content
    assert f'href="{portrait_url(world, dimension="installations")}" rel="next"' in content
    assert 'rel="prev"' not in content
    submit_url = reverse(
        "steps:submit_org", args=[world.project.slug, "reflexion", world.org_a.pk]
    )
    assert submit_url not in content


@small
def test_portrait_second_page_links_back_and_on(world, client_as):
    """The last dimension links back to Identité and on to the final page."""
    content = page(client_as(world.partner_a), portrait_url(world, dimension="installations"))
    assert f'name="{PREMISES}.description"' in content
    assert f'name="{MISSION}.description"' not in content
    assert f"Dimension 2 sur 2{NBSP}: Installations et équipements" in content
    assert f'href="{portrait_url(world, dimension="identite")}" rel="prev"' in content
    assert f'href="{portrait_url(world, dimension="fin")}" rel="next"' in content
    # The form saves this page's fields and comes back to this page.
    save_url = reverse("steps:save_org", args=[world.project.slug, "reflexion", world.org_a.pk])
    assert f'action="{save_url}?dimension=installations"' in content


@small
def test_portrait_final_page_has_the_process_questions_and_the_submission(world, client_as):
    """The final page: the organisation's other questions, then « Soumettre »."""
    content = page(client_as(world.partner_a), portrait_url(world, dimension="fin"))
    assert 'name="reflexion.risques"' in content
    assert f'name="{MISSION}.description"' not in content
    assert f"Dernière partie{NBSP}: la démarche et la soumission" in content
    assert 'rel="next"' not in content
    assert f'href="{portrait_url(world, dimension="installations")}" rel="prev"' in content
    assert "Soumettre les réponses" in content


@small
def test_portrait_unknown_dimension_shows_the_first_page(world, client_as):
    """A dimension the project does not use (or a typo) falls back to the first page."""
    content = page(client_as(world.partner_a), portrait_url(world, dimension="inconnue"))
    assert f"Dimension 1 sur 2{NBSP}: Identité" in content


@small
def test_portrait_progress_counts_every_page(world, client_as):
    """3 answers in Identité and 1 in Installations: 4 of 13 for the organisation, each
    page with its own count in the menu."""
    answer(world, f"{MISSION}.description")
    answer(world, f"{MISSION}.appreciation", "force")
    answer(world, "reflexion.identite.clienteles.description")
    answer(world, f"{PREMISES}.besoin")
    answer(world, f"{PREMISES}.offre", "")  # an empty answer does not count
    content = page(client_as(world.partner_a), portrait_url(world, dimension="installations"))
    assert "4 réponses sur 13" in content
    assert re.search(r'<progress[^>]*data-progress-bar max="13" value="4"', content)
    counts = re.findall(r'<span aria-hidden="true">(\d+/\d+)</span>', content)
    assert counts == ["3/8", "1/4", "0/1"]
    assert 'aria-current="page">Installations et équipements</a>' in content


@small
def test_portrait_chosen_dimensions_make_the_pages(world, client_as):
    """A project that keeps only Installations has one dimension page, then the end."""
    from steps.models import ProjectDimension

    ProjectDimension.objects.create(project=world.project, code="installations")
    content = page(client_as(world.partner_a), portrait_url(world))
    assert f"Dimension 1 sur 1{NBSP}: Installations et équipements" in content
    assert f'name="{MISSION}.description"' not in content


# --- The no-JavaScript save of one page ----------------------------------------------


@small
def test_no_js_save_of_one_page_keeps_the_other_pages(world, client_as):
    """Posting the Installations page saves its fields and leaves Identité and the final
    page's answers as they were; the person comes back to the same page."""
    mission = answer(world, f"{MISSION}.description", "Nourrir le Suroît")
    risks = answer(world, "reflexion.risques", "Le temps")
    data = {f"{PREMISES}.{part}__version": "0" for part in catalogue.PORTRAIT_PARTS}
    data[f"{PREMISES}.description"] = "Un entrepôt de 200 m²"
    data[f"{PREMISES}.appreciation"] = "force"
    save_url = reverse("steps:save_org", args=[world.project.slug, "reflexion", world.org_a.pk])
    response = client_as(world.partner_a).post(f"{save_url}?dimension=installations", data)
    assert response.status_code == 302
    assert response["Location"] == portrait_url(world, dimension="installations")
    values = dict(
        Answer.objects.filter(organisation=world.org_a).values_list("question_code", "value")
    )
    assert values[f"{PREMISES}.description"] == "Un entrepôt de 200 m²"
    assert values[f"{PREMISES}.appreciation"] == "force"
    assert values[f"{MISSION}.description"] == "Nourrir le Suroît"
    assert values["reflexion.risques"] == "Le temps"
    mission.refresh_from_db()
    risks.refresh_from_db()
    assert (mission.version, risks.version) == (1, 1)


@small
def test_no_js_save_with_an_error_stays_on_its_page(world, client_as):
    """An invalid value re-displays the page it was typed on, with the error."""
    data = {
        f"{PREMISES}.appreciation": "pas-un-choix",
        f"{PREMISES}.appreciation__version": "0",
    }
    save_url = reverse("steps:save_org", args=[world.project.slug, "reflexion", world.org_a.pk])
    response = client_as(world.partner_a).post(f"{save_url}?dimension=installations", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert f"Dimension 2 sur 2{NBSP}: Installations et équipements" in content
    assert "Certaines réponses ne sont pas enregistrées." in content
    assert not Answer.objects.exists()


# --- Missing answers across pages ----------------------------------------------------


@small
def test_submit_refused_lists_missing_answers_of_every_page(world, client_as):
    """The required appreciation is on the Identité page: the refusal, shown on the final
    page, links there."""
    submit_url = reverse(
        "steps:submit_org", args=[world.project.slug, "reflexion", world.org_a.pk]
    )
    response = client_as(world.partner_a).post(submit_url, {"confirm": "1"})
    content = response.content.decode()
    assert "Impossible de soumettre" in content
    link = portrait_url(world, dimension="identite") + f"#q-{MISSION}.appreciation"
    assert f'href="{link}"' in content
    assert f"Dernière partie{NBSP}: la démarche et la soumission" in content
    assert not StepStatus.objects.filter(status=Status.SUBMITTED).exists()


@small
def test_submit_confirmation_links_each_unanswered_item_to_its_page(world, client_as):
    """« Soumettre des réponses incomplètes » sends each item to its dimension's page."""
    answer(world, f"{MISSION}.appreciation", "force")
    submit_url = reverse(
        "steps:submit_org", args=[world.project.slug, "reflexion", world.org_a.pk]
    )
    content = client_as(world.partner_a).post(submit_url).content.decode()
    premises = portrait_url(world, dimension="installations") + f"#q-{PREMISES}.description"
    risks = portrait_url(world, dimension="fin") + "#q-reflexion.risques"
    assert f'<a href="{premises}">Locaux</a>' in content
    assert f'<a href="{risks}">' in content


@small
def test_extra_item_added_leads_to_its_dimension_page(world, client_as):
    """Adding an « autre » item to Installations comes back to that page."""
    add_url = reverse("steps:extra_item_add", args=[world.project.slug, world.org_a.pk])
    response = client_as(world.partner_a).post(
        add_url, {"dimension": "installations", "label": "Chambre froide"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(portrait_url(world, dimension="installations") + "#")
    content = page(client_as(world.partner_a), portrait_url(world, dimension="installations"))
    assert "Chambre froide" in content


@pytest.mark.parametrize("count", [2, 20])
@small
def test_portrait_page_query_count_does_not_grow_with_organisations(
    count, world, client_as, django_assert_num_queries
):
    """A dimension page costs the same for 2 and for 20 organisations."""
    add_organisations(world, count)
    ExtraPortraitItemFactory(
        project=world.project, organisation=world.org_a, dimension="installations"
    )
    client = client_as(world.partner_a)
    with django_assert_num_queries(ORG_PAGE_QUERIES):
        response = client.get(portrait_url(world, dimension="installations"))
    assert response.status_code == 200


# --- Read views ---------------------------------------------------------------------


@small
def test_read_view_folds_unanswered_items(world, client_as):
    """The advisor reads the answered item; the empty one is folded in one line and the
    parts left empty are named once, not each as « Sans réponse »."""
    answer(world, f"{MISSION}.description", "Nourrir le Suroît")
    content = page(client_as(world.advisor), portrait_url(world))
    assert "Nourrir le Suroît" in content
    assert "<textarea" not in content
    folded = re.search(r'<details class="unanswered-items.*?</details>', content, re.S).group(0)
    assert "1 élément sans réponse" in folded
    assert "Clientèles cibles" in folded
    assert "Mission, vision, valeurs" not in folded
    assert (
        f"Sans réponse{NBSP}: Appréciation, Ce que nous pouvons offrir, "
        "Ce dont nous avons besoin" in content
    )
    assert "fst-italic" not in content  # no « Sans réponse » per empty field


@small
def test_read_view_of_a_short_questionnaire_puts_answered_questions_first(world, client_as):
    """Impulsion, read by the other partner once submitted: the answered question, then
    « 3 questions sans réponse » folded."""
    answer(world, "impulsion.besoin", "Un camion réfrigéré")
    submit(world.project, world.org_a, "impulsion")
    url = reverse("steps:org_answers", args=[world.project.slug, "impulsion", world.org_a.pk])
    content = page(client_as(world.partner_b), url)
    assert "Un camion réfrigéré" in content
    folded = re.search(r'<details class="unanswered-items.*?</details>', content, re.S).group(0)
    assert "3 questions sans réponse" in folded
    assert "Nos motivations" in folded and "Notre besoin" not in folded


@small
def test_edit_metadata_is_one_discreet_link_per_answer(world, client_as):
    """« Modifiée le … · historique »: one link to the history, no « Modifiée par »."""
    stored = answer(world, f"{MISSION}.description", updated_by=world.partner_a)
    content = page(client_as(world.partner_a), portrait_url(world))
    history = reverse("steps:history", args=[world.project.slug, stored.pk])
    assert content.count('class="answer-meta') == 1
    meta = re.search(r'<p class="answer-meta.*?</p>', content, re.S).group(0)
    assert f'href="{history}"' in meta
    assert "Modifiée le" in meta and "historique" in meta
    assert "Modifiée par" not in content


@small
def test_history_leads_back_to_the_answer_on_its_page(world, client_as):
    """« Retour à la réponse » opens the portrait at the right dimension."""
    stored = answer(world, f"{PREMISES}.description")
    content = page(
        client_as(world.partner_a), reverse("steps:history", args=[world.project.slug, stored.pk])
    )
    back = portrait_url(world, dimension="installations") + f"#q-{PREMISES}.description"
    assert f'href="{back}"' in content


@small
@pytest.mark.parametrize("step", ["impulsion", "reflexion"])
def test_no_javascript_hint_is_inside_noscript(step, world, client_as):
    """« Sans JavaScript, ce bouton… » is read only when the script cannot run."""
    url = reverse("steps:org_answers", args=[world.project.slug, step, world.org_a.pk])
    content = page(client_as(world.partner_a), url)
    hint = content.index("Sans JavaScript")
    assert content.rindex("<noscript>", 0, hint) > content.rfind("</noscript>", 0, hint)
    step_page = page(
        client_as(world.coordinator), reverse("steps:step", args=[world.project.slug, step])
    )
    if "Sans JavaScript" in step_page:
        hint = step_page.index("Sans JavaScript")
        assert step_page.rindex("<noscript>", 0, hint) > step_page.rfind("</noscript>", 0, hint)


# --- Step 6: the rounds are the one place ------------------------------------------


def test_retired_evaluation_questions_are_no_longer_asked():
    """The five questions the rounds ask are out of the catalogue; the others stay."""
    codes = {question.code for question in catalogue.questions_for("evaluation", "project")}
    assert not codes & RETIRED_CODES
    assert {"evaluation.economies", "evaluation.suite", "evaluation.prochaine"} <= codes
    for code in RETIRED_CODES:
        with pytest.raises(KeyError):
            catalogue.get_question(code)


def test_retired_answers_are_not_shown_but_still_exported(world, client_as):
    """An old answer to « Qu'est-ce qui a bien fonctionné ? » is not on the step page,
    does not count, and stays in the JSON export."""
    AnswerFactory(
        project=world.project,
        organisation=None,
        question_code="evaluation.reussites",
        value="Texte d'un ancien questionnaire",
    )
    content = page(
        client_as(world.coordinator),
        reverse("steps:step", args=[world.project.slug, "evaluation"]),
    )
    assert "Texte d'un ancien questionnaire" not in content
    assert "0 réponse sur 4" in content
    exported = export_project(world.project)
    assert any(row["question_code"] == "evaluation.reussites" for row in exported["answers"])


def test_step_six_summarises_the_latest_round(world, client_as):
    """The step page gives the latest round's date, title, targets, improvements and its
    four answers in short, with « Voir les bilans »."""
    EvaluationRoundFactory(project=world.project, date=date(2026, 3, 1), title="Premier bilan")
    latest = EvaluationRoundFactory(
        project=world.project,
        date=date(2026, 9, 15),
        title="Bilan d'automne",
        worked_well="Les tournées du mardi",
        effects_observed="Moins de pertes",
        unexpected_effects="Des bénévoles partagés",
        worked_less_well="Les réservations par courriel",
    )
    ImprovementFactory(evaluation_round=latest, text="Un calendrier en ligne")
    content = page(
        client_as(world.partner_a), reverse("steps:step", args=[world.project.slug, "evaluation"])
    )
    summary = re.search(r'<section class="mb-4 rounds-summary".*?</section>', content, re.S)
    summary = summary.group(0)
    assert "2 bilans" in summary
    assert "Bilan d&#x27;automne" in summary and "15 septembre 2026" in summary
    assert "Premier bilan" not in summary
    for text in ("Les tournées du mardi", "Moins de pertes", "Des bénévoles partagés"):
        assert text in summary
    assert "Les réservations par courriel" in summary
    assert "1 amélioration, dont 0 au plan d’action" in summary
    assert reverse("steps:evaluation_rounds", args=[world.project.slug]) in summary


def test_step_six_without_rounds_says_so(world, client_as):
    """No round yet: the summary says so and links to the rounds page."""
    content = page(
        client_as(world.advisor), reverse("steps:step", args=[world.project.slug, "evaluation"])
    )
    assert "Aucun bilan pour l'instant." in content
    assert reverse("steps:evaluation_rounds", args=[world.project.slug]) in content


@pytest.mark.parametrize("rounds", [1, 6])
def test_step_six_query_count_does_not_grow_with_rounds(
    rounds, world, client_as, django_assert_num_queries
):
    """The summary reads the rounds in a fixed number of queries."""
    for n in range(rounds):
        round_ = EvaluationRoundFactory(project=world.project, date=date(2026, 1, n + 1))
        ImprovementFactory(evaluation_round=round_)
    for n in range(3):
        world.project.organisations.add(OrganisationFactory(name=f"Organisme {n}"))
    client = client_as(world.coordinator)
    url = reverse("steps:step", args=[world.project.slug, "evaluation"])
    client.get(url)
    with django_assert_num_queries(STEP_SIX_QUERIES):
        assert client.get(url).status_code == 200


# Session, user, membership, the bell, organisations, the project's answers, statuses,
# the target dates, and the rounds: their count, the latest, its assessments and
# improvements; the ticks of the box of conditions of success and pitfalls.
STEP_SIX_QUERIES = 13


@small
def test_final_page_lists_required_answers_still_missing_on_other_pages(world, client_as):
    """Before any click on « Soumettre », the final page names the required answer left
    on the Identité page, with its link; once answered, the list is gone."""
    client = client_as(world.partner_a)
    content = page(client, portrait_url(world, dimension="fin"))
    box = re.search(r'<div class="alert alert-warning still-required">.*?</div>', content, re.S)
    link = portrait_url(world, dimension="identite") + f"#q-{MISSION}.appreciation"
    assert f'href="{link}"' in box.group(0)
    assert f"Une réponse obligatoire manque encore{NBSP}:" in box.group(0)
    answer(world, f"{MISSION}.appreciation", "force")
    assert "still-required" not in page(client, portrait_url(world, dimension="fin"))
