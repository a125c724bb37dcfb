"""The known enjeux (issues) of a mutualisation and their remedies: data in code, in French
through gettext (English in the translation catalogue).

They seed the risk register: each enjeu is offered as a suggestion with its remedies,
and a risk may point to the enjeu it comes from (`Risk.enjeu` holds the code). Codes are
stable; the wording is ours, written from the field practice summarised in DOMAIN.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Enjeu:
    code: str
    title: str  # translated when read (gettext_lazy), like the description and remedies
    description: str
    remedies: tuple[str, ...]


ENJEUX = (
    Enjeu(
        "legitimite",
        _("Légitimité légale"),
        _(
            "Le regroupement des partenaires n'a pas d'existence juridique : personne ne peut "
            "signer, embaucher ou s'engager en son nom."
        ),
        (
            _(
                "Mandater une personne ou une organisation pour des gestes précis, avec des "
                "limites écrites."
            ),
            _("Consigner les paramètres de la mise en commun dans une entente ou un contrat."),
            _("Créer une organisation dédiée si la mise en commun doit durer plusieurs années."),
        ),
    ),
    Enjeu(
        "information",
        _("Communication et symétrie de l'information"),
        _(
            "Certains partenaires en savent plus que d'autres, les décisions se prennent sur une "
            "information inégale et la confiance s'use."
        ),
        (
            _("Donner à toutes les organisations accès à la même information, au même moment."),
            _(
                "Se donner un vocabulaire commun : vérifier ce que chacun entend par les mots "
                "clés du projet avant de s'en servir."
            ),
            _("Porter un seul message, le même pour toutes les parties prenantes."),
            _("Reconnaître, à l'interne comme en public, ce que chaque partenaire apporte."),
            _(
                "Prévoir une ressource (temps, personne) pour la coordination et la circulation "
                "de l'information."
            ),
        ),
    ),
    Enjeu(
        "gouvernance",
        _("Gouvernance"),
        _(
            "On ne sait pas clairement qui décide de quoi, comment, ni comment les décisions sont "
            "transmises aux conseils d'administration."
        ),
        (
            _("Choisir ensemble la forme du partenariat."),
            _("Convenir ensemble de la façon de prendre les décisions et de les communiquer."),
            _("Confier la coordination à une personne dédiée, dont les pouvoirs sont définis."),
        ),
    ),
    Enjeu(
        "asymetrie",
        _("Implication asymétrique"),
        _(
            "Les partenaires n'apportent pas tous autant (temps, argent, équipements), et l'écart "
            "finit par peser sur la relation."
        ),
        (
            _("Reconnaître l'asymétrie ouvertement et l'accepter de façon explicite."),
            _("Fixer dès le départ ses paramètres et son point de rupture."),
        ),
    ),
    Enjeu(
        "pouvoir",
        _("Pouvoir d'action"),
        _(
            "La personne ou l'organisation qui opère la ressource ne sait pas ce qu'elle peut "
            "décider seule : tout remonte au groupe, ou rien n'y remonte."
        ),
        (
            _(
                "Établir un plan de travail précis, avec les paramètres de décision de la "
                "personne ou du partenaire qui opère."
            ),
        ),
    ),
    Enjeu(
        "responsabilite",
        _("Responsabilité"),
        _(
            "Un bien qui appartient à tout le monde n'appartient à personne : l'entretien, les "
            "bris et les remplacements restent orphelins."
        ),
        (
            _(
                "Créer une entité juridique, ou signer un contrat qui attribue la propriété et la "
                "responsabilité."
            ),
            _("Inclure le remplacement et les réparations dans le coût d'utilisation."),
        ),
    ),
    Enjeu(
        "technique",
        _("Enjeux techniques"),
        _(
            "Locaux partagés, consommables difficiles à mesurer, normes et règlements : le "
            "quotidien de la mise en commun crée des frictions."
        ),
        (
            _("Prévoir des clauses précises au contrat."),
            _("Tenir un registre des quantités prélevées."),
            _("Compter les pertes et les coûts de supervision dans le seuil de rentabilité."),
        ),
    ),
    Enjeu(
        "changement",
        _("Gestion du changement et personnel partagé"),
        _(
            "Les équipes, les conseils et les membres apprennent le changement trop tard ; "
            "le personnel partagé s'inquiète, cumule les rôles ou s'en va."
        ),
        (
            _(
                "Consulter tôt le personnel, les conseils d'administration et les membres de "
                "chaque organisation."
            ),
            _(
                "Écouter les inquiétudes du personnel touché et préciser à qui chaque "
                "personne partagée rend des comptes."
            ),
            _("Prévoir la relève et le transfert des savoirs si une personne quitte."),
            _("Faire appel à une ressource externe et neutre pour accompagner le changement."),
        ),
    ),
)

ENJEUX_BY_CODE = {enjeu.code: enjeu for enjeu in ENJEUX}


def enjeu_choices() -> list[tuple[str, str]]:
    """(code, title) pairs for a model or form field; titles follow the active language."""
    return [(enjeu.code, enjeu.title) for enjeu in ENJEUX]
