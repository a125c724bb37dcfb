"""The notification pages are not project pages: each person sees their own (the list,
« Mes notifications »); another person's notification is a 404. Unsubscribing is public:
the signed link of the e-mail is the credential."""

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import unsubscribe_token

from . import LOGGED_IN, POST, PUBLIC, profile

# A notification of partner A: A opens it (302 to its page), anyone else gets 404.
OWNER_ONLY = profile(302, 404, 302, 404, 404, 404)

MATRIX = {
    "notifications:list": (LOGGED_IN, None),
    "notifications:mark_all_read": (LOGGED_IN, POST),
    "notifications:open": (OWNER_ONLY, None),
    "notifications:preferences": (LOGGED_IN, None),
    "notifications:unsubscribe": (PUBLIC, None),
}


def _notification_of_partner_a(world):
    notification, _ = Notification.objects.get_or_create(
        user=world.partner_a,
        key="matrix:portrait",
        defaults={
            "project": world.project,
            "kind": Kind.DEADLINE_PASSED,
            "url": world.project.get_absolute_url(),
            "params": {"step": "reflexion", "deadline": "2026-11-02", "percent": 14},
        },
    )
    return notification.pk


URL_KWARGS = {
    "notification_id": _notification_of_partner_a,
    "unsubscribe_token": lambda world: unsubscribe_token(world.partner_a, world.project),
}
