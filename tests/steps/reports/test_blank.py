"""Blank questionnaires (a step's) and blank portraits (an organisation's), PDF and Word:
the questions with their help, boxes and lines, never an answer."""

import io
import re

import docx as python_docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from projects.models import Membership
from steps import catalogue
from steps.catalogue.base import QuestionType, Scope
from steps.models import Answer, ProjectDimension
from steps.reports import blank, docx
from tests.factories import ExtraPortraitItemFactory, OrganisationFactory, submit

pytestmark = pytest.mark.django_db

SECRET = "Réponse confidentielle 4471"


def _plain(text: str) -> str:
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def _pdf_text(content: bytes) -> str:
    return _plain(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def _docx(content: bytes):
    return python_docx.Document(io.BytesIO(content))


def _docx_text(document) -> str:
    return _plain(" ".join(paragraph.text for paragraph in document.paragraphs))


def _url(world, step="impulsion", fmt="pdf"):
    return reverse("steps:blank_questionnaire", args=[world.project.slug, step, fmt])


def _portrait_url(world, organisation=None, fmt="pdf"):
    organisation = organisation or world.org_a
    return reverse("steps:blank_portrait", args=[world.project.slug, organisation.pk, fmt])


@pytest.fixture
def answered(world):
    """Answers everywhere, none of which may show on a blank questionnaire."""
    for organisation in (world.org_a, None):
        for question in catalogue.STEP_CONTENT["impulsion"].questions():
            expected = Scope.PROJECT if organisation is None else Scope.ORGANISATION
            if question.type == QuestionType.LONG_TEXT and question.scope == expected:
                Answer.objects.create(
                    project=world.project,
                    organisation=organisation,
                    question_code=question.code,
                    value=SECRET,
                )
    Answer.objects.create(
        project=world.project,
        organisation=world.org_a,
        question_code="reflexion.identite.mission.description",
        value=SECRET,
    )
    return world


def _questions(step, scope):
    return catalogue.questions_for(step, scope)


def test_blank_questionnaire_pdf_has_every_question_and_no_answer(answered, client_as):
    response = client_as(answered.partner_b).get(_url(answered))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.search(
        r'filename="questionnaire-vierge-.*-impulsion-[\d-]+\.pdf"',
        response["Content-Disposition"],
    )
    text = _pdf_text(response.content)
    for scope in (Scope.ORGANISATION, Scope.PROJECT):
        for question in _questions("impulsion", scope):
            # pypdf may cut a long label across lines: its beginning is enough.
            assert _plain(question.label)[:40] in text, question.code
    first_help = _questions("impulsion", Scope.ORGANISATION)[0].help
    assert _plain(first_help)[:40] in text
    assert "Questions pour chaque organisation" in text
    assert "Questions pour l'ensemble du projet" in text
    assert "☐" in text  # boxes to tick
    assert SECRET not in text


def test_blank_questionnaire_docx_has_every_question_and_no_answer(answered, client_as):
    response = client_as(answered.advisor).get(_url(answered, fmt="docx"))
    assert response["Content-Type"] == docx.CONTENT_TYPE
    document = _docx(response.content)
    text = _docx_text(document)
    for scope in (Scope.ORGANISATION, Scope.PROJECT):
        for question in _questions("impulsion", scope):
            assert _plain(question.label) in text, question.code
            assert _plain(question.help) in text, question.code
    styles = {paragraph.style.name for paragraph in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", docx.LINE_STYLE} <= styles
    motivations = next(
        q for q in _questions("impulsion", Scope.ORGANISATION) if q.type == "multi_choice"
    )
    for choice in motivations.choices:
        assert f"☐ {_plain(choice.label)}" in text
    assert "☐ Autre, précisez" in text
    assert SECRET not in text
    assert document.core_properties.language == "fr-CA"


def test_blank_reflexion_has_the_chosen_dimensions_only(world, client_as):
    ProjectDimension.objects.create(project=world.project, code="identite")
    response = client_as(world.partner_a).get(_url(world, "reflexion", "docx"))
    document = _docx(response.content)
    headings2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Identité" in headings2
    assert not {d.title for d in catalogue.DIMENSIONS if d.code != "identite"} & set(headings2)
    items = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert items == [item.label for item in catalogue.DIMENSIONS_BY_CODE["identite"].items]
    text = _docx_text(document)
    assert "☐ Force ☐ Faiblesse ☐ Neutre" in text
    for question in _questions("reflexion", Scope.ORGANISATION):
        assert _plain(question.label) in text


def test_blank_reflexion_pdf_has_the_portrait_and_the_other_questions(world, client_as):
    ProjectDimension.objects.create(project=world.project, code="gouvernance")
    response = client_as(world.coordinator).get(_url(world, "reflexion"))
    text = _pdf_text(response.content)
    dimension = catalogue.DIMENSIONS_BY_CODE["gouvernance"]
    assert dimension.title in text
    for item in dimension.items:
        assert _plain(item.label)[:30] in text
    assert "Ce que nous pouvons offrir" in text and "Ce dont nous avons besoin" in text
    assert "Identité" not in text
    for question in _questions("reflexion", Scope.PROJECT):
        assert _plain(question.label)[:40] in text


@pytest.mark.parametrize("step", ["diagnostic", "modelisation", "realisation", "evaluation"])
def test_blank_questionnaire_of_project_steps(world, client_as, step):
    document = _docx(client_as(world.partner_a).get(_url(world, step, "docx")).content)
    headings1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings1 == ["Questions pour l'ensemble du projet"]
    text = _docx_text(document)
    for question in _questions(step, Scope.PROJECT):
        assert _plain(question.label) in text


def test_blank_portrait_has_the_organisation_name_and_its_own_items(world, client_as):
    ExtraPortraitItemFactory(
        project=world.project, organisation=world.org_a, dimension="identite", label="Frigo"
    )
    own = _docx(client_as(world.partner_a).get(_portrait_url(world, fmt="docx")).content)
    assert [p.text for p in own.paragraphs if p.style.name == "Title"] == [
        f"Portrait de {world.org_a.name}"
    ]
    assert "Frigo" in [p.text for p in own.paragraphs if p.style.name == "Heading 3"]
    # Organisation A's portrait is a draft: B's partner gets the blank form without A's items.
    other = _docx(client_as(world.partner_b).get(_portrait_url(world, fmt="docx")).content)
    assert world.org_a.name in _docx_text(other)
    assert "Frigo" not in _docx_text(other)
    submit(world.project, world.org_a, "reflexion")
    shared = _docx(client_as(world.partner_b).get(_portrait_url(world, fmt="docx")).content)
    assert "Frigo" in _docx_text(shared)


def test_blank_portrait_pdf_has_the_name_and_no_answer(answered, client_as):
    response = client_as(answered.partner_b).get(_portrait_url(answered))
    assert response.status_code == 200
    assert re.search(
        r'filename="portrait-vierge-banque-alimentaire-du-suroit-', response["Content-Disposition"]
    )
    text = _pdf_text(response.content)
    assert f"Portrait de {answered.org_a.name}" in text
    assert "Mission, vision, valeurs" in text
    assert SECRET not in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("outsider", 404), ("partner_b", 200), ("advisor", 200)],
)
def test_blank_documents_are_for_every_member(world, client_as, persona, status):
    client = client_as(world.user(persona))
    assert client.get(_url(world, fmt="docx")).status_code == status
    assert client.get(_portrait_url(world, fmt="docx")).status_code == status


