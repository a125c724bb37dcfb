"""The known enjeux (issues) of a mutualisation and their remedies: data in code, FR + EN.

They seed the risk register: each enjeu is offered as a suggestion with its remedies,
and a risk may point to the enjeu it comes from (`Risk.enjeu` holds the code). Codes are
stable; the wording is ours, written from the field practice summarised in DOMAIN.md.
"""

from dataclasses import dataclass

from django.utils.functional import lazy

from steps.catalogue.base import Text, _pick


@dataclass(frozen=True)
class Enjeu:
    code: str
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    remedies: tuple[Text, ...]

    @property
    def title(self) -> str:
        return _pick(self.title_fr, self.title_en)

    @property
    def description(self) -> str:
        return _pick(self.description_fr, self.description_en)


ENJEUX = (
    Enjeu(
        "legitimite",
        "Légitimité légale",
        "Legal standing",
        "Le regroupement des partenaires n'a pas d'existence juridique : personne ne peut "
        "signer, embaucher ou s'engager en son nom.",
        "The group of partners has no legal existence: nobody can sign, hire or commit "
        "in its name.",
        (
            Text(
                "Mandater une personne ou une organisation pour des gestes précis, avec des "
                "limites écrites.",
                "Mandate a person or an organisation for specific acts, with written limits.",
            ),
            Text(
                "Consigner les paramètres de la mise en commun dans une entente ou un contrat.",
                "Set the parameters of the pooling down in an agreement or a contract.",
            ),
            Text(
                "Créer une organisation dédiée si la mise en commun doit durer plusieurs années.",
                "Create a dedicated organisation if the pooling is meant to last for years.",
            ),
        ),
    ),
    Enjeu(
        "information",
        "Communication et symétrie de l'information",
        "Communication and information symmetry",
        "Certains partenaires en savent plus que d'autres, les décisions se prennent sur "
        "une information inégale et la confiance s'use.",
        "Some partners know more than others, decisions rest on uneven information and "
        "trust wears thin.",
        (
            Text(
                "Donner à toutes les organisations accès à la même information, au même moment.",
                "Give every organisation access to the same information at the same time.",
            ),
            Text(
                "Prévoir une ressource (temps, personne) pour la coordination et la "
                "circulation de l'information.",
                "Set aside a resource (time, a person) for coordination and information flow.",
            ),
        ),
    ),
    Enjeu(
        "gouvernance",
        "Gouvernance",
        "Governance",
        "On ne sait pas clairement qui décide de quoi, comment, ni comment les décisions "
        "sont transmises aux conseils d'administration.",
        "It is unclear who decides what, how, and how decisions reach the boards.",
        (
            Text(
                "Choisir ensemble la forme du partenariat.",
                "Choose the form of the partnership together.",
            ),
            Text(
                "Convenir ensemble de la façon de prendre les décisions et de les communiquer.",
                "Agree together on how decisions are taken and communicated.",
            ),
            Text(
                "Confier la coordination à une personne dédiée, dont les pouvoirs sont définis.",
                "Entrust coordination to a dedicated person whose powers are defined.",
            ),
        ),
    ),
    Enjeu(
        "asymetrie",
        "Implication asymétrique",
        "Asymmetric involvement",
        "Les partenaires n'apportent pas tous autant (temps, argent, équipements), et "
        "l'écart finit par peser sur la relation.",
        "Partners do not all contribute as much (time, money, equipment), and the gap "
        "ends up weighing on the relationship.",
        (
            Text(
                "Reconnaître l'asymétrie ouvertement et l'accepter de façon explicite.",
                "Acknowledge the asymmetry openly and accept it explicitly.",
            ),
            Text(
                "Fixer dès le départ ses paramètres et son point de rupture.",
                "Set its parameters and its breaking point from the start.",
            ),
        ),
    ),
    Enjeu(
        "pouvoir",
        "Pouvoir d'action",
        "Power to act",
        "La personne ou l'organisation qui opère la ressource ne sait pas ce qu'elle peut "
        "décider seule : tout remonte au groupe, ou rien n'y remonte.",
        "The person or organisation operating the resource does not know what it may "
        "decide alone: everything goes back to the group, or nothing does.",
        (
            Text(
                "Établir un plan de travail précis, avec les paramètres de décision de la "
                "personne ou du partenaire qui opère.",
                "Draw up a precise work plan with the decision parameters of the person or "
                "partner who operates.",
            ),
        ),
    ),
    Enjeu(
        "responsabilite",
        "Responsabilité",
        "Responsibility",
        "Un bien qui appartient à tout le monde n'appartient à personne : l'entretien, "
        "les bris et les remplacements restent orphelins.",
        "A good that belongs to everyone belongs to no one: upkeep, breakdowns and "
        "replacements are left orphaned.",
        (
            Text(
                "Créer une entité juridique, ou signer un contrat qui attribue la propriété "
                "et la responsabilité.",
                "Create a legal entity, or sign a contract that assigns ownership and "
                "responsibility.",
            ),
            Text(
                "Inclure le remplacement et les réparations dans le coût d'utilisation.",
                "Include replacement and repairs in the cost of use.",
            ),
        ),
    ),
    Enjeu(
        "technique",
        "Enjeux techniques",
        "Technical issues",
        "Locaux partagés, consommables difficiles à mesurer, normes et règlements : le "
        "quotidien de la mise en commun crée des frictions.",
        "Shared premises, consumables hard to measure, standards and regulations: the "
        "daily life of pooling creates friction.",
        (
            Text(
                "Prévoir des clauses précises au contrat.",
                "Provide precise clauses in the contract.",
            ),
            Text(
                "Tenir un registre des quantités prélevées.",
                "Keep a log of the quantities taken.",
            ),
            Text(
                "Compter les pertes et les coûts de supervision dans le seuil de rentabilité.",
                "Count losses and supervision costs in the break-even.",
            ),
        ),
    ),
)

ENJEUX_BY_CODE = {enjeu.code: enjeu for enjeu in ENJEUX}


def _title_of(code: str) -> str:
    return ENJEUX_BY_CODE[code].title


_lazy_title = lazy(_title_of, str)


def enjeu_choices() -> list[tuple[str, str]]:
    """(code, title) pairs for a model or form field; titles follow the active language."""
    return [(enjeu.code, _lazy_title(enjeu.code)) for enjeu in ENJEUX]
