"""Matrix rows of « Relancer » and « Réessayer » (steps/followup/relaunch_views.py)."""

from . import COORDINATE, POST

MATRIX = {
    "steps:relaunch": (COORDINATE, None),
    "steps:mails_retry": (COORDINATE, POST),
}
