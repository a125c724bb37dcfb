"""E-mails sent by jobs: queued in the database, claimed by one worker, retried, never lost.

A mail is claimed with one conditional UPDATE (pending, and no live claim): of two workers,
one wins; no lock is held while the mail server answers. A worker killed before the send
leaves a claim that expires after MAIL_CLAIM_SECONDS, and the next sweep (`requeue_due`,
run by `send_reminders` and by the hourly job) queues the mail again. A worker killed
between the mail server's answer and the « sent » UPDATE may send that one mail twice:
delivery is at least once, and the Message-ID, made from the mail's id, is the same both
times so mail clients show it once.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# Minutes before the next attempt, after 1, 2, 3… failures; past the last: « failed ».
BACKOFF_MINUTES = (1, 5, 30, 120, 480)


def queue_mail(
    *, key, to, subject, text, html="", headers=None, user=None, project=None, enqueue=True
):
    """Queue one e-mail (once per key); return it, or None if that key was already queued."""
    mail, created = OutgoingMail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": subject[:300],
            "body_text": text,
            "body_html": html,
            "headers": headers or {},
            "user": user,
            "project": project,
            "next_attempt_at": timezone.now(),
        },
    )
    if not created:
        return None
    if enqueue:
        enqueue_delivery([mail.pk])
    return mail


def enqueue_delivery(mail_ids) -> int:
    """Queue the jobs that send these mails, in batches; return the number of jobs."""
    from .tasks import deliver_mails

    ids = sorted(mail_ids)
    size = settings.MAIL_BATCH_SIZE
    for start in range(0, len(ids), size):
        deliver_mails.enqueue(ids[start : start + size])
    return -(-len(ids) // size)


def _claim(mail_id: int, now) -> bool:
    lease = now + timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
    return bool(
        OutgoingMail.objects.filter(
            pk=mail_id, status=OutgoingMail.Status.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=lease)
    )


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    # Stable: a second delivery of the same mail carries the same Message-ID.
    headers = {**mail.headers, "Message-ID": f"<mutualisation-mail-{mail.pk}@{domain}>"}
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=headers,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def deliver(mail_id: int, now=None) -> str:
    """Send one queued mail if it is due and no other worker holds it; say what happened."""
    now = now or timezone.now()
    if not _claim(mail_id, now):
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        _message(mail).send()
    except (smtplib.SMTPException, OSError) as error:
        return _failed(mail, error, now)
    OutgoingMail.objects.filter(pk=mail_id).update(
        status=OutgoingMail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _failed(mail: OutgoingMail, error, now) -> str:
    attempts = mail.attempts + 1
    message = f"{type(error).__name__}: {error}"[:500]
    if attempts > len(BACKOFF_MINUTES):
        logger.error("Mail %s to %s failed %d times: %s", mail.pk, mail.to, attempts, message)
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED, attempts=attempts, last_error=message
        )
        return "failed"
    retry_at = now + timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
    logger.warning(
        "Mail %s to %s failed (%s); next try at %s", mail.pk, mail.to, message, retry_at
    )
    OutgoingMail.objects.filter(pk=mail.pk).update(
        attempts=attempts, last_error=message, next_attempt_at=retry_at
    )
    _enqueue_later(mail.pk, retry_at)
    return "retry"


def _enqueue_later(mail_id: int, when) -> None:
    from .tasks import deliver_mails

    if deliver_mails.get_backend().supports_defer:
        deliver_mails.using(run_after=when).enqueue([mail_id])
    # Otherwise (the immediate backend of the tests), the next sweep sends it.


def requeue_due(now=None) -> int:
    """Queue again every pending mail that is due: retries whose time has come, mails of a
    worker that died. Safe to run anywhere, any time: `deliver` skips what is claimed."""
    now = now or timezone.now()
    ids = list(
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    if ids:
        enqueue_delivery(ids)
    return len(ids)


def retry_failed(*, project) -> int:
    """The coordinator's « Réessayer »: failed mails of the project go back in the queue."""
    ids = list(
        OutgoingMail.objects.filter(
            project=project, status=OutgoingMail.Status.FAILED
        ).values_list("pk", flat=True)
    )
    OutgoingMail.objects.filter(pk__in=ids).update(
        status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    enqueue_delivery(ids)
    return len(ids)


def failed_count(project) -> int:
    return OutgoingMail.objects.filter(project=project, status=OutgoingMail.Status.FAILED).count()
