"""Template filters for fr-CA numbers, money and dates: `{{ amount|money }}`."""

from django import template
from django.utils.html import format_html

from mutualisation import formats, typography

register = template.Library()

register.filter("money", formats.format_money)
register.filter("number", formats.format_number)
register.filter("percent", formats.format_percent)
register.filter("pct", formats.format_percent_points)  # {{ 40|pct }}: « 40 % », « 40% »
register.filter("frdate", formats.format_date)
register.filter("frshortdate", formats.format_short_date)  # « 1er avr. 2026 »
register.filter("frdatetime", formats.format_datetime)
register.filter("frtime", formats.format_time)
register.filter("quantity", formats.format_quantity)  # {{ 50|quantity:"pied linéaire" }}
register.filter("unit", formats.unit_name)  # {{ unit|unit }}, {{ unit|unit:count }}
register.filter("plural_count", formats.plural_count)  # {% blocktrans count n=x|plural_count %}


@register.filter(is_safe=True)
def typo(value):
    """The current language's typography on generated text: `{{ sentence|typo }}`.

    Never on what people typed in an editable field: their text stays theirs.
    """
    return typography.apply(value) if isinstance(value, str) else value


# Punctuation written between template values, outside any translated string, follows the
# page's language: « Étiquette : valeur » in French, “Label: value” in English.
@register.simple_tag
def colon() -> str:
    """`{{ label }}{% colon %}{{ value }}`: « \u00a0: » in French, « : » in English."""
    return typography.apply("x : ")[1:]


@register.simple_tag
def semicolon() -> str:
    """`{{ a }}{% semicolon %}{{ b }}` between the items of a list."""
    return typography.apply("x ; ")[1:]


@register.filter
def quoted(value):
    """`{{ text|quoted }}` in HTML: « text » in French, “text” in English (escaped)."""
    if typography.is_english():
        return format_html("“{}”", value)
    return format_html("«\u00a0{}\u00a0»", value)
