"""A late partner's journey in Chromium: from the reminder e-mail to the submitted portrait.

In the demo, the small CDC's réflexion portrait was due three days ago and is still a
draft. The hourly reminders run: Jean-François, who answers for the CDC, gets the day's
digest by e-mail. He follows its link, logs in, lands on his organisation's portrait,
sees that it is late, and submits it. The next run of the reminders tells him nothing more.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from projects.demo import DEMO_ORGANISATIONS, DEMO_PASSWORD, demo_organisation
from steps.demo import build_demo_project
from steps.followup.reminders import send_reminders
from steps.models import StepStatus

pytestmark = pytest.mark.browser

PARTNER = DEMO_ORGANISATIONS["cdc_vallee"]["partner_email"]
CLIENTELES = "reflexion.identite.clienteles.appreciation"


def _morning():
    """Nine o'clock today, Montréal time: after the digest hour."""
    return timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)


def test_journey_reminder_leads_a_late_partner_to_submit_the_portrait(
    page: Page, live_server, settings, mailoutbox, screenshot
):
    settings.SITE_URL = live_server.url
    project = build_demo_project()
    organisation = demo_organisation(project, "cdc_vallee")
    portrait = reverse("steps:org_answers", args=[project.slug, "reflexion", organisation.pk])

    # 1. The reminders run; the partner's digest holds the late portrait and its link.
    counts = send_reminders(now=_morning())
    assert counts["deadline_passed"] >= 1
    sent = [message for message in mail.outbox if message.to == [PARTNER]]
    assert len(sent) == 1, [m.subject for m in mail.outbox]
    digest = sent[0]
    assert project.name in digest.subject
    assert "List-Unsubscribe" in digest.extra_headers
    assert "Réflexion" in digest.body
    link = live_server.url + portrait
    assert link in digest.body
    assert re.search(r"rempli à \d+\s%", digest.body)

    # 2. He follows the link: the login page first, then the portrait itself.
    page.goto(link)
    page.get_by_label("Adresse courriel").fill(PARTNER)
    password = page.get_by_label(re.compile("Mot de passe"))
    password.fill(DEMO_PASSWORD)
    password.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(portrait) + "$"))
    expect(page.get_by_text(re.compile(r"en retard de 3\sjours"))).to_be_visible()
    screenshot("01-portrait-en-retard")

    # 3. He submits it: one required answer is missing, the page says which; he gives it
    #    (autosave), then submits again, and confirms: optional answers are still blank.
    #    The portrait is one dimension per page; « Soumettre » sits on its last page.
    page.get_by_role("link", name="Aller à la soumission").click()
    page.get_by_role("button", name="Soumettre les réponses").click()
    alert = page.get_by_role("alert").filter(has_text="une réponse obligatoire manque")
    expect(alert).to_be_visible()
    alert.get_by_role("link", name="Clientèles cibles — Appréciation").click()
    page.get_by_role("group", name=re.compile("^Clientèles cibles — Appréciation")).get_by_role(
        "radio", name="Force"
    ).check()
    expect(
        page.locator(f'[data-question="{CLIENTELES}"]').get_by_text(
            re.compile(r"^Enregistré à \d+\s*h\s*\d\d$")
        )
    ).to_be_visible()
    page.get_by_role("link", name="Aller à la soumission").click()
    page.get_by_role("button", name="Soumettre les réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Soumettre des réponses incomplètes\s\?$")
    )
    page.get_by_role("button", name="Soumettre quand même").click()
    expect(page.get_by_role("status").filter(has_text="Réponses soumises")).to_be_visible()
    screenshot("02-portrait-soumis")
    status = StepStatus.objects.get(project=project, organisation=organisation, step="reflexion")
    assert status.is_submitted

    # 4. The next run has nothing more to tell him about this portrait.
    mail.outbox.clear()
    again = send_reminders(now=_morning())
    assert again["deadline_passed"] == 0
    assert not [m for m in mail.outbox if m.to == [PARTNER] and "Réflexion" in m.body]
