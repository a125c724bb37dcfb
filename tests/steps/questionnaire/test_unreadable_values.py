"""A stored answer that does not fit its question never breaks a page (issue 15, item 3)."""

import pytest
from django.urls import reverse

from projects.demo import COORDINATOR_EMAIL, DEMO_ORGANISATIONS, demo_organisation
from projects.models import User
from steps import catalogue
from steps.demo import build_demo_project
from steps.models import Answer
from steps.questionnaire import fields

pytestmark = pytest.mark.django_db

DATE_CODE = "reflexion.echeance-portraits"


@pytest.fixture
def damaged(client):
    project = build_demo_project()
    Answer.objects.filter(project=project, question_code=DATE_CODE).update(value={"day": 3})
    organisation = demo_organisation(project, next(iter(DEMO_ORGANISATIONS)))
    answer = Answer.objects.filter(
        project=project, organisation=organisation, question_code__startswith="impulsion."
    ).first()
    answer.value = {"inattendu": [1, 2]}
    answer.save()
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    return project, organisation, answer


def test_display_of_a_value_of_the_wrong_shape_says_unreadable():
    """display() turns an impossible value into « valeur illisible »."""
    question = catalogue.get_question(DATE_CODE)
    assert fields.display(question, {"day": 3}) == "valeur illisible"
    assert fields.from_storage(question, {"day": 3}) is None


@pytest.mark.parametrize("step", ["impulsion", "reflexion", "diagnostic", "modelisation"])
def test_step_pages_survive_unreadable_values(client, damaged, step):
    project, _organisation, _answer = damaged
    response = client.get(reverse("steps:step", args=[project.slug, step]))
    assert response.status_code == 200


def test_pages_of_one_organisation_survive_unreadable_values(client, damaged):
    project, organisation, _answer = damaged
    for url in (
        reverse("steps:dashboard", args=[project.slug]),
        reverse("steps:org_answers", args=[project.slug, "impulsion", organisation.pk]),
        reverse("steps:org_answers", args=[project.slug, "reflexion", organisation.pk]),
        reverse("steps:impulsion_synthesis", args=[project.slug]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.slow
def test_reports_survive_unreadable_values(client, damaged):
    project, organisation, _answer = damaged
    portrait = client.get(reverse("steps:report_portrait", args=[project.slug, organisation.pk]))
    assert portrait.status_code == 200
    # The dossier is built by a job (at once in the tests), then sent from the cache.
    assert client.get(reverse("steps:report_dossier", args=[project.slug])).status_code == 302
    dossier = client.get(reverse("steps:report_dossier", args=[project.slug]))
    assert dossier.status_code == 200
    assert dossier.getvalue().startswith(b"%PDF")
