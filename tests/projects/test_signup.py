"""Who may create projects (settings.PROJECT_CREATION) and self sign-up (projects/signup.py)."""

import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse

from projects.admin import UserAdmin
from projects.models import Project, User
from projects.signup import confirmation_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Un-mot-de-passe-solide-42"
real_time = time.time


@pytest.fixture(autouse=True)
def fresh_cache():
    """The one-mail-per-address interval is kept in the cache: start each test empty."""
    cache.clear()
    yield
    cache.clear()


def _page(response) -> str:
    return response.content.decode().replace("\u00a0", " ")


def _add_project_permission():
    return Permission.objects.get(content_type__app_label="projects", codename="add_project")


def _sign_up(client, email="nadia@exemple.org", **overrides):
    data = {
        "full_name": "Nadia Nouvelle",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("signup"), data)


def _link_in(message) -> str:
    return re.search(r"https?://\S+/compte/inscription/confirmer/\S+/", message.body).group(0)


# Who may create projects -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_a", "advisor", "coordinator", "outsider"])
def test_view_create_refused_under_approved_with_an_explanation(world, client_as, persona):
    """Without the permission, « Créer un projet » is refused with a French page."""
    client = client_as(world.user(persona))
    response = client.get(reverse("projects:create"))
    assert response.status_code == 403
    assert "Création de projets réservée" in _page(response)
    response = client.post(reverse("projects:create"), {"name": "X", "status": "active"})
    assert response.status_code == 403
    assert not Project.objects.filter(name="X").exists()


def test_page_list_shows_create_button_only_to_who_may(world, client_as):
    create = reverse("projects:create")
    page = _page(client_as(world.partner_a).get(reverse("projects:list")))
    assert create not in page
    assert "Demander à pouvoir créer des projets" in page
    world.coordinator.user_permissions.add(_add_project_permission())
    page = _page(client_as(world.coordinator).get(reverse("projects:list")))
    assert create in page
    assert reverse("restore:upload") in page
    assert "Demander à pouvoir créer des projets" not in page


def test_view_create_allowed_to_staff_and_to_anyone_under_anyone(world, client_as, settings):
    staff = UserFactory(is_staff=True)
    assert client_as(staff).get(reverse("projects:create")).status_code == 200
    settings.PROJECT_CREATION = "anyone"
    client = client_as(world.advisor)
    assert reverse("projects:create") in _page(client.get(reverse("projects:list")))
    response = client.post(reverse("projects:create"), {"name": "Libre", "status": "active"})
    assert response.status_code == 302
    assert Project.objects.filter(name="Libre", created_by=world.advisor).exists()


def test_view_creation_request_tells_staff_and_admin_approves(world, client_as, rf):
    """A partner asks; staff get a mail; the admin action grants the permission and the
    person is told."""
    admin = UserFactory(email="admin@exemple.org", is_staff=True, is_superuser=True)
    client = client_as(world.partner_a)
    response = client.post(reverse("creation_request"), follow=True)
    assert "Votre demande est envoyée" in _page(response)
    world.partner_a.refresh_from_db()
    assert world.partner_a.creation_pending
    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert world.partner_a.email in mail.outbox[0].body
    # Asking twice does not mail twice.
    client.post(reverse("creation_request"))
    assert len(mail.outbox) == 1
    assert "en attente d’approbation" in _page(client.get(reverse("projects:list")))

    client = client_as(admin)
    changelist = reverse("admin:projects_user_changelist")
    page = _page(client.get(changelist + "?demande=attente"))
    assert world.partner_a.email in page
    assert world.partner_b.email not in page
    response = client.post(
        changelist,
        {"action": "approve_creation", "_selected_action": [world.partner_a.pk]},
    )
    assert response.status_code == 302
    world.partner_a.refresh_from_db()
    partner = User.objects.get(pk=world.partner_a.pk)  # no cached permissions
    assert partner.can_create_projects and not partner.creation_pending
    assert mail.outbox[-1].to == [partner.email]
    assert reverse("projects:create") in mail.outbox[-1].body
    assert client_as(partner).get(reverse("projects:create")).status_code == 200
    assert "approve_creation" in UserAdmin.actions


# Self sign-up ------------------------------------------------------------------------------


def test_page_login_links_to_signup_only_when_open(db, client, settings):
    assert reverse("signup") in _page(client.get(reverse("login")))
    settings.SIGNUP_OPEN = False
    assert reverse("signup") not in _page(client.get(reverse("login")))
    assert client.get(reverse("signup")).status_code == 404


