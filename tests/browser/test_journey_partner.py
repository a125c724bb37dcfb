"""A partner's journey in Chromium: from the invitation e-mail to an action of the plan.

The demo project is under way (four organisations, three portraits submitted, an action
plan). Its coordinator invites a fifth organisation, a thrift shop; Nadia, who answers for
it, opens an account from the e-mail's link, fills the impulsion and her organisation's
portrait (every keystroke saved on its own, and still there after a reload), submits
both, finds her organisation in the diagnostic grid and reports progress on the action
the plan gives her organisation.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from projects.demo import COORDINATOR_EMAIL
from projects.models import Membership, Organisation, Role, User
from steps.demo import build_demo_project
from steps.models import Action, Answer, StepStatus
from tests.browser.journeys import (
    PASSWORD,
    accept_with_new_account,
    follow,
    invitation_link,
    log_in,
    open_step,
    send_invitation,
)

pytestmark = pytest.mark.browser

NADIA = "nadia@friperie.example"
ORGANISATION = "Friperie Le Bon Voisin"
ACTION = "Offrir le local de tri aux autres organismes le samedi"
NEED = "impulsion.besoin"
MISSION = "reflexion.identite.mission.description"
TRANSPORT_NEED = "reflexion.installations.transport.besoin"


def question(page: Page, code: str):
    """One question of a questionnaire, with its field and its « Enregistré » state."""
    return page.locator(f'[data-question="{code}"]')


def expect_saved(page: Page, code: str) -> None:
    """Wait until autosave says the answer is stored on the server."""
    expect(
        question(page, code).get_by_text(re.compile(r"^Enregistré\sà\s\d+\sh\s\d\d$"))
    ).to_be_visible()


def appreciation(page: Page, item: str):
    return page.get_by_role("group", name=re.compile(f"^{re.escape(item)} — Appréciation"))


@pytest.fixture
def demo_with_invitation(live_server, mailoutbox):
    """The demo project, Nadia's invitation in her mailbox, and an action for her organisation."""
    project = build_demo_project()
    invitation = send_invitation(
        live_server=live_server,
        project=project,
        email=NADIA,
        role=Role.PARTNER,
        organisation=Organisation(name=ORGANISATION),
        sent_by=User.objects.get(email=COORDINATOR_EMAIL),
    )
    Action.objects.create(
        project=project,
        title=ACTION,
        organisation=invitation.organisation,
        start_date=date(2027, 1, 9),
        due_date=date(2027, 3, 27),
    )
    return project


