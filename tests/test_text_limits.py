"""Every free text has a maximum, said in French with the limit (issue 15, item 2)."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from mutualisation.text import TEXT_MAX
from steps.demo import build_demo_project
from steps.transfer.export import export_project
from steps.transfer.importer import ImportProblems, import_project
from tests.projects.test_organisations import _form_data, _url

# Written by the app itself, never typed by a person.
GENERATED = {("steps", "ConsentRound", "proposal")}


def test_text_limits_every_typed_text_field_has_a_maximum():
    """No TextField of ours is unbounded, in its form field and in its validators."""
    unbounded = []
    for model in apps.get_models():
        if model._meta.app_label not in ("projects", "steps"):
            continue
        for field in model._meta.concrete_fields:
            key = (model._meta.app_label, model.__name__, field.name)
            if isinstance(field, models.TextField) and key not in GENERATED:
                has_validator = any(
                    getattr(v, "limit_value", None) == field.max_length for v in field.validators
                )
                if not field.max_length or not has_validator:
                    unbounded.append(key)
    assert unbounded == []


@pytest.mark.django_db
def test_text_limits_a_huge_mission_is_refused_in_french_and_kept_in_the_form(world, client_as):
    """The 2.4 MB mission of the probe: refused with the limit, the input shown again."""
    mission = "Nourrir le Suroît. " * 130_000
    response = client_as(world.partner_a).post(
        _url("organisation_edit", world, world.org_a), _form_data(mission=mission)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "au plus 2000 caractères" in content
    world.org_a.refresh_from_db()
    assert world.org_a.mission != mission


@pytest.mark.django_db
def test_text_limits_risk_description_over_the_limit_is_refused(world, client_as):
    response = client_as(world.coordinator).post(
        reverse("steps:risk_create", args=[world.project.slug]),
        {
            "title": "Bris du camion",
            "description": "x" * (TEXT_MAX + 1),
            "probability": 2,
            "impact": 2,
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "caractères" in response.content.decode()


@pytest.mark.django_db
def test_text_limits_import_refuses_an_overlong_text():
    document = json.loads(json.dumps(export_project(build_demo_project())))
    document["risks"][0]["description"] = "x" * (TEXT_MAX + 1)
    with pytest.raises(ImportProblems) as error:
        import_project(document)
    assert any(
        "risks[1]" in problem and "description" in problem for problem in error.value.problems
    )
