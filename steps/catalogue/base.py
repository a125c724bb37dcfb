"""The shapes of the question catalogue: versioned data in code, French and English.

A question's `code` is stable forever: answers are stored under it. Rename the
wording freely; never reuse or change a code (add a new question instead, and bump
CATALOGUE_VERSION in `steps/catalogue/__init__.py`).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import get_language


def _pick(fr: str, en: str) -> str:
    language = (get_language() or "fr").lower()
    return en if language.startswith("en") and en else fr


class QuestionType(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"  # with an optional "autre, précisez" free text
    APPRECIATION = "appreciation"  # force / faiblesse / neutre
    NUMBER = "number"
    MONEY = "money"  # Canadian dollars, two decimals
    DATE = "date"
    SCALE = "scale"  # 1 to 5


class Scope(StrEnum):
    ORGANISATION = "organisation"  # each partner organisation answers for itself
    PROJECT = "project"  # one answer for the whole project, by the coordination


@dataclass(frozen=True)
class Choice:
    code: str
    label_fr: str
    label_en: str
    group_fr: str = ""  # e.g. the motivation family a choice belongs to
    group_en: str = ""

    @property
    def label(self) -> str:
        return _pick(self.label_fr, self.label_en)

    @property
    def group(self) -> str:
        return _pick(self.group_fr, self.group_en)


@dataclass(frozen=True)
class Question:
    code: str
    type: QuestionType
    scope: Scope
    label_fr: str
    label_en: str
    help_fr: str = ""
    help_en: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    allow_other: bool = False  # multi/single choice: adds « Autre, précisez »

    @property
    def label(self) -> str:
        return _pick(self.label_fr, self.label_en)

    @property
    def help(self) -> str:
        return _pick(self.help_fr, self.help_en)


@dataclass(frozen=True)
class Section:
    code: str
    title_fr: str
    title_en: str
    questions: tuple[Question, ...]
    intro_fr: str = ""
    intro_en: str = ""

    @property
    def title(self) -> str:
        return _pick(self.title_fr, self.title_en)

    @property
    def intro(self) -> str:
        return _pick(self.intro_fr, self.intro_en)


@dataclass(frozen=True)
class Text:
    """A bilingual sentence of guidance (key action, point of attention…)."""

    fr: str
    en: str

    def __str__(self) -> str:
        return _pick(self.fr, self.en)


@dataclass(frozen=True)
class StepContent:
    """What a step page explains, and its questionnaire."""

    step: str  # a code of projects.method.STEPS
    about: Text
    key_actions: tuple[Text, ...]
    attention_points: tuple[Text, ...]
    sections: tuple[Section, ...] = field(default=())

    def questions(self):
        for section in self.sections:
            yield from section.questions


# The réflexion portrait: dimensions made of items; each item is answered with four
# questions whose codes derive from the item's code (see PortraitItem.question_codes).
PORTRAIT_PARTS = ("description", "appreciation", "offre", "besoin")


@dataclass(frozen=True)
class PortraitItem:
    code: str  # e.g. "reflexion.installations.locaux"
    label_fr: str
    label_en: str
    help_fr: str = ""
    help_en: str = ""
    resource_type: str = ""  # e.g. "premises", "transport": matches offers across items

    @property
    def label(self) -> str:
        return _pick(self.label_fr, self.label_en)

    @property
    def help(self) -> str:
        return _pick(self.help_fr, self.help_en)

    def question_code(self, part: str) -> str:
        if part not in PORTRAIT_PARTS:
            raise ValueError(f"unknown portrait part: {part}")
        return f"{self.code}.{part}"


@dataclass(frozen=True)
class Dimension:
    code: str  # e.g. "identite"
    title_fr: str
    title_en: str
    items: tuple[PortraitItem, ...]
    intro_fr: str = ""
    intro_en: str = ""

    @property
    def title(self) -> str:
        return _pick(self.title_fr, self.title_en)

    @property
    def intro(self) -> str:
        return _pick(self.intro_fr, self.intro_en)
