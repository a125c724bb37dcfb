"""Demo data of the réalisation tools: the strategic plan, a running action plan and the
communication plan.

Dates are relative to the day the demo is built, so some actions are always done,
some under way and a few overdue.
"""

from datetime import timedelta

from django.utils import timezone

from projects.demo import demo_organisation
from steps.models import Action, Axis, CommunicationItem, Orientation, StrategicVision, Strategy

VISION = (
    "Ensemble, nos quatre organismes nourrissent mieux les familles de Montérégie-Ouest en "
    "partageant ce qui coûte trop cher à porter seul — un camion réfrigéré, des locaux et une "
    "expertise en communication — sans perdre l'identité ni l'autonomie de chacun."
)
VALUES = [
    "Solidarité : chaque partenaire gagne à la mise en commun",
    "Équité entre partenaires, quelle que soit leur taille",
    "Transparence : la même information pour tout le monde",
    "Autonomie de chaque organisme dans sa mission",
    "Sobriété : partager avant d'acheter",
]

# axis title -> [(orientation title, [strategies])]
PLAN = [
    (
        "Logistique alimentaire partagée",
        "Faire circuler les denrées entre nos organismes avec un seul camion réfrigéré.",
        [
            (
                "Mettre le camion réfrigéré au service de tous les partenaires",
                [
                    "Un calendrier de réservation commun",
                    "Des tournées de récupération combinées",
                    "Un entretien planifié, payé selon l'usage de chacun",
                ],
            ),
            (
                "Réduire les pertes de denrées",
                [
                    "Un entreposage réfrigéré commun",
                    "Un registre des denrées reçues et redistribuées",
                ],
            ),
        ],
    ),
    (
        "Locaux et équipements communs",
        "Un lieu où entreposer, cuisiner et se réunir, partagé selon des règles claires.",
        [
            (
                "Aménager un lieu commun adapté",
                [
                    "Faire l'inventaire des locaux disponibles chez les partenaires",
                    "Négocier un bail commun pour l'entrepôt",
                ],
            ),
            (
                "Partager la cuisine de production",
                [
                    "Un horaire d'occupation connu de tous",
                    "Des règles d'hygiène et de salubrité communes",
                ],
            ),
        ],
    ),
    (
        "Communication et rayonnement",
        "Parler d'une seule voix quand c'est utile, sans effacer chaque organisme.",
        [
            (
                "Partager une ressource en communication",
                [
                    "Une embauche conjointe à temps partagé",
                    "Un plan de communication annuel commun",
                ],
            ),
            (
                "Faire connaître la mutualisation",
                [
                    "Présenter la démarche aux conseils d'administration",
                    "Publier un bilan annuel de la mise en commun",
                ],
            ),
        ],
    ),
]

S = Action.Status
# What some actions need: people, things, money (Action.means).
MEANS = {
    "Acheter un camion réfrigéré usagé": (
        "42 000 $ (fonds de la Fondation du Haut-Lac et parts des partenaires), "
        "une mécanicienne pour l'inspection avant l'achat."
    ),
    "Mettre en place le calendrier de réservation du camion": (
        "Un agenda partagé gratuit, 6 heures de la coordonnatrice pour le configurer."
    ),
    "Former les chauffeurs bénévoles à la chaîne du froid": (
        "Une formatrice du réseau des banques alimentaires, la salle de la CDC, 300 $ "
        "pour les thermomètres."
    ),
    "Embaucher la personne-ressource en communication à temps partagé": (
        "Un poste à trois jours par semaine, payé par les quatre partenaires selon la clé "
        "de partage ; un poste de travail dans les locaux de la CDC."
    ),
}
# (title, axis number, organisation key, person, start, due (days from today), status,
#  progress, target)
ACTIONS = [
    (
        # Signature targeted in about four months (steps/modelling/demo.py SIGNATURE_IN_DAYS).
        "Faire adopter la lettre d'entente par les quatre conseils d'administration",
        3,
        "cdc_seigneuries",
        "Mélanie Tremblay",
        -10,
        120,
        S.IN_PROGRESS,
        10,
        "4 résolutions adoptées",
    ),
    (
        "Acheter un camion réfrigéré usagé",
        1,
        "banque_alimentaire",
        "Sophie Lévesque",
        -120,
        -60,
        S.DONE,
        100,
        "Camion immatriculé et assuré",
    ),
    (
        "Faire l'inventaire des locaux disponibles chez les partenaires",
        2,
        "cdc_seigneuries",
        "Mélanie Tremblay",
        -110,
        -70,
        S.DONE,
        100,
        "Fiche de chaque local (surface, accès, coût)",
    ),
    (
        "Mettre en place le calendrier de réservation du camion",
        1,
        "cdc_vallee",
        "Jean-François Bergeron",
        -60,
        -12,
        S.IN_PROGRESS,
        70,
        "Les 4 organismes réservent par le même outil",
    ),
    (
        "Rédiger les règles d'hygiène communes de la cuisine",
        2,
        "cuisine_collective",
        "Karim Haddad",
        -50,
        -15,
        S.IN_PROGRESS,
        50,
        "Règles signées par chaque équipe",
    ),
    (
        "Tenir le registre des denrées reçues et redistribuées",
        1,
        "cuisine_collective",
        "Karim Haddad",
        -45,
        -5,
        S.TODO,
        0,
        "Registre à jour chaque semaine",
    ),
    (
        "Former les chauffeurs bénévoles à la chaîne du froid",
        1,
        "banque_alimentaire",
        "Sophie Lévesque",
        -30,
        30,
        S.IN_PROGRESS,
        40,
        "8 bénévoles formés",
    ),
    (
        "Négocier le bail de l'entrepôt commun",
        2,
        "cdc_seigneuries",
        "Mélanie Tremblay",
        -20,
        70,
        S.IN_PROGRESS,
        25,
        "Bail signé pour 3 ans",
    ),
    (
        "Embaucher la personne-ressource en communication à temps partagé",
        3,
        "cdc_vallee",
        "Jean-François Bergeron",
        -10,
        80,
        S.IN_PROGRESS,
        20,
        "2 jours par semaine, répartis entre les partenaires",
    ),
    (
        "Combiner les tournées de récupération des épiceries",
        1,
        "banque_alimentaire",
        "Sophie Lévesque",
        10,
        120,
        S.TODO,
        0,
        "20 % de kilomètres en moins",
    ),
    (
        "Établir l'horaire d'occupation de la cuisine de production",
        2,
        "cuisine_collective",
        "Karim Haddad",
        15,
        60,
        S.TODO,
        0,
        "Horaire affiché et partagé",
    ),
    (
        "Lancer un site Web commun",
        3,
        "cdc_vallee",
        "",
        -90,
        -30,
        S.ABANDONED,
        10,
        "Remplacé par une infolettre commune",
    ),
    (
        "Publier le premier bilan annuel de la mise en commun",
        3,
        "cdc_seigneuries",
        "Mélanie Tremblay",
        200,
        235,
        S.TODO,
        0,
        "Bilan présenté en assemblée générale",
    ),
]


