"""Field builders: every question type round-trips between form input, storage and display."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from steps.catalogue.base import Choice, Question, QuestionType, Scope
from steps.questionnaire import fields
from tests.factories import MOTIVATIONS

T = QuestionType


def question(type_, **kwargs):
    return Question(f"test.{type_}", type_, Scope.ORGANISATION, "Libellé", "Label", **kwargs)


CHOICES = (Choice("a", "Choix A", "Choice A"), Choice("b", "Choix B", "Choice B"))


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr-ca"):
        yield


@pytest.mark.parametrize(
    ("type_", "kwargs", "raw", "stored", "shown"),
    [
        (T.SHORT_TEXT, {}, "  Un local au 2e  ", "Un local au 2e", "Un local au 2e"),
        (T.LONG_TEXT, {}, "Ligne 1\nLigne 2", "Ligne 1\nLigne 2", "Ligne 1\nLigne 2"),
        (T.SINGLE_CHOICE, {"choices": CHOICES}, "b", "b", "Choix B"),
        (
            T.SINGLE_CHOICE,
            {"choices": CHOICES, "allow_other": True},
            ["autre", "Un troisième choix"],
            {"choice": "autre", "other": "Un troisième choix"},
            "Autre : Un troisième choix",
        ),
        (
            T.MULTI_CHOICE,
            {"choices": CHOICES},
            ["a", "b"],
            {"choices": ["a", "b"], "other": ""},
            "Choix A · Choix B",
        ),
        (
            T.MULTI_CHOICE,
            {"choices": CHOICES, "allow_other": True},
            [["a", "autre"], "Partager un local"],
            {"choices": ["a", "autre"], "other": "Partager un local"},
            "Choix A · Autre : Partager un local",
        ),
        (T.APPRECIATION, {}, "faiblesse", "faiblesse", "Faiblesse"),
        (T.NUMBER, {}, "12,50", "12.5", "12,5"),
        (T.MONEY, {}, "1 234,56", "1234.56", "1\u202f234,56\u00a0$"),
        (T.DATE, {}, "2026-11-22", "2026-11-22", "22 novembre 2026"),
        (T.SCALE, {}, "4", 4, "4 / 5"),
    ],
)
def test_field_round_trip(type_, kwargs, raw, stored, shown):
    """Input → stored JSON → field initial → input again gives the same stored value."""
    q = question(type_, **kwargs)
    assert fields.clean(q, raw) == stored
    assert fields.display(q, stored) == shown
    data = fields.as_form_data(q, stored)
    assert fields.clean(q, fields.raw_value(q, data)) == stored
    # The form field accepts its own initial value.
    field = fields.create_field(q)
    assert isinstance(field, forms.Field)
    assert (
        fields.to_storage(q, field.clean(_initial_as_input(field, fields.from_storage(q, stored))))
        == stored
    )


def _initial_as_input(field, initial):
    if isinstance(initial, date):
        return initial.isoformat()
    return initial


@pytest.mark.parametrize("type_", list(T))
def test_field_empty_input_is_stored_as_none(type_):
    """Every type stores nothing (None) for an empty input, and it is not an answer."""
    kwargs = {"choices": CHOICES} if type_ in (T.SINGLE_CHOICE, T.MULTI_CHOICE) else {}
    q = question(type_, **kwargs)
    empty = [] if type_ == T.MULTI_CHOICE else ""
    assert fields.clean(q, empty) is None
    assert not fields.is_answered(None)
    assert fields.display(q, None) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234,56", Decimal("1234.56")),
        ("1234.56", Decimal("1234.56")),
        ("12,5 $", Decimal("12.5")),
        ("1\u202f234,5", Decimal("1234.5")),
        ("1,234.56", Decimal("1234.56")),
        ("$99", Decimal("99")),
        ("-40", Decimal("-40")),
    ],
)
def test_parse_decimal_accepts_french_and_english_writing(raw, expected):
    """Amounts typed the Québec or the English way are understood."""
    assert fields.parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "12..5", "1e5", "", "10" * 10])
def test_parse_decimal_refuses_nonsense(raw):
    """Letters, several separators, exponents and absurd sizes are refused."""
    with pytest.raises(ValueError):
        fields.parse_decimal(raw)


@pytest.mark.parametrize(
    ("type_", "kwargs", "raw", "message"),
    [
        (T.MONEY, {}, "beaucoup", "Entrez un montant en dollars"),
        (T.MONEY, {}, "12,345", "au plus deux décimales"),
        (T.NUMBER, {}, "douze", "Entrez un nombre"),
        (T.DATE, {}, "demain", "Entrez une date valide"),
        (T.SCALE, {}, "7", "de 1 à 5"),
        (T.APPRECIATION, {}, "excellent", "force, faiblesse ou neutre"),
        (T.SINGLE_CHOICE, {"choices": CHOICES}, "z", "Choisissez parmi les réponses proposées"),
        (T.SHORT_TEXT, {}, "x" * 501, "Au plus 500 caractères"),
        (
            T.MULTI_CHOICE,
            {"choices": CHOICES, "allow_other": True},
            [["autre"], ""],
            "Vous avez coché «\u00a0Autre\u00a0»\u00a0: précisez",
        ),
    ],
)
def test_field_errors_are_in_french(type_, kwargs, raw, message):
    """A bad input is refused with a French sentence that says what to type."""
    with pytest.raises(ValidationError) as error:
        fields.clean(question(type_, **kwargs), raw)
    assert message in " ".join(error.value.messages)


def test_multi_choice_keeps_other_text_when_autre_is_unticked():
    """Unticking « Autre » keeps the text typed (no loss) but it no longer counts."""
    q = question(T.MULTI_CHOICE, choices=CHOICES, allow_other=True)
    stored = fields.clean(q, [["a"], "Un texte tapé"])
    assert stored == {"choices": ["a"], "other": "Un texte tapé"}
    assert fields.display(q, stored) == "Choix A"


def test_multi_choice_groups_choices_by_family():
    """Grouped choices (motivation families) become Django option groups."""
    q = question(T.MULTI_CHOICE, choices=MOTIVATIONS, allow_other=True)
    field = fields.create_field(q)
    groups = [label for label, _options in field.fields[0].choices]
    assert groups == ["Économiques", "Stratégiques", "Philosophiques", "autre"]


def test_is_answered_needs_a_ticked_choice():
    """An empty multiple choice does not count as answered; zero does."""
    assert not fields.is_answered({"choices": [], "other": "texte"})
    assert fields.is_answered({"choices": ["a"], "other": ""})
    assert fields.is_answered("0")
    assert fields.is_answered(0)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "null",
        '""',
        '"a"',
        '"Une longue réponse"',
        "0",
        "4",
        '"12.5"',
        "[]",
        "[ ]",
        '["a"]',
        '{"choices": [], "other": ""}',
        '{"other": "texte", "choices": []}',  # PostgreSQL orders the keys its own way
        '{"choices": ["a"], "other": ""}',
        '{"choice": "autre", "other": "Un conseil"}',
    ],
)
def test_is_answered_json_agrees_with_is_answered(text):
    """Judging the JSON text as the database returns it gives the decoded value's verdict."""
    value = json.loads(text) if text else None
    assert fields.is_answered_json(text) is fields.is_answered(value)


def test_money_input_shows_french_decimal_comma():
    """A stored amount is shown in the field the way it is typed in French."""
    q = question(T.MONEY)
    assert fields.from_storage(q, "1234.50") == "1234,50"
    with translation.override("en"):
        assert fields.from_storage(q, "1234.50") == "1234.50"
