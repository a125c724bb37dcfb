"""French and English typography of generated text: spaces around punctuation, numbers, units.

One rule per language, used by the `|typo` filter (`fr_ca` tag library), by the
generated texts (agreement, charts, PDFs) and by `tests/test_typography.py`, which
checks every French and English string of the interface with it: a string follows the
rules when `french(text) == text` (or `english(text) == text`).

French (Québec usage, the issue's rule, chosen once for all four signs):
- a NO-BREAK SPACE (U+00A0) before « : ; ! ? » and inside « » (never the narrow one
  there, so that the source strings hold one character to type and to search for);
- a NO-BREAK SPACE between a number and its unit: « 50 $ », « 12 % », « 15 minutes »,
  « 50 pieds linéaires », and in times: « 20 h 30 »;
- a NARROW NO-BREAK SPACE (U+202F) between groups of thousands: « 12 345,67 $ »;
- « 1er » for the first day of a month: « 1er avril 2026 », « 1er avr. ».
English: no space before « : ; ! ? », “quotes” instead of « », « 100% ».

HTML tags, entities, URLs, e-mail addresses and placeholders (`%(name)s`, `{name}`,
`{{ name }}`) are left untouched; a placeholder counts as a number before « % » or « $ ».
"""

import re

from django.utils.translation import get_language

from mutualisation.formats import NBSP, NNBSP, UNITS

_SPACE = f" {NBSP}{NNBSP}"

# Kept as they are: replaced by private-use characters while the rules run.
_PROTECTED = re.compile(
    r"<[^<>]*>"  # HTML tags
    r"|&#?\w+;"  # HTML entities
    r"|\b(?:https?|ftp)://[^\s<>«»\"']*[^\s<>«»\"'.,;:!?)]"  # URLs
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\{%.*?%\}"  # template tags
    r"|(?P<placeholder>%\(\w+\)[sdifr]|%[sd]|\{\w*\}|\{\{.*?\}\})"  # placeholders, variables
)
_FIRST_PRIVATE = 0xE000

_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|janv\.|févr\.|avr\.|juill\.|sept\.|oct\.|nov\.|déc\."
)
# Units written after a number: the formats module's units of use, and symbols.
_UNIT_WORDS = sorted(
    {form for entry in UNITS for form in entry[:2]} | {"min", "cm", "mm", "g", "L", "ml"},
    key=len,
    reverse=True,
)
_UNIT_WORD = "|".join(re.escape(word) for word in _UNIT_WORDS)
_SYMBOL_UNITS = r"km|kg|kWh|m²|m³|pi²|cm|mm"


class _Protected:
    """Swap the untouchable parts of a text for single private-use characters."""

    def __init__(self, text: str):
        self.parts: list[str] = []
        self.numeric: list[str] = []  # the private characters that stand for a placeholder
        self.text = _PROTECTED.sub(self._keep, text)

    def _keep(self, match: re.Match) -> str:
        char = chr(_FIRST_PRIVATE + len(self.parts))
        self.parts.append(match[0])
        if match["placeholder"]:
            self.numeric.append(char)
        return char

    def number_class(self) -> str:
        """A regex class matching a digit or a placeholder."""
        return "[0-9" + "".join(self.numeric) + "]"

    def restore(self, text: str) -> str:
        if not self.parts:
            return text
        return re.sub(
            "[\ue000-\uf8ff]",
            lambda match: self.parts[ord(match[0]) - _FIRST_PRIVATE],
            text,
        )


# What may follow « : ; ! ? » for them to be punctuation (not « 20:30 », « ?page=2 »).
_AFTER_SIGN = rf"(?=[\s{NBSP}{NNBSP}»)\].,…\"'’\ue000-\uf8ff]|$)"


def french(text: str) -> str:
    """`text` with the French typographic rules applied (see the module's docstring)."""
    if not text:
        return text
    protected = _Protected(str(text))
    value, number = protected.text, protected.number_class()
    # Inside « »: one no-break space.
    value = re.sub(rf"«[{_SPACE}]*", f"«{NBSP}", value)
    value = re.sub(rf"[{_SPACE}]*»", f"{NBSP}»", value)
    # Times: « 20:30 », « 20h30 » → « 20 h 30 »; « 9h » → « 9 h ».
    value = re.sub(
        rf"(?<![\d:.,])([01]?\d|2[0-3])(?::|[{_SPACE}]*h[{_SPACE}]*)([0-5]\d)(?![\d:])",
        rf"\1{NBSP}h{NBSP}\2",
        value,
    )
    value = re.sub(rf"(?<![\d:.,])([01]?\d|2[0-3])[{_SPACE}]*h(?![\w\d])", rf"\1{NBSP}h", value)
    # Before « : ; ! ? »: one no-break space (a cluster such as « ?! » takes one).
    value = re.sub(
        rf"([^\s{NBSP}{NNBSP}«(\[])[{_SPACE}]*([:;!?]+){_AFTER_SIGN}", rf"\1{NBSP}\2", value
    )
    # Thousands: « 12 345 » with narrow no-break spaces; a long bare amount is grouped.
    value = re.sub(
        rf"(?<![\d,.])\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?![\d])",
        lambda match: re.sub(f"[{_SPACE}]", NNBSP, match[0]),
        value,
    )
    value = re.sub(
        rf"(?<![\d,.{NNBSP}])\d{{5,}}(?=,\d|[{_SPACE}]*[$%])",
        lambda match: f"{int(match[0]):,}".replace(",", NNBSP),
        value,
    )
    # A number and its unit stay together.
    value = re.sub(rf"({number})[{_SPACE}]*(\$|%%|%)(?!\w)", rf"\1{NBSP}\2", value)
    value = re.sub(rf"(\d)[{_SPACE}]*({_SYMBOL_UNITS})(?!\w)", rf"\1{NBSP}\2", value)
    value = re.sub(rf"({number})[ {NNBSP}]+({_UNIT_WORD})(?!\w)", rf"\1{NBSP}\2", value)
    # The first of the month is an ordinal.
    value = re.sub(rf"(?<![\d,.])1(?:er)?([{_SPACE}]+)({_MONTHS})", r"1er\1\2", value)
    return protected.restore(value)


def english(text: str) -> str:
    """`text` with the English rules: no space before « : ; ! ? », “quotes”, « 100% »."""
    if not text:
        return text
    protected = _Protected(str(text))
    value, number = protected.text, protected.number_class()
    value = re.sub(rf"«[{_SPACE}]*", "“", value)
    value = re.sub(rf"[{_SPACE}]*»", "”", value)
    value = re.sub(rf"([^\s{NBSP}{NNBSP}(\[])[{_SPACE}]+([:;!?]+){_AFTER_SIGN}", r"\1\2", value)
    value = re.sub(rf"({number})[{_SPACE}]+(%%|%)(?!\w)", r"\1\2", value)
    return protected.restore(value)


def is_english() -> bool:
    """Whether the active language is English (French rules otherwise)."""
    return (get_language() or "fr").lower().startswith("en")


def apply(text: str) -> str:
    """The current language's rules: `english()` in English, `french()` otherwise."""
    return english(text) if is_english() else french(text)


_ASCII_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def one_line(text: str) -> str:
    """The text on one line, its runs of ordinary white space made one space.

    Unlike `" ".join(text.split())`, the no-break spaces stay: they are typography.

    >>> one_line("Invitation au projet «\\u00a0Camion\\u00a0»\\n")
    'Invitation au projet «\\xa0Camion\\xa0»'
    """
    return _ASCII_WHITESPACE.sub(" ", text).strip()
