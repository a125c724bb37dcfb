"""Demo data of the évaluation tools: a logic model, four indicators with their
measurements, and a first evaluation round whose improvement became an action.

Runs after the planning demo (steps.demo.PARTS), whose actions it links to.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from projects.demo import demo_organisation
from steps.models import (
    Action,
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    TargetAssessment,
)

from . import services

K = LogicElement.Kind
ANTICIPATED, DISCOVERED = LogicElement.Origin.ANTICIPATED, LogicElement.Origin.DISCOVERED

# key -> (kind, text, origin)
ELEMENTS = {
    "camion": (K.RESOURCE, "Camion réfrigéré partagé", ANTICIPATED),
    "locaux": (K.RESOURCE, "Entrepôt et cuisine de production communs", ANTICIPATED),
    "comm": (K.RESOURCE, "Personne-ressource en communication, 2 jours par semaine", ANTICIPATED),
    "coordination": (K.RESOURCE, "Temps de coordination de la table de concertation", ANTICIPATED),
    "tournees": (K.ACTIVITY, "Tournées combinées de récupération et de distribution", ANTICIPATED),
    "reservation": (K.ACTIVITY, "Réservation et entretien partagés du camion", ANTICIPATED),
    "production": (K.ACTIVITY, "Production de repas dans la cuisine commune", ANTICIPATED),
    "communications": (K.ACTIVITY, "Communications conjointes des partenaires", ANTICIPATED),
    "livraisons": (K.OUTPUT, "Livraisons réfrigérées pour les quatre organismes", ANTICIPATED),
    "kilos": (K.OUTPUT, "Denrées récupérées auprès des épiceries et producteurs", ANTICIPATED),
    "repas": (K.OUTPUT, "Repas préparés et distribués", ANTICIPATED),
    "infolettre": (K.OUTPUT, "Infolettre et publications communes", ANTICIPATED),
    "pertes": (K.SHORT_TERM, "Moins de pertes de denrées", ANTICIPATED),
    "couts": (K.SHORT_TERM, "Coûts de transport réduits pour chaque organisme", ANTICIPATED),
    "equipes": (
        K.SHORT_TERM,
        "Les équipes se connaissent et s'appellent plus souvent",
        DISCOVERED,
    ),
    "familles": (K.MEDIUM_TERM, "Plus de familles servies sur le territoire", ANTICIPATED),
    "financement": (
        K.MEDIUM_TERM,
        "Plus grande capacité de répondre ensemble aux appels de financement",
        ANTICIPATED,
    ),
    "benevoles": (
        K.MEDIUM_TERM,
        "Des bénévoles prêtent main-forte d'un organisme à l'autre",
        DISCOVERED,
    ),
    "securite": (K.LONG_TERM, "Sécurité alimentaire accrue en Montérégie-Ouest", ANTICIPATED),
    "resilience": (K.LONG_TERM, "Un réseau d'organismes plus résilient", ANTICIPATED),
}

LINKS = {
    "camion": ["tournees", "reservation"],
    "locaux": ["production"],
    "comm": ["communications"],
    "coordination": ["reservation", "communications"],
    "tournees": ["livraisons", "kilos"],
    "reservation": ["livraisons"],
    "production": ["repas"],
    "communications": ["infolettre"],
    "livraisons": ["couts", "equipes"],
    "kilos": ["pertes"],
    "repas": ["familles"],
    "infolettre": ["financement"],
    "pertes": ["familles"],
    "couts": ["financement"],
    "equipes": ["benevoles"],
    "familles": ["securite"],
    "financement": ["resilience"],
    "benevoles": ["resilience"],
}

# name, unit, baseline, target, source, effect key, action title (or ""),
# [(days from today, value)]
INDICATORS = [
    (
        "Denrées récupérées",
        "kg par mois",
        "3200",
        "5000",
        "Registre des denrées de la banque alimentaire",
        "pertes",
        "",
        [(-150, "3350"), (-120, "3900"), (-90, "4100"), (-60, "4480"), (-30, "4620")],
    ),
    (
        "Taux d'utilisation du camion",
        "% des jours ouvrables",
        "0",
        "75",
        "Calendrier de réservation du camion",
        "",
        "Mettre en place le calendrier de réservation du camion",
        [(-90, "35"), (-60, "48"), (-30, "62")],
    ),
    (
        "Coût de transport par livraison",
        "$",
        "48",
        "35",
        "Factures de carburant et d'entretien, divisées par le nombre de livraisons",
        "couts",
        "",
        [(-90, "45.50"), (-60, "41.20"), (-30, "38.75")],
    ),
    (
        "Familles servies",
        "familles par mois",
        "410",
        "500",
        "Statistiques de fréquentation des quatre organismes",
        "familles",
        "",
        [(-120, "415"), (-60, "438"), (-30, "452")],
    ),
]

ROUND = {
    "title": "Bilan de mi-parcours",
    "worked_well": (
        "Le camion roule : il a été acheté et assuré dans les délais, et les tournées "
        "combinées ont commencé avec la banque alimentaire."
    ),
    "effects_observed": (
        "Les denrées récupérées ont augmenté de près de 45 % depuis le départ et le coût "
        "par livraison baisse à chaque mois."
    ),
    "unexpected_effects": (
        "Les équipes de la cuisine collective et de la banque alimentaire se relaient "
        "maintenant pour les livraisons du vendredi, ce que personne n'avait prévu. "
        "Des bénévoles passent d'un organisme à l'autre."
    ),
    "worked_less_well": (
        "Le calendrier de réservation du camion n'est pas encore en ligne : les "
        "réservations par courriel créent des conflits entre organismes. La CDC de la "
        "Vallée-des-Moulins a peu profité de l'agente de communication, à cause de la "
        "distance."
    ),
}

# indicator name -> (result, comment)
ASSESSMENTS = {
    "Denrées récupérées": (TargetAssessment.Result.PARTIAL, "92 % de la cible atteinte"),
    "Taux d'utilisation du camion": (
        TargetAssessment.Result.PARTIAL,
        "En hausse, freiné par les conflits de réservation",
    ),
    "Coût de transport par livraison": (TargetAssessment.Result.PARTIAL, ""),
    "Familles servies": (TargetAssessment.Result.NOT_MET, "Effet attendu à plus long terme"),
}

IMPROVEMENT_TO_ACTION = (
    "Mettre le calendrier de réservation en ligne et nommer une personne qui arbitre les conflits"
)
IMPROVEMENT_KEPT = (
    "Prévoir un accueil commun pour les bénévoles qui donnent du temps à plusieurs organismes"
)


def populate(project):
    """Fill the demo project (the demo command rebuilds the project, so it starts empty)."""
    today = timezone.localdate()
    membership = project.memberships.filter(role="coordinator").select_related("user").first()
    coordinator = membership.user if membership else None

    order_in_column: dict[str, int] = {}
    elements = {}
    for key, (kind, text, origin) in ELEMENTS.items():
        order_in_column[kind] = order_in_column.get(kind, 0) + 1
        elements[key] = LogicElement.objects.create(
            project=project, kind=kind, text=text, origin=origin, order=order_in_column[kind]
        )
    for key, targets in LINKS.items():
        elements[key].leads_to.set([elements[target] for target in targets])

    actions = {action.title: action for action in Action.objects.filter(project=project)}
    indicators = {}
    for name, unit, baseline, target, source, effect, action, points in INDICATORS:
        indicator = Indicator.objects.create(
            project=project,
            name=name,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            data_source=source,
            effect=elements.get(effect),
            action=actions.get(action),
        )
        indicators[name] = indicator
        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                date=today + timedelta(days=days),
                value=Decimal(value),
                recorded_by=coordinator,
            )
            for days, value in points
        )

    evaluation_round = EvaluationRound.objects.create(
        project=project, date=today - timedelta(days=20), created_by=coordinator, **ROUND
    )
    TargetAssessment.objects.bulk_create(
        TargetAssessment(
            evaluation_round=evaluation_round,
            indicator=indicators[name],
            result=result,
            comment=comment,
        )
        for name, (result, comment) in ASSESSMENTS.items()
    )
    improvement = Improvement.objects.create(
        evaluation_round=evaluation_round, text=IMPROVEMENT_TO_ACTION
    )
    Improvement.objects.create(evaluation_round=evaluation_round, text=IMPROVEMENT_KEPT)

    # The coordinator turned the first improvement into an action, then completed it.
    action = services.improvement_to_action(improvement=improvement, user=coordinator).action
    calendar_action = actions.get("Mettre en place le calendrier de réservation du camion")
    action.axis = calendar_action.axis if calendar_action else None
    action.organisation = demo_organisation(project, "cdc_vallee")
    action.responsible_person = "Jean-François Bergeron"
    action.start_date = today - timedelta(days=10)
    action.due_date = today + timedelta(days=30)
    action.status = Action.Status.IN_PROGRESS
    action.progress = 15
    action.target = "Plus aucun conflit de réservation par courriel"
    action.save()
