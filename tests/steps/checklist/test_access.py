"""Who may read and tick the checklist (the rows of tests/matrix/checklist.py, checked here
on their own too): members read, the coordination and partners tick, others are refused."""

import pytest
from django.urls import reverse

from steps.models import ChecklistEntry
from tests.matrix import PERSONAS, POST
from tests.matrix.checklist import MATRIX, URL_KWARGS


def _url(name, world):
    kwargs = {"project_slug": world.project.slug}
    if name == "steps:checklist_save":
        kwargs["checklist_code"] = URL_KWARGS["checklist_code"](world)
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_the_matrix_says(name, persona, world, client_as):
    expected_profile, method = MATRIX[name]
    expected = expected_profile[persona]
    client = client_as(world.user(persona))
    url = _url(name, world)
    get_expected = 405 if method == POST and expected == 200 else expected
    assert client.get(url).status_code == get_expected
    if method == POST:
        status = client.post(url, {"checked": "on", "version": "0"}).status_code
        assert status == (302 if expected == 200 else expected)
        assert ChecklistEntry.objects.exists() == (expected == 200)


def test_another_projects_member_cannot_tick_this_project(world, client_as):
    """The outsider, a member of another project only, gets 404 here."""
    assert world.outsider.memberships.filter(project=world.other_project).exists()
    response = client_as(world.outsider).post(
        _url("steps:checklist_save", world), {"checked": "on", "version": "0"}
    )
    assert response.status_code == 404
    assert not ChecklistEntry.objects.exists()
