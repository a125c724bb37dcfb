"""fr-CA formatting of numbers, money and dates."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from mutualisation.formats import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_quantity,
    format_short_date,
    format_time,
    is_plural,
    plural_count,
    unit_name,
)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.56"), f"1{NNBSP}234,56{NBSP}$"),
        (Decimal("37.835"), f"37,84{NBSP}$"),
        (0, f"0,00{NBSP}$"),
        (Decimal("-5"), f"-5,00{NBSP}$"),
        (None, ""),
    ],
)
def test_format_money_in_french(value, expected):
    with translation.override("fr-ca"):
        assert format_money(value) == expected


def test_format_money_in_english():
    with translation.override("en"):
        assert format_money(Decimal("1234.5")) == "$1,234.50"


def test_format_number_groups_thousands():
    with translation.override("fr-ca"):
        assert format_number(1234567) == f"1{NNBSP}234{NNBSP}567"
        assert format_number("12.5", 1) == "12,5"


def test_format_date_in_french():
    with translation.override("fr-ca"):
        assert format_date(date(2026, 11, 22)) == "22 novembre 2026"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 4, 1), "1er avril 2026"),
        (date(2026, 4, 2), "2 avril 2026"),
        (date(2026, 4, 11), "11 avril 2026"),
        (date(2026, 4, 21), "21 avril 2026"),
        ("2027-01-01", "1er janvier 2027"),
    ],
)
def test_format_date_first_of_month_is_an_ordinal_in_french(value, expected):
    """French writes « 1er avril », and only for the first day."""
    with translation.override("fr-ca"):
        assert format_date(value) == expected


def test_format_date_first_of_month_in_english():
    """English keeps its own form: no « er » suffix."""
    with translation.override("en"):
        assert format_date(date(2026, 4, 1)) == "April 1, 2026"


def test_format_datetime_first_of_month_in_french():
    """Date and time share the ordinal day."""
    with translation.override("fr-ca"):
        assert format_datetime(datetime(2026, 4, 1, 9, 5)) == f"1er avril 2026 à 9{NBSP}h{NBSP}05"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fr-ca", time(20, 30), f"20{NBSP}h{NBSP}30"),
        ("fr-ca", time(9, 5), f"9{NBSP}h{NBSP}05"),
        ("en", time(20, 30), "8:30 p.m."),
    ],
)
def test_format_time_keeps_hours_and_minutes_together(language, value, expected):
    """« 20 h 30 » never breaks across lines in French."""
    with translation.override(language):
        assert format_time(value) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fr-ca", date(2026, 4, 1), "1er avr. 2026"),
        ("fr-ca", date(2026, 4, 12), "12 avr. 2026"),
        ("fr-ca", date(2026, 5, 1), "1er mai 2026"),
        ("en", date(2026, 4, 1), "April 1, 2026"),
        ("en", date(2026, 9, 2), "Sept. 2, 2026"),
    ],
)
def test_format_short_date_for_charts(language, value, expected):
    """Charts print the short month, « 1er » included in French."""
    with translation.override(language):
        assert format_short_date(value) == expected


@pytest.mark.parametrize(
    ("value", "plural_fr", "plural_en"),
    [
        (0, False, True),
        (1, False, False),
        (Decimal("1.5"), False, True),
        (Decimal("1.99"), False, True),
        (2, True, True),
        (50, True, True),
    ],
)
def test_is_plural_follows_each_language_rule(value, plural_fr, plural_en):
    """French: 0 and 1 (and anything below 2) singular; English: only 1 singular."""
    with translation.override("fr-ca"):
        assert is_plural(value) is plural_fr
        assert plural_count(value) == (2 if plural_fr else 1)
    with translation.override("en"):
        assert is_plural(value) is plural_en


@pytest.mark.parametrize(
    ("value", "unit", "french", "english"),
    [
        (50, "pied linéaire", "50 pieds linéaires", "50 linear feet"),
        (1, "pied linéaire", "1 pied linéaire", "1 linear foot"),
        (3, "heure", "3 heures", "3 hours"),
        (Decimal("1.5"), "heure", "1,5 heure", "1.5 hours"),
        (0, "utilisation", "0 utilisation", "0 uses"),
        (120, "km", "120 km", "120 km"),
        (2, "mois", "2 mois", "2 months"),
        (7, "an", "7 ans", "7 years"),
        (4, "Heure", "4 heures", "4 hours"),
        (4, "heures", "4 heures", "4 hours"),
        (4, "heure de cuisine", "4 heures de cuisine", "4 heure de cuisine"),
        (3, "local", "3 locaux", "3 local"),
        (2, "trajet aller-retour", "2 trajets allers-retours", "2 trajet aller-retour"),
        (12, "bac", "12 bacs", "12 bac"),
        (2, "kWh", "2 kWh", "2 kWh"),
        (2, "m3", "2 m3", "2 m3"),
        (1000, "repas", f"1{NNBSP}000 repas", "1,000 meals"),
    ],
)
def test_format_quantity_agrees_the_unit(value, unit, french, english):
    """Known units are translated; others get the French plural, or stay as typed in English."""
    with translation.override("fr-ca"):
        assert format_quantity(value, unit) == french.replace(" ", NBSP, 1)
    with translation.override("en"):
        assert format_quantity(value, unit) == english.replace(" ", NBSP, 1)


def test_format_quantity_shows_decimals_only_when_needed():
    """« 312,5 », not « 312,50 », and no unit when there is none."""
    with translation.override("fr-ca"):
        assert format_quantity(Decimal("312.50"), "km") == f"312,5{NBSP}km"
        assert format_quantity(Decimal("12.00")) == "12"
        assert format_quantity(None, "km") == ""


def test_unit_name_without_count_is_plural():
    """`None` asks for the plural form, as in a column heading « Unités (km) »."""
    with translation.override("fr-ca"):
        assert unit_name("pied linéaire", None) == "pieds linéaires"
        assert unit_name("pied linéaire") == "pied linéaire"
        assert unit_name("") == ""


def test_unit_filters_in_templates():
    """The fr_ca library exposes the quantity, unit and plural_count filters."""
    template = Template(
        "{% load i18n fr_ca %}{{ n|quantity:unit }}|par {{ unit|unit }}|({{ unit|unit:None }})"
        "|{% blocktrans count count=n|plural_count %}une{% plural %}plusieurs{% endblocktrans %}"
    )
    with translation.override("fr-ca"):
        text = template.render(Context({"n": 50, "unit": "pied linéaire"}))
        assert text == f"50{NBSP}pieds linéaires|par pied linéaire|(pieds linéaires)|plusieurs"
        assert template.render(Context({"n": 0, "unit": "heure"})).endswith("|une")
