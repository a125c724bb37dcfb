"""Calendar feeds: the project's dates as iCalendar, the private address (created on
request, revocable, dead once its person leaves), the one-off download, the page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from projects.demo import demo_organisation
from projects.models import Membership, Role
from steps.demo import build_demo_project
from steps.followup.calendar import calendar_events, project_calendar
from steps.followup.demo import ORGANISATION_DEADLINES, STEP_DEADLINES
from steps.models import Action, CalendarFeed, StepDeadline
from tests.factories import (
    ActionFactory,
    ConsentRoundFactory,
    EvaluationRoundFactory,
    MembershipFactory,
    OrganisationFactory,
)

NBSP = "\u00a0"


def _today():
    return timezone.localdate()


def _membership(user, project):
    return Membership.objects.select_related("project", "organisation").get(
        user=user, project=project
    )


def _events(calendar: Calendar) -> dict:
    """UID -> VEVENT; fails on a duplicate UID."""
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "UIDs must be unique"
    return {str(event["UID"]): event for event in events}


def _parse(response) -> Calendar:
    return Calendar.from_ical(response.content)


def _day(event) -> date:
    value = event.decoded("DTSTART")
    # An all-day event: a date, not a datetime (DTSTART;VALUE=DATE).
    assert type(value) is date
    return value


def _feed_url(client, project) -> str:
    """Create the logged-in person's private address from the page; return its path."""
    client.post(reverse("steps:calendar", args=[project.slug]), {"action": "create"})
    token = CalendarFeed.objects.get(
        user_id=client.session["_auth_user_id"], project=project, revoked_at__isnull=True
    ).token
    return reverse("calendar_feed", kwargs={"feed_token": token})


# --- The demo -------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    return build_demo_project()


def _demo_member(project, role, organisation_key=None):
    memberships = Membership.objects.select_related("user", "organisation").filter(
        project=project, role=role
    )
    if organisation_key:
        memberships = memberships.filter(organisation=demo_organisation(project, organisation_key))
    return memberships.first()


def test_demo_coordinator_feed_holds_the_step_dates(demo, client, client_as):
    coordinator = _demo_member(demo, Role.COORDINATOR)
    feed_url = _feed_url(client_as(coordinator.user), demo)
    client.logout()  # a calendar program does not log in

    response = client.get(feed_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = _parse(response)
    events = _events(calendar)
    today = _today()
    assert StepDeadline.objects.filter(project=demo).count() == 7
    for step, days in STEP_DEADLINES.items():
        event = events[f"deadline-{demo.pk}-{step}@mutualisation"]
        assert _day(event) == today + timedelta(days=days)
        assert str(event["SUMMARY"]).startswith(f"{demo.name} — ")
        assert "/etapes/" in str(event["URL"])
    # The organisation's own date shows beside the step's for the coordination.
    kitchen = demo_organisation(demo, "cuisine_collective")
    own = events[f"deadline-{demo.pk}-reflexion-{kitchen.pk}@mutualisation"]
    assert _day(own) == today + timedelta(
        days=ORGANISATION_DEADLINES[("reflexion", "cuisine_collective")]
    )
    assert kitchen.name in str(own["SUMMARY"])
    # The open consent round closes in two days.
    consent = [uid for uid in events if uid.startswith(f"consent-{demo.pk}-")]
    assert len(consent) == 1
    assert _day(events[consent[0]]) == today + timedelta(days=2)
    # Overdue actions not done are there; done or abandoned ones are not.
    overdue = Action.objects.filter(project=demo, due_date__lt=today).exclude(
        status__in=Action.CLOSED_STATUSES
    )
    assert overdue.exists()
    for action in overdue:
        assert f"action-{demo.pk}-{action.pk}@mutualisation" in events
    for action in Action.objects.filter(project=demo, status__in=Action.CLOSED_STATUSES):
        assert f"action-{demo.pk}-{action.pk}@mutualisation" not in events
    # The calendar itself.
    assert str(calendar["X-WR-CALNAME"]) == demo.name
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Montreal"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Montreal"]
    assert all("DTSTAMP" in event for event in events.values())


def test_demo_partner_sees_its_own_reflexion_date(demo):
    kitchen = _demo_member(demo, Role.PARTNER, "cuisine_collective")
    events = _events(project_calendar(demo, kitchen))
    today = _today()
    own_uid = f"deadline-{demo.pk}-reflexion-{kitchen.organisation_id}@mutualisation"
    assert _day(events[own_uid]) == today + timedelta(days=10)
    assert "votre organisation" in str(events[own_uid]["SUMMARY"])
    # Its own date replaces the step's; the other steps keep theirs.
    assert f"deadline-{demo.pk}-reflexion@mutualisation" not in events
    assert f"deadline-{demo.pk}-diagnostic@mutualisation" in events

    other = _demo_member(demo, Role.PARTNER, "cdc_seigneuries")
    events = _events(project_calendar(demo, other))
    assert _day(events[f"deadline-{demo.pk}-reflexion@mutualisation"]) == today - timedelta(days=3)
    assert not any(uid.startswith(f"deadline-{demo.pk}-reflexion-") for uid in events)


