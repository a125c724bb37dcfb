"""The opportunities page at scale: grouped by offer or by type, filtered, paged."""

import html
import re

import pytest
from django.urls import reverse

from steps.diagnostic import grid
from steps.diagnostic import opportunities as groups
from tests.factories import (
    PREMISES,
    PRODUCTION,
    TRANSPORT,
    fill_grid,
    portrait,
    set_reflexion,
    submitted_organisation,
)

pytestmark = pytest.mark.usefixtures("test_dimensions")

A, B, C = grid.OrgRef(1, "A"), grid.OrgRef(2, "B"), grid.OrgRef(3, "C")
VAN = grid.Item("reflexion.installations.transport", "Transport", "Transport", "installations")
ROOM = grid.Item("reflexion.installations.locaux", "Locaux", "Premises", "installations")
KITCHEN = grid.Item("reflexion.installations.production", "Cuisine", "Kitchen", "installations")
MISSION = grid.Item("reflexion.identite.mission", "Mission", "Mission", "identite")


def match(offerer, needer, offer_item, need_item=None, rtype=""):
    return grid.Opportunity(
        offerer, needer, offer_item, need_item or offer_item, "offre", "besoin", rtype
    )


def url(project, **query):
    base = reverse("steps:opportunities", kwargs={"project_slug": project.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def text(response) -> str:
    return html.unescape(response.content.decode())


def body_rows(content: str) -> int:
    """The rows of the page's tables, header rows left out."""
    tbodies = re.findall(r"<tbody>(.*?)</tbody>", content, flags=re.S)
    return sum(body.count("<tr") for body in tbodies)


# Pure grouping --------------------------------------------------------------------------


def test_groups_by_offer_count_each_organisation_that_needs_once():
    """One row per offerer × item; B needing it on two items counts once."""
    found = [
        match(A, B, ROOM, rtype="premises"),
        match(A, B, ROOM, KITCHEN, rtype="premises"),
        match(A, C, ROOM, rtype="premises"),
        match(C, A, VAN),
    ]
    result = groups.by_offer(found)
    assert [(g.offerer, g.offer_item.code, g.count) for g in result] == [
        (A, ROOM.code, 2),
        (C, VAN.code, 1),
    ]
    assert result[0].needers == (B, C)
    assert len(result[0].opportunities) == 3
    assert result[0].key == f"1|{ROOM.code}"


def test_groups_by_type_gather_offers_of_a_type_and_items_without_one():
    """Premises offers share one group; an item without a type is a group of its own."""
    found = [
        match(A, B, ROOM, rtype="premises"),
        match(C, B, KITCHEN, ROOM, rtype="premises"),
        match(C, A, VAN),
    ]
    result = groups.by_type(found)
    assert [(g.key, g.count, g.offerers, g.needers) for g in result] == [
        ("premises", 2, (A, C), (B,)),
        (VAN.code, 1, (C,), (A,)),
    ]
    assert result[1].item == VAN


@pytest.mark.parametrize(
    "dimension, organisation_id, expected",
    [
        ("", None, 3),
        ("installations", None, 3),
        ("identite", None, 1),  # the need side is enough
        ("", 3, 2),
        ("identite", 2, 0),
        ("gouvernance", None, 0),
    ],
)
def test_filter_opportunities_by_dimension_and_organisation(dimension, organisation_id, expected):
    """Dimension on either side; organisation as offerer or needer; both together."""
    found = [
        match(A, B, ROOM),
        match(C, B, VAN),
        match(A, C, ROOM, MISSION),
    ]
    kept = groups.filter_opportunities(found, dimension=dimension, organisation_id=organisation_id)
    assert len(kept) == expected


# The page ----------------------------------------------------------------------------


@pytest.fixture
def thirty(world):
    """30 organisations answering every item, with offers and needs (hundreds of matches)."""
    return fill_grid(world.project, 30)


def test_opportunities_page_at_30_organisations_is_under_100_rows_per_page(
    world, client_as, thirty
):
    """Issue 18's acceptance: grouped by offer, at most 25 rows a page, paged."""
    client = client_as(world.coordinator)
    content = text(client.get(url(world.project)))
    found = int(re.search(r"(\d+) opportunités repérées", content).group(1))
    offers = int(re.search(r"Elles viennent de (\d+) offres", content).group(1))
    assert found > 100  # one row per match would be too many
    assert offers > groups.PAGE_SIZE
    assert body_rows(content) == groups.PAGE_SIZE < 100
    assert "Page 1 sur" in content
    last = -(-offers // groups.PAGE_SIZE)
    content = text(client.get(url(world.project, page=last)))
    assert body_rows(content) == offers - (last - 1) * groups.PAGE_SIZE
    assert f"Page {last} sur {last}." in content


def test_opportunities_by_type_is_one_row_per_type(world, client_as, thirty):
    """The toggle groups by resource type: few rows, each with its count of matches."""
    content = text(client_as(world.advisor).get(url(world.project, regrouper="type")))
    types = int(re.search(r"Elles touchent (\d+) types? de ressource", content).group(1))
    assert body_rows(content) == types <= groups.PAGE_SIZE
    assert "rapprochements" in content
    assert (
        'class="table table-bordered align-top opportunities opportunities-by-type table-stack"'
        in (content)
    )


def test_paging_links_keep_the_filters(world, client_as, thirty):
    """Page links carry the grouping and filters; the filter narrows the count."""
    client = client_as(world.coordinator)
    everything = text(client.get(url(world.project)))
    total = int(re.search(r"(\d+) opportunités repérées", everything).group(1))
    org = thirty[0]
    content = text(client.get(url(world.project, organisation=org.pk, dimension="installations")))
    narrowed = int(re.search(r"(\d+) opportunités? repérées?", content).group(1))
    assert 0 < narrowed < total
    content = text(client.get(url(world.project, dimension="installations")))
    links = re.findall(r'class="page-link" href="([^"]+)"', content)
    assert links and all("dimension=installations" in link for link in links)
    assert any("page=2" in link for link in links)


def test_opportunities_unknown_filters_are_ignored(world, client_as, thirty):
    """A made-up dimension, grouping or page shows the first page of everything."""
    client = client_as(world.coordinator)
    plain = text(client.get(url(world.project)))
    odd = text(client.get(url(world.project, dimension="nope", regrouper="x", page="zz")))
    count = re.compile(r"(\d+) opportunités repérées")
    assert count.search(odd).group(1) == count.search(plain).group(1)
    assert "Page 1 sur" in odd


@pytest.fixture
def three(world):
    """A offers transport (B needs it); C offers premises (A and B need production)."""
    project = world.project
    set_reflexion(project, world.org_a)
    set_reflexion(project, world.org_b)
    other = submitted_organisation(project, "Maison des jeunes")
    portrait(project, world.org_a, TRANSPORT, offre="Camion réfrigéré libre le lundi")
    portrait(project, world.org_b, TRANSPORT, besoin="Transport réfrigéré")
    portrait(project, other, PREMISES, offre="Salle le samedi")
    portrait(project, world.org_a, PRODUCTION, besoin="Une cuisine")
    portrait(project, world.org_b, PRODUCTION, besoin="Cuisine le soir")
    return other


def test_offer_row_lists_the_organisations_that_need_it(world, client_as, three):
    """The premises offer is one row with its two needers, their needs in detail."""
    content = text(client_as(world.coordinator).get(url(world.project)))
    assert "3 opportunités repérées." in content and "Elles viennent de 2 offres." in content
    assert body_rows(content) == 2
    assert "2 organisations en ont besoin" in content
    assert "1 organisation en a besoin" in content
    assert "Cuisine le soir" in content and "Une cuisine" in content
    assert content.count("En faire une ressource mutualisée") == 2  # one per offer


def test_offer_rows_stack_as_labelled_cards_on_a_phone(world, client_as, three):
    """Below md each offer is a card (.table-stack): every cell names its column."""
    content = text(client_as(world.coordinator).get(url(world.project)))
    assert "opportunities-by-offer table-stack" in content
    body = content.split("<tbody>")[1].split("</tbody>")[0]
    cells = re.findall(r"<t[hd]\b[^>]*>", body)
    assert len(cells) == 2 * 5
    assert all("data-label=" in cell for cell in cells)
    for label in ("Qui offre", "Quoi", "Type de ressource", "Qui en a besoin", "Modélisation"):
        assert body.count(f'data-label="{label}"') == 2


def test_partner_sees_only_theirs_on_request(world, client_as, three):
    """« Seulement les miennes »: the partner's organisation offering or needing."""
    client = client_as(world.partner_b)
    content = text(client.get(url(world.project, miennes=1)))
    assert "Seulement les miennes" in content
    assert "2 opportunités repérées." in content
    assert "Salle le samedi" in content and "Camion réfrigéré libre le lundi" in content
    client = client_as(world.coordinator)  # not a partner: the box is not offered
    content = text(client.get(url(world.project, miennes=1)))
    assert "Seulement les miennes" not in content
    assert "3 opportunités repérées." in content


def test_filters_say_when_nothing_matches(world, client_as, three):
    """A filter with no match says so, rather than that nobody offers anything."""
    content = text(client_as(world.coordinator).get(url(world.project, dimension="identite")))
    assert "Aucune opportunité ne correspond à ces filtres." in content


@pytest.mark.parametrize("query", [{}, {"page": 2}, {"regrouper": "type"}])
@pytest.mark.parametrize("count", [3, 30])
def test_opportunities_query_count_is_fixed(
    world, client_as, django_assert_num_queries, count, query
):
    """3 or 30 organisations, any page or grouping: the same number of queries."""
    fill_grid(world.project, count)
    client = client_as(world.coordinator)
    with django_assert_num_queries(10):  # as test_views: the grid, resources, top bar
        response = client.get(url(world.project, **query))
    assert response.status_code == 200


@pytest.mark.parametrize("module", [groups, grid])
def test_doctests_hold(module):
    """The examples in the docstrings are true."""
    import doctest

    failures, tried = doctest.testmod(module)
    assert tried and not failures


def test_only_mine_without_a_submitted_portrait_shows_nothing(world, client_as, thirty):
    """A partner whose portrait is not submitted has no opportunity of its own yet."""
    content = text(client_as(world.partner_a).get(url(world.project, miennes=1)))
    assert "Aucune opportunité ne correspond à ces filtres." in content
    assert body_rows(content) == 0