COMMUNICATIONS = (
    {
        "audience": "Conseils d'administration des quatre organisations",
        "message": "Présenter la lettre d'entente et le partage des coûts avant la signature.",
        "channels": "Présentation à chaque conseil, document de deux pages",
        "in_days": 75,  # before the boards adopt the letter
        "period": "",
        "organisation": "cdc_seigneuries",
        "person": "Coordonnatrice du projet",
    },
    {
        "audience": "Équipes et bénévoles chauffeurs",
        "message": "Expliquer le calendrier de réservation, le registre des températures et "
        "qui appeler en cas de bris.",
        "channels": "Rencontre d'équipe, guide du chauffeur",
        "in_days": None,
        "period": "Avant la mise en service du camion",
        "organisation": "banque_alimentaire",
        "person": "",
    },
    {
        "audience": "Population et organismes du territoire",
        "message": "Annoncer le Frigo mobile du Haut-Lac et les nouveaux points de distribution.",
        "channels": "Médias sociaux, infolettres des CDC, journal local",
        "in_days": 150,  # once the agreement is in force
        "period": "",
        "organisation": "cdc_vallee",
        "person": "",
    },
)


def populate(project):
    """Fill the demo project (the demo command rebuilds the project, so it starts empty)."""
    StrategicVision.objects.update_or_create(
        project=project, defaults={"vision": VISION, "values": "\n".join(VALUES)}
    )
    axes = []
    for axis_order, (title, description, orientations) in enumerate(PLAN, start=1):
        axis = Axis.objects.create(
            project=project, order=axis_order, title=title, description=description
        )
        axes.append(axis)
        for orientation_order, (orientation_title, strategies) in enumerate(orientations, 1):
            orientation = Orientation.objects.create(
                axis=axis, order=orientation_order, title=orientation_title
            )
            Strategy.objects.bulk_create(
                Strategy(orientation=orientation, order=order, title=strategy)
                for order, strategy in enumerate(strategies, start=1)
            )

    today = timezone.localdate()
    coordinator = project.memberships.filter(role="coordinator").select_related("user").first()
    keys = {a[2] for a in ACTIONS} | {item["organisation"] for item in COMMUNICATIONS}
    organisations = {key: demo_organisation(project, key) for key in keys}
    Action.objects.bulk_create(
        Action(
            project=project,
            axis=axes[axis_number - 1],
            title=title,
            organisation=organisations[key],
            responsible_person=person,
            start_date=today + timedelta(days=start),
            due_date=today + timedelta(days=due),
            status=status,
            progress=progress,
            target=target,
            means=MEANS.get(title, ""),
            created_by=coordinator.user if coordinator else None,
        )
        for title, axis_number, key, person, start, due, status, progress, target in ACTIONS
    )
    CommunicationItem.objects.bulk_create(
        [
            CommunicationItem(
                project=project,
                audience=item["audience"],
                message=item["message"],
                channels=item["channels"],
                date=today + timedelta(days=item["in_days"]) if item["in_days"] else None,
                period=item["period"],
                responsible_organisation=organisations[item["organisation"]],
                responsible_person=item["person"],
            )
            for item in COMMUNICATIONS
        ]
    )
