"""PDF reports: every member downloads the shared reports; a portrait of organisation A's
draft (world.org_a has not submitted anything) is refused to organisation B's partner."""

from . import READ, profile

MATRIX = {
    "steps:report_dossier": (READ, None),
    "steps:report_portrait": (profile(302, 404, 200, 403, 200, 200), None),
    "steps:report_grille": (READ, None),
    "steps:report_couts": (READ, None),
    "steps:report_plan": (READ, None),
    "steps:report_entente": (READ, None),
    "steps:report_evaluation": (READ, None),
}
