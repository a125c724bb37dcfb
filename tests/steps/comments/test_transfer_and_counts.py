"""Comments in the project's export, the comment counts next to objects (one query per
page whatever the number of comments), the demo, and the partner-to-coordinator flow."""

import json

import pytest
from django.urls import reverse

from notifications.models import Notification
from projects.models import Role
from steps.comments import services, targets
from steps.comments.models import Comment, CommentThread
from steps.transfer.export import export_project
from steps.transfer.importer import ImportProblems, import_project
from steps.transfer.schema import VOLATILE_KEYS
from tests.factories import (
    ActionFactory,
    AnswerFactory,
    EvaluationRoundFactory,
    PooledResourceFactory,
    RiskFactory,
    fill_grid,
    submit,
)

pytestmark = pytest.mark.django_db
MISSION = "reflexion.identite.mission"


def _membership(world, persona):
    return world.project.memberships.select_related("user", "project").get(
        user=world.user(persona)
    )


def _comment(world, persona, kind, key, body="Un avis"):
    member = _membership(world, persona)
    return services.add_comment(
        subject=targets.find(member, kind, str(key)), membership=member, body=body
    )


def _document(project):
    document = json.loads(json.dumps(export_project(project)))
    return {k: v for k, v in document.items() if k not in VOLATILE_KEYS}


def test_comments_roundtrip_with_their_objects(world):
    risk = RiskFactory(project=world.project, title="Bris du camion")
    answer = AnswerFactory(project=world.project, organisation=world.org_a)
    _comment(world, "partner_a", "risque", risk.pk, "Qui paie ?")
    _comment(world, "coordinator", "reponse", answer.pk, "Merci")
    removed = _comment(world, "advisor", "grille", MISSION, "@paul.partenaire voir ceci")
    services.remove_comment(comment=removed, user=world.coordinator)
    section = targets.find(_membership(world, "coordinator"), "entente", "couts")
    services.set_resolved(subject=section, user=world.coordinator, resolved=True)

    document = _document(world.project)
    rows = document["comments"]
    assert [row["target"] for row in rows] == ["risque", "reponse", "grille"]
    assert rows[0]["object"].startswith("risk-") and rows[0]["author"] == "paul@exemple.org"
    assert rows[1]["object"].startswith("answer-")
    assert rows[2]["object"] is None and rows[2]["code"] == MISSION
    assert rows[2]["removed_by"] == "claire@exemple.org"
    assert "object_id" not in rows[0]
    assert document["comment_threads"][0]["code"] == "couts"

    result = import_project(document)
    again = _document(result.project)
    document["project"].pop("slug")
    again["project"].pop("slug")
    assert again == document
    imported = Comment.objects.filter(project=result.project).order_by("pk")
    assert imported[0].object_id != risk.pk or result.project.risks.get().pk == risk.pk
    assert imported[0].object_id == result.project.risks.get().pk
    assert CommentThread.objects.get(project=result.project).is_resolved


def test_import_refuses_an_object_of_the_wrong_kind(world):
    risk = RiskFactory(project=world.project)
    ActionFactory(project=world.project)
    _comment(world, "partner_a", "risque", risk.pk)
    document = _document(world.project)
    document["comments"][0]["object"] = document["actions"][0]["ref"]
    with pytest.raises(ImportProblems) as error:
        import_project(document)
    assert "comments[1]" in str(error.value.problems)


PAGES = [
    ("steps:grid", (), "grille", lambda world: MISSION),
    ("steps:agreement", (), "entente", lambda world: "couts"),
    ("steps:risks", (), "risque", lambda world: RiskFactory(project=world.project).pk),
    (
        "steps:resources",
        (),
        "ressource",
        lambda world: PooledResourceFactory(project=world.project).pk,
    ),
    ("steps:actions", (), "action", lambda world: ActionFactory(project=world.project).pk),
    (
        "steps:evaluation_rounds",
        (),
        "bilan",
        lambda world: EvaluationRoundFactory(project=world.project).pk,
    ),
]


