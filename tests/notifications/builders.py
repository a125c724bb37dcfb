"""Notifications for the tests of the pages and e-mails (tests/notifications/)."""

from notifications.kinds import Kind
from notifications.models import Notification

# Partner A's questionnaire, late: the notification of the reminders (steps.followup).
LATE_PORTRAIT = {"step": "reflexion", "deadline": "2026-11-02", "percent": 14}


def notification(user, project, key="late:reflexion", **fields):
    """One notification of `user` (the late questionnaire unless told otherwise)."""
    defaults = {
        "kind": Kind.DEADLINE_PASSED,
        "params": LATE_PORTRAIT,
        "url": project.get_absolute_url(),
    }
    defaults.update(fields)
    return Notification.objects.create(user=user, project=project, key=key, **defaults)