def test_blank_documents_refuse_unknown_formats_and_organisations(world, client_as):
    client = client_as(world.coordinator)
    assert client.get(_url(world, fmt="odt")).status_code == 404
    assert client.get(_portrait_url(world, fmt="html")).status_code == 404
    stranger = OrganisationFactory()
    world.other_project.organisations.add(stranger)
    assert client.get(_portrait_url(world, stranger, "docx")).status_code == 404


def test_step_page_links_the_blank_questionnaires(world, client_as):
    page = client_as(world.advisor).get(
        reverse("steps:step", args=[world.project.slug, "impulsion"])
    )
    html = page.content.decode()
    assert _url(world, fmt="pdf") in html and _url(world, fmt="docx") in html


def test_blank_documents_read_a_fixed_number_of_queries(world):
    def count(build):
        with CaptureQueriesContext(connection) as queries:
            build()
        return len(queries)

    advisor = Membership.objects.get(user=world.advisor, project=world.project)
    step = count(lambda: blank.blank_step(world.project, "reflexion"))
    portrait = count(lambda: blank.blank_portrait(world.project, world.org_a, advisor))
    for _ in range(4):
        world.project.organisations.add(OrganisationFactory())
    assert count(lambda: blank.blank_step(world.project, "reflexion")) == step == 1
    assert count(lambda: blank.blank_portrait(world.project, world.org_a, advisor)) == portrait


def test_blank_fields_by_question_type():
    def field_of(kind):
        question = next(q for q in catalogue.all_questions() if q.type == kind)
        return blank.blank_field(question)

    assert field_of(QuestionType.LONG_TEXT).lines == 5
    assert field_of(QuestionType.SHORT_TEXT).lines == 1
    assert field_of(QuestionType.MONEY).lead == "Montant en dollars\u00a0:"
    assert field_of(QuestionType.DATE).lead.startswith("Date")
    assert field_of(QuestionType.SCALE).labels == ["1", "2", "3", "4", "5"]
    assert field_of(QuestionType.APPRECIATION).labels == ["Force", "Faiblesse", "Neutre"]
    single = field_of(QuestionType.SINGLE_CHOICE)
    assert single.kind == "boxes" and single.hint == "une seule réponse"
