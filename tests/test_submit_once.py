"""A create form sent twice creates one object (issue 15, item 6)."""

import html
import re

import pytest
from django.urls import reverse

from steps.models import Action, Axis, PooledResource
from tests.steps.planning.test_actions import _action_data
from tests.steps.resources.test_views import PLANER_FORM

pytestmark = pytest.mark.django_db


def _token(page) -> str:
    return re.search(r'name="envoi_unique" value="([^"]+)"', page.content.decode()).group(1)


def test_submit_once_action_sent_twice_is_created_once(client_as, world):
    client = client_as(world.coordinator)
    url = reverse("steps:action_create", args=[world.project.slug])
    token = _token(client.get(url))
    data = _action_data(title="Acheter le camion", envoi_unique=token)

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert first.status_code == 302
    assert Action.objects.filter(title="Acheter le camion").count() == 1
    assert "rien n'a été créé en double" in html.unescape(second.content.decode())


def test_submit_once_each_page_view_gives_a_new_token(client_as, world):
    client = client_as(world.coordinator)
    url = reverse("steps:axis_create", args=[world.project.slug])
    assert _token(client.get(url)) != _token(client.get(url))
    token = _token(client.get(url))
    client.post(url, {"title": "Axe 1", "order": 1, "envoi_unique": token})
    client.post(url, {"title": "Axe 2", "order": 2, "envoi_unique": _token(client.get(url))})
    assert Axis.objects.filter(project=world.project).count() == 2


def test_submit_once_an_invalid_form_claims_nothing(client_as, world):
    """A refused form can be corrected and sent again with the same token."""
    client = client_as(world.coordinator)
    url = reverse("steps:axis_create", args=[world.project.slug])
    token = _token(client.get(url))
    assert client.post(url, {"title": "", "order": 1, "envoi_unique": token}).status_code == 200
    assert client.post(url, {"title": "Axe", "order": 1, "envoi_unique": token}).status_code == 302


def test_submit_once_resource_sent_twice_is_created_once(client_as, world):
    client = client_as(world.coordinator)
    url = reverse("steps:resource_create", args=[world.project.slug])
    data = {**PLANER_FORM, "envoi_unique": _token(client.get(url))}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert PooledResource.objects.filter(project=world.project).count() == 1


def test_submit_once_edit_forms_have_no_token(client_as, world):
    client = client_as(world.coordinator)
    axis = Axis.objects.create(project=world.project, title="Axe", order=1)
    page = client.get(reverse("steps:axis_edit", args=[world.project.slug, axis.pk]))
    assert "envoi_unique" not in page.content.decode()
