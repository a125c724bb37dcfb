"""fr-CA formatting of numbers, money and dates."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from mutualisation.formats import format_date, format_money, format_number

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
