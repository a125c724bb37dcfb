"""The notification pages: the list and its bell, opening one, « Mes notifications »."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.forms import PARTNER_KINDS
from notifications.kinds import COORDINATOR_KINDS, Kind
from notifications.models import Delivery, Notification, NotificationPreference
from notifications.templatetags.notification_tags import ago
from projects.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.notifications.builders import notification

NBSP = "\u00a0"
LIST = reverse("notifications:list")
PREFERENCES = reverse("notifications:preferences")


def _open(notification_):
    return reverse("notifications:open", args=[notification_.pk])


def _text(response):
    return response.content.decode()


# --- The list ------------------------------------------------------------------------------


def test_list_shows_own_notifications_newest_first_unread_marked(world, client_as):
    """Titles in the page's language with the project and the delay; unread ones marked."""
    old = notification(world.partner_a, world.project, key="old", read_at=timezone.now())
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    new = notification(
        world.partner_a,
        world.other_project,
        key="new",
        kind=Kind.ACTION_ASSIGNED,
        params={"organisation": "Banque alimentaire du Suroît", "action": "Louer le camion"},
    )
    notification(world.partner_b, world.project, key="other", params={"step": "impulsion"})

    page = _text(client_as(world.partner_a).get(LIST))

    assert page.index(_open(new)) < page.index(_open(old))
    assert "Action confiée à Banque alimentaire du Suroît\u00a0: Louer le camion" in page
    assert "Le questionnaire «\u00a0Réflexion\u00a0» était attendu le 2 novembre 2026" in page
    assert world.other_project.name in page and "Camion partagé" in page
    assert page.count("Non lue</span>") == 1
    assert "Impulsion" not in page  # partner B's
    assert "Tout marquer comme lu" in page


def test_list_paginates_by_25(world, client_as):
    """25 a page; the second page holds the oldest."""
    for n in range(27):
        notification(world.partner_a, world.project, key=f"late:{n}")
    client = client_as(world.partner_a)
    first = _text(client.get(LIST))
    assert len(re.findall(r'href="/notifications/\d+/"', first)) == 25
    assert "Page 1 sur 2" in first and "Plus anciennes" in first
    second = _text(client.get(LIST, {"page": "2"}))
    assert "Page 2 sur 2" in second and "Plus récentes" in second
    assert _text(client.get(LIST, {"page": "²"})).count("Page 1 sur 2") == 1


def test_list_empty_says_what_will_come(world, client_as):
    page = _text(client_as(world.advisor).get(LIST))
    assert "Aucune notification pour l'instant." in page
    assert "Tout marquer comme lu" not in page


@pytest.mark.parametrize("projects", [1, 10])
def test_list_query_count_is_constant(db, client_as, django_assert_num_queries, projects):
    """1 or 10 projects with notifications: the same queries (session, user, count, the
    page with its projects, the bell)."""
    user = UserFactory()
    for n in range(projects):
        membership = MembershipFactory(user=user, role=Role.PARTNER)
        for m in range(3):
            notification(user, membership.project, key=f"{n}:{m}")
    client = client_as(user)
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert _text(response).count("Non lue</span>") == min(3 * projects, 25)


def test_relative_dates():
    now = timezone.now()
    assert ago(now, now) == "à l'instant"
    assert ago(now - timedelta(hours=3, minutes=20), now) == f"il y a 3{NBSP}heures"
    assert ago(now - timedelta(days=1), now) == f"il y a 1{NBSP}jour"
    assert ago(timezone.make_aware(timezone.datetime(2026, 3, 1, 12)), now) == ("le 1er mars 2026")


# --- Opening one, marking all read -----------------------------------------------------------


def test_open_marks_read_and_goes_to_the_page(world, client_as):
    item = notification(world.partner_a, world.project)
    response = client_as(world.partner_a).get(_open(item))
    assert response.status_code == 302
    assert response.url == world.project.get_absolute_url()
    item.refresh_from_db()
    assert item.read_at is not None


