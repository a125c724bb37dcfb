"""Backup page and JSON export of a whole project (steps/transfer)."""

from . import COORDINATE

MATRIX = {
    "steps:project_transfer": (COORDINATE, None),
    "steps:project_export": (COORDINATE, None),
}

URL_KWARGS = {}
