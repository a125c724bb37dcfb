"""Members restored by import_project get in: password reset and invitations reach them."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from projects.models import Role
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restored():
    """An account as the import creates it: no usable password."""
    return get_user_model().objects.create_user("restauree@exemple.org", None, full_name="Rita")


def test_restored_account_password_reset_sends_a_link_that_works(client, restored):
    """« Mot de passe oublié » reaches an account without a usable password."""
    response = client.post(
        reverse("password_reset"), {"email": "Restauree@exemple.org"}, follow=True
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/compte/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": "unMotDePasse-solide-42", "new_password2": "unMotDePasse-solide-42"},
        follow=True,
    )
    assert response.status_code == 200
    restored.refresh_from_db()
    assert restored.check_password("unMotDePasse-solide-42")
    client.logout()
    response = client.post(
        reverse("login"),
        {"username": "restauree@exemple.org", "password": "unMotDePasse-solide-42"},
    )
    assert response.status_code == 302


def test_restored_account_inactive_gets_no_reset_mail(client, restored):
    """Only active accounts are reached, as in Django."""
    restored.is_active = False
    restored.save()
    client.post(reverse("password_reset"), {"email": "restauree@exemple.org"})
    assert mail.outbox == []


def test_restored_account_accepts_an_invitation_by_choosing_a_password(client, restored):
    """The invitation sign-up sets the password of a restored account instead of refusing."""
    invitation = InvitationFactory(
        email="restauree@exemple.org", role=Role.ADVISOR, organisation=None
    )
    response = client.post(
        reverse("projects:invitation_signup", args=[invitation.token]),
        {
            "full_name": "Rita Restaurée",
            "password1": "unMotDePasse-solide-42",
            "password2": "unMotDePasse-solide-42",
        },
    )
    assert response.status_code == 302
    restored.refresh_from_db()
    assert restored.check_password("unMotDePasse-solide-42")
    assert restored.full_name == "Rita Restaurée"
    assert restored.memberships.get().project == invitation.project
    assert get_user_model().objects.filter(email__iexact="restauree@exemple.org").count() == 1


def test_invitation_signup_still_refuses_an_account_with_a_password(client):
    """An account someone already uses is never taken over through an invitation."""
    get_user_model().objects.create_user("deja@exemple.org", "Ancien-mot-de-passe-9")
    invitation = InvitationFactory(email="deja@exemple.org", role=Role.ADVISOR, organisation=None)
    response = client.post(
        reverse("projects:invitation_signup", args=[invitation.token]),
        {
            "full_name": "X",
            "password1": "unMotDePasse-solide-42",
            "password2": "unMotDePasse-solide-42",
        },
    )
    assert response.status_code == 200
    assert "Un compte existe déjà" in response.content.decode()
