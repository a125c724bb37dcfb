"""Template filters for fr-CA numbers, money and dates: `{{ amount|money }}`."""

from django import template

from mutualisation import formats

register = template.Library()

register.filter("money", formats.format_money)
register.filter("number", formats.format_number)
register.filter("percent", formats.format_percent)
register.filter("frdate", formats.format_date)
register.filter("frdatetime", formats.format_datetime)
register.filter("frtime", formats.format_time)
register.filter("quantity", formats.format_quantity)  # {{ 50|quantity:"pied linéaire" }}
register.filter("unit", formats.unit_name)  # {{ unit|unit }}, {{ unit|unit:count }}
register.filter("plural_count", formats.plural_count)  # {% blocktrans count n=x|plural_count %}
