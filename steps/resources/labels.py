"""What « one use » of a pooled resource means, in words, next to every cost per use.

A cost of use is the cost of one *typical use* (units_per_use in the resource's unit,
over hours_per_use): « 208,43 $ par sortie type (120 km, 6 h) », never « par km » next to
an amount that is not per km.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from mutualisation.formats import format_number, format_quantity
from steps.catalogue.resources import ResourceType

HOUR_UNITS = {"heure", "heures", "h", "hour", "hours"}
USE_UNITS = {"utilisation", "utilisations", "use", "uses"}


def _hours(value: Decimal) -> str:
    places = 0 if value == value.to_integral() else 2
    text = format_number(value, places)
    return f"{text.rstrip('0').rstrip(',.') if places else text}\u00a0h"


def typical_use_detail(units, hours, unit: str) -> str:
    """What one typical use holds: « 120 km, 6 h », « 4 heures », « 5 h » or "".

    The hours are left out when the unit is itself the hour (the hours counted are
    what is billed); the quantity when the unit is « utilisation » (one use is one use).

    >>> from django.utils import translation
    >>> with translation.override("fr"):
    ...     [typical_use_detail(*args) for args in (
    ...         (120, 6, "km"), (4, 4, "heure"), (1, 2, "utilisation"), (50, 0, "pied linéaire"),
    ...         (0, 0, "km"))]
    ['120\\xa0km, 6\\xa0h', '4\\xa0heures', '2\\xa0h', '50\\xa0pieds linéaires', '']
    """
    units, hours = Decimal(units or 0), Decimal(hours or 0)
    key = " ".join(str(unit or "").split()).casefold()
    if key in HOUR_UNITS:  # the hours counted say how long it is
        return format_quantity(units, unit) if units else (_hours(hours) if hours else "")
    parts = []
    if units and key not in USE_UNITS:
        parts.append(format_quantity(units, unit))
    if hours:
        parts.append(_hours(hours))
    return ", ".join(parts)


def _is_outing(resource_type: str) -> bool:
    """A vehicle is used by the outing (« sortie »); anything else by the use."""
    return resource_type == ResourceType.TRANSPORT


def per_typical_use(resource_type: str, detail: str) -> str:
    """« par sortie type (120 km, 6 h) », « par utilisation type (4 heures) »."""
    if _is_outing(resource_type):
        if detail:
            return _("par sortie type (%(detail)s)") % {"detail": detail}
        return _("par sortie type")
    if detail:
        return _("par utilisation type (%(detail)s)") % {"detail": detail}
    return _("par utilisation type")


def one_typical_use(resource_type: str, detail: str) -> str:
    """« une sortie type (120 km, 6 h) », « une utilisation type (4 heures) »."""
    if _is_outing(resource_type):
        if detail:
            return _("une sortie type (%(detail)s)") % {"detail": detail}
        return _("une sortie type")
    if detail:
        return _("une utilisation type (%(detail)s)") % {"detail": detail}
    return _("une utilisation type")
