"""The words of the grid's values, defined once.

The grid module holds the values without words; pages, exports, PDFs and the choices of
DiagnosticVerdict all read their labels here, so each word is translated in one place.
"""

from django.utils.translation import gettext_lazy as _

from .grid import (
    FAIBLESSE,
    FORCE,
    NEUTRE,
    PAIR_GAPS,
    PAIR_HIGH,
    PAIR_LOW,
    PAIR_MEDIUM,
    PAIR_NONE,
    Importance,
    Level,
    State,
    Verdict,
)

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

# A pair's score in words (grid.pair_level): the full words, the short ones of the
# matrix's cells, and what each stands for in points.
PAIR_LEVEL_LABELS = {
    PAIR_HIGH: _("Forte complémentarité"),
    PAIR_MEDIUM: _("Complémentarité moyenne"),
    PAIR_LOW: _("Faible complémentarité"),
    PAIR_NONE: _("Aucune complémentarité repérée"),
    PAIR_GAPS: _("Écarts d'identité à discuter"),
}

PAIR_LEVEL_SHORT = {
    PAIR_HIGH: _("forte"),
    PAIR_MEDIUM: _("moyenne"),
    PAIR_LOW: _("faible"),
    PAIR_NONE: _("aucune"),
    PAIR_GAPS: _("écarts"),
}

PAIR_LEVEL_RANGES = {
    PAIR_HIGH: _(
        "12 points ou plus : l'équivalent d'au moins quatre offres qui répondent à un besoin"
    ),
    PAIR_MEDIUM: _("de 6 à 11 points : deux ou trois offres qui répondent à un besoin"),
    PAIR_LOW: _("de 1 à 5 points : moins de deux offres qui répondent à un besoin"),
    PAIR_NONE: _("0 point : rien à partager repéré, ou autant d'écarts que d'apports"),
    PAIR_GAPS: _("moins de 0 point : les écarts d'identité l'emportent"),
}
