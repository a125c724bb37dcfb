"""Blank questionnaires to print or fill in Word: a step's questions, an organisation's portrait.

For a meeting or for someone who prefers paper: every question of the step as the pages
ask it (label, help text), its choices as boxes to tick and lines to write on. The same
`BlankDocument` feeds the PDF (templates/pdf/blank_questionnaire.html, WeasyPrint like
every report) and the Word file (`build_blank_docx`).

The questions come from the catalogue in the order of the questionnaire pages
(`scope_outline`, also used by the Word file of an organisation's answers): for réflexion,
the portrait of the dimensions the project chose, then the organisation's other questions.
A blank questionnaire holds no answer; an organisation's blank portrait shows the items it
added itself only to those who may see its drafts (or once it submitted).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.shared import Pt

from projects.method import STEPS_BY_CODE
from steps import catalogue
from steps.catalogue.base import PORTRAIT_PARTS, Question, QuestionType, Scope
from steps.models import ExtraPortraitItem, ProjectDimension, StepStatus
from steps.questionnaire import fields
from steps.questionnaire.selectors import (
    REFLEXION,
    can_see_answers,
    chosen_dimensions,
    extra_item_questions,
    has_organisation_scope,
    has_project_scope,
)

from . import docx
from .common import base_context

# Lines to write on, by type; the portrait's parts are shorter (there are many items).
LINES = {QuestionType.SHORT_TEXT: 1, QuestionType.LONG_TEXT: 5}
PORTRAIT_LINES = {"description": 3, "offre": 3, "besoin": 3}
SINGLE_HINT = gettext_lazy("une seule réponse")
MULTI_HINT = gettext_lazy("plusieurs réponses possibles")
COLUMNS_FROM = 5  # choices laid out in two columns from this many on (PDF)


# --- The questions of a scope, in the order of the pages ------------------------------


@dataclass
class OutlineItem:
    """A portrait item and its four questions (description, appréciation, offre, besoin)."""

    label: str
    help: str
    questions: list[Question]


@dataclass
class OutlineDimension:
    title: str
    intro: str
    items: list[OutlineItem]


@dataclass
class OutlineSection:
    title: str
    intro: str
    questions: list[Question]


@dataclass
class Outline:
    dimensions: list[OutlineDimension] = field(default_factory=list)
    sections: list[OutlineSection] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.dimensions and not self.sections


def scope_outline(step: str, scope: Scope, *, dimensions=(), extra_items=()) -> Outline:
    """A scope's questions of a step: the portrait's (réflexion, organisations), then the
    catalogue's sections with that scope's questions."""
    outline = Outline()
    if step == REFLEXION and scope == Scope.ORGANISATION:
        for dimension in dimensions:
            items = [
                OutlineItem(
                    item.label,
                    item.help,
                    [catalogue.portrait_question(item.code, part) for part in PORTRAIT_PARTS],
                )
                for item in dimension.items
            ]
            items += [
                OutlineItem(extra.label, "", extra_item_questions(extra))
                for extra in extra_items
                if extra.dimension == dimension.code
            ]
            outline.dimensions.append(OutlineDimension(dimension.title, dimension.intro, items))
    content = catalogue.STEP_CONTENT.get(step)
    for section in content.sections if content else ():
        questions = [question for question in section.questions if question.scope == scope]
        if questions:
            outline.sections.append(OutlineSection(section.title, section.intro, questions))
    return outline


def part_label(question: Question) -> str:
    """« Description » for « Mission, vision, valeurs — Description »."""
    return question.label.rpartition(" — ")[2]


def portrait_guide() -> list[tuple[str, str]]:
    """The parts asked about every portrait item, with their help (said once)."""
    any_item = catalogue.DIMENSIONS[0].items[0]
    return [
        (part_label(question), question.help)
        for part in PORTRAIT_PARTS
        if part != "description"
        for question in [catalogue.portrait_question(any_item.code, part)]
    ]


# --- What a blank field looks like ----------------------------------------------------


@dataclass
class BlankField:
    label: str
    help: str
    kind: str  # lines | boxes | inline
    number: int | None = None
    lines: int = 0
    lead: str = ""  # written before the first line: « Montant en dollars : »
    hint: str = ""  # « une seule réponse »
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # (group, labels)
    other: str = ""  # « Autre, précisez », followed by a line

    @property
    def line_range(self):
        return range(self.lines)

    @property
    def two_columns(self) -> bool:
        return len(self.labels) >= COLUMNS_FROM

    @property
    def labels(self) -> list[str]:
        return [label for _group, labels in self.groups for label in labels]


def _groups(choices) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for choice in choices:
        if groups and groups[-1][0] == choice.group:
            groups[-1][1].append(choice.label)
        else:
            groups.append((choice.group, [choice.label]))
    return groups


def blank_field(question: Question, *, label=None, help_text=None, lines=None, number=None):
    """What a question looks like on paper; `label`, `help_text`: instead of the question's."""
    base = {
        "label": question.label if label is None else label,
        "help": question.help if help_text is None else help_text,
        "number": number,
    }
    kind = question.type
    if kind in (QuestionType.APPRECIATION, QuestionType.SCALE):
        return BlankField(kind="inline", groups=_groups(fields.choices_of(question)), **base)
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        choices = [c for c in fields.choices_of(question) if c.code != fields.OTHER]
        other = next((c.label for c in fields.choices_of(question) if c.code == fields.OTHER), "")
        hint = SINGLE_HINT if kind == QuestionType.SINGLE_CHOICE else MULTI_HINT
        return BlankField(
            kind="boxes", groups=_groups(choices), other=other, hint=str(hint), **base
        )
    leads = {
        QuestionType.NUMBER: _("Nombre :"),
        QuestionType.MONEY: _("Montant en dollars :"),
        QuestionType.DATE: _("Date (jour, mois, année) :"),
    }
    count = lines if lines is not None else LINES.get(kind, 1)
    return BlankField(kind="lines", lines=count, lead=leads.get(kind, ""), **base)


