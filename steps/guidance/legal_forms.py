"""The forms an agreement between partners can take, from the lightest to the most binding.

Data in code, written in our own words from the facts of the method's sources (TIESS 2023,
Concertation Horizon 2024). The codes are those of `OperatingModel.Form`, so the page can
point at the form a project chose. `level` places each form on the continuum: 1 is the
lightest, 5 the most binding.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LegalForm:
    code: str
    name: Promise
    level: int
    what: Promise
    fits_when: Promise
    watch_for: Promise


@dataclass(frozen=True)
class FormExample:
    name: Promise
    where: Promise
    what: Promise


LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm(
        "informal",
        _("Entente informelle"),
        1,
        _(
            "Les partenaires se prêtent ou se partagent une ressource au fil des besoins, "
            "sur la base de la confiance, sans rien signer."
        ),
        _(
            "Pour un prêt ponctuel ou un essai de courte durée, quand l'enjeu financier est "
            "faible et que les organisations se connaissent bien."
        ),
        _(
            "Rien n'est écrit : en cas de bris, de départ d'une personne clé ou de désaccord, "
            "chacun se souvient des choses à sa façon. Notez au moins qui fait quoi dans un "
            "courriel commun."
        ),
    ),
    LegalForm(
        "letter",
        _("Lettre d'entente"),
        2,
        _(
            "Un texte court, signé par les partenaires, qui nomme l'objet du partage, les "
            "rôles, le partage des coûts et la durée."
        ),
        _(
            "Quand le partage devient régulier, qu'il touche de l'argent ou du temps de "
            "personnel, ou qu'un conseil d'administration doit l'approuver."
        ),
        _(
            "Une lettre engage moralement plus qu'elle ne protège : prévoyez quand même la "
            "révision, le retrait d'une partie et ce qui arrive en cas de bris."
        ),
    ),
    LegalForm(
        "contract",
        _("Contrat"),
        3,
        _(
            "Une entente formelle qui permet à une ou plusieurs organisations d'utiliser une "
            "ressource qu'elles ne possèdent pas, avec des outils pour coordonner l'usage "
            "(réservation, registre, règles d'entretien)."
        ),
        _(
            "Quand une organisation possède la ressource et que d'autres l'utilisent contre "
            "paiement, ou quand les sommes, les assurances ou les normes à respecter exigent "
            "des règles précises."
        ),
        _(
            "Les responsabilités (bris, assurances, consommables difficiles à mesurer) et les "
            "sanctions doivent être écrites. Une relecture juridique est souvent utile."
        ),
    ),
    LegalForm(
        "co_ownership",
        _("Copropriété"),
        4,
        _(
            "Les partenaires achètent ou possèdent ensemble la ressource et la gèrent "
            "ensemble (cogestion)."
        ),
        _(
            "Quand aucune organisation ne pourrait justifier seule l'achat, mais que "
            "l'usage combiné de plusieurs le rend rentable."
        ),
        _(
            "Un bien qui appartient à tous risque de n'être entretenu par personne : fixez "
            "qui l'assure, qui le répare, comment on en sort et comment on le revend. Incluez "
            "le remplacement et l'entretien dans le coût d'utilisation."
        ),
    ),
    LegalForm(
        "new_organisation",
        _("Coentreprise ou nouvelle organisation"),
        5,
        _(
            "Les partenaires créent une structure formelle qui porte la mutualisation : un "
            "OBNL, une coopérative ou une autre entité juridique dont ils sont membres."
        ),
        _(
            "Quand le projet est appelé à durer plusieurs années, qu'il emploie du personnel "
            "ou que le groupe a besoin d'une existence légale pour signer, embaucher ou "
            "demander du financement."
        ),
        _(
            "C'est la forme la plus lourde : statuts, gouvernance, comptabilité et "
            "obligations légales propres. Vérifiez aussi si les lettres patentes de chaque "
            "organisation permettent cette participation."
        ),
    ),
)
LEGAL_FORMS_BY_CODE = {form.code: form for form in LEGAL_FORMS}

# Two co-operative models the sources name as examples of a joint venture.
COOPERATIVE_EXAMPLES: tuple[FormExample, ...] = (
    FormExample(
        _("Coopérative d'employeurs"),
        _("Québec"),
        _(
            "Des employeurs s'unissent dans une coopérative qui embauche du personnel et le "
            "met à la disposition de ses membres, par exemple les coopératives de "
            "remplacement agricole."
        ),
    ),
    FormExample(
        _("Coopérative d'activités et d'emploi"),
        _("France"),
        _(
            "Une coopérative qui accueille des personnes porteuses de projets et leur offre "
            "un cadre commun : statut d'emploi, services de gestion et entraide."
        ),
    ),
)
