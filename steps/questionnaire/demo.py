"""Demo answers of the questionnaires; called by `manage.py demo` before the tools.

Four organisations of Montérégie-Ouest (projects/demo.py) answered the impulsion and
drew their réflexion portrait. Their strengths and weaknesses differ, and their offers
meet one another's needs: the food bank's refrigerated truck is idle two days a week and
the community kitchen needs refrigerated transport and cold storage; the CDC des
Seigneuries has a free meeting room and a communications officer with time to spare,
which the food bank and the small rural CDC need. Their cultures of decision diverge.
Three portraits are submitted; the small CDC's is still a draft. The coordination
answered the project-level questions of every step and submitted the first four.

Values follow the storage formats of steps/questionnaire/fields.py. Dates are relative
to the day the demo is built.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from projects.demo import COORDINATOR_EMAIL, DEMO_ORGANISATIONS, demo_organisation
from projects.method import STEPS
from projects.models import User
from steps.catalogue import DIMENSIONS
from steps.models import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus

SUBMITTED, IN_PROGRESS = StepStatus.Status.SUBMITTED, StepStatus.Status.IN_PROGRESS


def _choices(*codes, other=""):
    return {"choices": list(codes), "other": other}


def _item(appreciation, description, offre="", besoin=""):
    """The four parts of a portrait item (empty parts are left unanswered)."""
    return {
        "description": description,
        "appreciation": appreciation,
        "offre": offre,
        "besoin": besoin,
    }


# --- Per organisation: impulsion and the réflexion questions -------------------------

ANSWERS = {
    "banque_alimentaire": {
        "impulsion.besoin": (
            "Notre camion réfrigéré roule trois jours par semaine ; les deux autres jours, il "
            "reste au garage alors que ses coûts fixes (assurances, immatriculation, "
            "entretien) courent toute l'année. Nos bénévoles s'essoufflent et nous peinons "
            "à faire connaître nos services aux organismes des secteurs ruraux."
        ),
        "impulsion.motivations": _choices(
            "couts", "capacite", "alleger-equipes", "rayonnement", "mission"
        ),
        "impulsion.benefices": (
            "Partager les coûts fixes du camion ; rejoindre plus de familles dans les "
            "secteurs ruraux grâce aux organismes partenaires ; profiter d'une aide en "
            "communication que nous ne pouvons pas nous payer seuls."
        ),
        "impulsion.craintes": (
            "Que le camion ne soit plus libre quand un don imprévu arrive : les épiceries "
            "nous appellent souvent la veille. Que la gestion des réservations retombe sur "
            "notre coordonnateur des opérations, déjà très occupé."
        ),
        "impulsion.energie": 4,
        "impulsion.heures": "12",
        "impulsion.porteur": "Sophie Lévesque, directrice générale",
        "reflexion.perimetre": (
            "La logistique (camion, entrepôt, chambre froide) et les communications"
        ),
        "reflexion.risques": (
            "Usure accélérée du camion si les règles d'utilisation ne sont pas claires ; "
            "responsabilité en cas de bris de la chaîne de froid pendant un transport fait "
            "pour un partenaire ; dépendance si un partenaire compte sur le camion pour un "
            "service essentiel."
        ),
        "reflexion.besoins": (
            "Un accompagnement pour calculer un coût d'utilisation juste du camion, un "
            "modèle d'entente d'utilisation et l'avis de notre assureur."
        ),
        "reflexion.coordination": (
            "Une coordination neutre, assurée par la table de concertation, et un comité de "
            "suivi mensuel. Les décisions courantes prises par les directions ; celles qui "
            "engagent des fonds, par les conseils."
        ),
        "reflexion.mode-decision": "direction",
    },
    "cdc_seigneuries": {
        "impulsion.besoin": (
            "Nos organismes membres nous demandent sans cesse du soutien en communication "
            "et en recherche de financement, et notre agente de communication a du temps "
            "libre depuis la fin d'un projet. Notre salle de réunion reste aussi vide une "
            "bonne partie de la semaine, alors qu'elle nous coûte cher."
        ),
        "impulsion.motivations": _choices(
            "couts",
            "poids-politique",
            "reconnaissance",
            "changement-echelle",
            "valeurs",
            "autre",
            other="Montrer à nos membres qu'une collaboration de ce genre est possible",
        ),
        "impulsion.benefices": (
            "Mieux utiliser notre salle et le temps de notre agente de communication ; "
            "renforcer la voix du milieu communautaire auprès de la MRC ; acquérir une "
            "expérience de la mutualisation que nous pourrons transmettre à nos membres."
        ),
        "impulsion.craintes": (
            "Qu'on nous soupçonne de vouloir prendre le contrôle du projet ; que les "
            "décisions traînent si chaque conseil doit tout approuver."
        ),
        "impulsion.energie": 3,
        "impulsion.heures": "8",
        "impulsion.porteur": "Mélanie Tremblay, directrice",
        "reflexion.perimetre": (
            "Les fonctions de soutien : communication, salle de réunion, accompagnement "
            "des demandes de financement"
        ),
        "reflexion.risques": (
            "Que l'implication soit inégale et que la CDC finisse par porter seule la "
            "coordination ; que nos membres voient la CDC entrer en concurrence avec eux."
        ),
        "reflexion.besoins": (
            "Un mandat clair de notre conseil et une entente écrite sur la répartition du "
            "temps de notre agente de communication."
        ),
        "reflexion.coordination": (
            "Un comité de pilotage formé des quatre directions, qui vote à la majorité après "
            "discussion et tient des procès-verbaux. La table de concertation anime."
        ),
        "reflexion.mode-decision": "majorite",
    },
    "cuisine_collective": {
        "impulsion.besoin": (
            "Nous allons chercher nous-mêmes nos denrées, dans nos voitures, sans "
            "réfrigération : nous perdons des aliments et beaucoup de temps. Nous manquons "
            "aussi d'espace pour garder les denrées fraîches et congelées entre les ateliers."
        ),
        "impulsion.motivations": _choices(
            "expertise", "couts", "resilience", "valeurs", "mission"
        ),
        "impulsion.benefices": (
            "Recevoir des denrées fraîches de façon fiable et sécuritaire ; entreposer "
            "davantage pour offrir plus d'ateliers ; nous faire connaître des familles des "
            "municipalités voisines."
        ),
        "impulsion.craintes": (
            "Perdre notre façon de faire, très participative, au profit de procédures "
            "lourdes ; ne pas avoir les moyens de payer notre part."
        ),
        "impulsion.energie": 2,
        "impulsion.heures": "4",
        "impulsion.porteur": "Karim Haddad, coordonnateur",
        "reflexion.perimetre": "L'approvisionnement et l'entreposage des denrées",
        "reflexion.risques": (
            "Une contribution financière au-dessus de nos moyens ; des décisions prises sans "
            "les participantes et les participants."
        ),
        "reflexion.besoins": (
            "Du temps de libération, car nous sommes deux employés, et des rencontres en "
            "soirée pour que nos membres puissent y assister."
        ),
        "reflexion.coordination": (
            "Des décisions prises par consensus, en prenant le temps qu'il faut, avec une "
            "place pour les membres et pas seulement pour les directions."
        ),
        "reflexion.mode-decision": "consensus",
    },
    "cdc_vallee": {
        "impulsion.besoin": (
            "Nous sommes deux personnes pour un grand territoire rural. Nos organismes "
            "membres peinent à se faire connaître et nous n'avons ni le temps ni "
            "l'expertise pour les appuyer en communication."
        ),
        "impulsion.motivations": _choices(
            "expertise", "rayonnement", "resilience", "valeurs", "transition"
        ),
        "impulsion.benefices": (
            "Une présence en communication pour le milieu communautaire rural ; des liens "
            "plus forts avec les organismes du centre de la région."
        ),
        "impulsion.craintes": (
            "Que les besoins des secteurs ruraux passent après ceux de la ville ; que les "
            "déplacements pour les rencontres nous prennent trop de temps."
        ),
        "impulsion.energie": 2,
        "impulsion.heures": "3",
        "impulsion.porteur": "Jean-François Bergeron, coordonnateur",
        "reflexion.perimetre": "Les communications et la concertation",
        "reflexion.mode-decision": {
            "choice": "autre",
            "other": "Par consensus, avec un vote à la majorité en dernier recours",
        },
    },
}

# --- Per organisation: the portrait (dimension.item → its four parts) ---------------

PORTRAITS = {
    "banque_alimentaire": {
        "identite.mission": _item(
            "force",
            "Récupérer les invendus des épiceries et des producteurs et les redistribuer à "
            "une quarantaine d'organismes du territoire.",
        ),
        "identite.historique": _item(
            "neutre",
            "Fondée en 1989 par un regroupement de paroisses ; professionnalisée depuis "
            "l'achat de l'entrepôt en 2010.",
        ),
        "identite.role-ecosysteme": _item(
            "force",
            "Principal fournisseur de denrées des organismes alimentaires de la région, en "
            "lien direct avec les grandes chaînes d'alimentation.",
        ),
        "identite.culture": _item(
            "force",
            "Culture d'opérations : procédures écrites, horaires serrés, décisions rapides "
            "prises par la direction.",
        ),
        "identite.clienteles": _item(
            "force",
            "Une quarantaine d'organismes membres et, à travers eux, environ 3 500"
            " personnes par mois.",
            besoin="Mieux rejoindre les familles des secteurs ruraux, où nous avons peu "
            "d'organismes relais.",
        ),
        "gouvernance.membres": _item(
            "neutre",
            "Les organismes qui reçoivent des denrées sont membres ; ils viennent peu à "
            "l'assemblée générale.",
        ),
        "gouvernance.conseil": _item(
            "neutre",
            "Conseil de neuf personnes, surtout issues du milieu des affaires, peu "
            "disponible entre les séances.",
        ),
        "gouvernance.vie-associative": _item(
            "faiblesse",
            "Bassin de bénévoles vieillissant : deux quarts de tri par semaine sont "
            "difficiles à combler.",
            besoin="Des bénévoles pour le tri du mardi et du jeudi matin.",
        ),
        "gouvernance.parties-prenantes": _item(
            "force",
            "Appui solide de la MRC, de Centraide et des épiceries partenaires.",
        ),
        "installations.locaux": _item(
            "faiblesse",
            "Bureaux exigus à l'entrepôt ; aucune salle pour former nos bénévoles et les "
            "organismes membres.",
            besoin="Une salle de 20 à 30 places, deux ou trois fois par mois, pour les "
            "formations en salubrité.",
        ),
        "installations.entreposage": _item(
            "force",
            "Entrepôt de 600 m² avec une chambre froide et deux chambres de congélation.",
            offre="Six places de palettes en chambre froide et de l'espace sec, sur "
            "réservation, au coût d'utilisation.",
        ),
        "installations.transport": _item(
            "force",
            "Camion réfrigéré de 16 pieds, utilisé les lundis, mercredis et vendredis pour "
            "la récupération et les livraisons.",
            offre="Notre camion réfrigéré, avec ou sans chauffeur, les mardis et jeudis : "
            "deux jours par semaine où il reste au garage.",
        ),
        "installations.entretien": _item(
            "neutre",
            "Contrat d'entretien ménager et de déneigement avec une entreprise locale.",
        ),
        "installations.fournitures": _item(
            "force",
            "Achats en volume d'emballages et de produits sanitaires, à bon prix.",
            offre="Commander pour les partenaires en même temps que nous : contenants, "
            "sacs, gants.",
        ),
        "services.offre-services": _item(
            "force",
            "Distribution hebdomadaire aux organismes, récupération en épicerie, dépannage "
            "d'urgence.",
        ),
        "communication.equipe": _item(
            "faiblesse",
            "Aucune ressource en communication : la direction s'en occupe quand elle le peut.",
            besoin="Quelques heures par semaine d'une personne qui fasse connaître nos "
            "services et nos besoins en bénévoles.",
        ),
        "communication.reseaux-sociaux": _item(
            "faiblesse", "Une page Facebook mise à jour de façon irrégulière."
        ),
        "communication.relations-presse": _item(
            "neutre", "Bonne couverture des médias locaux pendant la campagne des Fêtes."
        ),
        "gestion.budgetisation": _item(
            "force",
            "Comptabilité tenue à l'interne par une technicienne ; états financiers audités "
            "sans réserve.",
            offre="La tenue de livres d'un petit organisme partenaire, quelques heures par mois.",
        ),
        "gestion.demandes-financement": _item(
            "neutre",
            "Surtout des demandes aux fondations privées ; peu d'expérience des programmes "
            "gouvernementaux.",
        ),
        "gestion.taxes-permis": _item(
            "force", "Permis du MAPAQ pour l'entreposage et la manipulation des aliments."
        ),
        "gestion.assurances": _item(
            "neutre",
            "Assurance du camion au nom de la banque alimentaire : la couverture d'autres "
            "conducteur·rice·s est à vérifier.",
        ),
    },
    "cdc_seigneuries": {
        "identite.mission": _item(
            "force",
            "Regrouper et soutenir les organismes communautaires des Seigneuries et porter "
            "leur voix.",
        ),
        "identite.historique": _item(
            "force",
            "Trente ans d'existence ; a piloté plusieurs projets collectifs, dont la "
            "politique de développement social du territoire.",
        ),
        "identite.role-ecosysteme": _item(
            "force",
            "Interlocutrice reconnue de la MRC et des municipalités pour le milieu communautaire.",
        ),
        "identite.partenariats": _item(
            "force",
            "Membre de la table régionale des CDC ; ententes avec le CISSS et le carrefour "
            "jeunesse-emploi.",
        ),
        "identite.culture": _item(
            "faiblesse",
            "Beaucoup de comités et de consultations : nos décisions sont solides, mais lentes.",
        ),
        "identite.clienteles": _item(
            "force",
            "Trente-deux organismes membres, surtout en santé, en services sociaux et en "
            "sécurité alimentaire.",
        ),
        "gouvernance.membres": _item(
            "force", "Des membres actifs, nombreux à l'assemblée générale."
        ),
        "gouvernance.conseil": _item(
            "force",
            "Conseil de sept administrateur·rice·s issu·e·s des organismes membres, très engagé.",
        ),
        "gouvernance.raisons-membre": _item(
            "neutre", "Le réseautage, la représentation politique et la formation."
        ),
        "gouvernance.parties-prenantes": _item(
            "force",
            "Liens étroits avec la MRC, les élu·e·s et les bailleurs de fonds régionaux.",
        ),
        "installations.locaux": _item(
            "force",
            "Locaux loués au centre communautaire, dont une salle de réunion de 30 places "
            "libre trois jours sur cinq.",
            offre="Notre salle de réunion de 30 places, avec projecteur, les mardis, "
            "mercredis et jeudis.",
        ),
        "installations.entreposage": _item(
            "neutre", "Un petit local d'archives ; aucun besoin d'entreposage."
        ),
        "installations.transport": _item(
            "neutre", "Aucun véhicule ; le personnel se déplace avec sa voiture."
        ),
        "installations.fournitures": _item(
            "neutre",
            "Fournitures de bureau achetées au fur et à mesure.",
            besoin="Profiter d'achats groupés de fournitures.",
        ),
        "services.offre-services": _item(
            "force",
            "Formation, soutien-conseil aux organismes, concertation et représentation.",
        ),
        "services.partenariats-existants": _item(
            "force", "Coorganisation du forum régional en développement social."
        ),
        "communication.equipe": _item(
            "force",
            "Une agente de communication à temps plein ; depuis la fin d'un projet, environ "
            "deux jours par semaine sont libres.",
            offre="Deux jours par semaine de notre agente de communication, à partager "
            "entre les partenaires.",
        ),
        "communication.reseaux-sociaux": _item(
            "force",
            "Une infolettre mensuelle lue par 1 200 abonné·e·s et des pages actives.",
            offre="Relayer les nouvelles et les besoins des partenaires dans notre infolettre.",
        ),
        "communication.relations-presse": _item(
            "force", "Relations suivies avec l'hebdo régional et la radio communautaire."
        ),
        "communication.budget": _item(
            "neutre", "Environ 8 000 $ par année, surtout pour l'impression et le graphisme."
        ),
        "gestion.planification": _item(
            "force", "Planification stratégique triennale adoptée en assemblée générale."
        ),
        "gestion.demandes-financement": _item(
            "force",
            "Une expertise reconnue : nous accompagnons chaque année une dizaine "
            "d'organismes dans leurs demandes.",
            offre="Accompagner les partenaires dans une demande de financement commune pour "
            "le projet.",
        ),
        "gestion.budgetisation": _item("neutre", "Tenue de livres confiée à une firme externe."),
        "gestion.assurances": _item(
            "faiblesse",
            "Des primes en hausse de 30 % en deux ans.",
            besoin="Explorer une assurance collective avec d'autres organismes.",
        ),
    },
    "cuisine_collective": {
        "identite.mission": _item(
            "force",
            "Cuisiner ensemble pour se nourrir à moindre coût, briser l'isolement et gagner "
            "en autonomie alimentaire.",
        ),
        "identite.historique": _item(
            "neutre", "Née en 2012 d'un groupe de mères du quartier ; incorporée en 2015."
        ),
        "identite.role-ecosysteme": _item(
            "neutre", "Seule cuisine collective du secteur, mais peu connue hors du quartier."
        ),
        "identite.culture": _item(
            "force",
            "Tout se décide avec les participantes et les participants ; ambiance "
            "chaleureuse, façons de faire souples.",
        ),
        "identite.clienteles": _item(
            "force",
            "Une soixantaine de familles à faible revenu, dont plusieurs nouvellement "
            "arrivées au Québec.",
            besoin="Rejoindre les familles des municipalités voisines.",
        ),
        "gouvernance.membres": _item(
            "force", "Des membres engagé·e·s, qui se sentent chez eux à la cuisine."
        ),
        "gouvernance.conseil": _item(
            "faiblesse",
            "Conseil de cinq membres participant·e·s, motivé, mais peu formé à la gestion.",
        ),
        "gouvernance.vie-associative": _item(
            "force",
            "Une participation très forte : les membres animent les ateliers et plusieurs "
            "veulent en faire davantage.",
            offre="Quelques participantes et participants prêts à donner une demi-journée "
            "par semaine comme bénévoles.",
        ),
        "installations.locaux": _item(
            "neutre", "Un local au sous-sol d'une église, à loyer modique."
        ),
        "installations.production": _item(
            "force",
            "Une cuisine aux normes (cuisinière commerciale, lave-vaisselle), libre les "
            "soirs et les fins de semaine.",
            offre="Notre cuisine les soirs et les fins de semaine, pour des ateliers ou de la "
            "transformation.",
        ),
        "installations.entreposage": _item(
            "faiblesse",
            "Un seul réfrigérateur et un congélateur domestiques : nous refusons des dons "
            "faute d'espace.",
            besoin="De l'espace en chambre froide et en congélation, environ deux palettes.",
        ),
        "installations.transport": _item(
            "faiblesse",
            "Aucun véhicule : les denrées voyagent dans les voitures des employés, sans "
            "réfrigération.",
            besoin="Un transport réfrigéré une fois par semaine pour aller chercher nos "
            "denrées à la banque alimentaire.",
        ),
        "installations.fournitures": _item("neutre", "Achats à l'épicerie du quartier."),
        "services.offre-services": _item(
            "force",
            "Ateliers de cuisine collective chaque semaine, cuisines thématiques avec les écoles.",
        ),
        "communication.equipe": _item(
            "faiblesse", "Personne n'a de temps à consacrer aux communications."
        ),
        "communication.reseaux-sociaux": _item(
            "neutre", "Un groupe Facebook animé par des membres."
        ),
        "gestion.budgetisation": _item(
            "faiblesse",
            "Le coordonnateur tient les livres lui-même, le soir.",
            besoin="Un soutien en tenue de livres, quelques heures par mois.",
        ),
        "gestion.demandes-financement": _item(
            "faiblesse",
            "Peu de temps et peu d'expérience : nous dépendons d'une seule subvention.",
            besoin="Un accompagnement pour diversifier notre financement.",
        ),
        "gestion.modes-financement": _item(
            "faiblesse", "Une subvention à la mission et quelques dons ponctuels."
        ),
        "gestion.taxes-permis": _item(
            "neutre",
            "Permis de cuisine à renouveler chaque année ; normes de salubrité respectées.",
        ),
    },
    # A draft: partly filled, the appreciation of the target groups still missing.
    "cdc_vallee": {
        "identite.mission": _item(
            "force",
            "Favoriser la concertation et l'entraide entre les organismes d'un territoire rural.",
        ),
        "identite.role-ecosysteme": _item(
            "force",
            "Seul lieu de concertation communautaire de la vallée : nous connaissons chaque "
            "organisme et chaque municipalité.",
        ),
        "identite.culture": _item(
            "force", "Des décisions par consensus, beaucoup de proximité et d'informel."
        ),
        "identite.clienteles": _item(
            "", "Une quinzaine d'organismes membres répartis dans six municipalités."
        ),
        "gouvernance.vie-associative": _item(
            "force", "Des assemblées animées et des membres fidèles."
        ),
        "installations.locaux": _item(
            "neutre",
            "Un bureau partagé à l'hôtel de ville ; la salle du conseil municipal nous est "
            "prêtée sur demande.",
            offre="La salle du conseil municipal, prêtée gratuitement, pour tenir des "
            "rencontres de partenaires dans la vallée.",
        ),
        "communication.equipe": _item(
            "faiblesse",
            "Aucune ressource en communication : le coordonnateur fait tout.",
            besoin="Une journée par semaine d'une personne en communication pour les "
            "organismes de la vallée.",
        ),
        "communication.reseaux-sociaux": _item("faiblesse", "Une page peu suivie."),
    },
}

# « Autre » items an organisation added to its portrait: (dimension, label, parts).
EXTRA_ITEMS = {
    "banque_alimentaire": (
        (
            "installations",
            "Quai de chargement",
            _item(
                "force",
                "Un quai de chargement couvert, accessible aux camions de livraison.",
                offre="Recevoir au quai les livraisons en gros des partenaires.",
            ),
        ),
    ),
}

# Organisations whose réflexion is still a draft; the others have submitted it.
REFLEXION_DRAFTS = {"cdc_vallee"}
# Steps whose project-level answers the coordination has submitted (shown to partners);
# the others are still in progress.
PROJECT_SUBMITTED = ("impulsion", "reflexion", "diagnostic", "modelisation")

# --- Project-level answers of every step, by the coordination ------------------------

# Dates: days from the day the demo is built.
DATE_OFFSETS = {
    "reflexion.echeance-portraits": -75,
    "diagnostic.date-rencontre": -50,
    "realisation.date-demarrage": -35,
    "realisation.date-entente": 120,
    "evaluation.prochaine": 90,
}

PROJECT_ANSWERS = {
    "impulsion.besoin-commun": (
        "Mieux nourrir et mieux rejoindre les familles du territoire sans épuiser nos "
        "équipes : fiabiliser l'approvisionnement en denrées fraîches, mieux utiliser les "
        "espaces et les équipements que nous avons déjà, et nous donner ensemble une "
        "capacité de communication qu'aucun de nous ne peut s'offrir seul."
    ),
    "impulsion.objectif": (
        "D'ici deux ans : un camion réfrigéré partagé entre au moins trois organismes, avec "
        "un coût d'utilisation connu de tous ; de l'espace en chambre froide pour la cuisine "
        "collective ; une ressource en communication partagée, au moins une journée par "
        "semaine pour chaque partenaire."
    ),
    "impulsion.motivations-partagees": _choices("couts", "capacite", "rayonnement", "mission"),
    "impulsion.continuum": "mutualisation",
    "reflexion.gouvernance-demarche": (
        "La table de concertation coordonne la démarche : elle anime un comité de pilotage "
        "où siège une personne par organisation, prépare les rencontres et envoie à toutes "
        "et à tous la même information. Le comité décide ; les décisions qui engagent des "
        "fonds sont confirmées par chaque conseil d'administration."
    ),
    "diagnostic.convergences": (
        "Les quatre organisations partagent une mission tournée vers les familles à faible "
        "revenu. Les complémentarités sont nettes : la banque alimentaire a un camion "
        "réfrigéré et une chambre froide sous-utilisés dont la cuisine collective a besoin ; "
        "la CDC des Seigneuries a une salle et une agente de communication disponibles, que "
        "recherchent la banque alimentaire et la CDC de la Vallée-des-Moulins."
    ),
    "diagnostic.divergences": (
        "Nos cultures de décision diffèrent : la banque alimentaire décide vite, par sa "
        "direction ; la cuisine collective et la CDC de la Vallée-des-Moulins tiennent au "
        "consensus, avec leurs membres ; la CDC des Seigneuries vote à la majorité. Il faut "
        "convenir d'un mode de décision avant d'écrire l'entente. La capacité de payer de la "
        "cuisine collective est aussi à discuter."
    ),
    "diagnostic.potentiel": "eleve",
    "diagnostic.justification": (
        "Le besoin est réel et partagé, les offres des unes répondent directement aux "
        "besoins des autres, et les ressources existent déjà : aucun achat majeur n'est à "
        "prévoir. Deux conditions : s'entendre sur le mode de décision et fixer une "
        "contribution qui tienne compte de la taille de chaque organisation."
    ),
    "diagnostic.pistes": (
        "1. Le camion réfrigéré de la banque alimentaire, les mardis et jeudis. "
        "2. Des places en chambre froide pour la cuisine collective. "
        "3. L'agente de communication de la CDC des Seigneuries, deux jours par semaine. "
        "Plus tard : la tenue de livres et une assurance collective."
    ),
    "diagnostic.preparation": 4,
    "modelisation.ensemble": (
        "Un regroupement informel de quatre organisations, lié par une entente de "
        "mutualisation. La banque alimentaire agit au nom du groupe pour le camion et la "
        "chambre froide ; la CDC des Seigneuries, pour la ressource en communication."
    ),
    "modelisation.zones": (
        "L'approvisionnement alimentaire des organismes de la MRC et les communications du "
        "milieu communautaire, en priorité dans les secteurs ruraux."
    ),
    "modelisation.clientele": (
        "Les familles à faible revenu du territoire, surtout dans la vallée, rejointes par "
        "les organismes membres des deux CDC."
    ),
    "modelisation.complementarite": (
        "La banque alimentaire apporte la logistique ; la cuisine collective, la "
        "transformation et le lien direct avec les familles ; les CDC, la concertation, la "
        "communication et le savoir-faire en financement."
    ),
    "modelisation.contrat": (
        "Les conditions d'utilisation du camion (réservation, chauffeur, chaîne de froid, "
        "bris), l'accès à la chambre froide, la répartition du temps de l'agente de "
        "communication, le calcul et la facturation du coût d'utilisation, la durée de "
        "l'entente et la façon de s'en retirer."
    ),
    "modelisation.lettres-patentes": "a-verifier",
    "modelisation.responsable": (
        "La banque alimentaire pour le camion et la chambre froide ; la CDC des Seigneuries "
        "pour l'agente de communication"
    ),
    "modelisation.propriete-intellectuelle": "commune",
    "modelisation.marque": (
        "Chaque organisme garde son nom ; « Ensemble à table » pour les campagnes communes"
    ),
    "modelisation.asymetrie": (
        "Oui : la cuisine collective contribue surtout en temps et en bénévoles plutôt "
        "qu'en argent. Point de rupture : un partenaire qui n'utilise plus les ressources "
        "pendant six mois, ou qui ne vient plus au comité, entraîne une révision de "
        "l'entente."
    ),
    "modelisation.budget-demarrage": "4500.00",
    "modelisation.cout-coordination": "6200.00",
    "modelisation.economies-visees": "18000.00",
    "realisation.mobilisation": (
        "Chaque direction présente le projet à son conseil avant la fin de l'automne ; la "
        "cuisine collective le présente aussi en assemblée de membres. Les deux CDC en "
        "parlent à leurs organismes membres à leur prochaine rencontre."
    ),
    "realisation.porteur": "Geneviève Caron, coordonnatrice de la table de concertation",
    "realisation.heures-coordination": "20",
    "realisation.echeancier-entente": (
        "Premier jet de l'entente en janvier ; révision par les partenaires et avis sur les "
        "assurances du camion en février ; adoption par les quatre conseils et signature en "
        "avril, pour une entrée en vigueur le mois suivant."
    ),
    "realisation.plan-communication": "les-deux",
    "realisation.acceptabilite": (
        "À l'interne, les bénévoles de la banque alimentaire craignent de perdre « leur » "
        "camion. À l'externe, des organismes membres des CDC pourraient y voir de la "
        "concurrence. Une rencontre d'information et une infolettre commune sont prévues."
    ),
    "evaluation.economies": "1850.00",
    "evaluation.satisfaction": 4,
    "evaluation.suite": "ajuster",
}

# Earlier values of a few answers, so their history shows a change: (key or None, code).
EARLIER_VALUES = {
    ("banque_alimentaire", "reflexion.installations.transport.offre"): (
        "Notre camion réfrigéré, le mardi."
    ),
    (None, "impulsion.objectif"): (
        "Partager un camion réfrigéré et une ressource en communication."
    ),
}


def _portrait_answers(portrait):
    for item, parts in portrait.items():
        for part, value in parts.items():
            yield f"reflexion.{item}.{part}", value


def _partner(key):
    return User.objects.get(email=DEMO_ORGANISATIONS[key]["partner_email"])


def populate(project):
    """Answer impulsion and réflexion for the four organisations and every step for the
    project, set the step statuses and the réflexion dimensions."""
    today = timezone.localdate()
    now = timezone.now()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    with transaction.atomic():
        # The demo command rebuilds the project; start from a clean slate anyway.
        Answer.objects.filter(project=project).delete()
        StepStatus.objects.filter(project=project).delete()
        ExtraPortraitItem.objects.filter(project=project).delete()
        ProjectDimension.objects.filter(project=project).delete()

        ProjectDimension.objects.bulk_create(
            ProjectDimension(project=project, code=dimension.code) for dimension in DIMENSIONS
        )

        answers, statuses, keys = [], [], {None: None}
        for key in DEMO_ORGANISATIONS:
            organisation, partner = demo_organisation(project, key), _partner(key)
            keys[organisation.pk] = key
            values = dict(ANSWERS[key])
            values.update(_portrait_answers(PORTRAITS[key]))
            for dimension, label, parts in EXTRA_ITEMS.get(key, ()):
                extra = ExtraPortraitItem.objects.create(
                    project=project,
                    organisation=organisation,
                    dimension=dimension,
                    label=label,
                    created_by=partner,
                )
                values.update({f"{extra.code}.{part}": value for part, value in parts.items()})
            answers += [
                Answer(
                    project=project,
                    organisation=organisation,
                    question_code=code,
                    value=value,
                    version=2 if (key, code) in EARLIER_VALUES else 1,
                    updated_by=partner,
                )
                for code, value in values.items()
                if value not in ("", None)
            ]
            for step in ("impulsion", "reflexion"):
                draft = step == "reflexion" and key in REFLEXION_DRAFTS
                statuses.append(
                    StepStatus(
                        project=project,
                        organisation=organisation,
                        step=step,
                        status=IN_PROGRESS if draft else SUBMITTED,
                        submitted_at=None if draft else now,
                        submitted_by=None if draft else partner,
                    )
                )

        project_values = dict(PROJECT_ANSWERS)
        project_values.update(
            {
                code: (today + timedelta(days=days)).isoformat()
                for code, days in DATE_OFFSETS.items()
            }
        )
        answers += [
            Answer(
                project=project,
                organisation=None,
                question_code=code,
                value=value,
                version=2 if (None, code) in EARLIER_VALUES else 1,
                updated_by=coordinator,
            )
            for code, value in project_values.items()
        ]
        for step in STEPS:
            submitted = step.code in PROJECT_SUBMITTED
            statuses.append(
                StepStatus(
                    project=project,
                    organisation=None,
                    step=step.code,
                    status=SUBMITTED if submitted else IN_PROGRESS,
                    submitted_at=now if submitted else None,
                    submitted_by=coordinator if submitted else None,
                )
            )
        Answer.objects.bulk_create(answers)
        StepStatus.objects.bulk_create(statuses)
        _record_history(Answer.objects.filter(project=project), keys)


def _record_history(answers, keys):
    """One revision per saved version, as the questionnaire's autosave would have left.

    `keys`: organisation id (None for the project) → key of DEMO_ORGANISATIONS.
    """
    revisions = []
    for answer in answers:
        earlier = EARLIER_VALUES.get((keys[answer.organisation_id], answer.question_code))
        if earlier is not None:
            revisions.append(
                AnswerRevision(
                    answer=answer, version=1, new_value=earlier, changed_by=answer.updated_by
                )
            )
        revisions.append(
            AnswerRevision(
                answer=answer,
                version=answer.version,
                old_value=earlier,
                new_value=answer.value,
                changed_by=answer.updated_by,
            )
        )
    AnswerRevision.objects.bulk_create(revisions)
