"""Demo data of the modélisation tools; called by `manage.py demo`.

The four partners share a refrigerated truck and a community kitchen. Their operating
model works by consent; a first round drew an objection from the smallest CDC (an equal
split of costs), the model was reworked (costs by planned use) and a second round is open:
two partners agree, including the one that objected, the others have yet to answer.
The agreement takes effect after the targeted signature; of its three rewritten sections,
« Durée » still gives the start planned before the timeline slipped, so it reads « à revoir ».
"""

from datetime import date, timedelta

from django.utils import timezone

from mutualisation.formats import format_date
from projects.demo import COORDINATOR_EMAIL, DEMO_ORGANISATIONS, demo_organisation
from projects.models import Membership, Role, User
from steps.modelling.models import AgreementLanguage
from steps.models import (
    Agreement,
    AgreementSection,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
    Risk,
)

from . import review, selectors

# The four boards adopt and sign the letter in about four months (the realisation step's
# target date): the agreement takes effect on the first day of the following month.
SIGNATURE_IN_DAYS = 120


def agreement_start(today: date) -> date:
    """The first day of the month after the targeted signature (1er mai 2027 for a demo
    built on 4 December 2026, signature targeted early April 2027)."""
    signature = today + timedelta(days=SIGNATURE_IN_DAYS)
    return (signature.replace(day=1) + timedelta(days=32)).replace(day=1)


