"""The one-click unsubscribe link of every notification e-mail (RFC 8058): public, signed,
limited in time; a bad or old link shows a French page and changes nothing."""

import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications.kinds import Kind
from notifications.models import Delivery, NotificationPreference
from notifications.services import UNSUBSCRIBE_SALT, unsubscribe_token


def _url(token):
    return reverse("notifications:unsubscribe", args=[token])


def _old_token(user, project, days):
    """A token signed `days` ago (what the link of an old e-mail carries)."""

    class Then(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    return Then(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk, "p": project.pk})


@pytest.fixture
def mail_client(db):
    """A mail client or a browser without session, and with the CSRF checks on."""
    return Client(enforce_csrf_checks=True)


def test_unsubscribe_page_names_the_project_and_changes_nothing(world, mail_client):
    response = mail_client.get(_url(unsubscribe_token(world.partner_a, world.project)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Camion partagé" in page
    assert "Ne plus recevoir de courriels pour ce projet" in page
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert not NotificationPreference.objects.exists()


def test_one_click_post_stops_the_mails_of_that_project_only(world, mail_client):
    """A POST without session or CSRF token, as a mail client sends it: delivery « none »
    for this person and project (created), muted kinds kept, other projects untouched."""
    NotificationPreference.objects.create(
        user=world.partner_a,
        project=world.project,
        delivery=Delivery.IMMEDIATE,
        muted_kinds=[Kind.MENTIONED],
    )
    response = mail_client.post(
        _url(unsubscribe_token(world.partner_a, world.project)),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Désabonnement confirmé" in page
    assert reverse("notifications:preferences") in page
    preference = NotificationPreference.objects.get(user=world.partner_a)
    assert preference.delivery == Delivery.NONE
    assert preference.muted_kinds == [Kind.MENTIONED]

    mail_client.post(_url(unsubscribe_token(world.partner_b, world.project)))
    assert NotificationPreference.objects.get(user=world.partner_b).delivery == Delivery.NONE
    assert NotificationPreference.objects.count() == 2


def _tampered(world):
    token = unsubscribe_token(world.partner_a, world.project)
    return token[:-2] + ("AA" if not token.endswith("AA") else "BB")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("make_token", "words"),
    [
        (_tampered, "Ce lien de désabonnement n'est pas valide"),
        (lambda world: "n-importe-quoi", "Ce lien de désabonnement n'est pas valide"),
        (
            # Signed for another purpose (an invitation, a password reset…).
            lambda world: signing.dumps({"u": world.partner_a.pk, "p": world.project.pk}),
            "Ce lien de désabonnement n'est pas valide",
        ),
        (
            lambda world: _old_token(world.partner_a, world.project, days=181),
            "Ce lien de désabonnement a expiré",
        ),
    ],
)
def test_bad_or_old_link_shows_a_french_page_and_changes_nothing(
    world, mail_client, method, make_token, words
):
    response = getattr(mail_client, method)(_url(make_token(world)))
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert words in page
    assert "Rien n'a été changé." in page
    assert not NotificationPreference.objects.exists()


def test_link_still_valid_before_its_age_limit(world, mail_client):
    response = mail_client.post(_url(_old_token(world.partner_a, world.project, days=179)))
    assert response.status_code == 200
    assert NotificationPreference.objects.get().delivery == Delivery.NONE


def test_link_of_a_deleted_project_is_refused(world, mail_client):
    token = unsubscribe_token(world.partner_a, world.project)
    world.project.delete()
    assert mail_client.post(_url(token)).status_code == 400
    assert not NotificationPreference.objects.exists()
