"""Draft marks: answers not yet submitted carry « BROUILLON — non soumis » in the reports,
the dossier's cover lists the organisations still in draft, and the pages' rule decides
who sees a draft at all (a partner sees its own organisation's drafts only)."""

import io
import re

import pytest
from pypdf import PdfReader

from mutualisation.pdf import render_html
from projects.models import Membership
from steps import catalogue
from steps.catalogue.base import QuestionType, Scope
from steps.demo import build_demo_project
from steps.models import Answer, StepStatus
from steps.questionnaire.selectors import load_state
from steps.reports import dossier, portrait
from steps.reports.answers import scope_answers
from steps.reports.common import FullView, render

BAND = "BROUILLON — non soumis"
DRAFT_ORGANISATION = "CDC de la Vallée-des-Moulins"


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("&#x27;", "'").replace("’", "'"))


def _pdf_pages(content: bytes) -> list[str]:
    return [_plain(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def _question(question_type):
    return next(
        q
        for q in catalogue.questions_for("impulsion", Scope.ORGANISATION)
        if q.type == question_type
    )


def _answer(world, organisation, text, status=StepStatus.Status.IN_PROGRESS):
    Answer.objects.create(
        project=world.project,
        organisation=organisation,
        question_code=_question(QuestionType.LONG_TEXT).code,
        value=text,
    )
    StepStatus.objects.update_or_create(
        project=world.project,
        organisation=organisation,
        step="impulsion",
        defaults={"status": status},
    )


def _membership(world, user):
    return Membership.objects.get(project=world.project, user=user)


def _portrait_html(world, membership, organisation) -> str:
    context = portrait.build_portrait_context(membership, world.project, organisation=organisation)
    return _plain(render_html("pdf/portrait.html", context))


def _dossier_html(world, membership) -> str:
    context = dossier.build_dossier_context(membership, world.project)
    return _plain(render_html("pdf/dossier.html", context))


def _cover(html: str) -> str:
    return html[html.index('class="cover') : html.index('<nav class="toc">')]


def test_scope_is_a_draft_when_shown_and_not_submitted(world):
    _answer(world, world.org_a, "Nos besoins, en brouillon.")
    state = load_state(world.project)
    answers = scope_answers(state, FullView(), "impulsion", world.org_a)
    assert answers.visible and answers.is_draft
    empty = scope_answers(state, FullView(), "impulsion", world.org_b)
    assert not empty.is_draft  # nothing to mark: no answer at all
    hidden = scope_answers(state, _membership(world, world.partner_b), "impulsion", world.org_a)
    assert not hidden.visible and not hidden.is_draft


def test_portrait_of_a_draft_carries_the_band_and_a_submitted_one_does_not(world):
    _answer(world, world.org_a, "Nos besoins, en brouillon.")
    html = _portrait_html(world, None, world.org_a)
    assert BAND in html
    assert "Étape 1 · Impulsion — <strong>en cours, non soumise</strong>" in html
    StepStatus.objects.filter(organisation=world.org_a).update(status=StepStatus.Status.SUBMITTED)
    html = _portrait_html(world, None, world.org_a)
    assert "Nos besoins, en brouillon." in html
    assert BAND not in html
    assert "Étape 1 · Impulsion — soumise" in html


def test_dossier_cover_lists_the_organisations_still_in_draft(world):
    _answer(world, world.org_a, "Nos besoins, en brouillon.")
    _answer(world, world.org_b, "Les besoins de B.", status=StepStatus.Status.SUBMITTED)
    cover = _cover(_dossier_html(world, _membership(world, world.advisor)))
    assert "Réponses encore en brouillon" in cover
    impulsion, reflexion = re.findall(r'<p class="draft-step">(.*?)</p>', cover, re.S)
    assert "Étape 1 · Impulsion" in impulsion
    assert 'Banque alimentaire du Suroît <span class="muted">(en cours)</span>' in impulsion
    assert "Cuisine collective Beauharnois" not in impulsion
    assert "Étape 2 · Réflexion" in reflexion
    assert "(pas commencée)" in reflexion  # neither has started its portrait


def test_partner_dossier_marks_its_own_draft_and_leaves_out_the_others(world):
    _answer(world, world.org_a, "Le brouillon de A.")
    _answer(world, world.org_b, "Brouillon secret de B")
    html = _dossier_html(world, _membership(world, world.partner_a))
    assert "Le brouillon de A." in html
    assert "Brouillon secret de B" not in html
    assert html.count(BAND) >= 2  # A's answers, and the synthesis that counts them
    assert 'Cuisine collective Beauharnois <span class="muted">(en cours, réponses non ' in (
        _cover(html)
    )
    advisor = _dossier_html(world, _membership(world, world.advisor))
    assert "Brouillon secret de B" in advisor
    assert advisor.count(BAND) > html.count(BAND)


def test_synthesis_marks_the_motivations_of_a_draft(world):
    question = _question(QuestionType.MULTI_CHOICE)
    choice = question.choices[0]
    for organisation, status in [
        (world.org_a, StepStatus.Status.IN_PROGRESS),
        (world.org_b, StepStatus.Status.SUBMITTED),
    ]:
        Answer.objects.create(
            project=world.project,
            organisation=organisation,
            question_code=question.code,
            value=[choice.code],
        )
        StepStatus.objects.create(
            project=world.project, organisation=organisation, step="impulsion", status=status
        )
    context = dossier.build_dossier_context(None, world.project)
    assert [o.name for o in context["synthesis"]["drafts"]] == ["Banque alimentaire du Suroît"]
    rows = [
        names
        for _q, groups, _o in context["synthesis"]["tables"]
        for _g, r in groups
        for *_x, names in r
    ]
    assert ["Banque alimentaire du Suroît (brouillon)", "Cuisine collective Beauharnois"] in rows


@pytest.mark.slow
def test_demo_draft_organisation_is_marked_in_its_portrait_and_in_the_dossier(db):
    """The acceptance: the demo's draft réflexion is marked in both PDFs; a submitted
    organisation's portrait is not."""
    project = build_demo_project()
    organisations = {o.name: o for o in project.organisations.all()}
    draft = organisations[DRAFT_ORGANISATION]
    result = render("portrait", portrait.build_portrait_context(None, project, organisation=draft))
    text = " ".join(_pdf_pages(result.content))
    assert BAND in text
    assert "Étape 2 · Réflexion — en cours, non soumise" in text
    submitted = organisations["CDC des Seigneuries"]
    result = render(
        "portrait", portrait.build_portrait_context(None, project, organisation=submitted)
    )
    assert BAND not in " ".join(_pdf_pages(result.content))

    pages = _pdf_pages(render("dossier", dossier.build_dossier_context(None, project)).content)
    assert "Réponses encore en brouillon" in pages[0]
    assert f"Étape 2 · Réflexion : {DRAFT_ORGANISATION} (en cours)" in pages[0]
    banded = [page for page in pages[2:] if BAND in page]
    assert any(DRAFT_ORGANISATION in page for page in banded)
