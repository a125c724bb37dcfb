"""Numbers typed in URLs and forms go through one gate; NUL characters are refused
(issue 15, item 4: the probe's reproductions now answer in French, never 500)."""

import pytest
from django.urls import reverse

from mutualisation.params import int_param
from steps.models import ExtraPortraitItem
from tests.factories import PooledResourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12", 12),
        ("0", 0),
        ("²", None),
        ("١٢", None),  # Arabic-Indic digits: isdigit() says yes, we say no
        ("-3", None),
        (" 4", None),
        ("99999999999999999999", None),
        ("2147483648", None),
        ("", None),
        (None, None),
        (["1"], None),
    ],
)
def test_int_param_accepts_plain_bounded_digits_only(text, expected):
    assert int_param(text) == expected


def test_int_param_bounds():
    assert int_param("3", minimum=1, maximum=3) == 3
    assert int_param("4", minimum=1, maximum=3) is None
    assert int_param("0", minimum=1) is None


@pytest.mark.parametrize(
    "query",
    ["?page=²", "?action=²", "?page=99999999999999999999", "?action=99999999999999999999"],
)
def test_action_plan_strange_numbers_show_the_first_page(client_as, world, query):
    response = client_as(world.advisor).get(
        reverse("steps:actions", args=[world.project.slug]) + query
    )
    assert response.status_code == 200


def test_indicator_create_strange_effect_is_ignored(client_as, world):
    url = reverse("steps:indicator_create", args=[world.project.slug])
    assert client_as(world.coordinator).get(url + "?effet=²").status_code == 200


def test_risk_create_strange_remedy_is_ignored(client_as, world):
    url = reverse("steps:risk_create", args=[world.project.slug])
    client = client_as(world.coordinator)
    for remedy in ("²", "99999999999999999999", "999"):
        assert client.get(f"{url}?enjeu=legitimite&remede={remedy}").status_code == 200


def test_autosave_strange_organisation_is_404(client_as, world):
    response = client_as(world.partner_a).post(
        reverse("steps:autosave", args=[world.project.slug]),
        {"organisation_id": "²", "question_code": "x", "base_version": "0"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 404


def test_autosave_strange_version_is_a_clear_refusal(client_as, world):
    response = client_as(world.partner_a).post(
        reverse("steps:autosave", args=[world.project.slug]),
        {"organisation_id": str(world.org_a.pk), "question_code": "x", "base_version": "²"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"


def test_resource_preview_strange_resource_is_a_new_one(client_as, world):
    response = client_as(world.coordinator).post(
        reverse("steps:resource_preview", args=[world.project.slug]), {"resource": "²"}
    )
    assert response.status_code == 200


def test_commitments_strange_organisation_is_refused_in_the_form(client_as, world):
    resource = PooledResourceFactory(project=world.project)
    response = client_as(world.coordinator).post(
        reverse("steps:commitments", args=[world.project.slug, resource.pk]),
        {
            "eng-TOTAL_FORMS": "1",
            "eng-INITIAL_FORMS": "0",
            "eng-0-organisation": "²",
            "eng-0-planned_uses": "3",
        },
    )
    assert response.status_code in (200, 302)


def test_invite_strange_organisation_is_ignored(client_as, world):
    url = reverse("projects:invite", args=[world.project.slug])
    assert client_as(world.coordinator).get(url + "?organisation=²").status_code == 200


def test_nul_character_in_a_form_is_refused_in_french(client_as, world):
    """A NUL in an « autre » item label never reaches the database."""
    response = client_as(world.partner_a).post(
        reverse("steps:extra_item_add", args=[world.project.slug, world.org_a.pk]),
        {"dimension": "identite", "label": "Cuisine\x00commune"},
    )
    assert response.status_code == 400
    assert "Demande invalide" in response.content.decode()
    assert not ExtraPortraitItem.objects.exists()


def test_nul_character_in_a_query_string_is_refused(client_as, world):
    response = client_as(world.advisor).get(
        reverse("steps:actions", args=[world.project.slug]) + "?q=a%00b"
    )
    assert response.status_code == 400
