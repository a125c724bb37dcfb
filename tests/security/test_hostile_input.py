"""Hostile input: HTML and JavaScript typed by users come back escaped, oversized input
is refused in French, and broken invitation links end on a clear page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from projects.models import Role
from steps.models import Answer
from steps.questionnaire.fields import LONG_TEXT_MAX
from tests.factories import ActionFactory, InvitationFactory, OrganisationFactory, RiskFactory

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def assert_escaped(content: str, payload: str):
    """The raw tag is absent and its escaped form shows instead."""
    assert payload not in content
    assert escape(payload) in content


def step_url(world, name: str, *args) -> str:
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_answer_is_escaped_on_the_questionnaire_and_dashboard(world, client_as, payload):
    """An answer saved through autosave shows escaped to its author and to the coordination."""
    client = client_as(world.partner_a)
    response = client.post(
        step_url(world, "autosave"),
        {
            "question_code": "impulsion.besoin",
            "organisation_id": world.org_a.pk,
            "base_version": 0,
            "impulsion.besoin": f"Notre besoin {payload}",
        },
    )
    assert response.status_code == 200
    assert Answer.objects.get().value == f"Notre besoin {payload}"

    own_page = client.get(step_url(world, "org_answers", "impulsion", world.org_a.pk))
    assert_escaped(own_page.content.decode(), payload)
    client_as(world.coordinator)
    coordination_page = client.get(step_url(world, "org_answers", "impulsion", world.org_a.pk))
    assert_escaped(coordination_page.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_risk_title_is_escaped_on_the_risk_register(world, client_as, payload):
    """A risk titled with markup shows as text in the register and its heat map."""
    RiskFactory(project=world.project, title=f"Panne {payload}")

    response = client_as(world.advisor).get(step_url(world, "risks"))

    assert response.status_code == 200
    assert_escaped(response.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_action_title_is_escaped_on_the_action_plan(world, client_as, payload):
    """An action titled with markup shows as text in the plan and the timeline."""
    ActionFactory(project=world.project, organisation=world.org_a, title=f"Livrer {payload}")
    client = client_as(world.partner_a)

    for name in ("actions", "action_timeline"):
        response = client.get(step_url(world, name))
        assert response.status_code == 200
        assert_escaped(response.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_organisation_name_is_escaped_on_project_pages(world, client_as, payload):
    """An organisation named with markup shows as text on the home page and dashboard."""
    world.org_b.name = f"Cuisine {payload}"
    world.org_b.save()
    client = client_as(world.coordinator)

    for path in (
        reverse("projects:home", args=[world.project.slug]),
        step_url(world, "dashboard"),
        step_url(world, "org_answers", "impulsion", world.org_b.pk),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_escaped(response.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_are_escaped_in_the_invitation_email(world, client_as, payload):
    """The invitation e-mail's HTML escapes the project, organisation and sender names."""
    world.project.name = f"Camion {payload}"
    world.project.save()
    world.coordinator.full_name = f"Claire {payload}"
    world.coordinator.save()
    client = client_as(world.coordinator)

    response = client.post(
        reverse("projects:invite", args=[world.project.slug]),
        {
            "email": "julie@exemple.org",
            "role": Role.PARTNER,
            "new_organisation": f"Popote {payload}",
        },
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert payload not in html
    assert html.count(escape(payload)) >= 2


def test_hostile_one_megabyte_answer_is_refused_in_french(world, client_as):
    """A 1 MB answer through autosave: 400 with a French message, nothing stored."""
    response = client_as(world.partner_a).post(
        step_url(world, "autosave"),
        {
            "question_code": "impulsion.besoin",
            "organisation_id": world.org_a.pk,
            "base_version": 0,
            "impulsion.besoin": "a" * 1_000_000,
        },
    )

    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "invalid"
    assert f"Au plus {LONG_TEXT_MAX}" in " ".join(body["errors"]).replace("\u202f", "")
    assert not Answer.objects.exists()


def test_hostile_one_megabyte_answer_without_javascript_is_refused(world, client_as):
    """The no-JavaScript save of a 1 MB answer re-displays the page with the message."""
    response = client_as(world.partner_a).post(
        step_url(world, "save_org", "impulsion", world.org_a.pk),
        {"impulsion.besoin": "a" * 1_000_000, "impulsion.besoin__version": "0"},
    )

    assert response.status_code in {200, 400}
    assert "Au plus" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "token", ["pas-un-vrai-jeton", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "' OR '1'='1", "x" * 500]
)
def test_hostile_invalid_invitation_token_is_404(db, client, token):
    """A made-up or forged token is not found, and is not echoed back as markup."""
    response = client.get(f"/projets/invitation/{token}/")

    assert response.status_code == 404
    assert "<script>alert" not in response.content.decode()


def test_hostile_expired_invitation_link_shows_a_clear_page(world, client):
    """An expired link explains itself in French and offers no way to accept."""
    invitation = InvitationFactory(
        project=world.project,
        organisation=OrganisationFactory(name="Popote roulante"),
        expires_at=timezone.now() - timedelta(days=1),
    )

    page = client.get(invitation.get_absolute_url())
    signup = client.get(reverse("projects:invitation_signup", args=[invitation.token]))

    assert page.status_code == 200
    assert "Cette invitation est expirée" in page.content.decode()
    assert reverse("projects:invitation_signup", args=[invitation.token]) not in (
        page.content.decode()
    )
    assert signup.status_code == 302
    assert signup["Location"] == invitation.get_absolute_url()
