"""The checklist of conditions of success and pitfalls: every member reads it, the
coordination and the partners tick it (advisors only read)."""

from . import CONTRIBUTE, POST, READ

MATRIX = {
    "steps:checklist": (READ, None),
    "steps:checklist_save": (CONTRIBUTE, POST),
}

URL_KWARGS = {"checklist_code": lambda world: "besoin-reel-partage"}
