"""Markup the questionnaire pages build in Python for speed is Django's very own markup."""

import pytest
from django.urls import reverse

from steps.catalogue.base import Question, QuestionType, Scope
from steps.listing import url_of_each
from steps.questionnaire.forms import QuestionnaireForm, widget_html

T = QuestionType
TEXT_LIKE = [T.SHORT_TEXT, T.LONG_TEXT, T.NUMBER, T.MONEY, T.DATE]
HOSTILE = 'Un « camion » <script>alert("x")</script> & l\'entrepôt'


def question(type_, code="test.q", help_fr="Une aide."):
    return Question(code, type_, Scope.ORGANISATION, "Libellé", "Label", help_fr, "Help.")


class StoredAnswer:
    def __init__(self, value):
        self.value, self.version = value, 3


@pytest.mark.parametrize("type_", TEXT_LIKE)
@pytest.mark.parametrize(
    "stored", [None, "12,5", "2026-11-22", HOSTILE, "Ligne 1\nLigne 2"], ids=str
)
def test_widget_html_is_djangos_rendering_of_a_stored_answer(type_, stored):
    """Unbound, with or without a stored value, help and aria attributes included."""
    q = question(type_)
    answers = {q.code: StoredAnswer(stored)} if stored is not None else {}
    form = QuestionnaireForm(questions=[q], answers=answers)
    form.rows()  # sets aria-describedby on the widget, as the pages do
    assert widget_html(form[q.code]) == str(form[q.code])


@pytest.mark.parametrize("type_", TEXT_LIKE)
@pytest.mark.parametrize("posted", ["", "pas un nombre", "31/02/2026", HOSTILE, "x" * 600])
def test_widget_html_is_djangos_rendering_of_posted_input(type_, posted):
    """Bound to the user's input, with its errors (aria-invalid and aria-describedby)."""
    q = question(type_, help_fr="")
    form = QuestionnaireForm({q.code: posted}, questions=[q], answers={})
    form.is_valid()
    form.rows()
    assert widget_html(form[q.code]) == str(form[q.code])


def test_widget_html_leaves_choices_to_django():
    """A radio list is not a text-like widget: it is rendered by Django itself."""
    q = question(T.APPRECIATION)
    form = QuestionnaireForm(questions=[q], answers={})
    assert widget_html(form[q.code]) == str(form[q.code])


@pytest.mark.parametrize("slug", ["0", "projet-10", "coop-2026"])
@pytest.mark.parametrize("pk", [1, 10, 1234567])
def test_id_url_matches_reverse(slug, pk):
    """URLs built from one reverse() are the URLs reverse() gives for each id."""
    org_answers = url_of_each("steps:org_answers", slug, "reflexion")
    history = url_of_each("steps:history", slug)
    assert org_answers(pk) == reverse("steps:org_answers", args=[slug, "reflexion", pk])
    assert history(pk) == reverse("steps:history", args=[slug, pk])
