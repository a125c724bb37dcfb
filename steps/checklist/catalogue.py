"""The checklist of conditions of success and pitfalls: data in code, in French through
gettext (English in the translation catalogue).

Each item is a short statement the group can tick once it holds for the project, at the
step where it matters most. Codes are stable (the ticks are stored under them): reword
freely, never reuse or change a code. The wording is ours; the facts come from the
field sources named in `Source` (see /about-method for the full references).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from projects.method import STEPS
from steps.catalogue.resources import ResourceType


class Kind(StrEnum):
    CONDITION = "condition"
    PITFALL = "pitfall"
    RESOURCE = "resource"


KIND_LABELS: dict[Kind, Promise] = {
    Kind.CONDITION: _("Conditions de réussite"),
    Kind.PITFALL: _("Pièges à éviter"),
    Kind.RESOURCE: _("Défis selon le type de ressource"),
}


class Source(StrEnum):
    TIESS = "tiess"
    FORUM = "forum"
    DSL = "dsl"
    KRUMP = "krump"
    HORIZON = "horizon"


SOURCE_LABELS: dict[Source, Promise] = {
    Source.TIESS: _("Guide du TIESS (2023)"),
    Source.FORUM: _("Forum québécois du loisir (2025)"),
    Source.DSL: _("Développement social Laurentides (2025)"),
    Source.KRUMP: _("Jasette avec George Krump (2024)"),
    Source.HORIZON: _("Concertation Horizon (2024)"),
}


@dataclass(frozen=True)
class Item:
    code: str
    step: str  # a code of projects.method.STEPS
    kind: Kind
    text: Promise
    source: Source
    resource_type: str = ""  # a steps.catalogue.resources.ResourceType, for Kind.RESOURCE

    @property
    def kind_label(self) -> Promise:
        return KIND_LABELS[self.kind]

    @property
    def source_label(self) -> Promise:
        return SOURCE_LABELS[self.source]

    @property
    def resource_label(self) -> str:
        return ResourceType(self.resource_type).label if self.resource_type else ""


C, P, R = Kind.CONDITION, Kind.PITFALL, Kind.RESOURCE

ITEMS: tuple[Item, ...] = (
    # 1. Impulsion
    Item(
        "besoin-reel-partage",
        "impulsion",
        C,
        _("Le besoin est réel, partagé par les partenaires et assez fort pour les mobiliser."),
        Source.FORUM,
    ),
    Item(
        "besoin-defini-tot",
        "impulsion",
        C,
        _("Le besoin de départ est décrit clairement, avant de chercher des solutions."),
        Source.DSL,
    ),
    Item(
        "appuis-politiques",
        "impulsion",
        C,
        _("Des appuis politiques ou institutionnels sont recherchés pour porter le projet."),
        Source.DSL,
    ),
    Item(
        "effet-de-mode",
        "impulsion",
        P,
        _("Nous mettons en commun pour répondre à un besoin, pas parce que c'est à la mode."),
        Source.KRUMP,
    ),
    Item(
        "mutualisation-imposee",
        "impulsion",
        P,
        _(
            "Si la mise en commun est demandée de l'extérieur (bailleur de fonds, "
            "regroupement), nous en parlons franchement et suivons quand même chaque étape."
        ),
        Source.KRUMP,
    ),
    Item(
        "economies-realistes",
        "impulsion",
        P,
        _(
            "Les économies espérées tiennent compte de tout ce que coûte la démarche "
            "(concertation, coordination, mise en place)."
        ),
        Source.TIESS,
    ),
    # 2. Réflexion
    Item(
        "se-connaitre-dabord",
        "reflexion",
        C,
        _("Les partenaires ont pris le temps de se fréquenter avant de s'engager."),
        Source.KRUMP,
    ),
    Item(
        "vocabulaire-commun",
        "reflexion",
        C,
        _(
            "Les mots clés du projet ont le même sens pour tout le monde (on « dégonfle les "
            "mots » : chacun dit ce qu'il met derrière)."
        ),
        Source.KRUMP,
    ),
    Item(
        "ecoute-agilite",
        "reflexion",
        C,
        _("Le groupe s'écoute, collabore et accepte d'ajuster le tir en chemin."),
        Source.FORUM,
    ),
    Item(
        "leadership-coordination",
        "reflexion",
        C,
        _("Une personne ou une petite équipe assume le leadership et la coordination."),
        Source.FORUM,
    ),
    Item(
        "choix-partenaires",
        "reflexion",
        C,
        _(
            "Les partenaires sont choisis pour ce qu'ils apportent et leur engagement, pas "
            "seulement par habitude."
        ),
        Source.DSL,
    ),
    Item(
        "ecouter-son-organisation",
        "reflexion",
        C,
        _(
            "Chaque organisation a consulté son équipe, son conseil d'administration et ses "
            "membres sur le projet."
        ),
        Source.TIESS,
    ),
    Item(
        "solutions-connues",
        "reflexion",
        P,
        _("Nous restons ouverts à d'autres façons de faire que nos solutions habituelles."),
        Source.KRUMP,
    ),
    Item(
        "peur-perdre-ressources",
        "reflexion",
        P,
        _("La peur de perdre des ressources (locaux, budget, personnel) a été dite et discutée."),
        Source.KRUMP,
    ),
    # 3. Diagnostic
    Item(
        "cultures-compatibles",
        "diagnostic",
        C,
        _("Nos cultures organisationnelles sont assez proches pour travailler ensemble."),
        Source.HORIZON,
    ),
    Item(
        "vision-individuelle-collective",
        "diagnostic",
        C,
        _("Chaque organisation voit ce qu'elle y gagne, sans perdre de vue le projet commun."),
        Source.FORUM,
    ),
    Item(
        "prendre-le-temps",
        "diagnostic",
        P,
        _("Nous prenons le temps qu'il faut : l'impatience ne nous fait pas brûler d'étapes."),
        Source.KRUMP,
    ),
    Item(
        "competition-tensions",
        "diagnostic",
        P,
        _("Les tensions ou le sentiment de concurrence entre organisations ont été nommés."),
        Source.KRUMP,
    ),
    Item(
        "peur-identite",
        "diagnostic",
        P,
        _(
            "La crainte de perdre son identité a été abordée : chacun sait ce qu'il garde "
            "en propre."
        ),
        Source.HORIZON,
    ),
    # 4. Modélisation
    Item(
        "forme-entente-adaptee",
        "modelisation",
        C,
        _(
            "La forme de l'entente (lettre, contrat, copropriété, nouvel organisme) convient "
            "au but du projet et aux missions de chacun."
        ),
        Source.TIESS,
    ),
    Item(
        "entente-roles-clairs",
        "modelisation",
        C,
        _("Une entente écrite précise les rôles et les responsabilités de chacun."),
        Source.FORUM,
    ),
    Item(
        "energie-estimee",
        "modelisation",
        C,
        _(
            "L'énergie que demandera la démarche est estimée honnêtement et comparée aux "
            "retombées attendues."
        ),
        Source.HORIZON,
    ),
    Item(
        "realisme",
        "modelisation",
        P,
        _("Nos attentes sont réalistes : ni résultats instantanés, ni miracle, ni effort nul."),
        Source.DSL,
    ),
    Item(
        "bris-equipement",
        "modelisation",
        R,
        _("En cas de bris, on sait qui le signale, qui répare et qui paie."),
        Source.HORIZON,
        ResourceType.EQUIPMENT,
    ),
    Item(
        "logistique-materiel",
        "modelisation",
        R,
        _(
            "La logistique (réservations, déplacements, entreposage) est organisée et "
            "confiée à quelqu'un."
        ),
        Source.HORIZON,
        ResourceType.TRANSPORT,
    ),
    Item(
        "inquietudes-personnel",
        "modelisation",
        R,
        _("Les inquiétudes du personnel touché par le partage ont été entendues."),
        Source.HORIZON,
        ResourceType.STAFF,
    ),
    Item(
        "roles-multiples-personnel",
        "modelisation",
        R,
        _(
            "Une personne partagée entre plusieurs organisations sait à qui elle répond et "
            "comment concilier ses rôles."
        ),
        Source.HORIZON,
        ResourceType.STAFF,
    ),
    Item(
        "perte-employes",
        "modelisation",
        R,
        _(
            "Le départ possible d'employé·e·s pendant la transition est prévu (relève, "
            "transfert des savoirs)."
        ),
        Source.HORIZON,
        ResourceType.STAFF,
    ),
    Item(
        "sensibilisation-expertise",
        "modelisation",
        R,
        _(
            "Pour partager une expertise ou un service, les personnes concernées "
            "comprennent ce que le partage change pour elles."
        ),
        Source.HORIZON,
        ResourceType.EXPERTISE,
    ),
    # 5. Réalisation
    Item(
        "enjeux-au-plan",
        "realisation",
        C,
        _("Chaque enjeu repéré a sa réponse dans le plan d'action."),
        Source.TIESS,
    ),
    Item(
        "message-coherent",
        "realisation",
        C,
        _(
            "Toutes les parties prenantes reçoivent le même message, cohérent d'un "
            "partenaire à l'autre."
        ),
        Source.TIESS,
    ),
    Item(
        "reconnaitre-apport",
        "realisation",
        C,
        _("L'apport de chaque partenaire est reconnu, à l'interne comme à l'externe."),
        Source.TIESS,
    ),
    Item(
        "porteur-par-organisation",
        "realisation",
        C,
        _("Chaque organisation a désigné sa personne porteuse du projet."),
        Source.KRUMP,
    ),
    Item(
        "mobiliser-ca-equipes",
        "realisation",
        C,
        _(
            "Les conseils d'administration et les équipes sont mobilisés, pas seulement "
            "les directions."
        ),
        Source.DSL,
    ),
    Item(
        "accompagnement-externe",
        "realisation",
        C,
        _(
            "Les équipes sont accompagnées dans le changement, au besoin par une ressource "
            "externe et neutre."
        ),
        Source.DSL,
    ),
    Item(
        "commencer-petit",
        "realisation",
        P,
        _("Nous commençons petit : un premier projet modeste avant d'aller plus loin."),
        Source.KRUMP,
    ),
    Item(
        "regler-conflits",
        "realisation",
        P,
        _("Une façon de régler les désaccords est convenue avant qu'ils surviennent."),
        Source.HORIZON,
    ),
    # 6. Évaluation
    Item(
        "experimentation",
        "evaluation",
        C,
        _("Nous avançons par essais et tirons une leçon de chaque étape."),
        Source.FORUM,
    ),
    Item(
        "evaluation-prevue",
        "evaluation",
        C,
        _("L'évaluation a été pensée dès la planification, avec des objectifs mesurables."),
        Source.TIESS,
    ),
    Item(
        "documenter-phases",
        "evaluation",
        C,
        _("Chaque phase est documentée, de l'intention de départ jusqu'aux ententes signées."),
        Source.KRUMP,
    ),
    Item(
        "temps-ressources-dediees",
        "evaluation",
        P,
        _("Le temps et les personnes réservés au projet suffisent encore ; sinon, on ajuste."),
        Source.DSL,
    ),
)

ITEMS_BY_CODE: dict[str, Item] = {item.code: item for item in ITEMS}
STEP_CODES = tuple(step.code for step in STEPS)
KIND_ORDER = (Kind.CONDITION, Kind.PITFALL, Kind.RESOURCE)


def items_of(step_code: str) -> list[Item]:
    """The items of one step, conditions first, then pitfalls, then resource challenges."""
    return sorted(
        (item for item in ITEMS if item.step == step_code),
        key=lambda item: KIND_ORDER.index(item.kind),
    )