# --- What goes in ---------------------------------------------------------------------


def test_events_of_every_kind(world):
    project = world.project
    StepDeadline.objects.create(project=project, step="diagnostic", due_date=date(2027, 3, 1))
    StepDeadline.objects.create(
        project=project, step="impulsion", organisation=world.org_b, due_date=date(2027, 2, 1)
    )
    open_round = ConsentRoundFactory(project=project, closes_on=date(2027, 2, 10))
    ConsentRoundFactory(
        project=project, closes_on=date(2027, 1, 5), closed_at=timezone.now()
    )  # closed: gone
    ConsentRoundFactory(closes_on=date(2027, 2, 11))  # another project
    todo = ActionFactory(project=project, organisation=world.org_b, due_date=date(2027, 2, 20))
    ActionFactory(project=project, status=Action.Status.DONE, due_date=date(2027, 2, 21))
    ActionFactory(project=project, status=Action.Status.ABANDONED, due_date=date(2027, 2, 22))
    ActionFactory(project=project, start_date=None, due_date=None)
    evaluation = EvaluationRoundFactory(
        project=project, date=date(2027, 6, 1), title="Bilan d'un an"
    )

    # Partner A sees B's action (the plan is shared) but not B's own impulsion date.
    events = calendar_events(project, _membership(world.partner_a, project))
    uids = [event.uid for event in events]
    assert uids == [
        f"consent-{project.pk}-{open_round.pk}@mutualisation",
        f"action-{project.pk}-{todo.pk}@mutualisation",
        f"deadline-{project.pk}-diagnostic@mutualisation",
        f"evaluation-{project.pk}-{evaluation.pk}@mutualisation",
    ]
    action = events[1]
    assert action.title == f"Échéance de l'action{NBSP}: {todo.title}"
    assert world.org_b.name in action.description
    assert action.path.endswith(f"?action={todo.pk}#action-{todo.pk}")
    assert events[3].path.endswith(f"#bilan-{evaluation.pk}")

    # The coordination also sees B's own date, titled with B's name.
    events = calendar_events(project, _membership(world.coordinator, project))
    own = next(event for event in events if event.uid.endswith(f"-{world.org_b.pk}@mutualisation"))
    assert own.title == f"Étape 1, Impulsion{NBSP}: date cible de {world.org_b.name}"
    assert own.day == date(2027, 2, 1)


def test_a_left_organisation_own_date_is_not_shown(world):
    gone = OrganisationFactory()
    StepDeadline.objects.create(
        project=world.project, step="impulsion", organisation=gone, due_date=date(2027, 2, 1)
    )
    assert calendar_events(world.project, _membership(world.coordinator, world.project)) == []


def _crowd(world, count):
    project = world.project
    today = _today()
    StepDeadline.objects.create(project=project, step="reflexion", due_date=today)
    ConsentRoundFactory(project=project, closes_on=today)
    for index in range(count):
        organisation = OrganisationFactory()
        project.organisations.add(organisation)
        StepDeadline.objects.create(
            project=project, step="impulsion", organisation=organisation, due_date=today
        )
        for days in (1, 5, 9):
            ActionFactory(
                project=project, organisation=organisation, due_date=today - timedelta(days=days)
            )
        EvaluationRoundFactory(project=project, date=today + timedelta(days=index))


@pytest.mark.parametrize("count", [2, 30])
@pytest.mark.parametrize("persona", ["partner_a", "coordinator", "advisor"])
def test_calendar_query_count_is_fixed(count, persona, world, django_assert_num_queries):
    _crowd(world, count)
    membership = _membership(getattr(world, persona), world.project)
    with django_assert_num_queries(4):
        calendar = project_calendar(world.project, membership)
    assert len(calendar.walk("VEVENT")) >= 4 * count


@pytest.mark.parametrize("count", [2, 30])
def test_feed_query_count_is_fixed(count, world, client, django_assert_num_queries):
    _crowd(world, count)
    feed = CalendarFeed.objects.create(user=world.partner_a, project=world.project)
    url = reverse("calendar_feed", kwargs={"feed_token": feed.token})
    # The membership behind the live address, then the four reads of the calendar.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_page_query_count_is_fixed(count, world, client_as, django_assert_num_queries):
    _crowd(world, count)
    client = client_as(world.coordinator)
    CalendarFeed.objects.create(user=world.coordinator, project=world.project)
    # Session, user, membership, the bell; the live address; the four reads.
    with django_assert_num_queries(9):
        response = client.get(reverse("steps:calendar", args=[world.project.slug]))
    assert response.status_code == 200


# --- The private address --------------------------------------------------------------