# --- The document ---------------------------------------------------------------------


@dataclass
class BlankItem:
    label: str
    help: str
    fields: list[BlankField]  # description, appréciation, offre, besoin

    @property
    def main(self) -> list[BlankField]:
        return self.fields[:2]

    @property
    def pair(self) -> list[BlankField]:
        """What the organisation offers and needs: side by side in the PDF."""
        return self.fields[2:]


@dataclass
class BlankDimension:
    title: str
    intro: str
    items: list[BlankItem]

    @property
    def first(self) -> list[BlankItem]:
        """The first item, kept on the page of the dimension's title (PDF)."""
        return self.items[:1]

    @property
    def rest(self) -> list[BlankItem]:
        return self.items[1:]


@dataclass
class BlankSection:
    title: str
    intro: str
    fields: list[BlankField]


@dataclass
class BlankPart:
    title: str
    intro: str
    identify: list[str]  # the lines to fill at the top: « Organisation : », « Rempli par : »
    dimensions: list[BlankDimension] = field(default_factory=list)
    sections: list[BlankSection] = field(default_factory=list)


@dataclass
class BlankDocument:
    title: str  # the heading: « Questionnaire à remplir »
    kicker: str  # « Étape 2 · Réflexion »
    step: object
    organisation: object  # the blank portrait's organisation, else None
    parts: list[BlankPart]
    guide: list[tuple[str, str]]  # the portrait parts' help, when there is a portrait


def _blank_part(outline: Outline, *, title, intro, identify, counter) -> BlankPart:
    part = BlankPart(title, intro, identify)
    for dimension in outline.dimensions:
        items = []
        for item in dimension.items:
            parts = []
            for question in item.questions:
                code = question.code.rpartition(".")[2]
                parts.append(
                    blank_field(
                        question,
                        label=part_label(question),
                        help_text="",
                        lines=PORTRAIT_LINES.get(code),
                    )
                )
            items.append(BlankItem(item.label, item.help, parts))
        part.dimensions.append(BlankDimension(dimension.title, dimension.intro, items))
    for section in outline.sections:
        blanks = []
        for question in section.questions:
            counter[0] += 1
            blanks.append(blank_field(question, number=counter[0]))
        part.sections.append(BlankSection(section.title, section.intro, blanks))
    return part


def _identify(with_organisation: bool) -> list[str]:
    leads = [_("Organisation :")] if with_organisation else []
    return leads + [_("Rempli par :"), _("Date :")]


def blank_step(project, step_code: str) -> BlankDocument:
    """Every question of a step, organisations' then the project's, blank (1 query for
    réflexion: the chosen dimensions; none otherwise)."""
    step = STEPS_BY_CODE[step_code]
    parts, counter = [], [0]
    if has_organisation_scope(step_code):
        dimensions = ()
        if step_code == REFLEXION:
            dimensions = chosen_dimensions(
                ProjectDimension.objects.filter(project=project).values_list("code", flat=True)
            )
        outline = scope_outline(step_code, Scope.ORGANISATION, dimensions=dimensions)
        if not outline.is_empty:
            parts.append(
                _blank_part(
                    outline,
                    title=_("Questions pour chaque organisation"),
                    intro=_("Chaque organisation partenaire répond pour elle-même."),
                    identify=_identify(True),
                    counter=counter,
                )
            )
    if has_project_scope(step_code):
        outline = scope_outline(step_code, Scope.PROJECT)
        parts.append(
            _blank_part(
                outline,
                title=_("Questions pour l'ensemble du projet"),
                intro=_(
                    "La coordination y répond au nom du projet, après en avoir discuté avec "
                    "les partenaires."
                ),
                identify=_identify(False),
                counter=counter,
            )
        )
    return BlankDocument(
        title=_("Questionnaire à remplir"),
        kicker=_("Étape %(number)s · %(title)s") % {"number": step.number, "title": step.title},
        step=step,
        organisation=None,
        parts=parts,
        guide=portrait_guide() if step_code == REFLEXION else [],
    )


