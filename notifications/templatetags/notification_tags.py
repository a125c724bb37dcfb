"""When a notification came, the way one says it: « il y a 3 heures », « le 2 mars 2026 »."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from mutualisation.formats import format_date

register = template.Library()


@register.filter
def ago(value, now=None) -> str:
    """A moment of the last week as a delay (« il y a 2 jours »), an older one as its date."""
    if value is None:
        return ""
    now = now or timezone.now()
    delay = now - value
    if delay < timedelta(minutes=1):
        return _("à l'instant")
    if delay < timedelta(days=7):
        return _("il y a %(delay)s") % {"delay": timesince(value, now, depth=1)}
    return _("le %(date)s") % {"date": format_date(value)}
