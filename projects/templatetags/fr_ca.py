"""Template filters for fr-CA numbers, money and dates: `{{ amount|money }}`."""

from django import template

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