def _month_before(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def _partner(project, organisation):
    return (
        Membership.objects.filter(project=project, role=Role.PARTNER, organisation=organisation)
        .select_related("user")
        .first()
        .user
    )


def _operating_model(project, coordinator) -> OperatingModel:
    return OperatingModel.objects.create(
        project=project,
        decision_process=OperatingModel.DecisionProcess.CONSENT,
        decision_details=(
            "Le comité de mutualisation (une personne par organisation) décide de "
            "l'utilisation courante du camion et de la cuisine. Les achats de plus de "
            "5 000 $ et toute nouvelle ressource sont soumis aux conseils d'administration."
        ),
        quorum="Trois organisations sur quatre",
        meeting_frequency=OperatingModel.MeetingFrequency.MONTHLY,
        communication_channels=(
            "Courriel à toutes les organisations, dossier partagé des comptes rendus, "
            "calendrier de réservation en ligne du camion et de la cuisine."
        ),
        shared_zones=(
            "La distribution alimentaire dans les municipalités du Haut-Lac et de la "
            "Vallée-des-Moulins, et les ateliers de cuisine pour les familles à faible revenu."
        ),
        continuum=OperatingModel.Continuum.POOLING,
        formalisation=OperatingModel.Form.LETTER,
        intellectual_property=(
            "Les outils produits ensemble (grille tarifaire, calendrier, guide du chauffeur "
            "bénévole) appartiennent à toutes les parties ; chacune peut les réutiliser en "
            "citant le projet."
        ),
        brand=(
            "Le camion porte le nom « Frigo mobile du Haut-Lac » et les logos des quatre "
            "organisations, à parts égales."
        ),
        asymmetric_accepted=True,
        asymmetric_breaking_point=(
            "Un écart d'utilisation allant jusqu'à un pour quatre entre la plus petite et la "
            "plus grande organisation est accepté ; au-delà, la clé de partage est revue en "
            "comité."
        ),
        sharing_key=OperatingModel.SharingKey.EQUAL,
        surplus_sharing=(
            "Les revenus de location du camion à d'autres organismes servent d'abord au fonds "
            "de remplacement ; le surplus de l'année est remis aux partenaires selon la même "
            "clé que les coûts."
        ),
        start_date=agreement_start(timezone.localdate()),
        duration_months=24,
        exit_notice_days=90,
        updated_by=coordinator,
    )


def _consent_rounds(project, coordinator, model, organisations):
    now = timezone.now()
    first = ConsentRound.objects.create(
        project=project,
        proposal=selectors.operating_model_summary(model),
        note="Première version du modèle, discutée à la rencontre de janvier.",
        opened_by=coordinator,
    )
    ConsentResponse.objects.create(
        consent_round=first,
        organisation=organisations["cdc_seigneuries"],
        answer=ConsentResponse.Answer.AGREE,
        responded_by=_partner(project, organisations["cdc_seigneuries"]),
    )
    ConsentResponse.objects.create(
        consent_round=first,
        organisation=organisations["cdc_vallee"],
        answer=ConsentResponse.Answer.OBJECTION,
        reason=(
            "Un partage des coûts à parts égales ferait payer à notre petite CDC autant "
            "que la Banque alimentaire, qui utilisera le camion dix fois plus que nous."
        ),
        responded_by=_partner(project, organisations["cdc_vallee"]),
    )
    ConsentResponse.objects.create(
        consent_round=first,
        organisation=organisations["banque_alimentaire"],
        answer=ConsentResponse.Answer.AGREE,
        responded_by=_partner(project, organisations["banque_alimentaire"]),
    )
    ConsentRound.objects.filter(pk=first.pk).update(
        opened_at=now - timedelta(days=40),
        closed_at=now - timedelta(days=30),
        closed_by=coordinator,
        outcome=ConsentRound.Outcome.REWORK,
    )
    # auto_now dates the answers today: put them back inside the round.
    first.responses.update(responded_at=now - timedelta(days=35))

    # The objection is heard: costs are now shared by planned use.
    model.sharing_key = OperatingModel.SharingKey.USAGE
    model.save()
    second = ConsentRound.objects.create(
        project=project,
        proposal=selectors.operating_model_summary(model),
        note=(
            "Version révisée après l'objection de la CDC de la Vallée-des-Moulins : les coûts "
            "sont partagés selon l'utilisation prévue de chaque organisation."
        ),
        opened_by=coordinator,
    )
    ConsentResponse.objects.create(
        consent_round=second,
        organisation=organisations["cdc_vallee"],
        answer=ConsentResponse.Answer.AGREE,
        reason="Notre objection est levée : chacun paie selon ce qu'il utilise.",
        responded_by=_partner(project, organisations["cdc_vallee"]),
    )
    ConsentResponse.objects.create(
        consent_round=second,
        organisation=organisations["banque_alimentaire"],
        answer=ConsentResponse.Answer.AGREE,
        responded_by=_partner(project, organisations["banque_alimentaire"]),
    )
    ConsentRound.objects.filter(pk=second.pk).update(opened_at=now - timedelta(days=5))
    second.responses.update(responded_at=now - timedelta(days=2))


RISKS = (
    {
        "title": "Personne ne peut signer au nom du regroupement",
        "enjeu": "legitimite",
        "description": (
            "L'assurance du camion et les contrats d'entretien demandent une signature."
        ),
        "probability": 3,
        "impact": 3,
        "owner": "cdc_seigneuries",
        "mitigation": (
            "Mandater la CDC des Seigneuries pour signer l'assurance et les contrats "
            "d'entretien, dans les limites écrites à la lettre d'entente."
        ),
        "status": Risk.Status.IN_PROGRESS,
    },
    {
        "title": "Réservations du camion connues d'une seule organisation",
        "enjeu": "information",
        "description": "Les demandes passent par téléphone à la Banque alimentaire.",
        "probability": 3,
        "impact": 2,
        "owner": "banque_alimentaire",
        "mitigation": (
            "Calendrier de réservation en ligne visible de tous ; compte rendu de chaque "
            "rencontre envoyé aux quatre organisations."
        ),
        "status": Risk.Status.CONTROLLED,
    },
    {
        "title": "Décisions bloquées entre deux rencontres mensuelles",
        "enjeu": "gouvernance",
        "description": "",
        "probability": 2,
        "impact": 2,
        "owner": "cdc_seigneuries",
        "mitigation": (
            "La coordonnatrice tranche les questions courantes d'horaire ; le reste attend "
            "la rencontre ou fait l'objet d'une consultation par courriel."
        ),
        "status": Risk.Status.OPEN,
    },
    {
        "title": "La cuisine collective ne peut pas fournir de bénévoles chauffeurs",
        "enjeu": "asymetrie",
        "description": "Son équipe compte deux personnes.",
        "probability": 3,
        "impact": 3,
        "owner": "cuisine_collective",
        "mitigation": (
            "Asymétrie acceptée dans le modèle : la cuisine collective contribue en heures "
            "d'atelier plutôt qu'en heures de conduite."
        ),
        "status": Risk.Status.OPEN,
    },
    {
        "title": "Bris du camion réfrigéré sans responsable clair",
        "enjeu": "responsabilite",
        "description": "",
        "probability": 2,
        "impact": 4,
        "owner": "banque_alimentaire",
        "mitigation": (
            "La Banque alimentaire est responsable de l'entretien ; le remplacement et les "
            "réparations sont comptés dans le coût d'utilisation."
        ),
        "status": Risk.Status.IN_PROGRESS,
    },
    {
        "title": "Rupture de la chaîne de froid pendant les transferts",
        "enjeu": "technique",
        "description": "Des denrées périssables passent d'un organisme à l'autre.",
        "probability": 2,
        "impact": 4,
        "owner": "banque_alimentaire",
        "mitigation": (
            "Registre des températures à chaque chargement et formation des chauffeurs "
            "bénévoles ; les pertes sont comptées dans le seuil de rentabilité."
        ),
        "status": Risk.Status.OPEN,
    },
)

CUSTOM_SECTIONS = {
    "objet": (
        "La présente lettre d'entente a pour objet d'encadrer la mise en commun d'un camion "
        "réfrigéré et d'une cuisine collective entre quatre organismes du Haut-Lac et de la "
        "Vallée-des-Moulins, afin de récupérer et de redistribuer plus de denrées fraîches, "
        "à moindre coût, aux familles de notre territoire.\n\n"
        "Les partenaires partagent les coûts, les risques, les responsabilités et la "
        "gouvernance de ces ressources, et chacun doit y trouver son compte."
    ),
    "differends": (
        "En cas de différend, les partenaires en discutent d'abord de bonne foi au comité de "
        "mutualisation.\n\n"
        "À défaut d'entente dans les 30 jours, ils demandent l'aide d'une personne neutre de "
        "la Table de concertation régionale, qui agit comme médiatrice ; les frais sont "
        "partagés à parts égales. Le recours aux tribunaux ne vient qu'en dernier lieu."
    ),
}


def _duration_text(start: date) -> str:
    """The « Durée » section as the coordination wrote it, when the start was planned a
    month earlier: the slipped timeline makes it « à revoir » in the demo."""
    return (
        f"La présente lettre d'entente entre en vigueur le {format_date(start)}, pour une "
        "durée initiale de 24 mois, soit le temps de deux saisons complètes de récupération.\n\n"
        "À son échéance, elle se renouvelle d'année en année, sauf avis contraire d'un "
        "partenaire donné par écrit au moins 90 jours à l'avance. Le bilan de la première "
        "année dit s'il faut la revoir plus tôt."
    )


def _custom_sections(project, coordinator):
    """The coordination's own wording of three sections, each with the facts it was written
    from; « Durée » was written when the signature was planned a month earlier."""
    language = Agreement.objects.create(
        project=project, language=AgreementLanguage.FRENCH, updated_by=coordinator
    ).language
    facts = selectors.agreement_facts(project)
    planned_start = _month_before(facts.start_date)
    texts = {**CUSTOM_SECTIONS, "duree": _duration_text(planned_start)}
    sections = []
    for code, text in texts.items():
        basis = review.section_basis(facts, code)
        if code == "duree":
            basis["start_date"] = planned_start.isoformat()
        sections.append(
            AgreementSection(
                project=project,
                code=code,
                custom_text=text,
                language=language,
                basis=basis,
                edited_by=coordinator,
            )
        )
    AgreementSection.objects.bulk_create(sections)


def populate(project):
    """Fill the demo project (the demo command rebuilds the project from scratch)."""
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    organisations = {key: demo_organisation(project, key) for key in DEMO_ORGANISATIONS}

    model = _operating_model(project, coordinator)
    _consent_rounds(project, coordinator, model, organisations)

    Risk.objects.bulk_create(
        [
            Risk(
                project=project,
                title=risk["title"],
                enjeu=risk["enjeu"],
                description=risk["description"],
                probability=risk["probability"],
                impact=risk["impact"],
                owner_organisation=organisations[risk["owner"]],
                mitigation=risk["mitigation"],
                status=risk["status"],
            )
            for risk in RISKS
        ]
    )
    _custom_sections(project, coordinator)