def test_flow_signup_mail_confirm_then_pending_under_approved(db, client):
    """Sign up → an inactive account and a mail → the link and the password activate
    it → logged in, the request waits for staff, who are told."""
    staff = UserFactory(email="equipe@exemple.org", is_staff=True)
    response = _sign_up(client)
    assert response["Location"] == reverse("signup_sent")
    user = User.objects.get(email="nadia@exemple.org")
    assert not user.is_active
    assert user.signed_up_at is not None
    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0])

    # Not yet confirmed: the login says so instead of « wrong password ».
    response = client.post(
        reverse("login"), {"username": "nadia@exemple.org", "password": PASSWORD}
    )
    assert "pas encore confirmée" in _page(response)

    path = link.split("testserver", 1)[1]
    page = _page(client.get(path))
    assert "Activer votre compte" in page
    response = client.post(path, {"password": "pas-le-bon"})
    assert "Ce n’est pas le mot de passe choisi" in _page(response)
    assert not User.objects.get(pk=user.pk).is_active

    response = client.post(path, {"password": PASSWORD}, follow=True)
    user.refresh_from_db()
    assert user.is_active
    assert user.creation_pending
    page = _page(response)
    assert "Votre demande est en attente d’approbation" in page
    assert reverse("projects:create") not in page
    assert mail.outbox[-1].to == [staff.email]
    # Used link: the account is already active.
    assert "Compte déjà activé" in _page(client.get(path))


def test_flow_signup_under_anyone_may_create_at_once(db, client, settings):
    settings.PROJECT_CREATION = "anyone"
    _sign_up(client)
    path = _link_in(mail.outbox[0]).split("testserver", 1)[1]
    response = client.post(path, {"password": PASSWORD}, follow=True)
    user = User.objects.get(email="nadia@exemple.org")
    assert user.is_active and user.creation_requested_at is None
    assert reverse("projects:create") in _page(response)
    assert client.get(reverse("projects:create")).status_code == 200


def test_view_signup_confirm_refuses_forged_and_expired_links(db, client, settings, monkeypatch):
    _sign_up(client)
    user = User.objects.get(email="nadia@exemple.org")
    forged = signing.dumps({"u": user.pk, "e": user.email}, salt="autre-chose")
    response = client.get(reverse("signup_confirm", args=[forged]))
    assert response.status_code == 400
    assert "Ce lien n’est pas valide" in _page(response)
    tampered = confirmation_token(user)[:-3] + "abc"
    assert client.get(reverse("signup_confirm", args=[tampered])).status_code == 400
    response = client.post(reverse("signup_confirm", args=[forged]), {"password": PASSWORD})
    assert not User.objects.get(pk=user.pk).is_active

    # A link signed two hours ago, with links valid one hour.
    settings.SIGNUP_LINK_MAX_AGE_HOURS = 1
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 2 * 3600)
    old = confirmation_token(user)
    monkeypatch.undo()
    response = client.post(reverse("signup_confirm", args=[old]), {"password": PASSWORD})
    assert "Ce lien est expiré" in _page(response)
    assert not User.objects.get(pk=user.pk).is_active


def test_flow_signup_with_an_existing_address_opens_nothing_and_says_the_same(db, client):
    """The page does not tell who has an account; the owner is reminded by mail."""
    existing = UserFactory(email="deja@exemple.org")
    response = _sign_up(client, email="Deja@Exemple.org")
    assert response["Location"] == reverse("signup_sent")
    existing.refresh_from_db()
    assert existing.check_password("motdepasse-test")  # unchanged
    assert User.objects.filter(email__iexact="deja@exemple.org").count() == 1
    assert "déjà un compte" in mail.outbox[0].subject
    assert "/compte/inscription/confirmer/" not in mail.outbox[0].body


def test_flow_signup_again_before_confirming_needs_the_latest_password(db, client):
    """Someone else signing up with my address cannot get in: the link asks for the
    password, which only the person who signed up last knows; mails are spaced."""
    _sign_up(client)
    first_link = _link_in(mail.outbox[0]).split("testserver", 1)[1]
    cache.clear()  # past the interval between two mails
    _sign_up(client, password1="Autre-mot-de-passe-77", password2="Autre-mot-de-passe-77")
    assert len(mail.outbox) == 2
    response = client.post(first_link, {"password": PASSWORD})
    assert "Ce n’est pas le mot de passe choisi" in _page(response)
    assert not User.objects.get(email="nadia@exemple.org").is_active
    _sign_up(client)
    assert len(mail.outbox) == 2  # a third request within five minutes sends nothing


def test_form_signup_keeps_password_validators(db, client):
    response = _sign_up(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert not User.objects.filter(email="nadia@exemple.org").exists()
    assert mail.outbox == []


def test_view_signup_sends_logged_in_people_to_their_projects(world, client_as):
    response = client_as(world.partner_a).get(reverse("signup"))
    assert response["Location"] == reverse("projects:list")
