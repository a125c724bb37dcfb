"""Target dates: how they read, the page that sets them, where they show."""

import html
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import ChangeRecord, Project, Role
from steps.followup.deadlines import Deadlines, Level, describe, project_deadlines
from steps.models import StepDeadline
from tests.factories import MembershipFactory, OrganisationFactory, submit

TODAY = date(2027, 1, 10)


@pytest.mark.parametrize(
    ("due", "text", "level"),
    [
        (TODAY, "aujourd'hui", Level.SOON),
        (TODAY + timedelta(days=1), "demain", Level.SOON),
        (TODAY + timedelta(days=5), "dans 5 jours", Level.SOON),
        (TODAY + timedelta(days=7), "dans 7 jours", Level.SOON),
        (TODAY + timedelta(days=8), "dans 8 jours", Level.OK),
        (TODAY + timedelta(days=60), "dans 60 jours", Level.OK),
        (TODAY + timedelta(days=120), "dans 4 mois", Level.OK),
        (TODAY - timedelta(days=1), "en retard de 1 jour", Level.LATE),
        (TODAY - timedelta(days=3), "en retard de 3 jours", Level.LATE),
        (TODAY - timedelta(days=95), "en retard de 3 mois", Level.LATE),
    ],
)
def test_describe_says_how_far_the_date_is(due, text, level):
    described = describe(due, TODAY)
    assert (described.text, described.level) == (text, level)
    assert described.date == due


def test_describe_without_a_date_or_once_done():
    assert describe(None, TODAY) is None
    done = describe(TODAY - timedelta(days=3), TODAY, done=True)
    assert (done.text, done.level, done.done) == ("", Level.OK, True)


def test_deadlines_for_step_prefers_the_organisation_date_for_questionnaires():
    step, own = date(2027, 2, 1), date(2027, 3, 1)
    deadlines = Deadlines(
        [("reflexion", None, step), ("reflexion", 7, own), ("diagnostic", 7, own)]
    )
    assert deadlines.for_step("reflexion") == step
    assert deadlines.for_step("reflexion", 7) == own
    assert deadlines.for_step("reflexion", 8) == step  # no date of its own
    # Only the questionnaires have dates per organisation.
    assert deadlines.for_step("diagnostic", 7) is None
    assert deadlines.for_step("evaluation") is None


def test_project_deadlines_is_one_query(world, django_assert_num_queries):
    StepDeadline.objects.create(project=world.project, step="impulsion", due_date=TODAY)
    StepDeadline.objects.create(
        project=world.project, step="impulsion", organisation=world.org_a, due_date=TODAY
    )
    with django_assert_num_queries(1):
        deadlines = project_deadlines(world.project)
    assert deadlines.for_step("impulsion", world.org_a) == TODAY


# --- The page ----------------------------------------------------------------------------


