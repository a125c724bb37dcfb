"""« À faire pour vous »: each kind of item for each role, links that open, query counts."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import OutgoingMail
from projects.models import Invitation, Membership, Project, Role
from steps.demo import build_demo_project
from steps.diagnostic import grid
from steps.diagnostic import selectors as diagnostic
from steps.diagnostic import services as diagnostic_services
from steps.followup.todo import LATE, SOON, add_months, todo_for, todo_for_user
from steps.models import Action, StepDeadline, StepStatus
from tests.factories import (
    MISSION,
    PREMISES,
    ActionFactory,
    AnswerFactory,
    ConsentResponseFactory,
    ConsentRoundFactory,
    DiagnosticVerdictFactory,
    ExtraPortraitItemFactory,
    IndicatorFactory,
    InvitationFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    fill_grid,
    portrait,
    set_reflexion,
    submit,
)


@pytest.fixture(autouse=True)
def _catalogue(request):
    """The small catalogue of tests/factories.py, except for the demo (the real one)."""
    if not request.node.name.startswith("test_demo"):
        request.getfixturevalue("small_catalogue")


Status = StepStatus.Status


def _membership(world, persona) -> Membership:
    return Membership.objects.select_related("project", "organisation").get(
        user=getattr(world, persona), project=world.project
    )


def _todo(world, persona):
    return todo_for(_membership(world, persona))


def _texts(items) -> list[str]:
    return [item.text.replace("\xa0", " ") for item in items]


def _text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def _today():
    return timezone.localdate()


def _deadline(world, step, days, organisation=None):
    return StepDeadline.objects.create(
        project=world.project,
        step=step,
        organisation=organisation,
        due_date=_today() + timedelta(days=days),
    )


def _assert_links_open(world, persona, items, client_as):
    """Every item's page opens for that person (the POST ones are buttons)."""
    client = client_as(getattr(world, persona))
    for item in items:
        if item.post:
            continue
        path = item.url.partition("#")[0]
        assert client.get(path).status_code == 200, (persona, item.text, item.url)


def _started(world):
    """Both partners have begun: no « Commencez par… »."""
    for organisation in (world.org_a, world.org_b):
        AnswerFactory(project=world.project, organisation=organisation)


# --- Partner ------------------------------------------------------------------------------


def test_newly_accepted_partner_sees_its_first_step_first(world, client_as):
    _deadline(world, "reflexion", 20)
    items = _todo(world, "partner_a")
    assert _texts(items)[0] == ("Commencez par le questionnaire Impulsion de votre organisation")
    assert items[0].url == reverse(
        "steps:org_answers", args=[world.project.slug, "impulsion", world.org_a.pk]
    )
    assert items[0].percent == 0
    _assert_links_open(world, "partner_a", items, client_as)
    # On the home page too, at the top.
    content = _text(client_as(world.partner_a).get(world.project.get_absolute_url()))
    assert "À faire pour vous" in content
    assert "Commencez par le questionnaire Impulsion de votre organisation" in content


def test_partner_questionnaire_with_percent_and_deadline(world, client_as):
    AnswerFactory(project=world.project, organisation=world.org_a)  # 1 of 4 questions
    _deadline(world, "impulsion", -3)
    _deadline(world, "reflexion", 5)
    items = _todo(world, "partner_a")
    impulsion = next(i for i in items if "Impulsion" in i.text)
    assert impulsion.text.startswith("Remplir et soumettre le questionnaire Impulsion")
    assert impulsion.percent == 25
    assert (impulsion.level, impulsion.due_text) == (LATE, "en retard de 3 jours")
    reflexion = next(i for i in items if "Réflexion" in i.text)
    assert (reflexion.level, reflexion.due_text) == (SOON, "dans 5 jours")
    assert items[0] == impulsion  # the late one first
    _assert_links_open(world, "partner_a", items, client_as)


def test_partner_own_organisation_date_wins(world):
    _started(world)
    _deadline(world, "reflexion", -2)
    _deadline(world, "reflexion", 12, organisation=world.org_a)
    reflexion = next(i for i in _todo(world, "partner_a") if "Réflexion" in i.text)
    assert reflexion.due_text == "dans 12 jours"
    reflexion = next(i for i in _todo(world, "partner_b") if "Réflexion" in i.text)
    assert reflexion.due_text == "en retard de 2 jours"


