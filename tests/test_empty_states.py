"""Empty pages say what to do next, and to whom: the coordination gets the button, the
others learn who will fill the page."""

import pytest
from django.urls import reverse

from projects.models import Membership, Role
from tests.factories import MembershipFactory, ProjectFactory


def _page(client, name, project, *args):
    response = client.get(reverse(name, args=[project.slug, *args]))
    assert response.status_code == 200
    return response.content.decode()


def test_members_page_alone_invites_a_first_person(db, client_as):
    """A coordinator alone in a new project is told to invite the partners."""
    membership = MembershipFactory(role=Role.COORDINATOR)
    page = _page(client_as(membership.user), "projects:members", membership.project)
    assert "Personne d'autre ne participe encore au projet." in page
    assert "Inviter une première personne" in page


def test_members_page_with_partners_has_no_empty_state(world, client_as):
    """Once partners are in, the page just lists them."""
    page = _page(client_as(world.coordinator), "projects:members", world.project)
    assert "Personne d'autre ne participe encore au projet." not in page


@pytest.mark.parametrize(("persona", "button"), [("coordinator", True), ("advisor", False)])
def test_home_without_organisations(db, client_as, persona, button):
    """No organisation yet: everyone reads how they join; the coordination gets the button."""
    project = ProjectFactory()
    user = MembershipFactory(project=project, role=persona).user
    page = _page(client_as(user), "projects:home", project)
    assert "Une organisation partenaire se joint au projet quand une personne" in page
    assert ("Inviter les organisations partenaires" in page) is button


def test_organisation_without_people_links_to_a_prefilled_invitation(world, client_as):
    """An organisation nobody represents yet: the coordination invites someone for it."""
    Membership.objects.filter(organisation=world.org_b).delete()
    client = client_as(world.coordinator)
    page = _page(client, "projects:organisation", world.project, world.org_b.pk)
    invite_url = reverse("projects:invite", args=[world.project.slug])
    assert f'href="{invite_url}?organisation={world.org_b.pk}"' in page
    form = client.get(f"{invite_url}?organisation={world.org_b.pk}").context["form"]
    assert form["organisation"].value() == world.org_b.pk


@pytest.mark.parametrize("value", ["abc", "²", "-1", ""])
def test_invite_page_ignores_a_bad_organisation_parameter(world, client_as, value):
    """A hand-edited ?organisation= shows the form with no choice made, never an error."""
    url = reverse("projects:invite", args=[world.project.slug])
    response = client_as(world.coordinator).get(url, {"organisation": value})
    assert response.status_code == 200
    assert response.context["form"]["organisation"].value() is None


@pytest.mark.parametrize(
    ("name", "coordinator_text", "reader_text"),
    [
        (
            "steps:resources",
            "Ajouter une première ressource",
            "La coordination les ajoute ici avec leur coût d'utilisation",
        ),
        (
            "steps:actions",
            "Ajouter une première action",
            "celles confiées à votre organisation apparaîtront ici",
        ),
        (
            "steps:evaluation_rounds",
            "Faire un premier bilan",
            "La coordination fera les bilans avec les organisations partenaires",
        ),
    ],
)
def test_empty_tool_pages_say_what_comes_next(
    world, client_as, name, coordinator_text, reader_text
):
    """An empty tool offers its first step to the coordination and explains it to partners."""
    coordinator_page = _page(client_as(world.coordinator), name, world.project)
    partner_page = _page(client_as(world.partner_a), name, world.project)
    assert coordinator_text in coordinator_page
    assert reader_text not in coordinator_page
    assert reader_text in partner_page
    assert coordinator_text not in partner_page


def test_empty_grid_names_the_expected_portraits(world, client_as):
    """No submitted portrait: the grid names the organisations that must submit theirs."""
    page = _page(client_as(world.advisor), "steps:grid", world.project)
    assert (
        "Portraits attendus : Banque alimentaire du Suroît, Cuisine collective Beauharnois."
        in (" ".join(page.split()))
    )


def test_empty_grid_sends_each_role_where_to_act(world, client_as):
    """The coordination follows the dashboard; a partner goes to its own portrait."""
    coordinator_page = _page(client_as(world.coordinator), "steps:grid", world.project)
    partner_page = _page(client_as(world.partner_a), "steps:grid", world.project)
    assert reverse("steps:dashboard", args=[world.project.slug]) in coordinator_page
    portrait_url = reverse(
        "steps:org_answers", args=[world.project.slug, "reflexion", world.org_a.pk]
    )
    assert f'href="{portrait_url}"' in partner_page
    assert "Remplir le portrait de mon organisation" not in coordinator_page


def test_empty_grid_without_organisations_says_to_invite_them(db, client_as):
    """A project with no organisation yet: the grid says the partners must be invited."""
    membership = MembershipFactory(role=Role.COORDINATOR)
    page = _page(client_as(membership.user), "steps:grid", membership.project)
    assert "la coordination doit d'abord les inviter" in page


def test_zero_counts_take_the_singular_in_french(db, client_as):
    """« 0 organisation », as French writes it, not « 0 organisations »."""
    membership = MembershipFactory(role=Role.COORDINATOR)
    page = client_as(membership.user).get(reverse("projects:list")).content.decode()
    assert "0 organisation<" in page.replace("\n", "").replace(" <", "<")
    assert "0 organisations" not in page


def test_zero_answers_take_the_singular_in_french(world, client_as):
    """A blank portrait reads « 0 réponse sur … »."""
    page = _page(
        client_as(world.partner_a), "steps:org_answers", world.project, "impulsion", world.org_a.pk
    )
    assert "0 réponse sur" in page
    assert "0 réponses" not in page