def test_open_someone_elses_notification_is_404_and_stays_unread(world, client_as):
    """IDOR: an id of another person's notification reveals nothing and changes nothing."""
    item = notification(world.partner_a, world.project)
    for persona in ("partner_b", "coordinator", "outsider"):
        assert client_as(world.user(persona)).get(_open(item)).status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


@pytest.mark.parametrize(
    "url",
    [
        "https://ailleurs.example/",
        "//ailleurs.example/projets/",
        "/\\ailleurs.example",
        "projets/",
    ],
)
def test_open_refuses_to_leave_the_site(world, client_as, url):
    """Only a path of this site: anything else goes back to the list, with a message."""
    item = notification(world.partner_a, world.project, url=url)
    response = client_as(world.partner_a).get(_open(item), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "ne mène pas à une page du site" in _text(response)


def test_mark_all_read_only_touches_mine(world, client_as):
    mine = [notification(world.partner_a, world.project, key=f"k{n}") for n in range(3)]
    theirs = notification(world.partner_b, world.project)
    client = client_as(world.partner_a)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Toutes vos notifications sont marquées comme lues." in _text(response)
    assert not Notification.objects.filter(pk__in=[n.pk for n in mine], read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


# --- The bell --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unread", "words"),
    [
        (0, "Notifications, aucune non lue"),
        (1, "1 notification non lue"),
        (3, "3 notifications non lues"),
    ],
)
def test_bell_counts_my_unread_notifications(world, client_as, unread, words):
    """On every page: the count for the eye, a sentence for screen readers."""
    for n in range(unread):
        notification(world.partner_a, world.project, key=f"unread:{n}")
    notification(world.partner_a, world.project, key="read", read_at=timezone.now())
    notification(world.partner_b, world.project, key="theirs")
    page = _text(client_as(world.partner_a).get(reverse("projects:list")))
    bell = page[page.index('class="nav-link app-bell') : page.index('class="navbar-toggler"')]
    assert f'<span class="visually-hidden">{words}</span>' in bell
    assert ('aria-hidden="true">' + str(unread) + "</span>" in bell) is bool(unread)
    assert f'href="{LIST}"' in bell


def test_bell_shows_99_plus(world, client_as):
    Notification.objects.bulk_create(
        Notification(
            user=world.partner_a,
            project=world.project,
            kind=Kind.MENTIONED,
            key=f"m{n}",
            url="/",
            params={"person": "Claire"},
        )
        for n in range(120)
    )
    page = _text(client_as(world.partner_a).get(reverse("projects:list")))
    assert 'aria-hidden="true">99+</span>' in page
    assert "120 notifications non lues" in page


def test_no_bell_for_anonymous_visitors(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        page = _text(client.get(reverse("login")))
    assert "app-bell" not in page


# --- Mes notifications -----------------------------------------------------------------------


def _prefix(project):
    return f"projet-{project.pk}"


def _payload(world, **data):
    """The form as shown to partner A (digest, every kind), changed by `data`."""
    prefix = _prefix(world.project)
    payload = {
        "language": "fr-ca",
        f"{prefix}-delivery": Delivery.DIGEST,
        f"{prefix}-kinds": [str(kind) for kind in PARTNER_KINDS],
    }
    payload.update({key.replace("P-", f"{prefix}-"): value for key, value in data.items()})
    return payload


def test_preferences_show_each_project_with_defaults(world, client_as):
    """Without a stored row: the daily digest and every kind checked."""
    response = client_as(world.partner_a).get(PREFERENCES)
    page = _text(response)
    assert "Mes notifications" in page and "Camion partagé" in page
    (form,) = response.context["forms"]
    assert form["delivery"].value() == Delivery.DIGEST
    assert set(form["kinds"].value()) == {str(kind) for kind in PARTNER_KINDS}
    assert "Les relances de la coordination vous parviennent toujours." in page


def test_coordinators_choose_among_the_coordinator_kinds(world, client_as):
    (form,) = client_as(world.coordinator).get(PREFERENCES).context["forms"]
    assert [value for value, _label in form.fields["kinds"].choices] == [
        str(kind) for kind in COORDINATOR_KINDS
    ]


def test_preferences_save_delivery_muted_kinds_and_language(world, client_as):
    NotificationPreference.objects.create(
        user=world.partner_a,
        project=world.project,
        muted_kinds=[Kind.INVITATION_ACCEPTED],  # not a partner's choice: kept as it is
    )
    kinds = [str(kind) for kind in PARTNER_KINDS if kind != Kind.ACTION_DUE_SOON]
    response = client_as(world.partner_a).post(
        PREFERENCES,
        _payload(world, language="en", **{"P-delivery": Delivery.IMMEDIATE, "P-kinds": kinds}),
        follow=True,
    )
    assert response.redirect_chain == [(PREFERENCES, 302)]
    assert "Vos préférences de notification sont enregistrées." in _text(response)
    preference = NotificationPreference.objects.get(user=world.partner_a)
    assert preference.delivery == Delivery.IMMEDIATE
    assert preference.muted_kinds == [Kind.INVITATION_ACCEPTED, Kind.ACTION_DUE_SOON]
    world.partner_a.refresh_from_db()
    assert world.partner_a.language == "en"


def test_preferences_unchanged_store_nothing(world, client_as):
    client_as(world.partner_a).post(PREFERENCES, _payload(world))
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [{"P-delivery": "souvent"}, {"P-kinds": ["deadline_soon", "pirate"]}, {"language": "de"}],
)
def test_preferences_bad_input_is_shown_again_with_errors(world, client_as, bad):
    """Nothing is saved; the page comes back with the error and what was typed."""
    kinds = ["consent_opened"]
    response = client_as(world.partner_a).post(
        PREFERENCES, _payload(world, **{"P-kinds": kinds, **bad})
    )
    assert response.status_code == 200
    page = _text(response)
    assert "Corrigez les champs suivants" in page
    assert "Sélectionnez un choix valide." in page
    assert not NotificationPreference.objects.exists()
    world.partner_a.refresh_from_db()
    assert world.partner_a.language == "fr-ca"
    (form,) = response.context["forms"]
    if "P-kinds" not in bad:
        assert form["kinds"].value() == kinds


@pytest.mark.parametrize("projects", [1, 10])
def test_preferences_query_count_is_constant(db, client_as, django_assert_num_queries, projects):
    """Shown and saved with the same queries for 1 or 10 projects."""
    user = UserFactory()
    memberships = [
        MembershipFactory(user=user, role=[Role.COORDINATOR, Role.PARTNER, Role.ADVISOR][n % 3])
        for n in range(projects)
    ]
    client = client_as(user)
    # Session, user, memberships with their projects, preferences, the bell.
    with django_assert_num_queries(5):
        response = client.get(PREFERENCES)
    assert len(response.context["forms"]) == projects
    payload = {"language": "en"}
    for membership in memberships:
        payload[f"{_prefix(membership.project)}-delivery"] = Delivery.NONE
    # Session, user, memberships, preferences, then in a savepoint the language and one
    # upsert of every project's row.
    with django_assert_num_queries(8):
        response = client.post(PREFERENCES, payload)
    assert response.status_code == 302
    assert NotificationPreference.objects.filter(user=user, delivery=Delivery.NONE).count() == (
        projects
    )


def test_preferences_without_projects(db, client_as):
    page = _text(client_as(UserFactory()).get(PREFERENCES))
    assert "Vous ne participez encore à aucun projet" in page


def test_list_survives_a_notification_whose_facts_no_longer_fit(world, client_as):
    """Facts missing for the sentence: the kind's name instead of an error page."""
    notification(world.partner_a, world.project, params={})
    page = _text(client_as(world.partner_a).get(LIST))
    assert "Questionnaire en retard" in page
