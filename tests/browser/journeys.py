"""What the three end-to-end journeys share: logging in, reading the invitation e-mail,
accepting it in a fresh browser, and the few preconditions a journey does not walk through.

Everything a person does in a journey goes through the pages; these helpers only save
typing. The live server runs in the test process, so the invitation e-mails it sends land
in `django.core.mail.outbox` (the locmem backend of tests/settings.py).
"""

import re

from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from playwright.sync_api import Page, expect

from projects import services as project_services
from steps.models import Answer, StepStatus

PASSWORD = "Camion-refrigere-2026"  # noqa: S105 — a throwaway account of the test database
INVITATION_LINK = re.compile(r"https?://\S+/projets/invitation/[^/\s]+/")


def log_in(page: Page, live_server, email: str, password: str = PASSWORD) -> None:
    """Log in through the login page (Enter in the password field submits its own form)."""
    page.goto(live_server.url + "/")
    page.get_by_label("Adresse courriel").fill(email)
    password_field = page.get_by_label(re.compile("Mot de passe"))
    password_field.fill(password)
    password_field.press("Enter")
    expect(page.get_by_role("heading", name="Mes projets", level=1)).to_be_visible()


def open_step(page: Page, project_name: str, step_title: str) -> None:
    """Go to a step's page the way people do: my projects, the project, then the step."""
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Mes projets"
    ).click()
    page.get_by_role("link", name=project_name, exact=True).click()
    page.get_by_role("link", name=step_title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(step_title)


def follow(page: Page, name, **kwargs) -> None:
    """Click a link and wait for the new page's scripts (autosave listens from then on)."""
    page.get_by_role("link", name=name, **kwargs).click()
    page.wait_for_load_state()


def invitation_link(email: str) -> str:
    """The acceptance link of the last invitation e-mailed to `email`."""
    sent = [message for message in mail.outbox if message.to == [email]]
    assert sent, f"aucun courriel d'invitation pour {email}"
    match = INVITATION_LINK.search(sent[-1].body)
    assert match, sent[-1].body
    return match.group(0)


def accept_with_new_account(page: Page, link: str, full_name: str, screenshot=None) -> None:
    """Follow an invitation link as a newcomer: open an account, land in the project."""
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Invitation au projet")
    if screenshot:
        screenshot("invitation", of=page)
    page.get_by_role("link", name="Créer mon compte").click()
    page.get_by_label("Nom complet").fill(full_name)
    page.get_by_label(re.compile("Mot de passe")).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    if screenshot:
        screenshot("creer-mon-compte", of=page)
    page.get_by_role("button", name="Créer mon compte et rejoindre le projet").click()
    expect(page.get_by_role("status").filter(has_text="Votre compte est créé")).to_be_visible()


def send_invitation(*, live_server, project, email, role, organisation=None, sent_by=None):
    """Invite someone as the coordination would, and e-mail the link (a precondition)."""
    invitation = project_services.invitation_create(
        project=project, email=email, role=role, organisation=organisation, sent_by=sent_by
    )
    host = live_server.url.split("://", 1)[1]
    request = RequestFactory().get("/", HTTP_HOST=host)
    assert project_services.invitation_send(invitation=invitation, request=request)
    return invitation


def submitted_portrait(*, project, organisation, user, items: dict) -> None:
    """An organisation's submitted réflexion portrait (the partners' work, done before).

    `items` maps an item code (« identite.mission ») to its parts
    (appreciation, description, offre, besoin), as the partner would have typed them.
    """
    for item, parts in items.items():
        for part, value in parts.items():
            Answer.objects.create(
                project=project,
                organisation=organisation,
                question_code=f"reflexion.{item}.{part}",
                value=value,
                updated_by=user,
            )
    StepStatus.objects.create(
        project=project,
        organisation=organisation,
        step="reflexion",
        status=StepStatus.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user,
    )
