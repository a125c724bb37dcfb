"""The glossary: the words of sharing between organisations and of the method, defined in
our own words (issue 19).

Each term has a stable slug (its anchor on /methode/glossaire/ and the argument of the
`{% term %}` tag), the step where it matters most (a code of projects.method.STEPS, or ""
for the words of sharing in general), related terms and, for the continuum of working
together, its rank from the lightest form to the most integrated one.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    slug: str
    term: Promise
    definition: Promise
    step: str = ""
    related: tuple[str, ...] = ()
    continuum: int | None = None


TERMS = (
    Term(
        "consultation",
        _("Consultation"),
        _(
            "Une organisation demande l'avis d'autres acteurs avant de trancher. Les "
            "personnes consultées éclairent la décision, mais ne la prennent pas."
        ),
        related=("concertation",),
        continuum=1,
    ),
    Term(
        "concertation",
        _("Concertation"),
        _(
            "Des organisations se rencontrent régulièrement pour se donner une lecture "
            "commune de leur milieu et accorder leurs actions, chacune gardant ses moyens "
            "et ses décisions. Le mot désigne aussi la table régionale qui les réunit."
        ),
        related=("consultation", "collaboration"),
        continuum=2,
    ),
    Term(
        "collaboration",
        _("Collaboration"),
        _(
            "Travailler ensemble à un but précis, souvent pour un temps, chacune avec ses "
            "propres ressources et sans rien posséder en commun."
        ),
        related=("concertation", "partenariat"),
        continuum=3,
    ),
    Term(
        "partenariat",
        _("Partenariat"),
        _(
            "Une relation convenue entre organisations autour d'un projet : des "
            "engagements réciproques, des rôles nommés et, souvent, une entente écrite."
        ),
        related=("collaboration", "cooperation"),
        continuum=4,
    ),
    Term(
        "cooperation",
        _("Coopération"),
        _(
            "Les organisations coordonnent leurs activités dans la durée et prennent "
            "ensemble une partie de leurs décisions, pour atteindre ce qu'aucune "
            "n'atteindrait seule."
        ),
        related=("partenariat", "mutualisation"),
        continuum=5,
    ),
    Term(
        "mutualisation",
        _("Mutualisation"),
        _(
            "Des organisations mettent une ressource en commun et en partagent le coût, "
            "les risques, la responsabilité et la gouvernance. Chaque partie doit y "
            "trouver son compte."
        ),
        related=("cooperation", "fusion", "partage-ressources"),
        continuum=6,
    ),
    Term(
        "fusion",
        _("Fusion"),
        _(
            "Deux organisations ou plus n'en forment plus qu'une. C'est la forme la plus "
            "intégrée du partage : elle passe par des démarches juridiques et redéfinit "
            "la mission commune."
        ),
        related=("mutualisation",),
        continuum=7,
    ),
    Term(
        "pret",
        _("Prêt"),
        _(
            "Le partage le plus simple : une organisation prête un bien ou rend service à "
            "une voisine, sans entente écrite ni plan."
        ),
        related=("partage-ressources", "collaboration"),
    ),
    Term(
        "partage-ressources",
        _("Partage de ressources"),
        _(
            "Le terme large : toute façon de mettre des ressources à la disposition "
            "d'autres organisations, du prêt à la fusion. La mutualisation en est une "
            "forme exigeante."
        ),
        related=("pret", "mutualisation"),
    ),
    Term(
        "motivation",
        _("Motivation"),
        _(
            "Ce qui pousse une organisation vers la mise en commun : une raison "
            "économique, stratégique et politique, ou philosophique. Les motivations "
            "peuvent différer d'un partenaire à l'autre."
        ),
        step="impulsion",
        related=("besoin-commun",),
    ),
    Term(
        "besoin-commun",
        _("Besoin commun"),
        _(
            "Le besoin que les partenaires formulent ensemble à partir de celui de "
            "chacun. S'il est réel et partagé, il tient le groupe quand la démarche "
            "devient exigeante."
        ),
        step="impulsion",
        related=("motivation",),
    ),
    Term(
        "portrait",
        _("Portrait"),
        _(
            "La description d'une organisation, dimension par dimension : identité, "
            "gouvernance, installations, services, communication, gestion. On y note "
            "aussi ce qu'elle peut offrir et ce dont elle a besoin."
        ),
        step="reflexion",
        related=("force-faiblesse", "convergence"),
    ),
    Term(
        "force-faiblesse",
        _("Force, faiblesse, neutre"),
        _(
            "L'appréciation que chaque organisation donne à un élément de son propre "
            "portrait, pour voir ce qu'elle apporte et ce qui lui manque."
        ),
        step="reflexion",
        related=("portrait",),
    ),
    Term(
        "convergence",
        _("Convergence"),
        _(
            "Au diagnostic, un élément sur lequel les organisations se ressemblent : une "
            "synergie possible."
        ),
        step="diagnostic",
        related=("complementarite", "divergence"),
    ),
    Term(
        "complementarite",
        _("Complémentarité"),
        _(
            "Un élément où les organisations diffèrent d'une façon utile, l'une ayant ce "
            "qui manque à l'autre. C'est souvent là que se cache l'occasion."
        ),
        step="diagnostic",
        related=("convergence", "divergence"),
    ),
    Term(
        "divergence",
        _("Divergence"),
        _(
            "Un élément où les organisations s'opposent. Superficielle, elle se règle ; "
            "sur la mission ou les valeurs, elle se discute avant d'aller plus loin."
        ),
        step="diagnostic",
        related=("convergence", "complementarite"),
    ),
    Term(
        "potentiel",
        _("Potentiel de mutualisation"),
        _(
            "Le jugement d'ensemble que les partenaires portent, grille du diagnostic en "
            "main, sur leurs chances de réussir une mise en commun."
        ),
        step="diagnostic",
        related=("convergence",),
    ),
    Term(
        "modele-fonctionnement",
        _("Modèle de fonctionnement"),
        _(
            "La façon dont la mise en commun marchera au quotidien : ressources, "
            "conditions d'utilisation, responsabilités, rencontres, façon de décider, "
            "forme de l'entente."
        ),
        step="modelisation",
        related=("entente", "consentement"),
    ),
    Term(
        "consensus",
        _("Consensus"),
        _("Une proposition est adoptée lorsque toutes les parties l'appuient."),
        step="modelisation",
        related=("consentement",),
    ),
    Term(
        "consentement",
        _("Consentement"),
        _(
            "Une proposition est adoptée lorsque personne n'y oppose d'objection fondée, "
            "même si elle n'est pas le premier choix de chacun."
        ),
        step="modelisation",
        related=("consensus",),
    ),
    Term(
        "contribution-asymetrique",
        _("Contribution asymétrique"),
        _(
            "Les partenaires n'apportent pas tous autant. C'est acceptable si on le dit "
            "dès le départ, avec un point de rupture au-delà duquel l'entente est revue."
        ),
        step="modelisation",
        related=("modele-fonctionnement",),
    ),
    Term(
        "cout-utilisation",
        _("Coût d'utilisation"),
        _(
            "Ce que coûte vraiment une utilisation d'une ressource commune : "
            "consommables, entretien, remplacement, temps de préparation, frais "
            "administratifs et part de la gestion."
        ),
        step="modelisation",
        related=("seuil-rentabilite", "etude-opportunite"),
    ),
    Term(
        "seuil-rentabilite",
        _("Seuil de rentabilité"),
        _(
            "Le nombre d'utilisations à partir duquel ce que rapporte une ressource "
            "couvre ce qu'elle coûte."
        ),
        step="modelisation",
        related=("cout-utilisation",),
    ),
    Term(
        "etude-opportunite",
        _("Étude d'opportunité"),
        _(
            "L'analyse qui compare, avant de s'engager, tous les coûts (directs et "
            "indirects, récurrents et ponctuels) et les gains attendus d'une mise en "
            "commun."
        ),
        step="modelisation",
        related=("cout-utilisation",),
    ),
    Term(
        "partage-surplus",
        _("Partage des surplus"),
        _(
            "La règle qui dit ce que deviennent les économies et les revenus dégagés "
            "ensemble, à côté de celle qui répartit les coûts."
        ),
        step="modelisation",
        related=("cout-utilisation", "entente"),
    ),
    Term(
        "entente",
        _("Entente de mutualisation"),
        _(
            "Le document qui engage les partenaires : ce qui est partagé, qui en répond, "
            "comment on paie, on décide et on se retire. Sa formalité suit la complexité "
            "du projet."
        ),
        step="modelisation",
        related=("modele-fonctionnement", "partage-surplus"),
    ),
    Term(
        "plan-strategique",
        _("Plan stratégique"),
        _(
            "Le cap du « nous » : la vision et les valeurs communes, les axes "
            "d'intervention, puis les orientations et leurs stratégies."
        ),
        step="realisation",
        related=("plan-action",),
    ),
    Term(
        "plan-action",
        _("Plan d'action"),
        _(
            "Les actions de l'année, chacune avec ses responsables, ses moyens, sa cible "
            "et son échéance."
        ),
        step="realisation",
        related=("plan-strategique", "moyens"),
    ),
    Term(
        "moyens",
        _("Moyens"),
        _(
            "Ce qu'une action demande pour se faire : du temps de personnes, du matériel, "
            "des locaux, de l'argent."
        ),
        step="realisation",
        related=("plan-action",),
    ),
    Term(
        "modele-logique",
        _("Modèle logique"),
        _(
            "Un schéma qui relie ce que les partenaires investissent et font aux "
            "résultats et aux effets attendus à court, moyen et long terme. Il sert à "
            "planifier, à évaluer et à communiquer."
        ),
        step="evaluation",
        related=("theorie-changement", "indicateur"),
    ),
    Term(
        "theorie-changement",
        _("Théorie du changement"),
        _(
            "Le raisonnement qui explique pourquoi et comment les actions prévues "
            "devraient mener au changement voulu, et à quelles conditions. Le modèle "
            "logique en est souvent la version dessinée."
        ),
        step="evaluation",
        related=("modele-logique",),
    ),
    Term(
        "indicateur",
        _("Indicateur"),
        _(
            "Une mesure, chiffrée ou non, qui dit si un effet se produit ou si une cible "
            "est atteinte."
        ),
        step="evaluation",
        related=("modele-logique",),
    ),
    Term(
        "obnl",
        _("OBNL"),
        _(
            "Organisme à but non lucratif : une organisation dont les surplus servent sa "
            "mission plutôt que des actionnaires."
        ),
        related=("cdc",),
    ),
    Term(
        "cdc",
        _("CDC"),
        _(
            "Corporation de développement communautaire : le regroupement des organismes "
            "communautaires d'un territoire, souvent porteur de projets communs."
        ),
        related=("obnl", "concertation"),
    ),
)

TERMS_BY_SLUG = {term.slug: term for term in TERMS}


def sort_key(text) -> str:
    """French dictionary order, accents and case ignored: « Étude » files under E."""
    decomposed = unicodedata.normalize("NFD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sorted_terms() -> list[Term]:
    """Every term, in alphabetical order of its name in the active language."""
    return sorted(TERMS, key=lambda term: (sort_key(term.term), term.slug))


def continuum() -> list[Term]:
    """The forms of working together, from the lightest to the most integrated."""
    return sorted((t for t in TERMS if t.continuum), key=lambda term: term.continuum)


def terms_of_step(step: str) -> list[Term]:
    """The words of one step of the method, in alphabetical order."""
    return [term for term in sorted_terms() if term.step == step]
