"""The six steps of the TIESS method, in order, with their purpose in one line."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    code: str
    number: int
    title: Promise
    purpose: Promise


STEPS = (
    Step(
        "impulsion",
        1,
        _("Impulsion"),
        _("Nommer le besoin qui pousse à mettre en commun et ce que chacun espère y gagner."),
    ),
    Step(
        "reflexion",
        2,
        _("Réflexion"),
        _("Dresser le portrait de chaque organisation : forces, faiblesses, offres et besoins."),
    ),
    Step(
        "diagnostic",
        3,
        _("Diagnostic"),
        _("Croiser les portraits pour repérer convergences, complémentarités et divergences."),
    ),
    Step(
        "modelisation",
        4,
        _("Modélisation"),
        _("Choisir ce qu'on met en commun, à quelles conditions et à quel coût."),
    ),
    Step(
        "realisation",
        5,
        _("Réalisation"),
        _("Planifier, puis mettre en œuvre l'entente et le plan d'action."),
    ),
    Step(
        "evaluation",
        6,
        _("Évaluation"),
        _("Mesurer les effets, y compris les imprévus, et ajuster en continu."),
    ),
)

STEPS_BY_CODE = {step.code: step for step in STEPS}
