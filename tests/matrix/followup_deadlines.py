"""Target dates of the steps (steps/followup, issue 16)."""

from . import COORDINATE

MATRIX = {
    "steps:deadlines": (COORDINATE, None),
}
