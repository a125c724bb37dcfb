"""The diagnostic's pages: everyone in the project reads, the coordination decides."""

from . import COORDINATE, POST, READ

MATRIX = {
    "steps:grid": (READ, None),
    "steps:verdict_set": (COORDINATE, POST),
    "steps:verdict_reset": (COORDINATE, POST),
    "steps:grid_csv": (READ, None),
    "steps:grid_xlsx": (READ, None),
    "steps:potential": (READ, None),
    "steps:pairs": (READ, None),
    "steps:opportunities": (READ, None),
    "steps:opportunity_to_resource": (COORDINATE, POST),
}
