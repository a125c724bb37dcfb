"""Accepting an invitation: with a new account, an existing one, or a link that no longer works."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import Invitation, Membership, Role, User
from tests.factories import InvitationFactory, OrganisationFactory, UserFactory

NEW_PASSWORD = "Camion-refrigere-2026"


@pytest.fixture
def invitation(world):
    """Julie is invited as the partner of a new organisation."""
    return InvitationFactory(
        project=world.project,
        email="julie@exemple.org",
        role=Role.PARTNER,
        organisation=OrganisationFactory(name="Popote roulante de Valleyfield"),
        sent_by=world.coordinator,
    )


def _signup(client, invitation, **data):
    payload = {"full_name": "Julie Hébert", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    payload.update(data)
    return client.post(reverse("projects:invitation_signup", args=[invitation.token]), payload)


def test_invitation_token_is_long_and_unique(world):
    """Tokens are 32 random bytes (43 URL-safe characters) and differ between invitations."""
    first, second = InvitationFactory(project=world.project), InvitationFactory()
    assert len(first.token) == 43
    assert first.token != second.token


def test_accept_page_shows_project_role_and_choices_to_visitor(invitation, client):
    """A visitor sees the project, the role and the two ways to accept."""
    response = client.get(invitation.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Invitation au projet « Camion partagé »" in content
    assert "Membre d&#x27;une organisation partenaire" in content
    assert "Popote roulante de Valleyfield" in content
    assert reverse("projects:invitation_signup", args=[invitation.token]) in content
    login_link = f"{reverse('login')}?next={invitation.get_absolute_url()}"
    assert login_link in content


def test_accept_unknown_token_is_404(db, client):
    """A made-up token gets a 404."""
    response = client.get(reverse("projects:invitation_accept", args=["pas-un-vrai-jeton"]))
    assert response.status_code == 404


def test_accept_as_new_account(invitation, client):
    """A newcomer creates an account with the invited address and lands in the project."""
    response = _signup(client, invitation)
    assert response.status_code == 302
    assert response["Location"] == invitation.project.get_absolute_url()
    user = User.objects.get(email="julie@exemple.org")
    assert user.full_name == "Julie Hébert"
    assert user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user, project=invitation.project)
    assert (membership.role, membership.organisation) == (Role.PARTNER, invitation.organisation)
    assert invitation.project.organisations.filter(pk=invitation.organisation_id).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    home = client.get(response["Location"])
    assert "Bienvenue dans le projet « Camion partagé »" in home.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password2": "autre-chose-2026"}, "password2", "ne correspondent pas"),
        ({"password1": "123", "password2": "123"}, "password1", "trop court"),
        ({"password1": "motdepasse", "password2": "motdepasse"}, "password1", "trop courant"),
        ({"full_name": ""}, "full_name", "Ce champ est obligatoire."),
    ],
)
def test_signup_validates_in_french(invitation, client, data, field, message):
    """Django's password validators and required fields answer in French."""
    response = _signup(client, invitation, **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not User.objects.filter(email=invitation.email).exists()


def test_signup_with_existing_account_asks_to_log_in(invitation, client):
    """If the address already has an account, the signup form says to log in instead."""
    UserFactory(email="julie@exemple.org")
    response = _signup(client, invitation)
    assert "Un compte existe déjà pour cette adresse" in response.content.decode()
    assert not Membership.objects.filter(project=invitation.project, role=Role.PARTNER).filter(
        user__email="julie@exemple.org"
    )


def test_signup_when_logged_in_goes_back_to_invitation(invitation, world, client_as):
    """Someone already logged in is sent to the invitation page, not the signup form."""
    response = client_as(world.partner_a).get(
        reverse("projects:invitation_signup", args=[invitation.token])
    )
    assert response["Location"] == invitation.get_absolute_url()


def test_accept_as_existing_account(invitation, client_as):
    """A person with an account logs in, comes back and accepts with one click."""
    julie = UserFactory(email="julie@exemple.org")
    client = client_as(julie)
    page = client.get(invitation.get_absolute_url())
    assert "Accepter l'invitation" in page.content.decode()
    response = client.post(invitation.get_absolute_url())
    assert response["Location"] == invitation.project.get_absolute_url()
    assert Membership.objects.filter(user=julie, project=invitation.project).exists()


def test_login_with_next_returns_to_invitation(invitation, client):
    """The « j'ai déjà un compte » link brings the person back to the invitation."""
    UserFactory(email="julie@exemple.org", password="motdepasse-test")
    response = client.post(
        reverse("login"),
        {
            "username": "julie@exemple.org",
            "password": "motdepasse-test",
            "next": invitation.get_absolute_url(),
        },
    )
    assert response["Location"] == invitation.get_absolute_url()


def test_accept_with_other_account_explains(invitation, world, client_as):
    """Logged in with another address, the page says so and accepting does nothing."""
    client = client_as(world.partner_a)
    response = client.post(invitation.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cette invitation est destinée à julie@exemple.org" in content
    assert "paul@exemple.org" in content
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "Cette invitation est expirée."),
        ({"revoked_at": timezone.now()}, "Cette invitation a été annulée."),
        ({"accepted_at": timezone.now()}, "Cette invitation a déjà été utilisée."),
    ],
)
def test_unusable_link_shows_french_message(invitation, client_as, change, message):
    """Expired, revoked and used links say why in French, and accept nothing."""
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    julie = UserFactory(email="julie@exemple.org")
    for client in (client_as(None), client_as(julie)):
        response = client.post(invitation.get_absolute_url())
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Membership.objects.filter(user=julie).exists()
    signup = client_as(None).post(
        reverse("projects:invitation_signup", args=[invitation.token]),
        {"full_name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert signup["Location"] == invitation.get_absolute_url()


def test_accepted_link_takes_its_user_to_the_project(invitation, client_as):
    """The person who accepted can reopen the link: it leads to the project."""
    julie = UserFactory(email="julie@exemple.org")
    services.invitation_accept(invitation=invitation, user=julie)
    response = client_as(julie).get(invitation.get_absolute_url())
    assert response["Location"] == invitation.project.get_absolute_url()


def test_invitation_accept_is_single_use(invitation):
    """A second acceptance of the same invitation is refused."""
    julie = UserFactory(email="julie@exemple.org")
    services.invitation_accept(invitation=invitation, user=julie)
    with pytest.raises(services.InvitationError, match="déjà été utilisée"):
        services.invitation_accept(invitation=invitation, user=julie)
    assert Membership.objects.filter(user=julie).count() == 1


def test_invitation_accept_refuses_existing_member(world):
    """Someone already in the project cannot join a second time."""
    invitation = InvitationFactory(
        project=world.project, email=world.partner_a.email, organisation=world.org_b
    )
    with pytest.raises(services.InvitationError, match="déjà membre"):
        services.invitation_accept(invitation=invitation, user=world.partner_a)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_accept_advisor_does_not_add_organisation(world):
    """Only a partner's organisation joins the project's participating organisations."""
    agency = OrganisationFactory(name="Pôle d'économie sociale")
    invitation = InvitationFactory(
        project=world.project, email="conseil@exemple.org", role=Role.ADVISOR, organisation=agency
    )
    services.invitation_accept(invitation=invitation, user=UserFactory(email=invitation.email))
    assert not world.project.organisations.filter(pk=agency.pk).exists()


def test_account_creation_rolls_back_when_accept_fails(invitation):
    """No orphan account is left if the invitation is revoked meanwhile."""
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    with pytest.raises(services.InvitationError):
        services.account_create_and_accept(
            invitation=invitation, full_name="Julie", password=NEW_PASSWORD
        )
    assert not User.objects.filter(email=invitation.email).exists()