def test_complete_questionnaire_asks_to_submit_and_submitted_one_is_gone(world):
    values = {
        "impulsion.besoin": "Un camion",
        "impulsion.motivations": {"choices": ["couts"], "other": ""},
        "impulsion.energie": 3,
        "impulsion.heures": "10",
    }
    for code, value in values.items():
        AnswerFactory(
            project=world.project, organisation=world.org_a, question_code=code, value=value
        )
    texts = _texts(_todo(world, "partner_a"))
    impulsion = [t for t in texts if "Impulsion" in t]
    assert impulsion == [
        "Soumettre le questionnaire Impulsion de votre organisation : tout est répondu"
    ]
    submit(world.project, world.org_a, "impulsion")
    assert not [t for t in _texts(_todo(world, "partner_a")) if "Impulsion" in t]


def test_partner_consent_round_awaiting_its_answer(world, client_as):
    _started(world)
    consent_round = ConsentRoundFactory(
        project=world.project, closes_on=_today() + timedelta(days=2)
    )
    items = _todo(world, "partner_a")
    item = next(i for i in items if "ronde de consentement" in i.text)
    assert item.url == reverse("steps:consent_round", args=[world.project.slug, consent_round.pk])
    assert (item.level, item.due_text) == (SOON, "dans 2 jours")
    _assert_links_open(world, "partner_a", [item], client_as)
    ConsentResponseFactory(consent_round=consent_round, organisation=world.org_a)
    assert not [t for t in _texts(_todo(world, "partner_a")) if "ronde" in t]
    assert [t for t in _texts(_todo(world, "partner_b")) if "ronde" in t]
    # A closed round asks nothing.
    consent_round.closed_at = timezone.now()
    consent_round.save()
    assert not [t for t in _texts(_todo(world, "partner_b")) if "ronde" in t]


def test_partner_actions_due_soon_or_overdue(world, client_as):
    _started(world)
    today = _today()
    soon = ActionFactory(
        project=world.project, organisation=world.org_a, due_date=today + timedelta(days=3)
    )
    late = ActionFactory(
        project=world.project, organisation=world.org_a, due_date=today - timedelta(days=4)
    )
    ActionFactory(
        project=world.project, organisation=world.org_a, due_date=today + timedelta(days=20)
    )
    ActionFactory(
        project=world.project,
        organisation=world.org_a,
        due_date=today - timedelta(days=4),
        status=Action.Status.DONE,
    )
    ActionFactory(project=world.project, organisation=world.org_b, due_date=today)
    items = [i for i in _todo(world, "partner_a") if i.text.startswith("Action")]
    assert [i.text.rpartition(" ")[2] for i in items] == [
        late.title.rpartition(" ")[2],
        soon.title.rpartition(" ")[2],
    ]
    assert items[0].level == LATE and items[0].due_text == "en retard de 4 jours"
    assert items[1].level == SOON and items[1].due_text == "dans 3 jours"
    assert items[0].url.endswith(f"?action={late.pk}#action-{late.pk}")
    _assert_links_open(world, "partner_a", items, client_as)


def test_many_actions_are_summed_up(world, client_as):
    _started(world)
    for n in range(8):
        ActionFactory(
            project=world.project,
            organisation=world.org_a,
            due_date=_today() - timedelta(days=n + 1),
        )
    items = _todo(world, "partner_a")
    listed = [i for i in items if i.text.startswith("Action de votre organisation")]
    assert len(listed) == 3
    summary = next(i for i in items if "autres actions" in i.text)
    assert summary.text.startswith("5 autres actions")
    assert summary.url.endswith(f"?organisation={world.org_a.pk}")
    _assert_links_open(world, "partner_a", [summary], client_as)


def test_partner_measurements_due_for_indicators_it_owns(world, client_as):
    _started(world)
    today = _today()
    due = IndicatorFactory(
        project=world.project, owner_organisation=world.org_a, measure_every_months=1
    )
    MeasurementFactory(indicator=due, date=today - timedelta(days=70))
    fresh = IndicatorFactory(
        project=world.project, owner_organisation=world.org_a, measure_every_months=3
    )
    MeasurementFactory(indicator=fresh, date=today - timedelta(days=10))
    never = IndicatorFactory(
        project=world.project, owner_organisation=world.org_a, measure_every_months=12
    )
    IndicatorFactory(project=world.project, owner_organisation=world.org_b, measure_every_months=1)
    IndicatorFactory(project=world.project, owner_organisation=world.org_a)  # no frequency
    items = [i for i in _todo(world, "partner_a") if "indicateur" in i.text]
    assert len(items) == 2
    by_text = {i.text.replace("\xa0", " "): i for i in items}
    measure = by_text[f"Saisir la mesure de l'indicateur « {due.name} »"]
    assert measure.level == LATE
    assert measure.url.endswith(f"#indicateur-{due.pk}")
    assert f"Saisir la première mesure de l'indicateur « {never.name} »" in by_text
    _assert_links_open(world, "partner_a", items, client_as)


