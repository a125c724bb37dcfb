"""Telling people what happened: `notify` is the one way in for every event of the steps.

It writes one Notification per person (the bell, and the sent-log: a key reaches a person
once), then e-mails those who chose « un courriel à chaque fois »; the others get it in
their daily digest (`digest.send_digests`) or only in the app.
The query count is fixed whatever the number of recipients and projects: the reminders of
200 projects go through one call.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import delivery, kinds
from .models import Delivery, Notification, NotificationPreference, OutgoingMail

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


@dataclass(frozen=True)
class Event:
    """One thing to tell one person about one project."""

    user: object
    project: object
    kind: str
    key: str
    url: str
    params: dict = field(default_factory=dict)


def site_url(path: str) -> str:
    """An absolute address for a mail sent by a job (no request to take the host from)."""
    return (settings.SITE_URL or settings.SITE_URL_FALLBACK) + path


def unsubscribe_token(user, project) -> str:
    return signing.dumps({"u": user.pk, "p": project.pk}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> dict:
    """{"u": user id, "p": project id}; raises signing.BadSignature (or SignatureExpired)."""
    return signing.loads(
        token, salt=UNSUBSCRIBE_SALT, max_age=settings.UNSUBSCRIBE_LINK_MAX_AGE_DAYS * 86400
    )


def preferences_for(pairs) -> dict:
    """{(user id, project id): NotificationPreference} for these pairs, in one query."""
    user_ids = {user_id for user_id, _ in pairs}
    project_ids = {project_id for _, project_id in pairs}
    if not pairs:
        return {}
    rows = NotificationPreference.objects.filter(user_id__in=user_ids, project_id__in=project_ids)
    return {(row.user_id, row.project_id): row for row in rows}


def notify(*, project, users, kind, key, url, params=None, actor=None) -> int:
    """Tell each of `users` (but `actor`, who did it) about one event of `project`."""
    events = [
        Event(user=user, project=project, kind=kind, key=key, url=url, params=params or {})
        for user in users
        if actor is None or user.pk != actor.pk
    ]
    return notify_many(events)


def notify_many(events, *, urgent: bool = False) -> int:
    """Record and send a list of events; each (person, key) once. Return how many are new.

    `urgent` (a coordinator's « Relancer »): mailed at once to those who chose the daily
    digest too; « aucun courriel » still means none."""
    events = [event for event in events if event.user.is_active]
    if not events:
        return 0
    preferences = preferences_for({(e.user.pk, e.project.pk) for e in events})
    wanted = []
    for event in events:
        preference = preferences.get((event.user.pk, event.project.pk))
        if preference is None or preference.wants(event.kind):
            how = preference.delivery if preference else Delivery.DIGEST
            if urgent and how == Delivery.DIGEST:
                how = Delivery.IMMEDIATE
            wanted.append((event, how))
    existing = set(
        Notification.objects.filter(
            user_id__in={e.user.pk for e, _ in wanted}, key__in={e.key for e, _ in wanted}
        ).values_list("user_id", "key")
    )
    new, seen = [], set()
    for event, how in wanted:
        if (event.user.pk, event.key) in existing | seen:
            continue
        seen.add((event.user.pk, event.key))
        new.append((event, how))
    mail_state = {
        Delivery.IMMEDIATE: Notification.Mail.QUEUED,
        Delivery.DIGEST: Notification.Mail.DIGEST,
        Delivery.NONE: Notification.Mail.NONE,
    }
    # ignore_conflicts: a concurrent run that wrote the same (person, key) first wins.
    Notification.objects.bulk_create(
        [
            Notification(
                user=event.user,
                project=event.project,
                kind=event.kind,
                key=event.key,
                params=event.params,
                url=event.url,
                mail=mail_state[how],
            )
            for event, how in new
        ],
        ignore_conflicts=True,
    )
    immediate = [event for event, how in new if how == Delivery.IMMEDIATE]
    _mail_each(immediate)
    return len(new)


def _mail_each(events) -> None:
    mails = []
    for event in events:
        subject, text, html, headers = render_mail(
            user=event.user, project=event.project, items=[(event.kind, event.params, event.url)]
        )
        mails.append(
            OutgoingMail(
                key=f"notification:{event.user.pk}:{event.key}",
                user=event.user,
                project=event.project,
                to=event.user.email,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                headers=headers,
                next_attempt_at=timezone.now(),
            )
        )
    if not mails:
        return
    OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True)
    ids = OutgoingMail.objects.filter(
        key__in=[mail.key for mail in mails], status=OutgoingMail.Status.PENDING, attempts=0
    ).values_list("pk", flat=True)
    delivery.enqueue_delivery(list(ids))
    Notification.objects.filter(
        mail=Notification.Mail.QUEUED,
        user_id__in={e.user.pk for e in events},
        key__in={e.key for e in events},
    ).update(mail=Notification.Mail.SENT)


def render_mail(*, user, project, items, digest=False):
    """(subject, text, html, headers) of a mail to `user` about `project`, in their
    language: one notification, or the day's digest (`items`: (kind, params, url))."""
    with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
        lines = [
            {
                "title": kinds.title(kind, params),
                "body": kinds.body(kind, params),
                "url": site_url(url),
            }
            for kind, params, url in items
        ]
        unsubscribe_url = site_url(
            reverse("notifications:unsubscribe", args=[unsubscribe_token(user, project)])
        )
        context = {
            "user": user,
            "project": project,
            "items": lines,
            "digest": digest,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": site_url(reverse("notifications:preferences")),
        }
        # One line; the no-break spaces of French typography stay (« jour : 2 »).
        subject = re.sub(
            r"[ \t\r\n]+", " ", render_to_string("emails/notification_subject.txt", context)
        ).strip()
        text = render_to_string("emails/notification.txt", context)
        html = render_to_string("emails/notification.html", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return subject, text, html, headers
