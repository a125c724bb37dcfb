"""The link of the invitation e-mail: absolute, on SITE_URL behind a proxy, else the request's
address; the e-mail says what the role lets the person do."""

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Invitation, Role
from tests.factories import InvitationFactory
from tests.test_settings_deploy import manage, production_env

SITE = "https://mutualisation.exemple.org"


def _invite(client, world, **data):
    payload = {"email": "julie@exemple.org", "role": Role.PARTNER, "organisation": ""}
    payload.update(data)
    return client.post(reverse("projects:invite", args=[world.project.slug]), payload)


def test_invitation_link_uses_site_url_when_set(world, client_as, settings):
    """Behind a reverse proxy, the link points at the public address, not the internal one."""
    settings.SITE_URL = SITE
    _invite(client_as(world.coordinator), world, organisation=world.org_a.pk)
    invitation = Invitation.objects.get(email="julie@exemple.org")
    (email,) = mail.outbox
    link = SITE + invitation.get_absolute_url()
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0][0]
    assert "http://testserver" not in email.body


def test_invitation_link_uses_request_address_without_site_url(world, client_as, settings):
    """Without SITE_URL the link is absolute on the address the coordinator used."""
    settings.SITE_URL = ""
    client = client_as(world.coordinator)
    client.post(
        reverse("projects:invite", args=[world.project.slug]),
        {"email": "julie@exemple.org", "role": Role.ADVISOR},
        HTTP_HOST="localhost",
    )
    invitation = Invitation.objects.get(email="julie@exemple.org")
    (email,) = mail.outbox
    assert "http://localhost" + invitation.get_absolute_url() in email.body


def test_resent_invitation_link_uses_site_url(world, client_as, settings):
    """Sending again builds the link the same way."""
    settings.SITE_URL = SITE
    invitation = InvitationFactory(project=world.project, organisation=world.org_b)
    client_as(world.coordinator).post(
        reverse("projects:invitation_resend", args=[world.project.slug, invitation.pk])
    )
    (email,) = mail.outbox
    assert SITE + invitation.get_absolute_url() in email.body


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PARTNER, "Vous remplirez les réponses de votre organisation"),
        (Role.COORDINATOR, "Vous gérerez le projet et ses membres"),
        (Role.ADVISOR, "sans rien modifier"),
    ],
)
def test_invitation_email_says_what_the_role_does(world, client_as, role, expected):
    """Each role gets one sentence on what the person will do, in both parts of the e-mail."""
    organisation = world.org_a.pk if role == Role.PARTNER else ""
    _invite(client_as(world.coordinator), world, role=role, organisation=organisation)
    (email,) = mail.outbox
    assert expected in email.body
    assert expected in email.alternatives[0][0]


def test_site_url_without_scheme_is_refused_at_start():
    """A SITE_URL that is not an absolute address stops the server with a clear message."""
    result = manage("check", env=production_env(SITE_URL="mutualisation.exemple.org"))
    assert result.returncode != 0
    assert "SITE_URL must be an absolute address" in result.stderr
