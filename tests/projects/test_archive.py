"""Archiving a finished project: read-only, hidden from « Mes projets », still exportable."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.digest import send_digests
from notifications.models import Notification
from projects.models import ChangeRecord, Project, Role
from steps.followup.reminders import active_projects
from steps.models import Answer, Risk
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.notifications.builders import notification


def _archive(world):
    response = world.client.post(reverse("projects:archive", args=[world.project.slug]))
    world.project.refresh_from_db()
    return response


@pytest.fixture
def archived(world, client_as):
    """The project « Camion partagé », archived by Claire."""
    world.client = client_as(world.coordinator)
    _archive(world)
    return world


def test_view_archive_coordinator_confirms_then_archives(world, client_as):
    """The coordinator sees a confirmation page, then the POST archives and says so."""
    world.client = client_as(world.coordinator)
    page = world.client.get(reverse("projects:archive", args=[world.project.slug]))
    assert page.status_code == 200
    assert "lecture seule" in page.content.decode()
    response = _archive(world)
    assert response["Location"] == reverse("projects:list")
    assert world.project.archived_at is not None
    assert world.project.archived_by == world.coordinator
    record = ChangeRecord.objects.get(project=world.project, object_id=world.project.pk)
    assert "archived_at" in record.changes


@pytest.mark.parametrize(
    ("persona", "status"),
    [("partner_a", 403), ("advisor", 403), ("outsider", 404)],
)
def test_view_archive_refused_to_others(world, client_as, persona, status):
    """Only a coordinator archives; a non-member does not learn the project exists."""
    client = client_as(world.user(persona))
    url = reverse("projects:archive", args=[world.project.slug])
    assert client.post(url).status_code == status
    world.project.refresh_from_db()
    assert world.project.archived_at is None


def test_view_archived_project_refuses_writes(archived, client_as):
    """An archived project answers 403 to a write, with a page saying why."""
    response = archived.client.post(
        reverse("steps:risk_create", args=[archived.project.slug]),
        {"title": "Panne", "probability": 2, "impact": 2},
    )
    assert response.status_code == 403
    assert "Ce projet est archivé" in response.content.decode()
    assert not Risk.objects.filter(project=archived.project).exists()


def test_view_archived_project_autosave_answers_json(archived, client_as):
    """The autosave gets the JSON « readonly » status its script shows."""
    client = client_as(archived.partner_a)
    response = client.post(
        reverse("steps:autosave", args=[archived.project.slug]),
        {
            "question_code": "impulsion.besoin",
            "organisation_id": archived.org_a.pk,
            "base_version": 0,
            "impulsion.besoin": "Un camion",
        },
    )
    assert response.status_code == 403
    assert response.json()["status"] == "readonly"
    assert not Answer.objects.filter(project=archived.project).exists()


def test_view_archived_project_reads_and_exports(archived, client_as):
    """Reading, the banner and the JSON export still work."""
    home = archived.client.get(archived.project.get_absolute_url())
    assert home.status_code == 200
    assert "Projet archivé le" in home.content.decode()
    export = archived.client.get(reverse("steps:project_export", args=[archived.project.slug]))
    assert export.status_code == 200
    assert json.loads(export.content)["project"]["name"] == "Camion partagé"
    advisor_page = client_as(archived.advisor).get(archived.project.get_absolute_url())
    assert "Projet archivé le" in advisor_page.content.decode()


def test_view_unarchive_makes_it_editable_again(archived, client_as):
    """« Désarchiver » works on the archived project, and writes work again."""
    url = reverse("projects:unarchive", args=[archived.project.slug])
    assert archived.client.get(url).status_code == 200
    response = archived.client.post(url)
    assert response["Location"] == archived.project.get_absolute_url()
    archived.project.refresh_from_db()
    assert archived.project.archived_at is None
    assert archived.project.archived_by is None
    archived.client.post(
        reverse("steps:risk_create", args=[archived.project.slug]),
        {"title": "Panne", "probability": 2, "impact": 2, "enjeu": "technique"},
    )
    assert archived.client.get(archived.project.get_absolute_url()).status_code == 200


def test_view_unarchive_refused_to_partner(archived, client_as):
    """A partner cannot unarchive (403) and the project stays archived."""
    client = client_as(archived.partner_a)
    assert (
        client.post(reverse("projects:unarchive", args=[archived.project.slug])).status_code == 403
    )
    archived.project.refresh_from_db()
    assert archived.project.archived_at is not None


def test_view_project_list_hides_archived_by_default(archived):
    """« Mes projets » hides the archived project, and shows it with ?archives=1."""
    url = reverse("projects:list")
    archived.client.get(url)  # the « archivé » message, once
    page = archived.client.get(url).content.decode()
    assert "Camion partagé" not in page
    assert "Afficher le projet archivé (1)" in page
    page = archived.client.get(url + "?archives=1").content.decode()
    assert "Camion partagé" in page
    assert "Masquer les projets archivés" in page


@pytest.mark.parametrize("count", [3, 20])
def test_view_project_list_query_count_with_archives(
    db, client_as, django_assert_num_queries, count
):
    """Counting the archived projects costs no query of its own."""
    user = UserFactory()
    for n in range(count):
        project = ProjectFactory(name=f"Projet {n:02d}")
        project.organisations.add(OrganisationFactory())
        MembershipFactory(user=user, project=project, role=Role.PARTNER)
    Project.objects.filter(name__in=["Projet 00", "Projet 01"]).update(
        archived_at="2026-11-01T12:00:00+00:00"
    )
    client = client_as(user)
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:list"))
    assert "Afficher les projets archivés (2)" in response.content.decode()


def test_service_reminders_skip_archived_projects(archived):
    """The reminder job leaves an archived project alone."""
    assert archived.project.pk not in active_projects()
    assert archived.other_project.pk in active_projects()


def test_view_archived_project_answers_are_shown_read_only(world, client_as):
    """The questionnaire of an archived project has no input to type in."""
    url = reverse("steps:org_answers", args=[world.project.slug, "impulsion", world.org_a.pk])
    assert "<textarea" in client_as(world.partner_a).get(url).content.decode()
    Project.objects.filter(pk=world.project.pk).update(archived_at="2026-11-01T12:00:00+00:00")
    page = client_as(world.partner_a).get(url).content.decode()
    assert "<textarea" not in page
    assert "Projet archivé le 1er novembre 2026" in page


def test_service_digest_skips_archived_projects(archived):
    """A waiting digest item of an archived project is not mailed (it waits)."""
    notification(archived.partner_a, archived.project, mail=Notification.Mail.DIGEST)
    late_evening = timezone.localtime().replace(hour=23)
    assert send_digests(now=late_evening) == 0
    assert Notification.objects.filter(mail=Notification.Mail.DIGEST).count() == 1
    Project.objects.filter(pk=archived.project.pk).update(archived_at=None)
    assert send_digests(now=late_evening) == 1


def test_view_archived_project_refuses_comments_but_keeps_ones_calendar(archived, client_as):
    """A comment is a write (403, nothing stored) even from an advisor, who only reads;
    one's own calendar link is still made (`@allowed_when_archived`)."""
    from steps.models import Comment

    url = reverse("steps:comment_thread", args=[archived.project.slug, "grille", "x"])
    for person in (archived.coordinator, archived.advisor):
        response = client_as(person).post(url, {"body": "Encore un mot"})
        assert response.status_code == 403
    assert not Comment.objects.exists()
    calendar = client_as(archived.advisor).post(
        reverse("steps:calendar", args=[archived.project.slug])
    )
    assert calendar.status_code in (200, 302)