def blank_portrait(project, organisation, membership) -> BlankDocument:
    """An organisation's réflexion questionnaire, blank, with its name (3 queries). The
    items it added itself are listed for those who may see its answers."""
    step = STEPS_BY_CODE[REFLEXION]
    dimensions = chosen_dimensions(
        ProjectDimension.objects.filter(project=project).values_list("code", flat=True)
    )
    status = (
        StepStatus.objects.filter(project=project, organisation=organisation, step=REFLEXION)
        .values_list("status", flat=True)
        .first()
    ) or StepStatus.Status.NOT_STARTED
    extra_items = ()
    if can_see_answers(membership, organisation, status):
        extra_items = list(
            ExtraPortraitItem.objects.filter(project=project, organisation=organisation)
        )
    outline = scope_outline(
        REFLEXION, Scope.ORGANISATION, dimensions=dimensions, extra_items=extra_items
    )
    part = _blank_part(
        outline,
        title=_("Les questions de l'organisation"),
        intro=_("Son portrait, puis ses autres réponses à l'étape Réflexion."),
        identify=_identify(False),
        counter=[0],
    )
    return BlankDocument(
        title=_("Portrait de %(name)s") % {"name": organisation.name},
        kicker=_("Étape %(number)s · %(title)s") % {"number": step.number, "title": step.title},
        step=step,
        organisation=organisation,
        parts=[part],
        guide=portrait_guide(),
    )


# --- PDF ------------------------------------------------------------------------------


def build_blank_context(project, blank: BlankDocument) -> dict:
    organisations = [blank.organisation] if blank.organisation is not None else []
    context = base_context(project, organisations=organisations, step=blank.step)
    context.update(blank=blank, intro=intro_text(), language=docx.language_tag())
    return context


# --- Word -----------------------------------------------------------------------------


def _add_field(document, blank: BlankField) -> None:
    label = f"{blank.number}. {blank.label}" if blank.number else blank.label
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(label).bold = True
    if blank.hint:
        paragraph.add_run(f" ({blank.hint})").italic = True
    if blank.help:
        help_paragraph = document.add_paragraph()
        help_paragraph.paragraph_format.keep_with_next = True
        run = help_paragraph.add_run(blank.help)
        run.italic = True
        run.font.size = Pt(9)
    if blank.kind == "inline":
        docx.add_boxes(document, blank.labels, inline=True)
    elif blank.kind == "boxes":
        for group, labels in blank.groups:
            if group:
                heading = document.add_paragraph()
                heading.paragraph_format.keep_with_next = True
                heading.paragraph_format.space_after = Pt(2)
                heading.add_run(group).underline = True
            docx.add_boxes(document, labels)
        if blank.other:
            docx.add_boxes(document, [], other=blank.other)
    else:
        docx.add_lines(document, blank.lines, lead=blank.lead)


def build_blank_docx(project, blank: BlankDocument) -> bytes:
    title = blank.title
    document = docx.new_document(
        title=f"{title} — {blank.kicker} — {project.name}",
        author=project.name,
        subject=blank.kicker,
    )
    docx.add_footer(document, f"{project.name} — {title}")
    docx.heading(document, title, 0)
    docx.paragraph(document, f"{project.name} · {blank.kicker}", "Subtitle")
    document.add_paragraph(intro_text())
    for part in blank.parts:
        docx.heading(document, part.title, 1)
        if part.intro:
            document.add_paragraph(part.intro)
        for lead in part.identify:
            docx.add_lines(document, 1, lead=lead)
        if part.dimensions and blank.guide:
            guide = document.add_paragraph()
            guide.paragraph_format.space_before = Pt(10)
            guide.add_run(_("Pour chaque élément du portrait :")).bold = True
            for label, help_text in blank.guide:
                item = docx.paragraph(document, style="List Bullet")
                item.add_run(label).bold = True
                item.add_run(f" — {help_text}")
        for dimension in part.dimensions:
            docx.heading(document, dimension.title, 2)
            if dimension.intro:
                document.add_paragraph(dimension.intro).runs[0].italic = True
            for item in dimension.items:
                docx.heading(document, item.label, 3)
                if item.help:
                    run = document.add_paragraph().add_run(item.help)
                    run.italic = True
                    run.font.size = Pt(9)
                for blank_part in item.fields:
                    _add_field(document, blank_part)
        for section in part.sections:
            docx.heading(document, section.title, 2)
            if section.intro:
                document.add_paragraph(section.intro).runs[0].italic = True
            for blank_field_ in section.fields:
                _add_field(document, blank_field_)
    return docx.to_bytes(document)


def intro_text() -> str:
    return _(
        "Les questions de l'étape telles que l'application les pose, avec leurs explications. "
        "Remplissez-les à la main ou dans Word, puis reportez les réponses dans l'application "
        "ou remettez-les à la coordination."
    )
