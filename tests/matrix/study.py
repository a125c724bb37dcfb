"""The opportunity study: everyone reads, each partner fills its own « alone » costs,
the coordination edits and validates; a board note is for its organisation (partners see
another organisation's only once the coordination shares the study)."""

from . import COORDINATE, OWN_ORG, POST, READ, profile

# The note of world.org_a: partner B may not read A's « alone » figures.
OWN_NOTE = profile(302, 404, 200, 403, 200, 200)

MATRIX = {
    "steps:opportunity_study": (READ, None),
    "steps:opportunity_study_detail": (READ, None),
    "steps:opportunity_study_sensitivity": (READ, None),
    "steps:opportunity_study_edit": (COORDINATE, None),
    "steps:opportunity_study_alone": (OWN_ORG, None),
    "steps:opportunity_study_effects": (COORDINATE, None),
    "steps:opportunity_study_validate": (COORDINATE, POST),
    "steps:opportunity_study_xlsx": (READ, None),
    "steps:opportunity_study_note": (OWN_NOTE, None),
}
