"""A coordinator's journey in Chromium, from an empty account to a first evaluation round.

Claire creates the project, invites two organisations and an advisor (each follows the
link of their e-mail in a browser of their own), limits the portrait to two dimensions,
follows the dashboard, confirms the diagnostic verdicts, prices the guide's wood planer,
runs a consent round, builds the action plan and records an evaluation round. Only the
partners' portraits are written for her: filling them is the partner's journey.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import Page, expect

from projects.models import Invitation, Membership, Project, Role
from steps.models import (
    Action,
    ConsentRound,
    DiagnosticVerdict,
    EvaluationRound,
    PooledResource,
    ProjectDimension,
)
from tests.browser.journeys import (
    PASSWORD,
    accept_with_new_account,
    invitation_link,
    log_in,
    open_step,
    submitted_portrait,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PROJECT = "Camion partagé du Suroît"
ORG_A = "Banque alimentaire du Suroît"
ORG_B = "Cuisine collective Beauharnois"
PAUL, BEA, ARIANE = "paul@exemple.org", "bea@exemple.org", "ariane@exemple.org"

# What each partner said of itself in its portrait (their journey, not Claire's).
PORTRAITS = {
    ORG_A: {
        "identite.mission": {
            "appreciation": "force",
            "description": "Récupérer les invendus et les redistribuer aux organismes.",
        },
        "identite.clienteles": {"appreciation": "force", "description": "Familles du Suroît."},
        "installations.transport": {
            "appreciation": "force",
            "description": "Un camion réfrigéré, au garage deux jours par semaine.",
            "offre": "Le camion réfrigéré, les mardis et jeudis.",
        },
    },
    ORG_B: {
        "identite.mission": {
            "appreciation": "force",
            "description": "Cuisiner ensemble pour se nourrir à moindre coût.",
        },
        "identite.clienteles": {"appreciation": "neutre", "description": "Familles du quartier."},
        "installations.transport": {
            "appreciation": "faiblesse",
            "description": "Aucun véhicule : les denrées arrivent en voiture personnelle.",
            "besoin": "Un transport réfrigéré deux fois par semaine.",
        },
    },
}


def status_message(page: Page, text: str):
    """The success or information message shown at the top of the page."""
    return page.get_by_role("status").filter(has_text=text)


def test_journey_coordinator_from_project_creation_to_evaluation(
    page: Page, new_page, live_server, screenshot, mailoutbox
):
    """Claire runs a mutualisation project from its creation to its first evaluation."""
    claire = UserFactory(
        email="claire@exemple.org", full_name="Claire Coordination", password=PASSWORD
    )
    # Approved by the site's staff to create projects (settings.PROJECT_CREATION).
    claire.user_permissions.add(
        Permission.objects.get(content_type__app_label="projects", codename="add_project")
    )

    # 1. Creates the project.
    log_in(page, live_server, "claire@exemple.org")
    expect(page.get_by_text("Vous ne participez encore à aucun projet")).to_be_visible()
    screenshot("01-mes-projets-vide")
    page.get_by_role("link", name="Créer un projet").click()
    page.get_by_label("Nom du projet").fill(PROJECT)
    page.get_by_label("Description").fill(
        "Partager un camion réfrigéré et une cuisine de production entre organismes."
    )
    page.get_by_label("Territoire").fill("Beauharnois-Salaberry")
    page.get_by_label("Portée").fill("Le transport réfrigéré des denrées.")
    page.get_by_role("button", name="Créer le projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(status_message(page, "Projet créé")).to_be_visible()
    screenshot("02-projet-cree")

    # 2. Invites two organisations and an advisor.
    page.get_by_role("link", name="Membres et invitations").click()
    invitations = [
        (PAUL, "Membre d'une organisation partenaire", ORG_A),
        (BEA, "Membre d'une organisation partenaire", ORG_B),
        (ARIANE, "Conseiller·ère", ""),
    ]
    for email, role, organisation in invitations:
        page.get_by_role("link", name="Inviter une personne").click()
        page.get_by_label("Adresse courriel").fill(email)
        page.get_by_label("Rôle").select_option(label=role)
        if organisation:
            page.get_by_label("… ou nouvelle organisation").fill(organisation)
        if email == ARIANE:
            screenshot("03-inviter-conseillere")
        page.get_by_role("button", name="Envoyer l'invitation").click()
        expect(status_message(page, f"Invitation envoyée à {email}")).to_be_visible()
    screenshot("04-invitations-en-attente")
    assert len(mailoutbox) == 3

    # Each invitee opens the e-mail's link at their own computer and creates an account.
    people = {}
    for email, name in [(PAUL, "Paul Partenaire"), (BEA, "Béa Partenaire"), (ARIANE, "Ariane")]:
        people[email] = new_page()
        accept_with_new_account(
            people[email],
            invitation_link(email),
            name,
            screenshot=screenshot if email == PAUL else None,
        )
        expect(people[email].get_by_role("heading", level=1)).to_have_text(PROJECT)
    screenshot("05-paul-dans-le-projet", of=people[PAUL])
    page.reload()
    members = page.get_by_role("table", name=re.compile("^Membres du projet"))
    for name in ("Paul Partenaire", "Béa Partenaire", "Ariane"):
        expect(members).to_contain_text(name)
    screenshot("06-membres")

    # 3. Chooses the réflexion dimensions: identity and facilities only.
    open_step(page, PROJECT, "Réflexion")
    page.get_by_role("link", name="Choisir les dimensions du portrait").click()
    for dimension in ("Gouvernance", "Services", "Communication", "Gestion et administration"):
        page.get_by_role("checkbox", name=dimension).uncheck()
    screenshot("07-dimensions")
    page.get_by_role("button", name="Enregistrer").click()
    expect(status_message(page, "Dimensions du portrait enregistrées")).to_be_visible()

    # Meanwhile the two partners draw and submit their portraits (their own journey).
    project = Project.objects.get(name=PROJECT)
    for name, user_email in ((ORG_A, PAUL), (ORG_B, BEA)):
        submitted_portrait(
            project=project,
            organisation=project.organisations.get(name=name),
            user=Membership.objects.get(project=project, user__email=user_email).user,
            items=PORTRAITS[name],
        )

    # 4. Follows the dashboard: both portraits in, impulsion still missing.
    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="Tableau de bord").first.click()
    matrix = page.get_by_role("table")
    for name in (ORG_A, ORG_B):
        row = matrix.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name))
        expect(row).to_contain_text("Soumise")
        expect(row).to_contain_text("Pas commencée")
    missing = page.get_by_role("region", name="Ce qui manque")
    expect(missing).to_contain_text(f"1. Impulsion — {ORG_A}")
    screenshot("08-tableau-de-bord")

    # 5. Confirms the diagnostic verdicts.
    open_step(page, PROJECT, "Diagnostic")
    page.get_by_role("link", name="Grille du diagnostic").click()
    mission = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Mission, vision, valeurs"))
    )
    expect(mission.get_by_role("rowheader")).to_contain_text("Convergence")
    mission.get_by_text("Confirmer ou corriger").click()
    screenshot("09-grille-confirmer")
    mission.get_by_role("button", name=re.compile("^Confirmer")).click()
    expect(
        status_message(page, "Verdict confirmé pour « Mission, vision, valeurs »")
    ).to_be_visible()

    page.get_by_role("navigation", name="Dimensions de la grille").get_by_role(
        "link", name="Installations et équipements"
    ).click()
    transport = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Moyens de transport"))
    )
    expect(transport.get_by_role("rowheader")).to_contain_text("Complémentarité")
    transport.get_by_text("Confirmer ou corriger").click()
    transport.get_by_role("combobox", name="Verdict").select_option(label="Divergence")
    transport.get_by_role("combobox", name="Importance").select_option(label="Majeure")
    transport.get_by_role("textbox", name=re.compile("^Note")).fill(
        "Le camion ne sort pas les jours où la cuisine en a besoin : à discuter."
    )
    transport.get_by_role("button", name=re.compile("^Confirmer")).click()
    expect(status_message(page, "Verdict confirmé pour « Moyens de transport »")).to_be_visible()
    transport = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Moyens de transport"))
    )
    expect(transport.get_by_role("rowheader")).to_contain_text("Divergence")
    screenshot("10-grille-verdicts")

    # 6. Prices a pooled resource: the guide's wood planer, 37,84 $ per use.
    open_step(page, PROJECT, "Modélisation")
    page.get_by_role("link", name=re.compile("^Ressources mutualisées")).click()
    page.get_by_role("link", name="Ajouter une ressource").click()
    fields = {
        "Nom de la ressource": "Raboteuse",
        "Unité d'utilisation": "pied linéaire",
        "Unités par utilisation": "50",
        "Durée d'une utilisation (heures)": "5",
        "Utilisations prévues par année (estimation)": "30",
        "Prix de l'alternative, par utilisation ($)": "60",
        "Consommables ($ par unité)": "0,05",
        "Coût d'un entretien ($)": "100",
        "Entretien toutes les … unités": "100 000",
        "Préparation, rangement et vérification (heures par utilisation)": "1",
        "Taux horaire, charges sociales comprises ($ par heure)": "30",
        "Frais administratifs par utilisation ($)": "5",
        "Prix d'achat ($)": "3 500",
        "Durée d'amortissement (années)": "7",
    }
    page.get_by_label("Type de ressource").select_option(label="Équipements")
    page.get_by_label("Organisation responsable").select_option(label=ORG_B)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    result = page.get_by_role("region", name="Résultat du calcul")
    expect(result).to_contain_text("37,84")
    screenshot("11-ressource-apercu")
    page.get_by_role("button", name="Enregistrer").click()
    expect(status_message(page, "Ressource « Raboteuse » créée")).to_be_visible()
    total = page.get_by_role("row", name=re.compile("^Total par utilisation"))
    expect(total.get_by_role("cell").first).to_have_text("37,84 $")
    screenshot("12-ressource-cout")

    # 7. Runs a consent round on the operating model.
    open_step(page, PROJECT, "Modélisation")
    page.get_by_role("link", name=re.compile(r"^Modèle de fonctionnement\s:")).click()
    page.get_by_role("link", name="Décrire le modèle").click()
    page.get_by_role("radio", name="Consentement").check()
    page.get_by_label("Fréquence des rencontres").select_option(label="Toutes les deux semaines")
    page.get_by_role("radio", name="Mutualisation").check()
    page.get_by_label("Forme de l'entente").select_option(label="Lettre d'entente")
    page.get_by_label("Canaux de communication").fill("Courriel et calendrier partagé.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(status_message(page, "Le modèle de fonctionnement est enregistré")).to_be_visible()
    page.get_by_role("button", name="Ouvrir une ronde de consentement sur ce modèle").click()
    expect(status_message(page, "La ronde de consentement est ouverte")).to_be_visible()
    round_url = page.url

    paul = people[PAUL]  # Paul answers for his organisation, from his own browser
    paul.goto(round_url)
    paul.get_by_role("radio", name="D'accord").check()
    paul.get_by_role("button", name="Enregistrer la réponse").click()
    expect(status_message(paul, f"La réponse de {ORG_A} est enregistrée")).to_be_visible()

    # Béa said yes at the meeting: Claire records it for her organisation.
    page.reload()
    page.get_by_role("combobox", name="Organisation").select_option(label=ORG_B)
    page.get_by_role("radio", name="D'accord").check()
    page.get_by_role("textbox", name="Raison").fill("Dit en rencontre le 12 janvier.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(status_message(page, f"La réponse de {ORG_B} est enregistrée")).to_be_visible()
    screenshot("13-ronde-reponses")
    page.get_by_role("button", name="Fermer la ronde et consigner le résultat").click()
    expect(
        status_message(page, "aucune objection, le modèle de fonctionnement est adopté")
    ).to_be_visible()
    screenshot("14-ronde-fermee")

    # 8. Builds the action plan.
    open_step(page, PROJECT, "Réalisation")
    page.get_by_role("link", name=re.compile("^Plan d'action :")).click()
    expect(page.get_by_text("Le plan d'action est vide pour l'instant.")).to_be_visible()
    actions = [
        ("Rédiger les règles de réservation du camion", ORG_A, "2027-01-15", "2027-02-28"),
        ("Former les bénévoles à la chaîne de froid", ORG_B, "2027-02-01", "2027-03-31"),
    ]
    for title, organisation, start, due in actions:
        page.get_by_role("link", name="Ajouter une action").click()
        page.get_by_role("textbox", name=re.compile("^Action")).fill(title)
        page.get_by_label("Organisation responsable").select_option(label=organisation)
        page.get_by_label("Début").fill(start)
        page.get_by_label("Échéance").fill(due)
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_role("row").filter(has_text=title)).to_be_visible()
    screenshot("15-plan-action")
    page.get_by_role("navigation", name="Outils de la réalisation").get_by_role(
        "link", name="Calendrier"
    ).click()
    expect(page.get_by_role("img", name=re.compile("Calendrier"))).to_be_visible()
    for title, *_dates in actions:
        expect(page.get_by_role("rowheader", name=title)).to_be_visible()
    screenshot("16-calendrier")

    # 9. Records an evaluation round.
    open_step(page, PROJECT, "Évaluation")
    page.get_by_role("link", name="Bilans d'évaluation et améliorations").click()
    page.get_by_role("link", name="Nouveau bilan").click()
    page.get_by_label("Date").fill("2027-06-30")
    page.get_by_label("Titre").fill("Bilan des six premiers mois")
    page.get_by_label("Ce qui a bien fonctionné").fill("Le camion roule cinq jours sur cinq.")
    page.get_by_label("Effets inattendus").fill("Deux épiceries de plus donnent leurs invendus.")
    page.get_by_label("Ce qui a moins bien fonctionné").fill(
        "Les réservations de dernière minute."
    )
    page.get_by_label("Amélioration 1").fill("Réserver au moins 48 heures à l'avance.")
    screenshot("17-nouveau-bilan")
    page.get_by_role("button", name="Enregistrer le bilan").click()
    expect(page.get_by_role("heading", name="Bilan des six premiers mois")).to_be_visible()
    screenshot("18-bilans")

    # What the journey left in the database.
    assert set(project.organisations.values_list("name", flat=True)) == {ORG_A, ORG_B}
    assert Membership.objects.get(project=project, user__email=ARIANE).role == Role.ADVISOR
    assert not Invitation.objects.filter(project=project, accepted_at__isnull=True).exists()
    dimensions = ProjectDimension.objects.filter(project=project)
    assert set(dimensions.values_list("code", flat=True)) == {"identite", "installations"}
    assert DiagnosticVerdict.objects.filter(project=project).count() == 2
    resource = PooledResource.objects.get(project=project)
    assert resource.responsible_organisation.name == ORG_B
    assert (resource.purchase_price, resource.consumable_cost_per_unit) == (
        Decimal("3500"),
        Decimal("0.05"),
    )
    assert ConsentRound.objects.get(project=project).outcome == ConsentRound.Outcome.ADOPTED
    assert Action.objects.filter(project=project).count() == 2
    assert EvaluationRound.objects.get(project=project).title == "Bilan des six premiers mois"
