"""Where to get help: the support bodies and the readings the method's sources name, and
the credits of those sources. Data in code; roles and notes are written in our words.

`steps` lists the step codes (projects.method) where an entry helps: the « Où trouver de
l'aide » box of a step shows those entries. Titles of works stay in their language.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SupportBody:
    code: str
    name: str
    role: Promise
    url: str = ""
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    code: str
    title: str
    author: str
    year: str = ""
    note: Promise | str = ""
    url: str = ""
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Credit:
    code: str
    title: str
    kind: Promise
    people: str
    date: Promise | str
    note: Promise


SUPPORT_BODIES: tuple[SupportBody, ...] = (
    SupportBody(
        "tiess",
        "Territoires innovants en économie sociale et solidaire (TIESS)",
        _(
            "Organisme de liaison et de transfert en innovation sociale : guides et outils "
            "gratuits, accompagnement au transfert, animation du modèle logique commun de "
            "la mutualisation."
        ),
        "https://tiess.ca/",
        ("impulsion", "modelisation", "realisation", "evaluation"),
    ),
    SupportBody(
        "dsl",
        "Développement social Laurentides — Chantier mutualisation",
        _(
            "Premier chantier régional québécois voué à la mutualisation (depuis 2023) : "
            "formations, communauté de pratique, outils et accompagnement de projets."
        ),
        "https://dslaurentides.org/",
        ("impulsion", "reflexion", "diagnostic", "evaluation"),
    ),
    SupportBody(
        "poles",
        "Pôles d'économie sociale",
        _(
            "Des conseillères et conseillers en économie sociale dans chaque région, utiles "
            "quand vient le temps de choisir une forme d'entente ou de structure."
        ),
        "",
        ("modelisation",),
    ),
    SupportBody(
        "cdc",
        "Corporations de développement communautaire (CDC)",
        _(
            "Les CDC réunissent les organismes communautaires d'un territoire ; plusieurs "
            "animent des démarches de mutualisation auprès de leurs membres."
        ),
        "",
        ("impulsion", "reflexion"),
    ),
    SupportBody(
        "justice",
        "Centre de justice de proximité",
        _(
            "Information juridique gratuite ; partenaire du projet « Aspects légaux » du "
            "chantier des Laurentides pour sécuriser les projets de mutualisation."
        ),
        "",
        ("modelisation",),
    ),
    SupportBody(
        "csmo",
        "CSMO-ÉSAC",
        _(
            "Comité sectoriel de main-d'œuvre de l'économie sociale et de l'action "
            "communautaire : ressources humaines, un sujet central quand on partage du "
            "personnel."
        ),
        "",
        ("realisation",),
    ),
    SupportBody(
        "centraide",
        "Centraide du Grand Montréal",
        _(
            "Bailleur de fonds de l'étude de Concertation Horizon ; publie aussi un document "
            "sur la mutualisation des ressources."
        ),
        "",
        ("impulsion",),
    ),
    SupportBody(
        "regional",
        "Économie sociale Laurentides, Synergie Laurentides, Entremise, Dynamo",
        _(
            "D'autres membres de l'écosystème d'accompagnement cités par le chantier des "
            "Laurentides ; Dynamo produit le balado « L'ère du Co »."
        ),
        "",
        (),
    ),
)

READINGS: tuple[Reading, ...] = (
    Reading(
        "tiess-guide",
        "La mutualisation : 6 étapes pour un partage réussi",
        "TIESS (Pénélope Roberge ; Charles Gagnon, Chantier de l'économie sociale)",
        "2023",
        _("Le guide dont viennent les six étapes de l'outil."),
        "https://tiess.ca/wp-content/uploads/2023/05/TIESS_Guide_mutualisation.pdf",
        ("impulsion", "reflexion", "diagnostic", "modelisation", "realisation", "evaluation"),
    ),
    Reading(
        "petit-guide-orange",
        "Petit Guide orange du partage des ressources et de la mutualisation",
        "George Krump, RCAAQ",
        "",
        _("L'ouvrage sur lequel s'appuie le guide du TIESS."),
        "http://petitguidemutualisation.rcaaq.org/",
        ("impulsion", "realisation"),
    ),
    Reading(
        "tiess-echelle",
        "Trousse d'accompagnement au changement d'échelle",
        "TIESS",
        "",
        _(
            "Stratégies de coopération entre entreprises, parcours d'accompagnement et outil "
            "de planification étape par étape."
        ),
        "",
        ("modelisation", "realisation"),
    ),
    Reading(
        "vhsl-rh",
        "La mutualisation des ressources humaines : outil de réflexion stratégique",
        "Pôle d'économie sociale de la Vallée-du-Haut-Saint-Laurent",
        "2023",
        _("Une étude et un guide pratique sur le partage de personnel."),
        "https://economiesocialevhsl.org/wp-content/uploads/2023/10/"
        "Guide-pratique-Mutualisation-des-ressources-humaines.pdf",
        ("reflexion", "modelisation"),
    ),
    Reading(
        "horizon-infographie",
        "Synthèse des connaissances sur la mutualisation (infographie)",
        "Concertation Horizon (Mathilde Courtemanche)",
        "2023",
        _("Les définitions et les formes du partage, tirées de la recherche."),
        "https://reflexeds.ca/wp-content/uploads/2021/10/Synthese-des-connaissances-Juin-2023.pdf",
        ("impulsion",),
    ),
    Reading(
        "centraide",
        "La mutualisation des ressources",
        "Centraide du Grand Montréal",
        "",
        "",
        "",
        ("impulsion",),
    ),
    Reading(
        "dsl-partenaires",
        "Outil de réflexion pour la réalisation d'un projet de mutualisation : choisir ses "
        "partenaires",
        "Développement social Laurentides",
        "2025",
        _("Une grille pour dire qui l'on est, ce que l'on offre et ce dont on a besoin."),
        "",
        ("reflexion", "diagnostic"),
    ),
    Reading(
        "dsl-pouls",
        "Le pouls de la mutualisation",
        "Développement social Laurentides",
        "",
        _("Un rapport tiré de 50 entretiens avec des porteurs et partenaires de projets."),
        "",
        ("diagnostic", "realisation"),
    ),
    Reading(
        "modele-logique",
        "La mutualisation et ses impacts : modèle logique commun",
        "Développement social Laurentides et TIESS",
        "2025",
        _("Ce que l'on prévoit au départ et ce que l'on découvre en chemin."),
        "",
        ("evaluation",),
    ),
)

CREDITS: tuple[Credit, ...] = (
    Credit(
        "tiess",
        "La mutualisation : 6 étapes pour un partage réussi",
        _("Guide"),
        "Pénélope Roberge (TIESS), Charles Gagnon (Chantier de l'économie sociale)",
        _("mai 2023"),
        _("Les six étapes, les enjeux et leurs pistes, le coût d'utilisation."),
    ),
    Credit(
        "horizon",
        "Étude sur la mutualisation des ressources dans l'ouest de la Montérégie",
        _("Étude de Concertation Horizon"),
        "Annie Camus (UQAM), Laurent Gras, Mathilde Courtemanche ; communauté de pratique "
        "Accès-Action-Inégalités ; financement de Centraide du Grand Montréal",
        _("2024"),
        _("Le continuum du partage, les formes d'entente, 14 projets documentés."),
    ),
    Credit(
        "krump",
        "Jasette sur la mutualisation",
        _("Échange avec 25 participant·es"),
        "George Krump",
        _("7 février 2024"),
        _("Les blocages, les conditions gagnantes et le parcours relationnel."),
    ),
    Credit(
        "forum",
        "Mutualisation : des exemples inspirants et des outils à votre portée",
        _("Atelier du Forum québécois du loisir, 9e édition"),
        "Vanessa Sorin (TIESS), Alain Bourbonnais (Des récits qui font jaser), Christian "
        "Marcotte, Béatrice Lavigne (Conseil québécois du loisir) ; animation : Kaouther Sfar",
        _("2025"),
        _("Des initiatives inspirantes et des conditions de succès."),
    ),
    Credit(
        "dsl",
        "La mutualisation : de l'efficience à la solidarité",
        _("Présentation de Développement social Laurentides"),
        "Isabelle Lefebvre, Chantal Bourassa",
        _("18 juin 2025"),
        _(
            "Le chantier mutualisation, la grille de choix des partenaires, les leçons de 50 "
            "entretiens."
        ),
    ),
    Credit(
        "modele-logique",
        "La mutualisation et ses impacts : modèle logique commun",
        _("Outil"),
        "Développement social Laurentides et sa communauté de pratique, avec le TIESS",
        _("mai 2025"),
        _("Les effets attendus et les effets découverts en cours de route."),
    ),
)


def help_for_step(step_code: str) -> tuple[list[SupportBody], list[Reading]]:
    """Return the support bodies and readings that help at this step."""
    bodies = [body for body in SUPPORT_BODIES if step_code in body.steps]
    readings = [reading for reading in READINGS if step_code in reading.steps]
    return bodies, readings
