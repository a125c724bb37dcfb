"""The project dashboard and the step pages: content, « ce qui manque », query counts."""

import pytest
from django.urls import reverse

from projects.models import Role
from steps.models import StepStatus
from steps.questionnaire.selectors import Read, load_state
from tests.factories import (
    AnswerFactory,
    ExtraPortraitItemFactory,
    MembershipFactory,
    OrganisationFactory,
    StepStatusFactory,
    submit,
)

pytestmark = pytest.mark.usefixtures("small_catalogue")
Status = StepStatus.Status

# Session, user, membership, then: organisations, answers, statuses, dimensions, extra items.
# Every page counts the bell of the top bar (unread notifications); the dashboard and the
# step pages and an organisation's answers read the target dates (one query).
DASHBOARD_QUERIES = 10
ORG_PAGE_QUERIES = 12  # + the organisation itself, + the answers' comment counts
# A step page reads the project's answers whole and the organisations' progress apart;
# the portrait's dimensions and extra items only for réflexion; no organisation answers
# the diagnostic; the box of conditions of success and pitfalls reads its ticks (one).
STEP_PAGE_QUERIES = {"impulsion": 10, "reflexion": 12, "diagnostic": 9}
# session, user, membership, organisations, answers, statuses, the bell
SYNTHESIS_QUERIES = 7


def add_organisations(world, count):
    """Give the project `count` organisations in all, each with answers and statuses."""
    organisations = [world.org_a, world.org_b]
    for n in range(count - 2):
        organisation = OrganisationFactory(name=f"Organisme {n:02d}")
        world.project.organisations.add(organisation)
        MembershipFactory(project=world.project, role=Role.PARTNER, organisation=organisation)
        organisations.append(organisation)
    for index, organisation in enumerate(organisations):
        AnswerFactory(project=world.project, organisation=organisation)
        AnswerFactory(
            project=world.project,
            organisation=organisation,
            question_code="reflexion.identite.mission.description",
            value="Notre mission",
        )
        ExtraPortraitItemFactory(project=world.project, organisation=organisation)
        status = Status.SUBMITTED if index % 2 else Status.IN_PROGRESS
        StepStatusFactory(project=world.project, organisation=organisation, status=status)
    return organisations


def test_dashboard_matrix_shows_status_and_percentage(world, client_as):
    """Coordinator: one row per organisation plus the project, a cell per step."""
    AnswerFactory(project=world.project, organisation=world.org_a)
    submit(world.project, world.org_a, "impulsion")
    content = (
        client_as(world.coordinator)
        .get(reverse("steps:dashboard", args=[world.project.slug]))
        .content.decode()
    )
    assert world.org_a.name in content
    assert world.org_b.name in content
    assert "Le projet (coordination)" in content
    assert "Soumise" in content
    assert "25 %" in content  # 1 answer of A's 4 impulsion questions
    assert "Pas commencée" in content


def test_dashboard_what_is_missing_for_the_coordinator(world, client_as):
    """The coordinator sees unsubmitted organisations and required answers, with links."""
    content = (
        client_as(world.coordinator)
        .get(reverse("steps:dashboard", args=[world.project.slug]))
        .content.decode()
    )
    assert "Ce qui manque" in content
    assert "pas encore soumis" in content
    org_b_impulsion = reverse(
        "steps:org_answers", args=[world.project.slug, "impulsion", world.org_b.pk]
    )
    assert f'{org_b_impulsion}#q-impulsion.besoin"' in content
    step_url = reverse("steps:step", args=[world.project.slug, "impulsion"])
    assert f'{step_url}#q-impulsion.besoin-commun"' in content


def test_dashboard_missing_portrait_answers_link_to_their_dimension_page(world, client_as):
    """The portrait is paged by dimension: a missing réflexion answer leads to its page."""
    content = (
        client_as(world.coordinator)
        .get(reverse("steps:dashboard", args=[world.project.slug]))
        .content.decode()
    )
    portrait = reverse("steps:org_answers", args=[world.project.slug, "reflexion", world.org_b.pk])
    code = "reflexion.identite.mission.appreciation"
    assert f'href="{portrait}?dimension=identite#q-{code}"' in content
    assert f'href="{portrait}#q-{code}"' not in content


