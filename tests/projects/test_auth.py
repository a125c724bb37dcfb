"""Account pages in French: log in, log out, reset and change the password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "motdepasse-test"


def test_login_with_email_any_case(db, client):
    """People log in with their e-mail address, whatever its case."""
    UserFactory(email="claire@exemple.org")
    response = client.post(
        reverse("login"), {"username": "  Claire@Exemple.ORG", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:list")


def test_login_wrong_password_shows_french_error(db, client):
    """A wrong password keeps the person on the page with a French message."""
    UserFactory(email="claire@exemple.org")
    response = client.post(
        reverse("login"), {"username": "claire@exemple.org", "password": "mauvais"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Adresse courriel ou mot de passe incorrect." in content
    assert 'value="claire@exemple.org"' in content


def test_login_page_is_french_with_labels(db, client):
    """The login page has French, labelled fields and a link to reset the password."""
    content = client.get(reverse("login")).content.decode()
    assert re.search(r'<label\s+for="id_username"[^>]*>\s*Adresse courriel', content)
    assert '<input type="email" name="username"' in content
    assert "Mot de passe oublié ?" in content
    assert reverse("password_reset") in content


def test_logout_is_post_only(db, client_as):
    """Logging out takes a POST; the person is then logged out with a French message."""
    client = client_as(UserFactory())
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)
    assert "Vous êtes déconnecté·e." in response.content.decode()
    assert client.get(reverse("projects:list")).status_code == 302


def test_password_reset_sends_french_email_and_works(db, client):
    """The reset e-mail is French and its link lets the person choose a new password."""
    user = UserFactory(email="claire@exemple.org")
    response = client.post(reverse("password_reset"), {"email": "claire@exemple.org"})
    assert response["Location"] == reverse("password_reset_done")
    (email,) = mail.outbox
    assert email.to == ["claire@exemple.org"]
    assert email.subject == "Mutualisation : choisir un nouveau mot de passe"
    assert "Pour choisir un nouveau mot de passe, ouvrez ce lien" in email.body
    link = re.search(r"http://testserver(/compte/reset/\S+/)", email.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choisissez votre nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "Un-camion-pour-4", "new_password2": "Un-camion-pour-4"},
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Un-camion-pour-4")


def test_password_reset_unknown_address_sends_nothing(db, client):
    """An unknown address gets the same answer and no e-mail (no account probing)."""
    response = client.post(reverse("password_reset"), {"email": "personne@exemple.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_bad_link_explains(db, client):
    """A broken or used reset link says so in French."""
    response = client.get(
        reverse("password_reset_confirm", args=["MQ", "pas-un-jeton"]), follow=True
    )
    assert "Ce lien n'est plus valide" in response.content.decode()


def test_password_change(db, client_as):
    """A logged-in person changes their password and stays logged in."""
    user = UserFactory()
    client = client_as(user)
    page = client.get(reverse("password_change"))
    assert "Changer mon mot de passe" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Nouveau-mot-2026",
            "new_password2": "Nouveau-mot-2026",
        },
        follow=True,
    )
    assert "Mot de passe changé" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Nouveau-mot-2026")


def test_password_change_wrong_old_password_in_french(db, client_as):
    """A wrong current password is refused in French."""
    client = client_as(UserFactory())
    response = client.post(
        reverse("password_change"),
        {"old_password": "faux", "new_password1": "Abc-2026-xyz", "new_password2": "Abc-2026-xyz"},
    )
    assert "Votre ancien mot de passe est incorrect" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("password_reset", "Mot de passe oublié"),
        ("password_reset_done", "Vérifiez vos courriels"),
        ("password_reset_complete", "Votre nouveau mot de passe est enregistré."),
    ],
)
def test_password_reset_pages_are_french(db, client, name, text):
    """Each page of the password reset journey speaks French."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert text in response.content.decode()


def test_logged_out_page_is_french(db, rf):
    """The logged-out page (used when no redirect is configured) speaks French."""
    from django.template.loader import render_to_string

    html = render_to_string("registration/logged_out.html", request=rf.get("/"))
    assert "Vous êtes déconnecté·e" in html