@pytest.mark.parametrize("name,args,kind,make", PAGES)
def test_pages_show_counts_in_a_fixed_number_of_queries(
    world, client_as, django_assert_max_num_queries, name, args, kind, make
):
    """3 objects with 1 comment each, then 30 with several: the same queries, and the
    count next to each object."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if kind == "grille":
        fill_grid(world.project, 2)  # a grid shows once portraits are submitted
    client = client_as(world.coordinator)
    url = reverse(name, args=[world.project.slug, *args])
    keys = [make(world) for _ in range(3)] if kind not in ("grille", "entente") else [make(world)]
    for key in keys:
        _comment(world, "partner_a", kind, key)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    thread = reverse("steps:comment_thread", args=[world.project.slug, kind, keys[0]])
    assert f'href="{thread}"' in page
    assert "1 commentaire" in page
    more = [make(world) for _ in range(27)] if kind not in ("grille", "entente") else []
    for key in [*keys, *more]:
        for _ in range(2):
            _comment(world, "advisor", kind, key)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "3 commentaires" in page


def test_org_answers_page_links_each_answer_to_its_thread(world, client_as):
    answer = AnswerFactory(
        project=world.project, organisation=world.org_a, question_code="impulsion.besoin"
    )
    submit(world.project, world.org_a, "impulsion")
    _comment(world, "partner_b", "reponse", answer.pk, "Nous aussi")
    url = reverse("steps:org_answers", args=[world.project.slug, "impulsion", world.org_a.pk])
    page = client_as(world.partner_b).get(url).content.decode()
    thread = reverse("steps:comment_thread", args=[world.project.slug, "reponse", answer.pk])
    assert f'href="{thread}"' in page and "1 commentaire" in page


def test_partner_comments_on_the_grid_and_the_coordinator_bell_shows_it(world, client_as):
    """The partner's journey: a comment on a grid row; the coordinator's bell and
    notifications page show it and lead to the thread."""
    partner = client_as(world.partner_a)
    url = reverse("steps:comment_thread", args=[world.project.slug, "grille", MISSION])
    response = partner.post(url, {"body": "Nos missions se ressemblent beaucoup."})
    assert response.status_code == 302
    coordinator = client_as(world.coordinator)
    home = coordinator.get(reverse("projects:home", args=[world.project.slug]))
    assert home.status_code == 200
    note = Notification.objects.get(user=world.coordinator)
    assert note.kind == "commented" and note.read_at is None
    listing = coordinator.get(reverse("notifications:list")).content.decode()
    assert "Paul Partenaire a commenté" in listing
    assert coordinator.get(note.url.split("#")[0]).status_code == 200


def test_demo_has_a_grid_thread_with_a_mention_and_a_resolved_agreement_thread():
    from steps.demo import build_demo_project

    project = build_demo_project()
    grid = Comment.objects.filter(project=project, target="grille")
    assert grid.count() >= 2 and any("@" in c.body for c in grid)
    agreement = Comment.objects.filter(project=project, target="entente")
    assert agreement.exists()
    assert CommentThread.objects.get(project=project, target="entente").is_resolved
    advisor = project.memberships.get(role=Role.ADVISOR).user
    assert Notification.objects.filter(user=advisor, kind="mentioned").exists()


@pytest.mark.parametrize("kind", ["grille", "risque"])
def test_thread_page_queries_do_not_grow_with_comments(
    world, client_as, django_assert_max_num_queries, kind
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    key = MISSION if kind == "grille" else RiskFactory(project=world.project).pk
    url = reverse("steps:comment_thread", args=[world.project.slug, kind, key])
    client = client_as(world.advisor)
    for persona in ("partner_a", "coordinator", "partner_b"):
        _comment(world, persona, kind, key)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(10):
        for persona in ("partner_a", "coordinator", "partner_b"):
            _comment(world, persona, kind, key, "@claire.coordination **oui**")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('class="comment card') == 33
