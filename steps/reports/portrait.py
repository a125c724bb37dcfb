"""Portrait d'une organisation: its impulsion and réflexion answers."""

from projects.method import STEPS_BY_CODE
from steps.questionnaire.selectors import load_state

from .answers import scope_answers
from .common import base_context, viewer

STEPS = ("impulsion", "reflexion")


def build_portrait_context(membership, project, *, organisation) -> dict:
    """`visible` is False when the viewer may see none of its answers (a partner
    looking at another organisation's drafts): the view refuses the report then."""
    state = load_state(project, organisation_id=organisation.pk)
    who = viewer(membership)
    parts = [
        (STEPS_BY_CODE[step], scope_answers(state, who, step, organisation)) for step in STEPS
    ]
    context = base_context(project, organisations=[organisation])
    context.update(
        organisation=organisation,
        parts=parts,
        visible=any(answers.visible for _step, answers in parts),
    )
    return context
