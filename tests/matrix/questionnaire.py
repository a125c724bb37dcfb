"""Matrix rows of the step pages and questionnaires (tests/test_permission_matrix.py).

In the matrix world nothing is submitted: organisation A's answers are a draft, so a
partner of B gets 403 where advisors (who read drafts) get 200.
"""

from steps.models import Answer, ExtraPortraitItem

from . import CONTRIBUTE, COORDINATE, OWN_ORG, POST, READ, profile

# Organisation A's draft: its partners, the coordination and the advisors read it.
DRAFT_READ = profile(302, 404, 200, 403, 200, 200)

MATRIX = {
    "steps:step": (READ, None),
    "steps:dashboard": (READ, None),
    "steps:impulsion_synthesis": (READ, None),
    "steps:org_answers": (DRAFT_READ, None),
    "steps:history": (DRAFT_READ, None),
    "steps:autosave": (CONTRIBUTE, POST),
    "steps:save_org": (OWN_ORG, POST),
    "steps:submit_org": (OWN_ORG, POST),
    "steps:reopen_org": (COORDINATE, POST),
    "steps:save_project": (COORDINATE, POST),
    "steps:submit_project": (COORDINATE, POST),
    "steps:reopen_project": (COORDINATE, POST),
    "steps:extra_item_add": (OWN_ORG, POST),
    "steps:extra_item_remove": (OWN_ORG, POST),
    "steps:dimensions": (COORDINATE, None),
}


def _answer_of_org_a(world):
    answer, _created = Answer.objects.get_or_create(
        project=world.project,
        organisation=world.org_a,
        question_code="reflexion.identite.mission.description",
        defaults={"value": "Nourrir le Suroît.", "updated_by": world.partner_a},
    )
    return answer.pk


def _extra_item_of_org_a(world):
    item, _created = ExtraPortraitItem.objects.get_or_create(
        project=world.project,
        organisation=world.org_a,
        dimension="identite",
        label="Chambre froide",
        defaults={"created_by": world.partner_a},
    )
    return item.pk


URL_KWARGS = {
    "step_code": lambda world: "reflexion",
    "answer_id": _answer_of_org_a,
    "extra_item_id": _extra_item_of_org_a,
}
