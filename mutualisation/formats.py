"""Numbers, money and dates the way Québec readers expect them (`1 234,56 $`).

Plain functions, usable from templates (the `fr_ca` tag library), PDFs and exports.
In English the same values read `$1,234.56`.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone
from django.utils.translation import get_language

NBSP = "\u00a0"  # keeps « 1 234 » and « 56 $ » on one line
NNBSP = "\u202f"  # narrow no-break space: thousands separator in French typography

CENT = Decimal("0.01")


def _is_english() -> bool:
    return (get_language() or "fr").lower().startswith("en")


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, places: int = 0) -> str:
    """`12345.678` → `12 345,68` (places=2); empty string for nothing."""
    number = to_decimal(value)
    if number is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{number:,.{places}f}"  # 12,345.68
    if _is_english():
        return text
    return text.replace(",", NNBSP).replace(".", ",")


def format_money(value, places: int = 2) -> str:
    """`1234.5` → `1 234,50 $` in French, `$1,234.50` in English."""
    number = to_decimal(value)
    if number is None:
        return ""
    text = format_number(abs(number), places)
    sign = "-" if number < 0 and text.strip("0,. " + NNBSP) else ""
    if _is_english():
        return f"{sign}${text}"
    return f"{sign}{text}{NBSP}$"


def format_percent(value, places: int = 0) -> str:
    """`0.125` → `12,5 %` (value is a fraction)."""
    number = to_decimal(value)
    if number is None:
        return ""
    text = format_number(number * 100, places)
    return f"{text}%" if _is_english() else f"{text}{NBSP}%"


def format_date(value) -> str:
    """`2026-11-22` → `22 novembre 2026` (`November 22, 2026` in English)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, "F j, Y" if _is_english() else "j F Y")


def format_datetime(value) -> str:
    """`22 novembre 2026 à 14 h 32`."""
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_english():
        return formats.date_format(value, "F j, Y, g:i a")
    return f"{format_date(value)} à {value.hour} h {value.minute:02d}"


def format_time(value) -> str:
    """`14 h 32`: how Québec French writes the time."""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_english():
        return formats.time_format(value, "g:i a")
    return f"{value.hour} h {value.minute:02d}"
