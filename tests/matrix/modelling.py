"""Matrix rows of the modélisation tools (steps/modelling)."""

from steps.models import ConsentRound, OperatingModel, Risk

from . import CONTRIBUTE, COORDINATE, POST, READ

MATRIX = {
    "steps:operating_model": (READ, None),
    "steps:operating_model_edit": (COORDINATE, None),
    "steps:consent_open": (COORDINATE, POST),
    "steps:consent_round": (READ, None),
    "steps:consent_respond": (CONTRIBUTE, POST),
    "steps:consent_close": (COORDINATE, POST),
    "steps:risks": (READ, None),
    "steps:risk_create": (COORDINATE, None),
    "steps:risk_edit": (COORDINATE, None),
    "steps:risk_delete": (COORDINATE, POST),
    "steps:agreement": (READ, None),
    "steps:agreement_section_edit": (COORDINATE, None),
    "steps:agreement_reset_section": (COORDINATE, POST),
    "steps:agreement_language": (COORDINATE, POST),
    "steps:agreement_mark_reviewed": (COORDINATE, POST),
}


def _open_consent_round(world):
    OperatingModel.objects.get_or_create(project=world.project)
    consent_round = ConsentRound.objects.filter(project=world.project).first()
    if consent_round is None:
        consent_round = ConsentRound.objects.create(
            project=world.project, proposal="Processus de décision : Consentement"
        )
    return consent_round.pk


def _risk(world):
    risk, _created = Risk.objects.get_or_create(
        project=world.project,
        title="Bris du camion",
        defaults={"probability": 2, "impact": 4, "owner_organisation": world.org_a},
    )
    return risk.pk


URL_KWARGS = {
    "consent_round_id": _open_consent_round,
    "risk_id": _risk,
    "section_code": lambda world: "objet",
}
