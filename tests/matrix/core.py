from projects.models import Membership, Role
from tests.factories import InvitationFactory

from . import COORDINATE, LOGGED_IN, OWN_ORG, POST, PUBLIC, READ, profile

# Opening an account from an invitation: logged-in people are sent back to the invitation.
SIGNUP = profile(200, 302, 302, 302, 302, 302)

MATRIX = {
    "healthz": (PUBLIC, None),
    "about_method": (PUBLIC, None),
    "projects:list": (LOGGED_IN, None),
    "projects:home": (READ, None),
    "projects:edit": (COORDINATE, None),
    "projects:organisation": (READ, None),
    "projects:organisation_edit": (OWN_ORG, None),
    "projects:members": (COORDINATE, None),
    "projects:invite": (COORDINATE, None),
    "projects:member_remove": (COORDINATE, None),
    "projects:invitation_resend": (COORDINATE, POST),
    "projects:invitation_revoke": (COORDINATE, POST),
    "projects:invitation_accept": (PUBLIC, None),
    "projects:invitation_signup": (SIGNUP, None),
}


def _partner_a_membership(world):
    return Membership.objects.get(user=world.partner_a, project=world.project).pk


def _pending_invitation(world):
    # One address per call: a project holds one pending invitation per address.
    return InvitationFactory(
        project=world.project,
        role=Role.PARTNER,
        organisation=world.org_a,
        sent_by=world.coordinator,
    )


URL_KWARGS = {
    "project_slug": lambda world: world.project.slug,
    "organisation_id": lambda world: world.org_a.pk,
    "membership_id": _partner_a_membership,
    "invitation_id": lambda world: _pending_invitation(world).pk,
    # A fresh, usable invitation of world.project for someone who is not a persona.
    "token": lambda world: _pending_invitation(world).token,
}
