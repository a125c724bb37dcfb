"""Matrix rows of « Inviter en lot » and « Relancer » (projects/bulk_views.py)."""

from . import COORDINATE, POST

MATRIX = {
    "projects:bulk_invite": (COORDINATE, None),
    "projects:bulk_invite_send": (COORDINATE, POST),
    "projects:invitations_pending": (COORDINATE, None),
    "projects:invitations_remind": (COORDINATE, POST),
}
