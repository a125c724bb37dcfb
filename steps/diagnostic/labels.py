"""The words of the grid's values, defined once.

The grid module holds the values without words; pages, exports, PDFs and the choices of
DiagnosticVerdict all read their labels here, so each word is translated in one place.
"""

from django.utils.translation import gettext_lazy as _

from .grid import FAIBLESSE, FORCE, NEUTRE, Importance, Level, State, Verdict

APPRECIATION_LABELS = {
    FORCE: _("Force"),
    FAIBLESSE: _("Faiblesse"),
    NEUTRE: _("Neutre"),
    "": _("Non précisée"),
}

VERDICT_LABELS = {
    Verdict.CONVERGENCE: _("Convergence"),
    Verdict.COMPLEMENTARITY: _("Complémentarité"),
    Verdict.DIVERGENCE: _("Divergence"),
    Verdict.TO_DISCUSS: _("À discuter"),
}

IMPORTANCE_LABELS = {
    Importance.MAJOR: _("Majeure"),
    Importance.MINOR: _("Mineure"),
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