def test_page_creates_the_address_on_post_only(world, client_as):
    client = client_as(world.partner_a)
    url = reverse("steps:calendar", args=[world.project.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert "Créer mon adresse privée" in response.content.decode()
    assert not CalendarFeed.objects.exists()

    client.post(url, {"action": "create"})
    client.post(url, {"action": "create"})  # a double click: still one address
    feed = CalendarFeed.objects.get()
    assert (feed.user, feed.project, feed.revoked_at) == (world.partner_a, world.project, None)

    page = client.get(url).content.decode()
    assert f"http://testserver/agenda/{feed.token}.ics" in page
    assert f"webcal://testserver/agenda/{feed.token}.ics" in page
    assert "Révoquer cette adresse" in page
    assert "sans avoir à se connecter" in page
    assert reverse("steps:calendar_download", args=[world.project.slug]) in page


def test_revoked_address_answers_404_and_a_new_one_can_be_made(world, client, client_as):
    member = client_as(world.advisor)
    page = reverse("steps:calendar", args=[world.project.slug])
    old_url = _feed_url(member, world.project)
    assert member.get(old_url).status_code == 200

    member.post(page, {"action": "revoke"})
    assert CalendarFeed.objects.get().revoked_at is not None
    client.logout()
    assert client.get(old_url).status_code == 404

    new_url = _feed_url(client_as(world.advisor), world.project)
    assert new_url != old_url
    client.logout()
    assert client.get(new_url).status_code == 200
    assert client.get(old_url).status_code == 404


def test_a_person_who_left_the_project_loses_the_feed(world, client):
    feed = CalendarFeed.objects.create(user=world.partner_b, project=world.project)
    url = reverse("calendar_feed", kwargs={"feed_token": feed.token})
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=world.partner_b, project=world.project).delete()
    assert client.get(url).status_code == 404
    # Back in the project: the address was never revoked, it works again.
    MembershipFactory(user=world.partner_b, project=world.project, role=Role.ADVISOR)
    assert client.get(url).status_code == 200


def test_unknown_or_inactive_addresses_answer_404(world, client):
    assert client.get(reverse("calendar_feed", kwargs={"feed_token": "nope"})).status_code == 404
    feed = CalendarFeed.objects.create(user=world.partner_a, project=world.project)
    world.partner_a.is_active = False
    world.partner_a.save()
    assert (
        client.get(reverse("calendar_feed", kwargs={"feed_token": feed.token})).status_code == 404
    )


def test_a_feed_serves_only_its_own_project(world, client):
    """The outsider's address of their own project never shows world.project."""
    feed = CalendarFeed.objects.create(user=world.outsider, project=world.other_project)
    StepDeadline.objects.create(project=world.project, step="diagnostic", due_date=_today())
    response = client.get(reverse("calendar_feed", kwargs={"feed_token": feed.token}))
    calendar = _parse(response)
    assert str(calendar["X-WR-CALNAME"]) == world.other_project.name
    assert calendar.walk("VEVENT") == []


def test_feed_headers_and_site_addresses(world, client, settings):
    settings.SITE_URL = "https://mutualisation.example.org"
    StepDeadline.objects.create(project=world.project, step="diagnostic", due_date=_today())
    feed = CalendarFeed.objects.create(user=world.coordinator, project=world.project)
    response = client.get(reverse("calendar_feed", kwargs={"feed_token": feed.token}))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert 'filename="agenda-camion-partage.ics"' in response["Content-Disposition"]
    (event,) = _parse(response).walk("VEVENT")
    assert str(event["URL"]) == (
        f"https://mutualisation.example.org/projets/{world.project.slug}/etapes/diagnostic/"
    )
    assert str(event["URL"]) in str(event["DESCRIPTION"])
    assert (
        client.post(reverse("calendar_feed", kwargs={"feed_token": feed.token})).status_code == 405
    )


def test_download_is_an_attachment_with_the_request_addresses(world, client_as):
    StepDeadline.objects.create(project=world.project, step="evaluation", due_date=_today())
    response = client_as(world.partner_b).get(
        reverse("steps:calendar_download", args=[world.project.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="agenda-camion-partage.ics"'
    (event,) = _parse(response).walk("VEVENT")
    assert str(event["URL"]).startswith("http://testserver/projets/")
    assert not CalendarFeed.objects.exists()  # a download creates no address


# --- Languages ------------------------------------------------------------------------


def test_summaries_in_french_by_default_and_in_the_person_s_language(
    world, client, compiled_catalogues
):
    StepDeadline.objects.create(project=world.project, step="reflexion", due_date=_today())
    feed = CalendarFeed.objects.create(user=world.partner_a, project=world.project)
    url = reverse("calendar_feed", kwargs={"feed_token": feed.token})

    (event,) = _parse(client.get(url)).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Camion partagé — Étape 2, Réflexion{NBSP}: date cible"

    world.partner_a.language = "en"
    world.partner_a.save()
    # Whatever the language of the request: the feed follows its person's.
    (event,) = _parse(client.get(url, HTTP_ACCEPT_LANGUAGE="fr-ca")).walk("VEVENT")
    summary = str(event["SUMMARY"])
    assert summary.startswith("Camion partagé — ")
    assert "Reflection" in summary
    assert "Réflexion" not in summary
