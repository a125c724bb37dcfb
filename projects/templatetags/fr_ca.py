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
