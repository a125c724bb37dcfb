"""Matrix rows of restoring from history, archiving and duplicating a project."""

from steps.modelling import services as modelling
from steps.models import Answer, AnswerRevision

from . import COORDINATE, OWN_ORG, POST
from .questionnaire import _answer_of_org_a

MATRIX = {
    "steps:answer_restore": (OWN_ORG, POST),
    "steps:agreement_section_restore": (COORDINATE, POST),
    "projects:archive": (COORDINATE, None),
    "projects:unarchive": (COORDINATE, None),
    "steps:project_duplicate": (COORDINATE, None),
}


def _revision_of_org_a(world):
    answer = Answer.objects.get(pk=_answer_of_org_a(world))
    revision, _created = AnswerRevision.objects.get_or_create(
        answer=answer, version=answer.version, defaults={"new_value": answer.value}
    )
    return revision.pk


def _section_change(world):
    record = modelling.section_history(world.project, "objet").first()
    if record is None:
        modelling.agreement_section_save(
            project=world.project, code="objet", text="Objet de l'entente.", user=world.coordinator
        )
        record = modelling.section_history(world.project, "objet").first()
    return record.pk


URL_KWARGS = {
    "revision_id": _revision_of_org_a,
    "change_id": _section_change,
}