def test_journey_partner_joins_answers_and_updates_its_action(
    page: Page, new_page, live_server, demo_with_invitation, screenshot
):
    """Nadia joins, fills and submits her answers, sees the grid and updates her action."""
    project = demo_with_invitation

    # 1. Accepts the invitation with a new account.
    accept_with_new_account(page, invitation_link(NADIA), "Nadia Friperie", screenshot=screenshot)
    expect(page.get_by_role("heading", level=1)).to_have_text(project.name)
    expect(
        page.get_by_text(f"Votre rôle : Membre de {ORGANISATION}, organisation partenaire")
    ).to_be_visible()
    screenshot("01-accueil-projet")

    # 2. Fills the impulsion: autosave, a reload, the answer is still there.
    open_step(page, project.name, "Impulsion")
    follow(page, f"Les réponses de mon organisation ({ORGANISATION})")
    need = "Nos vêtements invendus s'entassent; nous manquons de place et de bras pour le tri."
    page.get_by_label(re.compile("^Quel besoin pousse votre organisation")).fill(need)
    expect_saved(page, NEED)
    page.get_by_role("checkbox", name="Réduire nos coûts de fonctionnement").check()
    expect_saved(page, "impulsion.motivations")
    screenshot("02-impulsion-enregistre")
    page.reload()
    expect(page.get_by_label(re.compile("^Quel besoin pousse votre organisation"))).to_have_value(
        need
    )
    expect(
        page.get_by_role("checkbox", name="Réduire nos coûts de fonctionnement")
    ).to_be_checked()
    page.get_by_role("button", name="Soumettre les réponses").click()
    # Optional questions left blank: a page lists them and asks to confirm.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Soumettre des réponses incomplètes ?"
    )
    page.get_by_role("button", name="Soumettre quand même").click()
    expect(page.get_by_role("status").filter(has_text="Réponses soumises")).to_be_visible()
    screenshot("03-impulsion-soumise")

    # 3. Draws the portrait, with autosave, then submits it.
    open_step(page, project.name, "Réflexion")
    follow(page, f"Les réponses de mon organisation ({ORGANISATION})")
    mission = "Habiller les familles à petit prix et donner une seconde vie aux vêtements."
    page.get_by_label("Mission, vision, valeurs — Description").fill(mission)
    expect_saved(page, MISSION)
    appreciation(page, "Mission, vision, valeurs").get_by_role("radio", name="Force").check()
    expect_saved(page, "reflexion.identite.mission.appreciation")
    appreciation(page, "Clientèles cibles").get_by_role("radio", name="Neutre").check()
    expect_saved(page, "reflexion.identite.clienteles.appreciation")
    # One dimension per page: on to « Installations et équipements ».
    pages = page.locator(".portrait-pages")
    pages.get_by_role("link", name="Installations et équipements").click()
    appreciation(page, "Moyens de transport").get_by_role("radio", name="Faiblesse").check()
    page.get_by_label("Moyens de transport — Ce dont nous avons besoin").fill(
        "Un camion pour aller chercher les dons, une fois par semaine."
    )
    expect_saved(page, TRANSPORT_NEED)
    screenshot("04-portrait-enregistre")
    pages.get_by_role("link", name="Identité").click()
    expect(page.get_by_label("Mission, vision, valeurs — Description")).to_have_value(mission)
    expect(
        appreciation(page, "Mission, vision, valeurs").get_by_role("radio", name="Force")
    ).to_be_checked()
    page.get_by_role("link", name="Aller à la soumission").click()
    page.get_by_role("button", name="Soumettre les réponses").click()
    # Optional questions left blank: a page lists them and asks to confirm.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Soumettre des réponses incomplètes ?"
    )
    page.get_by_role("button", name="Soumettre quand même").click()
    expect(page.get_by_role("status").filter(has_text="Réponses soumises")).to_be_visible()
    screenshot("05-portrait-soumis")

    # 4. Sees the diagnostic grid, where her organisation now has its column.
    open_step(page, project.name, "Diagnostic")
    page.get_by_role("link", name="Grille du diagnostic").click()
    identity = page.get_by_role("table", name=re.compile("Identité$"))
    expect(identity.get_by_role("columnheader", name=ORGANISATION)).to_be_visible()
    expect(identity.get_by_role("cell", name=re.compile(re.escape(mission)))).to_be_visible()
    screenshot("06-grille")

    # 4b. Comments on the row of the missions; the coordinator's bell shows it.
    identity.get_by_role(
        "link", name=re.compile(r"(commentaires?|Commenter) \(Mission, vision, valeurs\)$")
    ).click()
    page.get_by_label("Votre commentaire").fill(
        "Notre mission rejoint la vôtre : **tri** et *réemploi*."
    )
    page.get_by_role("button", name="Publier").click()
    expect(
        page.get_by_role("status").filter(has_text="Votre commentaire est publié.")
    ).to_be_visible()
    expect(page.locator(".comment-body strong").filter(has_text="tri")).to_be_visible()
    screenshot("06b-commentaire")
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    coordinator.set_password(PASSWORD)
    coordinator.save()
    bell = new_page()
    log_in(bell, live_server, COORDINATOR_EMAIL)
    bell.get_by_role("link", name=re.compile("notifications? non lues?$")).click()
    bell.get_by_role("link", name=re.compile("^Nadia Friperie a commenté")).click()
    expect(bell.get_by_text("Notre mission rejoint la vôtre")).to_be_visible()

    # 5. Updates the action the plan gives her organisation.
    open_step(page, project.name, "Réalisation")
    page.get_by_role("link", name=re.compile("^Plan d'action :")).click()
    row = page.get_by_role("row").filter(has_text=ACTION)
    row.get_by_label(f"Statut de « {ACTION} »").select_option(label="En cours")
    row.get_by_label(f"Avancement de « {ACTION} », en %").fill("40")
    row.get_by_role("button", name=f"Mettre à jour — {ACTION}").click()
    expect(
        page.get_by_role("status").filter(has_text=f"Statut de « {ACTION} » mis à jour")
    ).to_be_visible()
    screenshot("07-action-mise-a-jour")

    # What the journey left in the database.
    nadia = User.objects.get(email=NADIA)
    organisation = Organisation.objects.get(name=ORGANISATION)
    assert Membership.objects.get(user=nadia, project=project).organisation == organisation
    answers = Answer.objects.filter(project=project, organisation=organisation)
    assert answers.get(question_code=NEED).value == need
    assert answers.get(question_code=MISSION).updated_by == nadia
    statuses = StepStatus.objects.filter(project=project, organisation=organisation)
    assert {status.step for status in statuses if status.is_submitted} == {
        "impulsion",
        "reflexion",
    }
    action = Action.objects.get(project=project, title=ACTION)
    assert (action.status, action.progress) == (Action.Status.IN_PROGRESS, 40)
