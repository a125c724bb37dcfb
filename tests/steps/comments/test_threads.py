"""Comment threads: who may read and write them, editing, removal, resolution, mentions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from projects.models import ChangeRecord
from steps.comments import services
from steps.comments.models import Comment, CommentThread
from tests.factories import (
    ActionFactory,
    AnswerFactory,
    EvaluationRoundFactory,
    PooledResourceFactory,
    RiskFactory,
    submit,
)

MISSION = "reflexion.identite.mission"


def thread_url(world, kind, key):
    return reverse("steps:comment_thread", args=[world.project.slug, kind, key])


def _targets(world, project=None):
    """(kind, key) of one object of each kind in `project` (world.project by default)."""
    project = project or world.project
    return [
        ("reponse", AnswerFactory(project=project, organisation=None).pk),
        ("grille", MISSION),
        ("ressource", PooledResourceFactory(project=project).pk),
        ("risque", RiskFactory(project=project).pk),
        ("entente", "couts"),
        ("action", ActionFactory(project=project).pk),
        ("bilan", EvaluationRoundFactory(project=project).pk),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "partner_a", "advisor"])
def test_every_member_comments_on_every_kind(world, client_as, persona):
    client = client_as(world.user(persona))
    submit(world.project, None, "impulsion")  # the project's answers are shared
    for kind, key in _targets(world):
        url = thread_url(world, kind, key)
        assert client.get(url).status_code == 200, kind
        response = client.post(url, {"body": f"Un avis sur {kind}"})
        assert response.status_code == 302, kind
        comment = Comment.objects.get(project=world.project, target=kind)
        assert comment.author == world.user(persona)
        page = client.get(url).content.decode()
        assert f"Un avis sur {kind}" in page


@pytest.mark.django_db
def test_another_projects_objects_are_404(world, client_as):
    client = client_as(world.coordinator)
    submit(world.other_project, None, "impulsion")
    for kind, key in _targets(world, world.other_project):
        if kind in ("grille", "entente"):
            continue  # codes: the same row of this project's grid
        assert client.get(thread_url(world, kind, key)).status_code == 404, kind
        assert client.post(thread_url(world, kind, key), {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind,key",
    [
        ("inconnu", "1"),
        ("grille", "reflexion.inconnue.item"),
        ("grille", "impulsion.besoin"),
        ("entente", "pas-une-section"),
        ("risque", "abc"),
        ("risque", "999999"),
    ],
)
def test_unknown_targets_are_404(world, client_as, kind, key):
    assert client_as(world.coordinator).get(thread_url(world, kind, key)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status",
    [("partner_a", 200), ("partner_b", 404), ("advisor", 200), ("coordinator", 200)],
)
def test_draft_answer_threads_follow_the_draft_rule(world, client_as, persona, status):
    answer = AnswerFactory(
        project=world.project, organisation=world.org_a, question_code="impulsion.besoin"
    )
    client = client_as(world.user(persona))
    url = thread_url(world, "reponse", answer.pk)
    assert client.get(url).status_code == status
    assert client.post(url, {"body": "Vu"}).status_code in (302 if status == 200 else 404,)
    # Once submitted, the other partners see it and may comment.
    submit(world.project, world.org_a, "impulsion")
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_comment_on_a_draft_answer_cannot_be_reached_by_its_id(world, client_as):
    answer = AnswerFactory(project=world.project, organisation=world.org_a)
    comment = Comment.objects.create(
        project=world.project,
        target="reponse",
        object_id=answer.pk,
        author=world.partner_a,
        body="Brouillon",
    )
    client = client_as(world.partner_b)
    slug = world.project.slug
    assert client.get(reverse("steps:comment_edit", args=[slug, comment.pk])).status_code == 404
    assert client.post(reverse("steps:comment_remove", args=[slug, comment.pk])).status_code == 404
    # Another project's coordinator neither.
    outsider = client_as(world.outsider)
    assert outsider.get(reverse("steps:comment_edit", args=[slug, comment.pk])).status_code == 404
    other = world.other_project.slug
    assert (
        outsider.post(reverse("steps:comment_remove", args=[other, comment.pk])).status_code == 404
    )
    comment.refresh_from_db()
    assert not comment.is_removed


def _comment(world, author, created_ago=timedelta(0), kind="risque"):
    risk = RiskFactory(project=world.project)
    comment = Comment.objects.create(
        project=world.project, target=kind, object_id=risk.pk, author=author, body="Avant"
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - created_ago)
    comment.refresh_from_db()
    return comment


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,ago,status",
    [
        ("partner_a", timedelta(minutes=1), 302),  # the author, in time
        ("partner_a", timedelta(minutes=14, seconds=50), 302),
        ("partner_a", timedelta(minutes=16), 403),  # too late
        ("partner_b", timedelta(minutes=1), 403),  # someone else
        ("coordinator", timedelta(minutes=1), 403),  # a coordinator removes, never edits
    ],
)
def test_only_the_author_edits_within_15_minutes(world, client_as, persona, ago, status):
    comment = _comment(world, world.partner_a, ago)
    url = reverse("steps:comment_edit", args=[world.project.slug, comment.pk])
    response = client_as(world.user(persona)).post(url, {"body": "Après"})
    assert response.status_code == status
    comment.refresh_from_db()
    assert comment.body == ("Après" if status == 302 else "Avant")
    assert (comment.edited_at is not None) == (status == 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status",
    [("partner_a", 302), ("coordinator", 302), ("partner_b", 403), ("advisor", 403)],
)
def test_author_or_coordinator_removes(world, client_as, persona, status):
    comment = _comment(world, world.partner_a, timedelta(days=2))
    client = client_as(world.user(persona))
    url = reverse("steps:comment_remove", args=[world.project.slug, comment.pk])
    assert client.post(url).status_code == status
    comment.refresh_from_db()
    assert comment.is_removed == (status == 302)
    page = client.get(thread_url(world, "risque", comment.object_id)).content.decode()
    if status == 302:
        assert "Commentaire retiré" in page and "Avant" not in page
        assert ChangeRecord.objects.filter(object_id=comment.pk, kind="updated").exists()
    else:
        assert "Avant" in page


@pytest.mark.django_db
def test_hostile_markdown_is_shown_as_text(world, client_as):
    client = client_as(world.partner_a)
    url = thread_url(world, "entente", "objet")
    body = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> "
        "[clic](javascript:alert(3)) [ok](https://tiess.ca) **gras**\n\n- un\n- deux"
    )
    client.post(url, {"body": body})
    page = client.get(url).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<img" not in page
    assert 'href="javascript:' not in page
    assert '<a href="https://tiess.ca" rel="nofollow noopener noreferrer">ok</a>' in page
    assert "<strong>gras</strong>" in page and "<li>deux</li>" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind,key,allowed",
    [("grille", MISSION, True), ("entente", "couts", True), ("risque", None, False)],
)
def test_resolution_on_grid_rows_and_agreement_sections(world, client_as, kind, key, allowed):
    key = key or RiskFactory(project=world.project).pk
    client = client_as(world.partner_a)
    url = reverse("steps:comment_thread_resolve", args=[world.project.slug, kind, key])
    response = client.post(url, {"resolu": "1"})
    if not allowed:
        assert response.status_code == 403
        assert not CommentThread.objects.exists()
        return
    assert response.status_code == 302
    thread = CommentThread.objects.get(project=world.project, target=kind, code=key)
    assert thread.is_resolved and thread.resolved_by == world.partner_a
    assert "Discussion résolue par" in client.get(thread_url(world, kind, key)).content.decode()
    client.post(url, {"resolu": "0"})
    thread.refresh_from_db()
    assert not thread.is_resolved


def _notifications(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.mark.django_db
def test_mentions_and_participants_are_notified_once(world, client_as):
    url = thread_url(world, "grille", MISSION)
    # Paul writes first: the coordinator hears of it.
    client_as(world.partner_a).post(url, {"body": "Une idée pour la mission"})
    assert _notifications(world.coordinator) == ["commented"]
    assert _notifications(world.advisor) == []
    # Ariane answers and mentions Béa and the coordinator: one notification each.
    client_as(world.advisor).post(
        url, {"body": "@bea.partenaire et @claire.coordination, qu'en pensez-vous ? @inconnu"}
    )
    assert sorted(_notifications(world.partner_b)) == ["mentioned"]
    assert sorted(_notifications(world.coordinator)) == ["commented", "mentioned"]
    assert sorted(_notifications(world.partner_a)) == ["commented"]  # an earlier participant
    assert _notifications(world.advisor) == []  # never told of one's own comment
    note = Notification.objects.get(user=world.partner_b)
    assert note.params["person"] == "Ariane Conseil"
    assert note.url.startswith(url + "#commentaire-")
    assert Notification.objects.filter(user=world.outsider).count() == 0


@pytest.mark.django_db
def test_a_mention_does_not_reach_who_cannot_see_the_draft(world, client_as):
    answer = AnswerFactory(project=world.project, organisation=world.org_a)
    client_as(world.partner_a).post(
        thread_url(world, "reponse", answer.pk), {"body": "@bea.partenaire regarde"}
    )
    assert _notifications(world.partner_b) == []
    assert _notifications(world.coordinator) == ["commented"]


@pytest.mark.django_db
def test_muted_kind_is_not_sent(world, client_as):
    from notifications.models import NotificationPreference

    NotificationPreference.objects.create(
        user=world.coordinator, project=world.project, muted_kinds=["commented"]
    )
    client_as(world.partner_a).post(thread_url(world, "entente", "couts"), {"body": "Coûts ?"})
    assert _notifications(world.coordinator) == []


@pytest.mark.django_db
def test_handles_are_unique(world):
    from steps.comments.selectors import mentionables
    from tests.factories import MembershipFactory, UserFactory

    twin = UserFactory(email="autre@exemple.org", full_name="Paul Partenaire")
    MembershipFactory(user=twin, project=world.project, role="advisor")
    handles = {person.handle: person.membership.user for person in mentionables(world.project)}
    assert handles["paul.partenaire"] == world.partner_a
    assert handles["paul.partenaire2"] == twin


def test_edit_window_is_15_minutes():
    assert services.COMMENT_EDIT_MINUTES == 15
