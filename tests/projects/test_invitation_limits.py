"""Invitations cannot be abused to mail people: resend interval, new link, hourly and daily
limits, one pending invitation per address (issue 15, items 6 and 7)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import Invitation, Role
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _resend(client, world, invitation):
    return client.post(
        reverse("projects:invitation_resend", args=[world.project.slug, invitation.pk]),
        follow=True,
    )


def _invite(client, world, email):
    return client.post(
        reverse("projects:invite", args=[world.project.slug]),
        {"email": email, "role": Role.ADVISOR},
        follow=True,
    )


def test_invitation_resend_twenty_clicks_send_one_mail(client_as, world):
    """Twenty « Renvoyer » in a row send one e-mail; the others say why not."""
    client = client_as(world.coordinator)
    invitation = InvitationFactory(project=world.project, role=Role.ADVISOR, organisation=None)
    responses = [_resend(client, world, invitation) for _ in range(20)]
    assert len(mail.outbox) == 1
    assert "attendez 10 minutes avant de la renvoyer" in responses[-1].content.decode()


def test_invitation_resend_after_the_interval_sends_again(client_as, world):
    client = client_as(world.coordinator)
    invitation = InvitationFactory(
        project=world.project,
        role=Role.ADVISOR,
        organisation=None,
        sent_at=timezone.now() - timedelta(minutes=11),
    )
    _resend(client, world, invitation)
    assert len(mail.outbox) == 1


def test_invitation_resend_of_an_expired_one_issues_a_new_link(client_as, world, client):
    """The expired link stays dead; the new e-mail carries a new one."""
    coordinator = client_as(world.coordinator)
    invitation = InvitationFactory(project=world.project, role=Role.ADVISOR, organisation=None)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    old_url = invitation.get_absolute_url()

    _resend(coordinator, world, invitation)

    invitation.refresh_from_db()
    assert invitation.get_absolute_url() != old_url
    assert invitation.get_absolute_url() in mail.outbox[0].body
    assert old_url not in mail.outbox[0].body
    coordinator.logout()
    assert client.get(old_url).status_code == 404


def test_invitation_limit_per_sender_per_hour(client_as, world, settings):
    settings.INVITATIONS_PER_SENDER_PER_HOUR = 3
    client = client_as(world.coordinator)
    for number in range(3):
        _invite(client, world, f"personne{number}@exemple.org")
    response = _invite(client, world, "une-de-trop@exemple.org")
    assert "3 invitations dans la dernière heure" in response.content.decode()
    assert not Invitation.objects.filter(email="une-de-trop@exemple.org").exists()
    assert len(mail.outbox) == 3


def test_invitation_limit_per_project_per_day(client_as, world, settings):
    settings.INVITATIONS_PER_PROJECT_PER_DAY = 2
    for _number in range(2):
        InvitationFactory(project=world.project, role=Role.ADVISOR, organisation=None)
    response = _invite(client_as(world.coordinator), world, "une-de-trop@exemple.org")
    assert "depuis 24 heures" in response.content.decode()


def test_invitation_one_pending_per_address_is_a_database_rule(world):
    InvitationFactory(
        project=world.project, email="double@exemple.org", role=Role.ADVISOR, organisation=None
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(
            project=world.project, email="Double@exemple.org", role=Role.ADVISOR, organisation=None
        )


def test_invitation_create_twice_says_resend_instead(world):
    services.invitation_create(
        project=world.project,
        email="x@exemple.org",
        role=Role.ADVISOR,
        organisation=None,
        sent_by=world.coordinator,
    )
    with pytest.raises(services.InvitationError, match="renvoyez-la plutôt"):
        services.invitation_create(
            project=world.project,
            email="X@exemple.org",
            role=Role.ADVISOR,
            organisation=None,
            sent_by=world.coordinator,
        )


def test_invitation_create_replaces_an_expired_pending_one(world):
    old = InvitationFactory(
        project=world.project, email="y@exemple.org", role=Role.ADVISOR, organisation=None
    )
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    new = services.invitation_create(
        project=world.project,
        email="y@exemple.org",
        role=Role.ADVISOR,
        organisation=None,
        sent_by=world.coordinator,
    )
    old.refresh_from_db()
    assert old.revoked_at is not None and new.pk != old.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
def test_invitation_three_simultaneous_invitations_leave_one_pending(world):
    """Three requests at once for one address: one invitation, two clear refusals."""
    barrier = threading.Barrier(3)
    outcomes = []

    def invite():
        barrier.wait()
        try:
            services.invitation_create(
                project=world.project,
                email="vite@exemple.org",
                role=Role.ADVISOR,
                organisation=None,
                sent_by=world.coordinator,
            )
            outcomes.append("created")
        except services.InvitationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=invite) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused", "refused"]
    assert Invitation.objects.filter(email="vite@exemple.org").count() == 1
