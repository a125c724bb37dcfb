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


def format_percent_points(value, places: int = 0) -> str:
    """`40` → `40 %` (value already in percent, e.g. an action's progress)."""
    number = to_decimal(value)
    if number is None:
        return ""
    return format_percent(number / 100, places)


def format_date(value) -> str:
    """`2026-11-22` → `22 novembre 2026`, `1er avril 2026` (`November 22, 2026` in English)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_english():
        return formats.date_format(value, "F j, Y")
    # French writes the first day of a month as an ordinal: « 1er avril 2026 ».
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {formats.date_format(value, 'F Y')}"


def format_short_date(value) -> str:
    """`2026-04-01` → `1er avr. 2026` (charts, narrow columns); `Apr. 1, 2026` in English."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_english():
        return formats.date_format(value, "N j, Y")
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {formats.date_format(value, 'N Y')}"


def format_datetime(value) -> str:
    """`22 novembre 2026 à 14 h 32` (no-break spaces around « h »)."""
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_english():
        return formats.date_format(value, "F j, Y, g:i a")
    return f"{format_date(value)} à {format_time(value)}"


def format_time(value) -> str:
    """`14 h 32`: how Québec French writes the time, with no-break spaces around « h »."""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _is_english():
        return formats.time_format(value, "g:i a")
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


# --- Quantities and their units ----------------------------------------------------------


def is_plural(value) -> bool:
    """Whether a quantity takes the plural: from 2 on in French (« 1,5 heure »), any
    quantity but 1 in English (« 1.5 hours »)."""
    number = to_decimal(value)
    if number is None:
        return True
    if _is_english():
        return number != 1
    return abs(number) >= 2


def plural_count(value) -> int:
    """1 or 2, to hand to ngettext or `{% blocktrans count %}` so that the French rule
    (0 and 1 singular) holds even for strings without a French catalogue."""
    return 2 if is_plural(value) else 1


# Units of use people commonly type, with their forms in both languages:
# (French singular, French plural, English singular, English plural).
UNITS = (
    ("utilisation", "utilisations", "use", "uses"),
    ("heure", "heures", "hour", "hours"),
    ("h", "h", "h", "h"),
    ("minute", "minutes", "minute", "minutes"),
    ("jour", "jours", "day", "days"),
    ("journée", "journées", "day", "days"),
    ("demi-journée", "demi-journées", "half-day", "half-days"),
    ("soirée", "soirées", "evening", "evenings"),
    ("semaine", "semaines", "week", "weeks"),
    ("mois", "mois", "month", "months"),
    ("an", "ans", "year", "years"),
    ("année", "années", "year", "years"),
    ("km", "km", "km", "km"),
    ("kilomètre", "kilomètres", "kilometre", "kilometres"),
    ("mètre", "mètres", "metre", "metres"),
    ("mètre carré", "mètres carrés", "square metre", "square metres"),
    ("m²", "m²", "m²", "m²"),
    ("pied", "pieds", "foot", "feet"),
    ("pied linéaire", "pieds linéaires", "linear foot", "linear feet"),
    ("pied carré", "pieds carrés", "square foot", "square feet"),
    ("pi²", "pi²", "sq ft", "sq ft"),
    ("litre", "litres", "litre", "litres"),
    ("kg", "kg", "kg", "kg"),
    ("kilogramme", "kilogrammes", "kilogram", "kilograms"),
    ("kWh", "kWh", "kWh", "kWh"),
    ("repas", "repas", "meal", "meals"),
    ("portion", "portions", "serving", "servings"),
    ("trajet", "trajets", "trip", "trips"),
    ("livraison", "livraisons", "delivery", "deliveries"),
    ("réservation", "réservations", "booking", "bookings"),
    ("location", "locations", "rental", "rentals"),
    ("séance", "séances", "session", "sessions"),
    ("visite", "visites", "visit", "visits"),
    ("événement", "événements", "event", "events"),
    ("activité", "activités", "activity", "activities"),
    ("impression", "impressions", "print", "prints"),
    ("copie", "copies", "copy", "copies"),
    ("page", "pages", "page", "pages"),
    ("palette", "palettes", "pallet", "pallets"),
    ("boîte", "boîtes", "box", "boxes"),
    ("lot", "lots", "batch", "batches"),
    ("participant·e", "participant·es", "participant", "participants"),
    ("personne", "personnes", "person", "people"),
)
_FRENCH_UNITS = {form.casefold(): entry for entry in UNITS for form in entry[:2]}
_ENGLISH_UNITS = {form.casefold(): entry for entry in UNITS for form in entry[2:]}