def _text(response) -> str:
    """The page as read: entities decoded, non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def _url(world):
    return reverse("steps:deadlines", args=[world.project.slug])


def _start(world, days_ago=30):
    Project.objects.filter(pk=world.project.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )


def _data(**dates):
    return {name: value.isoformat() if value else "" for name, value in dates.items()}


def test_coordinator_sets_step_and_organisation_dates_with_history(world, client_as):
    _start(world)
    today = timezone.localdate()
    step_date, own_date = today + timedelta(days=20), today + timedelta(days=30)
    client = client_as(world.coordinator)
    response = client.post(
        _url(world),
        _data(step_reflexion=step_date, **{f"org_reflexion_{world.org_a.pk}": own_date}),
    )
    assert response.status_code == 302
    deadlines = project_deadlines(world.project)
    assert deadlines.for_step("reflexion") == step_date
    assert deadlines.for_step("reflexion", world.org_a) == own_date
    assert deadlines.for_step("reflexion", world.org_b) == step_date
    records = ChangeRecord.objects.filter(project=world.project, kind="created")
    assert records.count() == 2
    # Emptied: the date is removed, with its history.
    response = client.post(_url(world), _data(step_reflexion=step_date))
    assert response.status_code == 302
    assert project_deadlines(world.project).for_step("reflexion", world.org_a) == step_date
    assert ChangeRecord.objects.filter(project=world.project, kind="deleted").count() == 1
    # Changed: one update in the history.
    client.post(_url(world), _data(step_reflexion=step_date + timedelta(days=1)))
    assert ChangeRecord.objects.filter(project=world.project, kind="updated").count() == 1


def test_date_before_the_project_start_is_refused_in_french(world, client_as):
    _start(world, days_ago=30)
    too_early = timezone.localdate() - timedelta(days=40)
    response = client_as(world.coordinator).post(_url(world), _data(step_impulsion=too_early))
    assert response.status_code == 200
    content = _text(response)
    assert "ne peut pas précéder le début du projet" in content
    assert f'value="{too_early.isoformat()}"' in content  # the input stays
    assert not StepDeadline.objects.filter(project=world.project).exists()


def test_new_past_date_is_refused_but_an_unchanged_one_is_kept(world, client_as):
    _start(world, days_ago=60)
    today = timezone.localdate()
    past = today - timedelta(days=3)
    client = client_as(world.coordinator)
    response = client.post(_url(world), _data(step_impulsion=past))
    assert response.status_code == 200
    assert "Cette date est passée" in _text(response)
    assert not StepDeadline.objects.exists()

    # A date that passed since it was set: the page still saves.
    StepDeadline.objects.create(project=world.project, step="impulsion", due_date=past)
    future = today + timedelta(days=10)
    response = client.post(_url(world), _data(step_impulsion=past, step_diagnostic=future))
    assert response.status_code == 302
    assert project_deadlines(world.project).for_step("diagnostic") == future
    # Changing it to another past date is refused.
    response = client.post(_url(world), _data(step_impulsion=past - timedelta(days=1)))
    assert "Cette date est passée" in _text(response)


def test_invalid_date_is_refused_in_french(world, client_as):
    response = client_as(world.coordinator).post(_url(world), {"step_impulsion": "demain"})
    assert "Entrez une date valide" in _text(response)


def test_page_shows_the_step_date_as_default_of_organisations(world, client_as):
    _start(world)
    due = timezone.localdate() + timedelta(days=12)
    StepDeadline.objects.create(project=world.project, step="reflexion", due_date=due)
    content = client_as(world.coordinator).get(_url(world)).content.decode()
    assert world.org_a.name in content
    assert f'placeholder="{due.isoformat()}"' in content
    assert "Vide : la date de l'étape" in html.unescape(content).replace("\xa0", " ")


@pytest.mark.parametrize("count", [2, 30])
def test_page_query_count_does_not_grow_with_organisations(
    count, world, client_as, django_assert_num_queries
):
    for n in range(count - 2):
        world.project.organisations.add(OrganisationFactory(name=f"Organisme {n:02d}"))
    StepDeadline.objects.create(
        project=world.project, step="impulsion", due_date=timezone.localdate()
    )
    client = client_as(world.coordinator)
    # Session, user, membership, organisations, target dates, the bell's count.
    with django_assert_num_queries(6):
        response = client.get(_url(world))
    assert response.status_code == 200


# --- Where the dates show -----------------------------------------------------------------


def _late_reflexion(world, days=3):
    _start(world, days_ago=60)
    StepDeadline.objects.create(
        project=world.project,
        step="reflexion",
        due_date=timezone.localdate() - timedelta(days=days),
    )


def test_project_home_step_cards_show_date_and_distance(world, client_as):
    _start(world)
    due = timezone.localdate() + timedelta(days=5)
    StepDeadline.objects.create(project=world.project, step="diagnostic", due_date=due)
    content = _text(
        client_as(world.advisor).get(reverse("projects:home", args=[world.project.slug]))
    )
    assert "dans 5 jours" in content
    assert "Date cible" in content


def test_dashboard_shows_late_badges_and_relaunch_for_the_coordinator(world, client_as):
    _late_reflexion(world)
    submit(world.project, world.org_b, "reflexion")
    url = reverse("steps:dashboard", args=[world.project.slug])
    content = _text(client_as(world.coordinator).get(url))
    assert "en retard de 3 jours" in content
    relaunch = reverse("steps:relaunch", args=[world.project.slug])
    assert f"{relaunch}?organisation={world.org_a.pk}" in content
    assert f"{relaunch}?organisation={world.org_b.pk}" not in content.split("Ce qui manque")[0]
    assert reverse("steps:deadlines", args=[world.project.slug]) in content
    # Read only for the others: the dates, no button.
    content = _text(client_as(world.advisor).get(url))
    assert "en retard de 3 jours" in content
    assert f"{relaunch}?organisation=" not in content
    assert reverse("steps:deadlines", args=[world.project.slug]) not in content


def test_step_page_shows_the_step_date_and_the_partner_own_date(world, client_as):
    _late_reflexion(world)
    StepDeadline.objects.create(
        project=world.project,
        step="reflexion",
        organisation=world.org_a,
        due_date=timezone.localdate() + timedelta(days=10),
    )
    url = reverse("steps:step", args=[world.project.slug, "reflexion"])
    content = _text(client_as(world.partner_a).get(url))
    assert "en retard de 3 jours" in content  # the step's (org B is late)
    assert "Date cible de votre organisation" in content
    assert "dans 10 jours" in content


def test_dates_of_other_projects_do_not_leak(world, client_as):
    StepDeadline.objects.create(
        project=world.other_project, step="impulsion", due_date=timezone.localdate()
    )
    content = _text(
        client_as(world.coordinator).get(reverse("projects:home", args=[world.project.slug]))
    )
    assert "aujourd'hui" not in content


def test_partner_cannot_post_dates(world, client_as):
    response = client_as(world.partner_a).post(
        _url(world), _data(step_impulsion=timezone.localdate())
    )
    assert response.status_code == 403
    assert not StepDeadline.objects.exists()


def test_newly_invited_coordinator_membership_is_enough(db, client_as):
    membership = MembershipFactory(role=Role.COORDINATOR)
    response = client_as(membership.user).get(
        reverse("steps:deadlines", args=[membership.project.slug])
    )
    assert response.status_code == 200
    assert "Une date propre à chaque organisation" in _text(response)
