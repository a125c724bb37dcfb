"""Display names of the grid's values, translated (the model holds verdicts and importance)."""

from django.utils.translation import gettext_lazy as _

from .grid import Level, State

APPRECIATION_LABELS = {
    "force": _("Force"),
    "faiblesse": _("Faiblesse"),
    "neutre": _("Neutre"),
    "": _("Non précisée"),
}

STATE_LABELS = {
    State.SUGGESTED: _("Suggéré"),
    State.CONFIRMED: _("Confirmé"),
    State.TO_REVIEW: _("À revoir"),
}

LEVEL_LABELS = {
    Level.LOW: _("Faible"),
    Level.MEDIUM: _("Moyen"),
    Level.HIGH: _("Élevé"),
}
