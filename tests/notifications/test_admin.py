"""The admin of the notifications: preferences, the sent-log, the mail queue (read-only,
filtered by status, failed mails put back in the queue)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import OutgoingMail
from tests.factories import UserFactory
from tests.notifications.builders import notification


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(email="admin@exemple.org", is_staff=True, is_superuser=True))
    return client


def _mail(world, key, status):
    return OutgoingMail.objects.create(
        key=key,
        user=world.partner_a,
        project=world.project,
        to=world.partner_a.email,
        subject=f"[Camion partagé] {key}",
        body_text="Bonjour,",
        status=status,
        attempts=6 if status == OutgoingMail.Status.FAILED else 1,
        next_attempt_at=timezone.now(),
    )


@pytest.mark.parametrize("model", ["notificationpreference", "notification", "outgoingmail"])
def test_admin_lists_each_model(world, admin_client, model):
    notification(world.partner_a, world.project)
    _mail(world, "a", OutgoingMail.Status.SENT)
    response = admin_client.get(reverse(f"admin:notifications_{model}_changelist"))
    assert response.status_code == 200


def test_admin_mail_queue_filters_by_status_and_is_read_only(world, admin_client):
    sent = _mail(world, "envoyé", OutgoingMail.Status.SENT)
    _mail(world, "en-échec", OutgoingMail.Status.FAILED)
    changelist = reverse("admin:notifications_outgoingmail_changelist")
    page = admin_client.get(changelist, {"status__exact": "failed"}).content.decode()
    assert "en-échec" in page and "[Camion partagé] envoyé" not in page
    assert admin_client.get(reverse("admin:notifications_outgoingmail_add")).status_code == 403
    change = admin_client.get(reverse("admin:notifications_outgoingmail_change", args=[sent.pk]))
    assert 'name="subject"' not in change.content.decode()


def test_admin_puts_failed_mails_back_in_the_queue(world, admin_client):
    failed = _mail(world, "en-échec", OutgoingMail.Status.FAILED)
    sent = _mail(world, "envoyé", OutgoingMail.Status.SENT)
    response = admin_client.post(
        reverse("admin:notifications_outgoingmail_changelist"),
        {"action": "retry", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    assert "1 courriel remis en file." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.SENT  # the test's task ran at once
    assert [email.subject for email in mail.outbox] == ["[Camion partagé] en-échec"]
