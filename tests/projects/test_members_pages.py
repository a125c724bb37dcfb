"""Members and invitations polish: pending invitations are not « personne d'autre », the
organisation fields do not apply to an advisor, a partner's role names a person."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.forms import InvitationForm
from projects.models import Invitation, Organisation, Role
from tests.factories import InvitationFactory, MembershipFactory, UserFactory


def members_url(project):
    return reverse("projects:members", args=[project.slug])


def coordinator_alone(db):
    """A new project: only its coordinator, no invitation yet."""
    membership = MembershipFactory(role=Role.COORDINATOR)
    return membership.project, membership.user


def test_members_alone_invites_a_first_person(db, client_as):
    """Nobody else and nothing sent: the page says to invite a first person."""
    project, coordinator = coordinator_alone(db)
    page = client_as(coordinator).get(members_url(project)).content.decode()
    assert "Personne d'autre ne participe encore au projet" in page
    assert "Vos invitations sont en attente" not in page


def test_members_with_pending_invitations_says_they_wait(db, client_as):
    """Invitations sent, none accepted yet: the page says they are pending instead."""
    project, coordinator = coordinator_alone(db)
    InvitationFactory(project=project, email="paul@exemple.org")
    page = client_as(coordinator).get(members_url(project)).content.decode()
    assert "Personne d'autre ne participe encore" not in page
    assert "Vos invitations sont en attente" in page


def test_members_with_only_expired_or_revoked_invitations_is_alone(db, client_as):
    """Expired or revoked invitations wait for nothing: back to « invitez »."""
    project, coordinator = coordinator_alone(db)
    InvitationFactory(project=project, expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(project=project, revoked_at=timezone.now())
    page = client_as(coordinator).get(members_url(project)).content.decode()
    assert "Personne d'autre ne participe encore au projet" in page
    assert "Vos invitations sont en attente" not in page


def test_members_page_with_members_shows_neither_box(world, client_as):
    """Once others have joined, neither message shows."""
    InvitationFactory(project=world.project)
    page = client_as(world.coordinator).get(members_url(world.project)).content.decode()
    assert "Personne d'autre ne participe encore" not in page
    assert "Vos invitations sont en attente" not in page


def test_members_page_calls_partners_members_of_an_organisation(world, client_as):
    """The role column names the person: « Membre d'une organisation partenaire »."""
    page = client_as(world.coordinator).get(members_url(world.project)).content.decode()
    assert "<td>Membre d&#x27;une organisation partenaire</td>" in page
    assert "<td>Organisation partenaire</td>" not in page


# --- The invitation form for an advisor ---------------------------------------------------


def test_invite_form_ignores_organisation_for_an_advisor(world):
    """An advisor's invitation keeps no organisation, even one chosen or named."""
    form = InvitationForm(
        {
            "email": "conseil@exemple.org",
            "role": Role.ADVISOR,
            "organisation": world.org_a.pk,
            "new_organisation": "Une autre",
        },
        project=world.project,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation"] is None


def test_invite_form_ignores_a_bad_organisation_for_an_advisor(world):
    """A stale or forged organisation id does not block an advisor's invitation."""
    form = InvitationForm(
        {"email": "conseil@exemple.org", "role": Role.ADVISOR, "organisation": "99999"},
        project=world.project,
    )
    assert form.is_valid(), form.errors


def test_invite_advisor_with_named_organisation_creates_none(world, client_as):
    """Posting an advisor with « nouvelle organisation » filled records no organisation."""
    before = Organisation.objects.count()
    client_as(world.coordinator).post(
        reverse("projects:invite", args=[world.project.slug]),
        {"email": "conseil@exemple.org", "role": Role.ADVISOR, "new_organisation": "CDC"},
    )
    invitation = Invitation.objects.get(email="conseil@exemple.org")
    assert invitation.organisation is None
    assert Organisation.objects.count() == before


def test_invite_form_still_requires_an_organisation_for_a_partner(world):
    """The partner rule stays: an organisation, chosen or named."""
    form = InvitationForm({"email": "p@exemple.org", "role": Role.PARTNER}, project=world.project)
    assert not form.is_valid()
    assert "organisation" in form.errors


def test_invite_page_loads_its_script(world, client_as):
    """The page hides the organisation fields for advisors with a static script."""
    page = (
        client_as(world.coordinator)
        .get(reverse("projects:invite", args=[world.project.slug]))
        .content.decode()
    )
    assert '<script src="/static/js/invite.js" defer></script>' in page
    assert 'id="div_id_organisation"' in page
    assert 'id="div_id_new_organisation"' in page


# --- Role words ------------------------------------------------------------------------


def test_project_list_badge_names_the_person(world, client_as):
    """« Mes projets » shows a partner's role as a person's."""
    page = client_as(world.partner_a).get(reverse("projects:list")).content.decode()
    assert "Membre d&#x27;une organisation partenaire" in page


def test_advisor_accepted_has_no_organisation(world, client_as):
    """An advisor invited with an organisation chosen joins without one."""
    client_as(world.coordinator).post(
        reverse("projects:invite", args=[world.project.slug]),
        {"email": "ariane2@exemple.org", "role": Role.ADVISOR, "organisation": world.org_b.pk},
    )
    invitation = Invitation.objects.get(email="ariane2@exemple.org")
    user = UserFactory(email="ariane2@exemple.org")
    membership = services.invitation_accept(invitation=invitation, user=user)
    assert membership.role == Role.ADVISOR
    assert membership.organisation is None


def test_invite_form_role_choices_name_a_person(world, client_as):
    """The role list offers « Membre d'une organisation partenaire », not an organisation."""
    page = (
        client_as(world.coordinator)
        .get(reverse("projects:invite", args=[world.project.slug]))
        .content.decode()
    )
    assert (
        '<option value="partner" selected>Membre d&#x27;une organisation partenaire</option>'
        in (page)
    )
    assert ">Organisation partenaire</option>" not in page
