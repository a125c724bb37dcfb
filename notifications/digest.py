"""The daily digest: one mail per person and project with what they have not been mailed."""

from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from . import delivery
from .models import Notification, OutgoingMail
from .services import render_mail


def send_digests(now=None) -> int:
    """Queue today's digests (from DIGEST_HOUR, local time); return how many were queued.
    Run as often as you like: a person gets one digest per project per day (its key)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.DIGEST_HOUR:
        return 0
    waiting = (
        Notification.objects.filter(mail=Notification.Mail.DIGEST)
        # An archived project sends no digest (its waiting items go out if unarchived).
        .exclude(project__archived_at__isnull=False)
        .select_related("user", "project")
        .order_by("user_id", "project_id", "created_at", "pk")
    )
    grouped = defaultdict(list)
    for notification in waiting:
        grouped[(notification.user, notification.project)].append(notification)
    day = local.date().isoformat()
    keys = {group: f"digest:{group[0].pk}:{group[1].pk}:{day}" for group in grouped}
    # Already digested today: what came since waits for tomorrow's digest.
    sent_today = set(
        OutgoingMail.objects.filter(key__in=keys.values()).values_list("key", flat=True)
    )
    mails, done = [], []
    for (user, project), notifications in grouped.items():
        key = keys[(user, project)]
        if key in sent_today or not user.is_active:
            continue
        subject, text, html, headers = render_mail(
            user=user,
            project=project,
            items=[(n.kind, n.params, n.url) for n in notifications],
            digest=True,
        )
        mails.append(
            OutgoingMail(
                key=key,
                user=user,
                project=project,
                to=user.email,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                headers=headers,
                next_attempt_at=timezone.now(),
            )
        )
        done.extend(n.pk for n in notifications)
    if not mails:
        return 0
    OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True)
    Notification.objects.filter(pk__in=done, mail=Notification.Mail.DIGEST).update(
        mail=Notification.Mail.SENT
    )
    queued = list(
        OutgoingMail.objects.filter(
            key__in=[m.key for m in mails], status=OutgoingMail.Status.PENDING, attempts=0
        ).values_list("pk", flat=True)
    )
    delivery.enqueue_delivery(queued)
    return len(queued)
