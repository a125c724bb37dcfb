"""Projects: my projects, creating one, its home page and its settings."""

import pytest
from django.urls import reverse

from projects.method import STEPS
from projects.models import Membership, Project, Role
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory


def test_project_create_makes_creator_coordinator(db, client_as):
    """The person who creates a project becomes its coordinator."""
    user = UserFactory(is_staff=True)  # may create projects (settings.PROJECT_CREATION)
    client = client_as(user)
    response = client.post(
        reverse("projects:create"),
        {"name": "Locaux partagés du Suroît", "territory": "Beauharnois", "status": "active"},
    )
    project = Project.objects.get(name="Locaux partagés du Suroît")
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.created_by == user
    membership = Membership.objects.get(project=project)
    assert (membership.user, membership.role) == (user, Role.COORDINATOR)


def test_project_create_invalid_redisplays_in_french(db, client_as):
    """A project without a name is refused with a French message and nothing is saved."""
    client = client_as(UserFactory(is_staff=True))
    response = client.post(reverse("projects:create"), {"name": "", "territory": "Suroît"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    assert 'value="Suroît"' in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("name", ["Nouveau", "Invitation"])
def test_project_slug_avoids_reserved_paths(db, name):
    """A project named like a fixed path under /projets/ gets another slug."""
    project = ProjectFactory(name=name)
    assert project.slug == f"{name.lower()}-2"


def test_project_home_lists_steps_and_organisations(world, client_as):
    """The home shows the six steps with their purpose and links to the organisations."""
    response = client_as(world.advisor).get(reverse("projects:home", args=[world.project.slug]))
    content = response.content.decode()
    for step in STEPS:
        assert str(step.title) in content
        assert str(step.purpose).replace("'", "&#x27;") in content
    organisation_url = reverse("projects:organisation", args=[world.project.slug, world.org_a.pk])
    assert organisation_url in content
    assert reverse("projects:members", args=[world.project.slug]) not in content


def test_project_home_links_members_for_coordinator(world, client_as):
    """Coordinators find the members page and the project settings from the home page."""
    response = client_as(world.coordinator).get(
        reverse("projects:home", args=[world.project.slug])
    )
    content = response.content.decode()
    assert reverse("projects:members", args=[world.project.slug]) in content
    assert reverse("projects:edit", args=[world.project.slug]) in content
    assert "Membres et invitations" in content


def test_project_edit_saves_changes(world, client_as):
    """The coordinator changes the project's description and status."""
    url = reverse("projects:edit", args=[world.project.slug])
    response = client_as(world.coordinator).post(
        url,
        {
            "name": "Camion partagé",
            "description": "Un camion pour quatre.",
            "territory": "Suroît",
            "scope": "Camion réfrigéré",
            "status": "paused",
        },
    )
    world.project.refresh_from_db()
    assert response.status_code == 302
    assert world.project.status == Project.Status.PAUSED
    assert world.project.description == "Un camion pour quatre."


def _projects_for(user, count):
    for n in range(count):
        project = ProjectFactory(name=f"Projet {n:02d}")
        project.organisations.add(OrganisationFactory(), OrganisationFactory())
        MembershipFactory(user=user, project=project, role=Role.PARTNER)


@pytest.mark.parametrize("count", [2, 20])
def test_project_list_query_count_is_constant(db, client_as, django_assert_num_queries, count):
    """My projects costs the same number of queries for 2 or 20 projects."""
    user = UserFactory()
    _projects_for(user, count)
    client = client_as(user)
    # Session, user, memberships with their project and organisation counts, the bell,
    # then « À faire pour vous » of every project: its facts, the partners' answers; and
    # whether the user may create projects (settings.PROJECT_CREATION).
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:list"))
    assert response.content.decode().count("Projet ") >= count


@pytest.mark.parametrize("count", [3, 25])
def test_project_home_query_count_is_constant(db, client_as, django_assert_num_queries, count):
    """A project's home costs the same number of queries for 3 or 25 organisations."""
    membership = MembershipFactory(role=Role.COORDINATOR)
    membership.project.organisations.add(*(OrganisationFactory() for _ in range(count)))
    client = client_as(membership.user)
    # … the bell of the top bar, « À faire pour vous » (its facts; no answer to read for a
    # coordinator without dates or verdicts) and the UPDATE of the last visit.
    with django_assert_num_queries(7):
        response = client.get(reverse("projects:home", args=[membership.project.slug]))
    assert response.status_code == 200