_FR_LINKS = {"de", "du", "des", "à", "au", "aux", "en", "par", "pour", "sur", "avec", "sans"}
_FR_PREFIXES = {"demi", "semi", "mi", "mini", "micro", "multi", "non"}
_VOWELS = set("aeiouyàâäéèêëîïôöûüù")
_FR_PLURAL_AL_EXCEPTIONS = {"bal", "carnaval", "festival", "récital", "régal", "chacal"}


def _is_abbreviation(word: str) -> bool:
    """« km », « kWh », « m3 », « pi. »: symbols and abbreviations never take an s."""
    return (
        len(word) <= 2
        or not word.isalpha()
        or any(c.isupper() for c in word[1:])
        or not _VOWELS & set(word.lower())
    )


def _french_plural_word(word: str) -> str:
    if "-" in word:
        first, *rest = word.split("-")
        head = first if first.lower() in _FR_PREFIXES else _french_plural_word(first)
        return "-".join([head, *(_french_plural_word(part) for part in rest)])
    if "·" in word:  # inclusive writing: « participant·e » → « participant·es »
        return word + "s" if not word.endswith("s") else word
    if _is_abbreviation(word) or word[-1] in "sxz":
        return word
    if word.endswith(("au", "eu")):
        return word + "x"
    if word.endswith("al") and word.lower() not in _FR_PLURAL_AL_EXCEPTIONS:
        return word[:-2] + "aux"
    return word + "s"


def _french_plural(text: str) -> str:
    """Regular French plural of the words before a preposition: « heure de cuisine » →
    « heures de cuisine », « trajet aller » → « trajets allers »."""
    words = text.split(" ")
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered in _FR_LINKS or lowered.startswith(("d'", "d’")):
            break
        words[index] = _french_plural_word(word)
    return " ".join(words)


def unit_name(unit: str, count=1) -> str:
    """The unit of use in the current language, agreeing with `count` (None: plural).

    Known units are translated (« pied linéaire » → « linear foot »). Any other unit is
    the user's own words, most likely French: the regular French plural applies in
    French, and in English it stays as typed rather than get a wrong English plural.
    """
    text = " ".join(str(unit or "").split())
    if not text:
        return ""
    plural = is_plural(count)
    key, english = text.casefold(), _is_english()
    entry = _FRENCH_UNITS.get(key) or (_ENGLISH_UNITS.get(key) if english else None)
    if entry is not None:
        fr_one, fr_many, en_one, en_many = entry
        if english:
            return en_many if plural else en_one
        return fr_many if plural else fr_one
    if not plural or english:
        return text
    return _french_plural(text)


def format_quantity(value, unit: str = "", places: int | None = None) -> str:
    """`50, "pied linéaire"` → `50 pieds linéaires`; `1.5, "heure"` → `1,5 heure`.

    Without `places`, decimals show only when the quantity has some (up to 2).
    """
    number = to_decimal(value)
    if number is None:
        return ""
    if places is None:
        places = 0 if number == number.to_integral() else 2
        text = format_number(number, places)
        if places and ("," in text or "." in text):
            text = text.rstrip("0")
    else:
        text = format_number(number, places)
    name = unit_name(unit, number)
    return f"{text}{NBSP}{name}" if name else text
