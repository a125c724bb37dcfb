"""Background jobs of the projects app (Django's task API, database backend)."""

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from notifications.delivery import enqueue_delivery, queue_mail
from notifications.services import site_url

from .models import Invitation
from .services import invitation_mail


@task()
def send_invitations(invitation_ids: list[int], base_url: str = "", language: str = "") -> int:
    """Queue the e-mails of these invitations (a bulk invitation, or « Relancer »); return
    how many were queued.

    One mail per invitation and reminder (its key), so the job can run twice without
    sending twice; the mail queue (notifications.delivery) sends and retries them.
    `base_url` is the site's address the coordinator used (else SITE_URL), `language` the
    language of their page.
    """
    base_url = base_url or site_url("")
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "project", "organisation", "sent_by"
    )
    queued, sent = [], []
    with translation.override(language or settings.LANGUAGE_CODE):
        for invitation in invitations:
            if not invitation.is_usable:
                continue
            subject, text, html = invitation_mail(invitation=invitation, base_url=base_url)
            mail = queue_mail(
                key=f"invitation:{invitation.pk}:{invitation.reminder_count}",
                to=invitation.email,
                subject=subject,
                text=text,
                html=html,
                project=invitation.project,
                enqueue=False,
            )
            sent.append(invitation.pk)
            if mail is not None:
                queued.append(mail.pk)
    Invitation.objects.filter(pk__in=sent, sent_at__isnull=True).update(sent_at=timezone.now())
    enqueue_delivery(queued)
    return len(queued)
