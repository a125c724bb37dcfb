"""The question catalogue: what each step explains and asks, as versioned data in code.

One module per step defines its `CONTENT` (a `StepContent`); réflexion also defines the
portrait `DIMENSIONS`. This registry gathers them and answers « which question is this
code? », including the questions derived from portrait items
(`<item code>.description|appreciation|offre|besoin`) and from the « autre » items an
organisation adds (`reflexion.<dimension>.autre-<n>.<part>`), built on the fly.

Bump CATALOGUE_VERSION whenever a question is added or removed (never reuse a code).
"""

import re
from functools import cache

from . import diagnostic, evaluation, impulsion, modelisation, realisation, reflexion
from .base import (
    PORTRAIT_PARTS,
    Choice,
    Dimension,
    PortraitItem,
    Question,
    QuestionType,
    Scope,
    StepContent,
    Text,
)

CATALOGUE_VERSION = "2026.12.1"

STEP_CONTENT: dict[str, StepContent] = {
    content.step: content
    for content in (
        impulsion.CONTENT,
        reflexion.CONTENT,
        diagnostic.CONTENT,
        modelisation.CONTENT,
        realisation.CONTENT,
        evaluation.CONTENT,
    )
}

DIMENSIONS: tuple[Dimension, ...] = reflexion.DIMENSIONS
DIMENSIONS_BY_CODE: dict[str, Dimension] = {d.code: d for d in DIMENSIONS}
PORTRAIT_ITEMS_BY_CODE: dict[str, PortraitItem] = {
    item.code: item for dimension in DIMENSIONS for item in dimension.items
}

APPRECIATION_CHOICES: tuple[Choice, ...] = (
    Choice("force", "Force", "Strength"),
    Choice("faiblesse", "Faiblesse", "Weakness"),
    Choice("neutre", "Neutre", "Neutral"),
)

# The four questions asked about every portrait item: label, help, type.
PORTRAIT_PART_LABELS: dict[str, Text] = {
    "description": Text("Description", "Description"),
    "appreciation": Text("Appréciation", "Assessment"),
    "offre": Text("Ce que nous pouvons offrir", "What we can offer"),
    "besoin": Text("Ce dont nous avons besoin", "What we need"),
}
_PART_HELP: dict[str, Text] = {
    "description": Text(
        "Décrivez la situation actuelle de votre organisation pour cet élément, "
        "simplement et concrètement.",
        "Describe your organisation's current situation for this item, simply and concretely.",
    ),
    "appreciation": Text(
        "Pour votre organisation, cet élément est-il une force, une faiblesse ou un "
        "élément neutre ? En croisant ces jugements, le diagnostic repère convergences, "
        "complémentarités et divergences.",
        "For your organisation, is this item a strength, a weakness or neutral? By "
        "crossing these judgements, the Diagnosis spots convergences, "
        "complementarities and divergences.",
    ),
    "offre": Text(
        "Ce que vous pourriez mettre à la disposition des partenaires (espace, temps, "
        "équipement, savoir-faire) et à quelles conditions. C'est en croisant offres et "
        "besoins que naissent les occasions de mutualiser.",
        "What you could make available to the partners (space, time, equipment, "
        "know-how) and on what terms. Opportunities to pool arise where offers meet "
        "needs.",
    ),
    "besoin": Text(
        "Ce qui vous manque pour cet élément, même si vous ne voyez pas encore qui "
        "pourrait y répondre.",
        "What you lack for this item, even if you do not yet see who could provide it.",
    ),
}
_PART_TYPE = {
    "description": QuestionType.LONG_TEXT,
    "appreciation": QuestionType.APPRECIATION,
    "offre": QuestionType.LONG_TEXT,
    "besoin": QuestionType.LONG_TEXT,
}
REQUIRED_APPRECIATIONS: frozenset[str] = reflexion.REQUIRED_APPRECIATIONS
OTHER_ITEM_LABEL = Text("Autre élément", "Other item")
EXTRA_ITEM_CODE = re.compile(r"^reflexion\.(?P<dimension>[a-z0-9-]+)\.autre-(?P<number>\d+)$")

_QUESTIONS: dict[str, Question] = {
    question.code: question
    for content in STEP_CONTENT.values()
    for question in content.questions()
}


def _is_extra_item(item_code: str) -> bool:
    match = EXTRA_ITEM_CODE.match(item_code)
    return bool(match) and match["dimension"] in DIMENSIONS_BY_CODE


@cache
def portrait_question(item_code: str, part: str) -> Question:
    """The question asked about one part of a portrait item (catalogue or « autre »).

    Raise KeyError for an unknown item or part.
    """
    if part not in PORTRAIT_PARTS:
        raise KeyError(f"{item_code}.{part}")
    item = PORTRAIT_ITEMS_BY_CODE.get(item_code)
    if item is None and not _is_extra_item(item_code):
        raise KeyError(f"{item_code}.{part}")
    if item is not None:
        item_fr, item_en = item.label_fr, item.label_en
    else:
        item_fr, item_en = OTHER_ITEM_LABEL.fr, OTHER_ITEM_LABEL.en
    part_label, part_help = PORTRAIT_PART_LABELS[part], _PART_HELP[part]
    help_fr, help_en = part_help.fr, part_help.en
    if part == "description" and item and item.help_fr:
        help_fr, help_en = item.help_fr, item.help_en
    return Question(
        code=f"{item_code}.{part}",
        type=_PART_TYPE[part],
        scope=Scope.ORGANISATION,
        label_fr=f"{item_fr} — {part_label.fr}",
        label_en=f"{item_en} — {part_label.en}",
        help_fr=help_fr,
        help_en=help_en,
        required=part == "appreciation" and item_code in REQUIRED_APPRECIATIONS,
    )


def get_question(code: str) -> Question:
    """The question stored under `code`; KeyError if the catalogue does not know it."""
    question = _QUESTIONS.get(code)
    if question is not None:
        return question
    item_code, _dot, part = code.rpartition(".")
    try:
        return portrait_question(item_code, part)
    except KeyError:
        raise KeyError(code) from None


def questions_for(step_code: str, scope: Scope) -> list[Question]:
    """A step's questionnaire questions of one scope, in order (portrait excluded)."""
    content = STEP_CONTENT.get(step_code)
    if content is None:
        return []
    return [question for question in content.questions() if question.scope == scope]


def all_questions() -> list[Question]:
    """Every catalogue question, the portrait's derived questions included."""
    questions = list(_QUESTIONS.values())
    for item_code in PORTRAIT_ITEMS_BY_CODE:
        questions.extend(portrait_question(item_code, part) for part in PORTRAIT_PARTS)
    return questions
