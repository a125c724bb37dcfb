"""The grid on the real catalogue: every dimension and item, at 3 and at 30 organisations."""

import pytest
from django.urls import reverse

from steps.catalogue import DIMENSIONS
from steps.diagnostic import selectors
from steps.models import ProjectDimension
from tests.factories import fill_grid


def test_grid_covers_every_catalogue_item(world):
    """Without chosen dimensions, every item of every dimension is a row."""
    fill_grid(world.project, 2, DIMENSIONS)
    data = selectors.build_grid(world.project)
    assert [section.code for section in data.sections] == [d.code for d in DIMENSIONS]
    assert [line.code for line in data.lines] == [
        item.code for dimension in DIMENSIONS for item in dimension.items
    ]
    assert data.resource_types["reflexion.installations.transport"] == "transport"


def test_grid_keeps_catalogue_order_of_chosen_dimensions(world):
    """Chosen dimensions keep the catalogue's order."""
    codes = [DIMENSIONS[-1].code, DIMENSIONS[0].code]
    for code in codes:
        ProjectDimension.objects.create(project=world.project, code=code)
    data = selectors.build_grid(world.project)
    assert [section.code for section in data.sections] == [DIMENSIONS[0].code, codes[0]]


@pytest.mark.parametrize("count", [3, 30])
def test_grid_page_every_item_same_queries(world, client_as, django_assert_num_queries, count):
    """30 organisations × every catalogue item cost the same queries as 3, whether the
    grid shows its first dimension (the default) or all of them."""
    fill_grid(world.project, count, DIMENSIONS)
    client = client_as(world.coordinator)
    grid_url = reverse("steps:grid", args=[world.project.slug])
    # … with the bell of the top bar and the rows' comment counts (one query)
    with django_assert_num_queries(10):
        response = client.get(grid_url, {"dimension": "toutes"})
    assert response.status_code == 200
    assert response.content.decode().count('class="org-cell"') == count * sum(
        len(d.items) for d in DIMENSIONS
    )
    with django_assert_num_queries(10):
        response = client.get(grid_url)
    assert response.content.decode().count('class="org-cell"') == count * len(DIMENSIONS[0].items)
