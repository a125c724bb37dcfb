"""The coordinator's members and invitations page: invite, resend, revoke, remove."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from projects.models import Invitation, Membership, Organisation, Role
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _url(name, world, *args):
    return reverse(f"projects:{name}", args=[world.project.slug, *args])


def _invite(client, world, **data):
    payload = {"email": "", "role": Role.PARTNER, "organisation": "", "new_organisation": ""}
    payload.update(data)
    return client.post(_url("invite", world), payload, follow=True)


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_members_page_lists_members_with_role_and_organisation(world, client_as):
    """Every member appears with their role and organisation."""
    response = client_as(world.coordinator).get(_url("members", world))
    content = response.content.decode()
    for user in (world.coordinator, world.partner_a, world.partner_b, world.advisor):
        assert user.email in content
    assert "Banque alimentaire du Suroît" in content
    assert "Conseiller·ère" in content
    assert world.outsider.email not in content


@pytest.mark.parametrize("count", [2, 20])
def test_members_page_query_count_is_constant(world, client_as, django_assert_num_queries, count):
    """The members page costs the same number of queries for 2 or 20 organisations."""
    for _ in range(count):
        organisation = OrganisationFactory()
        world.project.organisations.add(organisation)
        MembershipFactory(project=world.project, role=Role.PARTNER, organisation=organisation)
        InvitationFactory(project=world.project, organisation=organisation)
    client = client_as(world.coordinator)
    # Session, user, membership, members with users and organisations, invitations, the bell.
    with django_assert_num_queries(6):
        client.get(_url("members", world))


def test_invite_existing_organisation_sends_french_email(world, client_as):
    """Inviting a partner of an existing organisation records it and e-mails the link."""
    response = _invite(
        client_as(world.coordinator),
        world,
        email="Julie@Exemple.org",
        organisation=world.org_a.pk,
    )
    invitation = Invitation.objects.get(email="julie@exemple.org")
    assert invitation.organisation == world.org_a
    assert invitation.sent_by == world.coordinator
    assert invitation.sent_at is not None
    assert "Invitation envoyée à julie@exemple.org." in _messages(response)
    (email,) = mail.outbox
    assert email.to == ["julie@exemple.org"]
    assert email.subject == "Invitation au projet « Camion partagé »"
    accept_url = "http://testserver" + invitation.get_absolute_url()
    assert accept_url in email.body
    assert "Claire Coordination vous invite" in email.body
    assert "Votre rôle : Membre d'une organisation partenaire" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert accept_url in html


def test_invite_email_escapes_project_name(world, client_as):
    """A project name with markup is escaped in the HTML e-mail and plain in the text."""
    world.project.name = 'Camion & <b>frigo</b> "partagé"'
    world.project.save()
    _invite(client_as(world.coordinator), world, email="marc@exemple.org", role=Role.ADVISOR)
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    assert "<b>frigo</b>" not in html
    assert "Camion &amp; &lt;b&gt;frigo&lt;/b&gt; &quot;partagé&quot;" in html
    assert 'Camion & <b>frigo</b> "partagé"' in email.body
    assert "\n" not in email.subject


def test_invite_with_new_organisation_creates_it_outside_the_project(world, client_as):
    """A new organisation is created with the invitation; it joins the project on accept."""
    _invite(
        client_as(world.coordinator),
        world,
        email="karim@exemple.org",
        new_organisation="  Popote roulante de Valleyfield ",
    )
    organisation = Organisation.objects.get(name="Popote roulante de Valleyfield")
    assert Invitation.objects.get(email="karim@exemple.org").organisation == organisation
    assert not world.project.organisations.filter(pk=organisation.pk).exists()


def test_invite_new_organisation_with_existing_name_reuses_it(world, client_as):
    """Typing the name of an organisation already in the list does not create a duplicate."""
    _invite(
        client_as(world.coordinator),
        world,
        email="karim@exemple.org",
        new_organisation="banque alimentaire du suroît",
    )
    assert Invitation.objects.get(email="karim@exemple.org").organisation == world.org_a
    assert Organisation.objects.filter(name__iexact="banque alimentaire du suroît").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"email": "x@exemple.org"},
            "organisation",
            "Une organisation partenaire doit être rattachée à une organisation",
        ),
        (
            {"email": "x@exemple.org", "new_organisation": "Autre", "organisation": "ORG_A"},
            "new_organisation",
            "pas les deux",
        ),
        (
            {"email": "pas-une-adresse", "organisation": "ORG_A"},
            "email",
            "Saisissez une adresse de courriel valide.",
        ),
        (
            {"email": "PAUL@exemple.org", "organisation": "ORG_A"},
            "email",
            "Cette personne est déjà membre du projet.",
        ),
    ],
)
def test_invite_invalid_is_refused_in_french(world, client_as, data, field, message):
    """A bad invitation re-displays the form with a French message and sends nothing."""
    data = {k: world.org_a.pk if v == "ORG_A" else v for k, v in data.items()}
    response = _invite(client_as(world.coordinator), world, **data)
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    assert f'value="{data["email"]}"' in response.content.decode()


def test_invite_refuses_second_pending_invitation(world, client_as):
    """A second invitation to an address with one pending asks to resend it instead."""
    InvitationFactory(project=world.project, email="julie@exemple.org", organisation=world.org_a)
    response = _invite(
        client_as(world.coordinator), world, email="julie@exemple.org", organisation=world.org_a.pk
    )
    assert "renvoyez-la plutôt" in " ".join(response.context["form"].errors["email"])
    assert Invitation.objects.count() == 1


def test_invite_advisor_needs_no_organisation(world, client_as):
    """Advisors and coordinators may be invited without an organisation."""
    _invite(client_as(world.coordinator), world, email="conseil@exemple.org", role="advisor")
    invitation = Invitation.objects.get(email="conseil@exemple.org")
    assert (invitation.role, invitation.organisation) == (Role.ADVISOR, None)


def test_invite_email_failure_keeps_invitation(world, client_as, settings):
    """When the mail server fails, the invitation is kept and the coordinator is told."""
    settings.EMAIL_BACKEND = "tests.projects.test_members.FailingBackend"
    response = _invite(
        client_as(world.coordinator), world, email="julie@exemple.org", organisation=world.org_a.pk
    )
    invitation = Invitation.objects.get(email="julie@exemple.org")
    assert invitation.sent_at is None
    assert (
        "L'invitation est enregistrée mais le courriel n'a pas pu être envoyé ; "
        "vous pouvez la renvoyer." in _messages(response)
    )
    assert "courriel non envoyé" in response.content.decode()


def test_resend_sets_new_expiry_and_emails_again(world, client_as):
    """Resending an expired invitation gives it a new expiry and e-mails the same link."""
    invitation = InvitationFactory(
        project=world.project,
        organisation=world.org_a,
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert invitation.is_expired
    response = client_as(world.coordinator).post(
        _url("invitation_resend", world, invitation.pk), follow=True
    )
    invitation.refresh_from_db()
    assert invitation.is_usable
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    (email,) = mail.outbox
    assert invitation.get_absolute_url() in email.body
    assert any(m.startswith("Invitation renvoyée à") for m in _messages(response))


def test_resend_email_failure_is_reported(world, client_as, settings):
    """A resend that cannot reach the mail server says so and keeps the invitation."""
    settings.EMAIL_BACKEND = "tests.projects.test_members.FailingBackend"
    invitation = InvitationFactory(project=world.project, organisation=world.org_a)
    response = client_as(world.coordinator).post(
        _url("invitation_resend", world, invitation.pk), follow=True
    )
    assert any("n'a pas pu être envoyé" in m for m in _messages(response))
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_resend_refuses_revoked_invitation(world, client_as):
    """A revoked invitation cannot be resent."""
    invitation = InvitationFactory(
        project=world.project, organisation=world.org_a, revoked_at=timezone.now()
    )
    response = client_as(world.coordinator).post(
        _url("invitation_resend", world, invitation.pk), follow=True
    )
    assert "Cette invitation n'est plus en attente." in _messages(response)
    assert mail.outbox == []


def test_revoke_makes_link_unusable(world, client_as):
    """A revoked invitation's link shows a clear French message instead of the project."""
    invitation = InvitationFactory(project=world.project, organisation=world.org_a)
    client = client_as(world.coordinator)
    client.post(_url("invitation_revoke", world, invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.logout()
    response = client.get(invitation.get_absolute_url())
    assert "Cette invitation a été annulée." in response.content.decode()


def test_invitation_of_another_project_is_404(world, client_as):
    """A coordinator cannot resend or revoke another project's invitation."""
    invitation = InvitationFactory(project=world.other_project)
    client = client_as(world.coordinator)
    assert client.post(_url("invitation_revoke", world, invitation.pk)).status_code == 404
    assert client.post(_url("invitation_resend", world, invitation.pk)).status_code == 404


def test_remove_member_asks_confirmation_then_removes(world, client_as):
    """Removing a member shows a confirmation page; the POST removes the membership."""
    membership = Membership.objects.get(user=world.partner_b, project=world.project)
    client = client_as(world.coordinator)
    url = _url("member_remove", world, membership.pk)
    page = client.get(url)
    assert (
        "Retirer Béa Partenaire (Membre de Cuisine collective Beauharnois, organisation "
        "partenaire)" in page.content.decode()
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(url, follow=True)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert "Béa Partenaire ne fait plus partie du projet." in _messages(response)
    home = client_as(world.partner_b).get(reverse("projects:home", args=[world.project.slug]))
    assert home.status_code == 404


def test_remove_last_coordinator_is_refused(world, client_as):
    """The last coordinator cannot be removed, with a French explanation."""
    membership = Membership.objects.get(user=world.coordinator, project=world.project)
    response = client_as(world.coordinator).post(
        _url("member_remove", world, membership.pk), follow=True
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert any("dernier·ère coordonnateur·rice" in m for m in _messages(response))


def test_remove_coordinator_allowed_when_another_remains(world, client_as):
    """With two coordinators, one may leave; they land on their project list."""
    second = MembershipFactory(project=world.project, role=Role.COORDINATOR)
    membership = Membership.objects.get(user=world.coordinator, project=world.project)
    response = client_as(world.coordinator).post(_url("member_remove", world, membership.pk))
    assert response["Location"] == reverse("projects:list")
    assert list(world.project.memberships.filter(role=Role.COORDINATOR)) == [second]


def test_remove_member_of_another_project_is_404(world, client_as):
    """A membership of another project cannot be reached through this one."""
    other = Membership.objects.get(user=world.outsider)
    response = client_as(world.coordinator).post(_url("member_remove", world, other.pk))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()
