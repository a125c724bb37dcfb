"""The bell of the top bar: how many notifications the person has not read yet.

The count is a callable that templates call when they show it, and that remembers its
answer: a page that shows the bell pays one query, a page that does not pays nothing
(not even the session's user, read only when the count is asked for).
"""

from functools import cache

from .models import Notification


def unread_notifications(request):
    @cache
    def count() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    return {"unread_notifications": count}
