"""Answers as reports show them: question labels and readable values, drafts filtered.

Everything is computed from one `ProjectState` (steps.questionnaire.selectors.load_state),
so a report reads the answers of N organisations in a constant number of queries.

Drafts: a scope whose step is not submitted is left out for a viewer who may not see it
(the pages' rule, `state.visible`), and marked `is_draft` for one who may: the reports
print a « BROUILLON — non soumis » band over it.
"""

from dataclasses import dataclass, field

from steps import catalogue
from steps.catalogue.base import PORTRAIT_PARTS, Scope
from steps.questionnaire import fields
from steps.questionnaire.selectors import REFLEXION, has_organisation_scope, has_project_scope


@dataclass
class AnsweredQuestion:
    label: str
    value: str


@dataclass
class SectionAnswers:
    title: str
    answers: list[AnsweredQuestion]


@dataclass
class PortraitRow:
    label: str
    description: str
    appreciation: str
    appreciation_code: str
    offre: str
    besoin: str


@dataclass
class PortraitDimension:
    title: str
    rows: list[PortraitRow]


@dataclass
class ScopeAnswers:
    """One scope's (the project's or one organisation's) answers to one step."""

    organisation: object  # None for the project
    visible: bool
    status_label: str
    submitted: bool = True
    sections: list[SectionAnswers] = field(default_factory=list)
    portrait: list[PortraitDimension] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.portrait

    @property
    def is_draft(self) -> bool:
        """Answers shown that are not submitted: the reports mark them as a draft."""
        return self.visible and not self.submitted and not self.is_empty


def _value(state, organisation_id, question) -> str:
    answer = state.answer(organisation_id, question.code)
    if answer is None or not fields.is_answered(answer.value):
        return ""
    return fields.display(question, answer.value)


def _sections(state, step: str, scope: Scope, organisation_id) -> list[SectionAnswers]:
    content = catalogue.STEP_CONTENT.get(step)
    if content is None:
        return []
    result = []
    for section in content.sections:
        answered = [
            AnsweredQuestion(question.label, text)
            for question in section.questions
            if question.scope == scope and (text := _value(state, organisation_id, question))
        ]
        if answered:
            result.append(SectionAnswers(section.title, answered))
    return result


def _portrait(state, organisation_id) -> list[PortraitDimension]:
    extras = state.extra_items.get(organisation_id, [])
    dimensions = []
    for dimension in state.dimensions:
        items = [(item.label, item.code) for item in dimension.items]
        items += [
            (extra.label, extra.code) for extra in extras if extra.dimension == dimension.code
        ]
        rows = []
        for label, code in items:
            values = {}
            for part in PORTRAIT_PARTS:
                question = catalogue.get_question(f"{code}.{part}")
                values[part] = _value(state, organisation_id, question)
            if any(values.values()):
                answer = state.answer(organisation_id, f"{code}.appreciation")
                rows.append(
                    PortraitRow(
                        label,
                        values["description"],
                        values["appreciation"],
                        answer.value if answer and isinstance(answer.value, str) else "",
                        values["offre"],
                        values["besoin"],
                    )
                )
        if rows:
            dimensions.append(PortraitDimension(dimension.title, rows))
    return dimensions


def scope_answers(state, viewer, step: str, organisation) -> ScopeAnswers:
    """What `viewer` may read of one scope's answers to a step (nothing of a hidden draft)."""
    organisation_id = organisation.pk if organisation is not None else None
    visible = state.visible(viewer, step, organisation)
    progress = state.progress(step, organisation_id)
    result = ScopeAnswers(organisation, visible, progress.status_label, progress.is_submitted)
    if not visible:
        return result
    scope = Scope.PROJECT if organisation is None else Scope.ORGANISATION
    result.sections = _sections(state, step, scope, organisation_id)
    if organisation is not None and step == REFLEXION:
        result.portrait = _portrait(state, organisation_id)
    return result


def step_answers(state, viewer, step: str) -> dict:
    """A step's project-level answers and every organisation's, for the dossier."""
    organisations = (
        [scope_answers(state, viewer, step, organisation) for organisation in state.organisations]
        if has_organisation_scope(step)
        else []
    )
    return {
        "project": scope_answers(state, viewer, step, None) if has_project_scope(step) else None,
        "organisations": organisations,
        "has_portrait": any(scope.portrait for scope in organisations),
    }


@dataclass(frozen=True)
class DraftScope:
    """An organisation that has not submitted a step, for the cover's list."""

    organisation: object
    status_label: str
    included: bool  # its draft is in this report (the viewer may see it)


def drafts_by_step(state, viewer, steps) -> list[tuple[object, list[DraftScope]]]:
    """For each step (projects.method.Step) of `steps`, the organisations that have not
    submitted it. Whether a step is submitted is no secret (the dashboard shows it to
    every member); only the answers of a draft are, hence `included`."""
    result = []
    for step in steps:
        drafts = []
        for organisation in state.organisations:
            progress = state.progress(step.code, organisation.pk)
            if not progress.is_submitted:
                drafts.append(
                    DraftScope(
                        organisation,
                        progress.status_label,
                        state.visible(viewer, step.code, organisation),
                    )
                )
        result.append((step, drafts))
    return result