def test_dashboard_shows_partners_status_only_for_drafts(world, client_as):
    """Partner B sees A's status but neither its percentage nor a link; no missing list."""
    AnswerFactory(project=world.project, organisation=world.org_a)
    StepStatusFactory(project=world.project, organisation=world.org_a)
    content = (
        client_as(world.partner_b)
        .get(reverse("steps:dashboard", args=[world.project.slug]))
        .content.decode()
    )
    assert "En cours" in content  # A's status is shown…
    # …but not its percentage link, while B's own draft is linked.
    slug = world.project.slug
    assert reverse("steps:org_answers", args=[slug, "impulsion", world.org_a.pk]) not in content
    assert reverse("steps:org_answers", args=[slug, "impulsion", world.org_b.pk]) in content
    assert "Ce qui manque" not in content


@pytest.mark.parametrize("count", [2, 20])
def test_dashboard_query_count_does_not_grow_with_organisations(
    count, world, client_as, django_assert_num_queries
):
    """The dashboard costs the same number of queries for 2 and for 20 organisations."""
    add_organisations(world, count)
    client = client_as(world.coordinator)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("steps:dashboard", args=[world.project.slug]))
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == count + 1


@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize("step", ["impulsion", "reflexion", "diagnostic"])
def test_step_page_query_count_does_not_grow_with_organisations(
    count, step, world, client_as, django_assert_num_queries
):
    """A step page costs the same number of queries for 2 and for 20 organisations."""
    add_organisations(world, count)
    client = client_as(world.partner_a)
    with django_assert_num_queries(STEP_PAGE_QUERIES[step]):
        response = client.get(reverse("steps:step", args=[world.project.slug, step]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_synthesis_query_count_does_not_grow_with_organisations(
    count, world, client_as, django_assert_num_queries
):
    """The motivations synthesis costs the same for 2 and for 20 organisations."""
    add_organisations(world, count)
    client = client_as(world.advisor)
    with django_assert_num_queries(SYNTHESIS_QUERIES):
        response = client.get(reverse("steps:impulsion_synthesis", args=[world.project.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_org_page_query_count_does_not_grow_with_organisations(
    count, world, client_as, django_assert_num_queries
):
    """An organisation's réflexion page does not depend on how many others there are."""
    add_organisations(world, count)
    client = client_as(world.partner_a)
    url = reverse("steps:org_answers", args=[world.project.slug, "reflexion", world.org_a.pk])
    with django_assert_num_queries(ORG_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("code", "value", "counts"),
    [
        ("impulsion.besoin", "Un camion", True),
        ("impulsion.besoin", "", False),
        ("impulsion.besoin", None, False),
        ("impulsion.heures", "0", True),
        ("impulsion.energie", 4, True),
        ("impulsion.motivations", {"choices": ["couts"], "other": ""}, True),
        ("impulsion.motivations", {"choices": [], "other": "Un texte sans case cochée"}, False),
        ("impulsion.motivations", [], False),
    ],
)
def test_progress_read_alone_counts_like_whole_answers(world, code, value, counts):
    """The dashboard's cheap read (JSON text, not decoded) counts what whole answers count."""
    AnswerFactory(project=world.project, organisation=world.org_a, question_code=code, value=value)
    whole = load_state(world.project)
    cheap = load_state(world.project, read=Read.PROGRESS)
    assert whole.progress("impulsion", world.org_a.pk).answered == int(counts)
    assert cheap.progress("impulsion", world.org_a.pk) == whole.progress(
        "impulsion", world.org_a.pk
    )


def test_step_page_read_keeps_the_project_answers_whole(world):
    """A step page reads the project's answers as rows and the organisations' progress."""
    AnswerFactory(project=world.project, organisation=world.org_a)
    AnswerFactory(project=world.project, organisation=None, question_code="impulsion.objectif")
    state = load_state(world.project, step="impulsion", read=Read.STEP_PAGE)
    assert state.answer(None, "impulsion.objectif").version == 1
    assert state.answer(world.org_a.pk, "impulsion.besoin") is None
    assert state.progress("impulsion", world.org_a.pk).answered == 1
    assert state.progress("impulsion", None).answered == 1
