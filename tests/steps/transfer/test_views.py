"""The coordination's backup page and the JSON download."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from projects.models import Role
from steps.models import Answer, Commitment, PooledResource
from steps.transfer.schema import FORMAT
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _add_organisations(world, count):
    """Give the project `count` organisations in all, each with a member and data."""
    resource = PooledResource.objects.create(project=world.project, name="Camion")
    for org in [world.org_a, world.org_b]:
        Answer.objects.create(
            project=world.project, organisation=org, question_code="impulsion.besoin", value="x"
        )
        Commitment.objects.create(resource=resource, organisation=org, planned_uses_per_year=4)
    for number in range(count - 2):
        org = OrganisationFactory(name=f"Organisme {number:02}")
        world.project.organisations.add(org)
        MembershipFactory(
            user=UserFactory(), project=world.project, role=Role.PARTNER, organisation=org
        )
        Answer.objects.create(
            project=world.project, organisation=org, question_code="impulsion.besoin", value="x"
        )
        Commitment.objects.create(resource=resource, organisation=org, planned_uses_per_year=4)


def test_project_transfer_page_offers_download_and_restore(world, client_as):
    """The coordinator sees the download link and, allowed to create projects, the
    « Restaurer une sauvegarde » button; no command line is shown."""
    world.coordinator.user_permissions.add(
        Permission.objects.get(content_type__app_label="projects", codename="add_project")
    )
    response = client_as(world.coordinator).get(
        reverse("steps:project_transfer", args=[world.project.slug])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("steps:project_export", args=[world.project.slug]) in page
    assert reverse("restore:upload") in page
    assert "manage.py" not in page


def test_project_transfer_page_without_creation_right_says_how_to_ask(world, client_as):
    """A coordinator who may not create projects gets no restore button, but the way."""
    response = client_as(world.coordinator).get(
        reverse("steps:project_transfer", args=[world.project.slug])
    )
    page = response.content.decode()
    assert reverse("restore:upload") not in page
    assert "Mes projets" in page


def test_project_export_downloads_the_document(world, client_as):
    """The download is a JSON attachment of the whole project."""
    response = client_as(world.coordinator).get(
        reverse("steps:project_export", args=[world.project.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["format"] == FORMAT
    assert document["project"]["name"] == world.project.name
    assert {row["email"] for row in document["users"]} >= {"paul@exemple.org", "bea@exemple.org"}
    assert "outsider" not in response.content.decode()


def test_project_export_escapes_nothing_and_keeps_user_text_as_data(world, client_as):
    """Hostile text is kept verbatim in the JSON (it is data, shown escaped elsewhere)."""
    world.project.description = "<script>alert(1)</script>"
    world.project.save()
    response = client_as(world.coordinator).get(
        reverse("steps:project_export", args=[world.project.slug])
    )
    assert json.loads(response.content)["project"]["description"] == "<script>alert(1)</script>"


@pytest.mark.parametrize("organisations", [3, 25])
def test_project_export_query_count_does_not_grow_with_organisations(
    world, client_as, django_assert_num_queries, organisations
):
    """3 or 25 organisations: the download costs the same number of queries."""
    _add_organisations(world, organisations)
    client = client_as(world.coordinator)
    url = reverse("steps:project_export", args=[world.project.slug])
    # Session and access, one query per section (the agreement and the five of the study
    # included; plus the prefetch of the logic links),
    # the organisations and the people: none of them per organisation. The shared
    # documents' section is one query of its own (no document here: a bare JSON). The
    # comments and their threads: one query each; the checklist: one.
    with django_assert_num_queries(47):
        assert client.get(url).status_code == 200
