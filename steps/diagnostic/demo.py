"""Demo data of the diagnostic; called by `manage.py demo` after the questionnaire's answers.

The coordination has gone through part of the grid: it confirmed some suggestions,
overrode others, and left the rest suggested — so every verdict kind, both looks
(suggested, confirmed) and a note or two show up in the demo.
"""

from projects.models import Role

from . import selectors, services
from .grid import Verdict

# Kinds the demo makes sure to show, with the note a coordinator would write when setting
# one by hand, and the dimensions where such a verdict is most plausible.
OVERRIDES = {
    Verdict.DIVERGENCE: (
        "Nos façons de décider ne se ressemblent pas encore : à discuter en comité avant "
        "d'aller plus loin.",
        ("gouvernance", "identite"),
    ),
    Verdict.COMPLEMENTARITY: (
        "Après discussion, nos différences se complètent plutôt qu'elles ne s'opposent.",
        ("installations", "communication", "services", "gestion"),
    ),
    Verdict.CONVERGENCE: (
        "Discuté en rencontre : nous voyons cet élément de la même façon.",
        ("identite", "services"),
    ),
    Verdict.TO_DISCUSS: (
        "À reprendre à la prochaine rencontre, avec les conseils d'administration.",
        ("gestion", "gouvernance"),
    ),
}
# When every kind is already suggested, the coordination still overrides one row.
DEFAULT_OVERRIDE = Verdict.DIVERGENCE


def _coordinator(project):
    membership = project.memberships.filter(role=Role.COORDINATOR).select_related("user").first()
    return membership.user if membership else None


def _pick(lines, kind, taken, counts):
    """A row to set to `kind`: in a plausible dimension first, never the last of its kind."""
    _note, dimensions = OVERRIDES[kind]
    candidates = [
        line
        for line in lines
        if line.code not in taken
        and line.verdict.verdict != kind
        and counts[line.verdict.verdict] > 1
        and line.row.item.extra_of is None
    ]
    candidates.sort(
        key=lambda line: (
            line.row.item.dimension not in dimensions,
            dimensions.index(line.row.item.dimension)
            if line.row.item.dimension in dimensions
            else 0,
        )
    )
    return candidates[0] if candidates else None


def populate(project):
    """Confirm some verdicts, override a few, so each verdict kind is present."""
    user = _coordinator(project)
    grid = selectors.build_grid(project)
    lines = grid.lines
    if user is None or not grid.organisations or not lines:
        return

    counts = {kind: 0 for kind in Verdict}
    for line in lines:
        counts[line.verdict.verdict] += 1
    missing = [kind for kind in OVERRIDES if counts[kind] == 0] or [DEFAULT_OVERRIDE]
    overrides = {}
    for kind in missing:
        line = _pick(lines, kind, overrides, counts)
        if line is None:
            continue
        counts[line.verdict.verdict] -= 1
        counts[kind] += 1
        overrides[line.code] = kind

    for index, line in enumerate(lines):
        if line.code in overrides:
            kind = overrides[line.code]
            verdict, note = kind, OVERRIDES[kind][0]
        elif index % 2 == 0:
            verdict, note = line.verdict.verdict, ""
        else:
            continue  # left suggested: the coordination has not looked at it yet
        services.verdict_set(
            project=project,
            row=line.row,
            verdict=verdict,
            importance=line.verdict.importance,
            note=note,
            user=user,
        )