def test_add_months_keeps_the_day_or_takes_the_last():
    from datetime import date

    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)
    assert add_months(date(2027, 6, 30), 12) == date(2028, 6, 30)


def test_partner_with_nothing_left_sees_the_empty_state(world, client_as):
    for step in ("impulsion", "reflexion"):
        submit(world.project, world.org_a, step)
    assert _todo(world, "partner_a") == []
    content = _text(client_as(world.partner_a).get(world.project.get_absolute_url()))
    assert "Rien à faire pour l'instant" in content


# --- Coordinator --------------------------------------------------------------------------


def test_coordinator_pending_invitations(world, client_as):
    InvitationFactory(project=world.project, email="a@exemple.org")
    InvitationFactory(project=world.project, email="b@exemple.org")
    InvitationFactory(project=world.project, email="c@exemple.org", revoked_at=timezone.now())
    InvitationFactory(project=world.project, email="d@exemple.org", accepted_at=timezone.now())
    expired = InvitationFactory(project=world.project, email="e@exemple.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(project=world.other_project, email="f@exemple.org")
    items = _todo(world, "coordinator")
    item = next(i for i in items if "invitation" in i.text)
    assert item.text == "2 invitations attendent une réponse"
    assert item.url == reverse("projects:members", args=[world.project.slug])
    _assert_links_open(world, "coordinator", items, client_as)


def test_coordinator_portraits_submitted_since_last_visit(world, client_as):
    client = client_as(world.coordinator)
    client.get(world.project.get_absolute_url())  # a visit: last_seen_at is now
    assert not [t for t in _texts(_todo(world, "coordinator")) if "Portrait" in t]
    StepStatus.objects.create(
        project=world.project,
        organisation=world.org_a,
        step="reflexion",
        status=Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    items = _todo(world, "coordinator")
    item = next(i for i in items if i.text.startswith("Portrait"))
    assert item.text == f"Portrait de {world.org_a.name} soumis depuis votre dernière visite"
    _assert_links_open(world, "coordinator", [item], client_as)
    content = _text(client.get(world.project.get_absolute_url()))
    assert f"Portrait de {world.org_a.name} soumis" in content
    # Seen: the next visit no longer lists it.
    content = _text(client.get(world.project.get_absolute_url()))
    assert f"Portrait de {world.org_a.name} soumis" not in content


def test_home_visit_updates_last_seen_after_the_todo(world, client_as):
    membership = _membership(world, "partner_a")
    assert membership.last_seen_at is None
    before = timezone.now()
    client_as(world.partner_a).get(world.project.get_absolute_url())
    membership.refresh_from_db()
    assert membership.last_seen_at >= before


def _to_review_on_grid(project) -> int:
    return sum(
        1
        for line in diagnostic.build_grid(project).lines
        if line.verdict.state == grid.State.TO_REVIEW
    )


def _coordinator_to_review(world) -> int:
    items = [i for i in _todo(world, "coordinator") if "à revoir" in i.text]
    return int(items[0].text.split()[0]) if items else 0


def test_coordinator_verdicts_to_review_match_the_grid(world, test_dimensions, client_as):
    organisations = fill_grid(world.project, 3, test_dimensions)
    extra = ExtraPortraitItemFactory(
        project=world.project, organisation=organisations[0], dimension="identite"
    )
    portrait(world.project, organisations[0], extra.code, appreciation="force")
    built = diagnostic.build_grid(world.project)
    for line in built.lines:
        diagnostic_services.verdict_set(
            project=world.project,
            row=line.row,
            verdict=line.verdict.verdict,
            importance=line.verdict.importance,
            note="",
            user=world.coordinator,
        )
    assert _to_review_on_grid(world.project) == 0
    assert _coordinator_to_review(world) == 0

    # A portrait changes (reopened, edited, submitted again): its rows are to review.
    mission = test_dimensions[0].items[0].code
    portrait(world.project, organisations[1], mission, description="Une autre mission")
    portrait(world.project, organisations[0], extra.code, offre="Une chambre froide")
    expected = _to_review_on_grid(world.project)
    assert expected == 2
    assert _coordinator_to_review(world) == expected
    item = next(i for i in _todo(world, "coordinator") if "à revoir" in i.text)
    assert "verdict=a_revoir" in item.url
    _assert_links_open(world, "coordinator", [item], client_as)

    # An organisation leaves the grid (portrait reopened): every row changes.
    set_reflexion(world.project, organisations[2], Status.REOPENED)
    assert _coordinator_to_review(world) == _to_review_on_grid(world.project)


def test_coordinator_round_ready_to_close(world, client_as):
    _started(world)
    consent_round = ConsentRoundFactory(project=world.project)
    ConsentResponseFactory(consent_round=consent_round, organisation=world.org_a)
    assert not [t for t in _texts(_todo(world, "coordinator")) if "fermer" in t]
    ConsentResponseFactory(consent_round=consent_round, organisation=world.org_b)
    items = [i for i in _todo(world, "coordinator") if "fermer" in i.text]
    assert len(items) == 1
    assert items[0].url == reverse(
        "steps:consent_round", args=[world.project.slug, consent_round.pk]
    )
    _assert_links_open(world, "coordinator", items, client_as)


def test_coordinator_overdue_actions_and_failed_mails(world, client_as):
    today = _today()
    for organisation in (world.org_a, world.org_b, None):
        ActionFactory(
            project=world.project, organisation=organisation, due_date=today - timedelta(days=2)
        )
    ActionFactory(project=world.project, due_date=today + timedelta(days=2))
    ActionFactory(project=world.other_project, due_date=today - timedelta(days=2))
    for n in range(2):
        OutgoingMail.objects.create(
            key=f"test-{n}",
            to="x@exemple.org",
            subject="Rappel",
            body_text="…",
            project=world.project,
            status=OutgoingMail.Status.FAILED,
            next_attempt_at=timezone.now(),
        )
    items = _todo(world, "coordinator")
    overdue = next(i for i in items if "plan d'action" in i.text)
    assert overdue.text == "3 actions du plan d'action sont en retard"
    assert overdue.level == LATE
    failed = next(i for i in items if "courriel" in i.text)
    assert failed.text == "2 courriels n'ont pas pu être envoyés"
    assert failed.post
    assert failed.url == reverse("steps:mails_retry", args=[world.project.slug])
    _assert_links_open(world, "coordinator", items, client_as)
    content = _text(client_as(world.coordinator).get(world.project.get_absolute_url()))
    assert f'action="{failed.url}"' in content


def test_coordinator_late_organisations_and_project_questions(world, client_as):
    _started(world)
    _deadline(world, "reflexion", -3)
    _deadline(world, "diagnostic", 4)
    submit(world.project, world.org_b, "reflexion")
    items = _todo(world, "coordinator")
    texts = _texts(items)
    assert "Réflexion : 1 organisation en retard" in texts
    questions = next(i for i in items if "questions du projet de l'étape 3" in i.text)
    assert (questions.level, questions.due_text, questions.percent) == (SOON, "dans 4 jours", 0)
    _assert_links_open(world, "coordinator", items, client_as)


def test_new_coordinator_is_told_to_invite_and_to_set_dates(db, client_as):
    membership = MembershipFactory(role=Role.COORDINATOR)
    items = todo_for(membership)
    assert _texts(items)[0] == "Invitez les organisations partenaires du projet"
    assert "Fixer les dates cibles des étapes" in _texts(items)
    client = client_as(membership.user)
    for item in items:
        assert client.get(item.url).status_code == 200


# --- Advisor ------------------------------------------------------------------------------


def test_advisor_sees_what_is_late_read_only(world, client_as):
    Membership.objects.filter(user=world.advisor).update(last_seen_at=timezone.now())
    assert _todo(world, "advisor") == []
    _deadline(world, "impulsion", -1)
    _deadline(world, "modelisation", 3)
    items = _todo(world, "advisor")
    texts = _texts(items)
    assert "Impulsion : 2 organisations en retard" in texts
    step = next(i for i in items if "Modélisation" in i.text)
    assert (step.level, step.due_text) == (SOON, "dans 3 jours")
    assert not any(i.post for i in items)
    _assert_links_open(world, "advisor", items, client_as)


def test_new_advisor_starts_with_the_first_step(world, client_as):
    items = _todo(world, "advisor")
    assert _texts(items)[0] == "Commencez par découvrir l'étape 1, Impulsion"
    _assert_links_open(world, "advisor", items, client_as)


def test_resting_project_has_nothing_to_do(world):
    Project.objects.filter(pk=world.project.pk).update(status=Project.Status.ARCHIVED)
    assert _todo(world, "partner_a") == []


# --- « Mes projets » --------------------------------------------------------------------


def test_my_projects_lists_each_project_todo(world, client_as):
    _deadline(world, "impulsion", -2)
    MembershipFactory(user=world.partner_a, role=Role.ADVISOR)
    todos = todo_for_user(world.partner_a)
    assert len(todos) == 2
    assert _texts(todos[world.project.pk])[0].startswith("Commencez par le questionnaire")
    content = _text(client_as(world.partner_a).get(reverse("projects:list")))
    assert "Commencez par le questionnaire Impulsion" in content
    assert "en retard de 2 jours" in content


# --- Query counts -------------------------------------------------------------------------


def _crowd(world, count):
    """`count` organisations in all, each with a partner, answers, a late action, an owned
    indicator and a consent answer; invitations and confirmed verdicts."""
    organisations = [world.org_a, world.org_b]
    for n in range(count - 2):
        organisation = OrganisationFactory(name=f"Organisme {n:02d}")
        world.project.organisations.add(organisation)
        MembershipFactory(project=world.project, role=Role.PARTNER, organisation=organisation)
        organisations.append(organisation)
    consent_round = ConsentRoundFactory(project=world.project)
    today = _today()
    for index, organisation in enumerate(organisations):
        AnswerFactory(project=world.project, organisation=organisation)
        set_reflexion(
            world.project, organisation, Status.SUBMITTED if index % 2 else Status.IN_PROGRESS
        )
        for days in (1, 5, 9):
            ActionFactory(
                project=world.project,
                organisation=organisation,
                due_date=today - timedelta(days=days),
            )
        IndicatorFactory(
            project=world.project, owner_organisation=organisation, measure_every_months=1
        )
        if index:
            ConsentResponseFactory(consent_round=consent_round, organisation=organisation)
        _deadline(world, "impulsion", 3 + index, organisation=organisation)
        InvitationFactory(project=world.project, email=f"invite-{index}@exemple.org")
    _deadline(world, "reflexion", -2)
    _deadline(world, "diagnostic", 2)
    for item_code in (MISSION, PREMISES):
        DiagnosticVerdictFactory(project=world.project, item_code=item_code)


@pytest.mark.parametrize("count", [2, 30])
@pytest.mark.parametrize(
    ("persona", "queries"), [("partner_a", 2), ("coordinator", 2), ("advisor", 1)]
)
def test_todo_query_count_is_fixed(count, persona, queries, world, django_assert_num_queries):
    _crowd(world, count)
    membership = _membership(world, persona)
    with django_assert_num_queries(queries):
        items = todo_for(membership)
    assert items
    if persona == "coordinator":  # the verdicts were read, and the answers they judge
        assert any("à revoir" in item.text for item in items)


# Session, user, membership, organisations, the bell; then the to-do (facts, answers) and
# the UPDATE of last_seen_at.
HOME_QUERIES = {"partner_a": 8, "coordinator": 8, "advisor": 7}


@pytest.mark.parametrize("count", [2, 30])
@pytest.mark.parametrize("persona", ["partner_a", "coordinator", "advisor"])
def test_home_with_todo_query_count_is_fixed(
    count, persona, world, client_as, django_assert_num_queries
):
    """The block adds at most 3 queries to the home, whatever the organisations and items."""
    _crowd(world, count)
    client = client_as(getattr(world, persona))
    with django_assert_num_queries(HOME_QUERIES[persona]):
        response = client.get(world.project.get_absolute_url())
    assert "À faire pour vous" in _text(response)


@pytest.mark.parametrize("count", [2, 12])
def test_my_projects_query_count_is_fixed(count, db, client_as, django_assert_num_queries):
    user = MembershipFactory(role=Role.PARTNER).user
    roles = (Role.PARTNER, Role.COORDINATOR, Role.ADVISOR)
    for n in range(count):
        project = ProjectFactory()
        project.organisations.add(OrganisationFactory(), OrganisationFactory())
        membership = MembershipFactory(user=user, project=project, role=roles[n % 3])
        StepDeadline.objects.create(project=project, step="impulsion", due_date=_today())
        ActionFactory(project=project, organisation=membership.organisation, due_date=_today())
    client = client_as(user)
    # Session, user, memberships, the bell, whether one may create projects; the to-do of
    # every project: facts, answers.
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:list"))
    assert response.status_code == 200


def test_demo_every_member_has_something_to_do_on_pages_that_open(db, client):
    """Acceptance: with the demo, each role sees a non-empty « À faire » whose links open."""
    project = build_demo_project()
    memberships = Membership.objects.filter(project=project).select_related(
        "project", "organisation", "user"
    )
    roles = set()
    for membership in memberships:
        items = todo_for(membership)
        assert items, f"{membership.user} ({membership.role}) has nothing to do"
        roles.add(membership.role)
        client.force_login(membership.user)
        for item in items:
            if not item.post:
                path = item.url.partition("#")[0]
                assert client.get(path).status_code == 200, (membership.role, item.text)
    assert roles == {Role.COORDINATOR, Role.PARTNER, Role.ADVISOR}
