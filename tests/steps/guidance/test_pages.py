"""The forms of agreement, where to get help and the credits (issue 19, items 5 and 7), and
the links that lead to them from the project's pages."""

import io

import docx as python_docx
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from projects.method import STEPS
from steps.guidance.help import CREDITS, READINGS, SUPPORT_BODIES, help_for_step
from steps.guidance.legal_forms import LEGAL_FORMS
from steps.modelling.agreement import DRAFT_NOTICE
from steps.models import OperatingModel
from steps.reports.agreement import build_agreement_context
from tests.factories import (
    TRANSPORT,
    OperatingModelFactory,
    TruckFactory,
    portrait,
    set_reflexion,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace("&#x27;", "'").replace("\u00a0", " ")


# --- Forms of agreement ---------------------------------------------------------------


def test_legal_forms_cover_the_choices_of_the_operating_model():
    """One explained form per choice of `OperatingModel.Form`, lightest first."""
    assert [form.code for form in LEGAL_FORMS] == list(OperatingModel.Form.values)
    assert [form.level for form in LEGAL_FORMS] == sorted(form.level for form in LEGAL_FORMS)


def test_legal_forms_page_explains_each_form_and_the_notice(client):
    page = _text(client.get(reverse("legal_forms")))
    for form in LEGAL_FORMS:
        assert f'id="forme-{form.code}"' in page
        assert str(form.name) in page
        assert str(form.fits_when).replace("\u00a0", " ") in page
    assert "Coopérative d'employeurs" in page
    assert "Coopérative d'activités et d'emploi" in page
    assert "professionnel·le du droit" in page
    assert "Centre de justice de proximité" in page


def test_legal_forms_page_renders_in_english(client, settings):
    settings.LANGUAGES = [("fr-ca", "Français"), ("en", "English")]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("legal_forms"))
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


# --- The agreement draft's notice, on every medium ------------------------------------


def test_draft_notice_says_a_draft_for_the_parties_to_review_with_a_lawyer_if_needed():
    notice = str(DRAFT_NOTICE)
    assert "projet d'entente" in notice
    assert "chacune des parties" in notice
    assert "au besoin" in notice and "professionnelle du droit" in notice


def test_agreement_page_links_the_forms_of_agreement(world, client_as):
    page = _text(
        client_as(world.partner_a).get(reverse("steps:agreement", args=[world.project.slug]))
    )
    assert str(DRAFT_NOTICE) in page
    assert f'href="{reverse("legal_forms")}"' in page


def test_agreement_pdf_html_and_docx_carry_the_notice(world, client_as):
    context = build_agreement_context(None, world.project)
    html = render_to_string("pdf/entente.html", context).replace("&#x27;", "'")
    assert str(DRAFT_NOTICE) in html
    response = client_as(world.advisor).get(
        reverse("steps:agreement_docx", args=[world.project.slug])
    )
    document = python_docx.Document(io.BytesIO(response.content))
    assert str(DRAFT_NOTICE) in [paragraph.text for paragraph in document.paragraphs]


def test_operating_model_page_links_the_chosen_form(world, client_as):
    OperatingModelFactory(project=world.project, formalisation=OperatingModel.Form.CONTRACT)
    page = _text(
        client_as(world.advisor).get(reverse("steps:operating_model", args=[world.project.slug]))
    )
    assert f'href="{reverse("legal_forms")}#forme-contract"' in page


# --- Links to the inspiring cases ------------------------------------------------------


def test_opportunities_and_resources_pages_link_the_cases(world, client_as):
    client = client_as(world.partner_b)
    for name in ("steps:opportunities", "steps:resources"):
        page = _text(client.get(reverse(name, args=[world.project.slug])))
        assert f'href="{reverse("inspiring_cases")}"' in page, name


@pytest.mark.parametrize("grouping", ["offre", "type"])
def test_opportunity_rows_link_the_cases_of_their_resource_type(world, client_as, grouping):
    """A truck offered by A and needed by B: its row leads to the transport cases."""
    set_reflexion(world.project, world.org_a)
    set_reflexion(world.project, world.org_b)
    portrait(world.project, world.org_a, TRANSPORT, appreciation="force", offre="Camion")
    portrait(world.project, world.org_b, TRANSPORT, appreciation="faiblesse", besoin="Camion")
    url = reverse("steps:opportunities", args=[world.project.slug]) + f"?regrouper={grouping}"
    page = _text(client_as(world.coordinator).get(url))
    assert f'href="{reverse("inspiring_cases")}?type=transport"' in page


def test_resource_page_links_the_cases_of_its_type(world, client_as):
    truck = TruckFactory(project=world.project)
    url = reverse("steps:resource_detail", args=[world.project.slug, truck.pk])
    page = _text(client_as(world.partner_a).get(url))
    assert f'href="{reverse("inspiring_cases")}?type=transport"' in page


# --- Where to get help and the credits -------------------------------------------------


def test_about_method_page_shows_help_readings_and_complete_credits(client):
    page = _text(client.get(reverse("about_method")))
    assert "Où trouver de l'aide" in page
    for body in SUPPORT_BODIES:
        assert body.name.replace("\u00a0", " ") in page
    for reading in READINGS:
        assert reading.title.replace("\u00a0", " ") in page
    for credit in CREDITS:
        assert credit.people.replace("\u00a0", " ") in page
    for expected in (
        "Forum québécois du loisir",
        "7 février 2024",
        "George Krump",
        "Développement social Laurentides et sa communauté de pratique, avec le TIESS",
        "mai 2025",
        "Concertation Horizon",
        "Pénélope Roberge",
        "18 juin 2025",
    ):
        assert expected in page
    assert f'href="{reverse("legal_forms")}"' in page
    assert f'href="{reverse("inspiring_cases")}"' in page


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.code)
def test_every_step_has_somewhere_to_turn(step):
    bodies, readings = help_for_step(step.code)
    assert bodies or readings


@pytest.mark.parametrize(
    "step_code, expected",
    [
        ("modelisation", "Centre de justice de proximité"),
        ("evaluation", "La mutualisation et ses impacts : modèle logique commun"),
        ("reflexion", "choisir ses partenaires"),
    ],
)
def test_step_page_shows_its_help_box(world, client_as, step_code, expected):
    url = reverse("steps:step", args=[world.project.slug, step_code])
    page = _text(client_as(world.partner_a).get(url))
    assert "Où trouver de l'aide" in page
    assert expected in page


def test_step_page_help_box_links_the_forms_at_modelling(world, client_as):
    url = reverse("steps:step", args=[world.project.slug, "modelisation"])
    page = _text(client_as(world.coordinator).get(url))
    assert f'href="{reverse("legal_forms")}"' in page
