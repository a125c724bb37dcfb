"""What the questionnaire pages read, and who may see it: the visibility rule lives here.

A partner sees another organisation's answers for a step only once that organisation's
step is SUBMITTED (a reopened step is a draft again); drafts stay private to their
organisation, the coordinators and the advisors (``Membership.can_see_drafts_of``).
The same rule applies to the project-level answers (organisation ``None``): they are
the coordination's draft until the coordinator submits them.

``load_state(project)`` reads everything a page needs in a constant number of queries
(answers, statuses, chosen dimensions, extra items, organisations), whatever the number
of organisations; the rest is plain Python over that state.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from steps import catalogue
from steps.catalogue.base import PORTRAIT_PARTS, Dimension, Question, Scope
from steps.method import STEPS
from steps.models import Answer, ExtraPortraitItem, ProjectDimension, StepStatus

from . import fields

REFLEXION = "reflexion"
Status = StepStatus.Status


def step_of(question_code: str) -> str:
    """The step a question belongs to: its code starts with the step code."""
    return question_code.split(".", 1)[0]


def can_see_answers(membership, organisation, status: str) -> bool:
    """The one visibility rule: drafts are private, submitted answers are shared."""
    return membership.can_see_drafts_of(organisation) or status == Status.SUBMITTED


def has_organisation_scope(step: str) -> bool:
    """Whether organisations answer for themselves in this step."""
    return step == REFLEXION or bool(catalogue.questions_for(step, Scope.ORGANISATION))


def has_project_scope(step: str) -> bool:
    return bool(catalogue.questions_for(step, Scope.PROJECT))


def chosen_dimensions(codes) -> tuple[Dimension, ...]:
    """The project's réflexion dimensions, in catalogue order (no choice made = all)."""
    codes = set(codes)
    if not codes:
        return tuple(catalogue.DIMENSIONS)
    return tuple(d for d in catalogue.DIMENSIONS if d.code in codes)


def extra_item_questions(item: ExtraPortraitItem) -> list[Question]:
    return [catalogue.get_question(f"{item.code}.{part}") for part in PORTRAIT_PARTS]


def portrait_questions(dimension: Dimension, extra_items=()) -> list[Question]:
    """The four questions of every item of a dimension, then of the extra items."""
    questions = [
        catalogue.portrait_question(item.code, part)
        for item in dimension.items
        for part in PORTRAIT_PARTS
    ]
    for item in extra_items:
        if item.dimension == dimension.code:
            questions += extra_item_questions(item)
    return questions


def scope_questions(step: str, organisation_id, dimensions=(), extra_items=()) -> list[Question]:
    """Every question one scope answers in a step: the project's (organisation_id None)
    or one organisation's — for réflexion, the portrait of the chosen dimensions and
    that organisation's extra items, then its other questions."""
    if organisation_id is None:
        return list(catalogue.questions_for(step, Scope.PROJECT))
    questions = []
    if step == REFLEXION:
        for dimension in dimensions:
            questions += portrait_questions(dimension, extra_items)
    return questions + list(catalogue.questions_for(step, Scope.ORGANISATION))


@dataclass(frozen=True)
class Progress:
    status: str
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED

    @property
    def is_editable(self) -> bool:
        return self.status != Status.SUBMITTED


@dataclass
class ProjectState:
    """Everything the questionnaire pages of one project read, fetched once."""

    project: object
    organisations: list
    answers: dict = field(default_factory=dict)  # (organisation id | None, code) -> Answer
    statuses: dict = field(default_factory=dict)  # (organisation id | None, step) -> StepStatus
    dimensions: tuple = ()
    extra_items: dict = field(default_factory=dict)  # organisation id -> [ExtraPortraitItem]
    _questions: dict = field(default_factory=dict, repr=False)  # (step, scope) -> questions

    def status(self, step: str, organisation_id) -> str:
        row = self.statuses.get((organisation_id, step))
        return row.status if row else Status.NOT_STARTED

    def status_row(self, step: str, organisation_id):
        return self.statuses.get((organisation_id, step))

    def answer(self, organisation_id, code: str):
        return self.answers.get((organisation_id, code))

    def answers_of(self, organisation_id) -> dict[str, Answer]:
        return {
            code: answer
            for (org_id, code), answer in self.answers.items()
            if org_id == organisation_id
        }

    def questions(self, step: str, organisation_id) -> list[Question]:
        key = (step, organisation_id)
        if key not in self._questions:
            self._questions[key] = scope_questions(
                step, organisation_id, self.dimensions, self.extra_items.get(organisation_id, ())
            )
        return self._questions[key]

    def progress(self, step: str, organisation_id) -> Progress:
        questions = self.questions(step, organisation_id)
        answered = sum(
            1
            for question in questions
            if (answer := self.answer(organisation_id, question.code))
            and fields.is_answered(answer.value)
        )
        return Progress(self.status(step, organisation_id), answered, len(questions))

    def missing(self, step: str, organisation_id) -> list[Question]:
        """The required questions of a scope still unanswered."""
        return [
            question
            for question in self.questions(step, organisation_id)
            if question.required
            and not (
                (answer := self.answer(organisation_id, question.code))
                and fields.is_answered(answer.value)
            )
        ]

    def visible(self, membership, step: str, organisation) -> bool:
        organisation_id = organisation.pk if organisation is not None else None
        return can_see_answers(membership, organisation, self.status(step, organisation_id))


def load_state(project, *, organisation_id=..., step: str | None = None) -> ProjectState:
    """Read a project's answers, statuses, dimensions and extra items (5 queries).

    `organisation_id` (an id or None for the project) and `step` narrow what is read
    for pages about one scope; by default everything of the project is read.
    """
    answers = Answer.objects.filter(project=project).select_related("updated_by")
    statuses = StepStatus.objects.filter(project=project)
    extra_items = ExtraPortraitItem.objects.filter(project=project)
    if organisation_id is not ...:
        answers = answers.filter(organisation_id=organisation_id)
        extra_items = extra_items.filter(organisation_id=organisation_id)
    if step is not None:
        answers = answers.filter(question_code__startswith=f"{step}.")
    state = ProjectState(project=project, organisations=list(project.organisations.all()))
    state.answers = {(a.organisation_id, a.question_code): a for a in answers}
    state.statuses = {(s.organisation_id, s.step): s for s in statuses}
    state.dimensions = chosen_dimensions(
        ProjectDimension.objects.filter(project=project).values_list("code", flat=True)
    )
    grouped = defaultdict(list)
    for item in extra_items:
        grouped[item.organisation_id].append(item)
    state.extra_items = dict(grouped)
    return state


# --- Pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation in a step's table or on the dashboard."""

    organisation: object
    progress: Progress
    visible: bool  # may the viewer open its answers?


def organisation_rows(state: ProjectState, membership, step: str) -> list[OrganisationRow]:
    return [
        OrganisationRow(
            organisation,
            state.progress(step, organisation.pk),
            state.visible(membership, step, organisation),
        )
        for organisation in state.organisations
    ]


@dataclass(frozen=True)
class DashboardCell:
    step: object
    applies: bool  # does this scope answer questions in this step?
    progress: Progress | None
    visible: bool


@dataclass(frozen=True)
class DashboardRow:
    organisation: object  # None for the project-level answers
    cells: list


@dataclass(frozen=True)
class MissingEntry:
    step: object
    organisation: object  # None for the project
    questions: list  # required questions unanswered
    submitted: bool


def dashboard(state: ProjectState, membership) -> tuple[list[DashboardRow], list[MissingEntry]]:
    """The matrix steps × organisations (plus the project row) and what is missing."""
    rows, missing = [], []
    scopes = [None, *state.organisations]
    for organisation in scopes:
        organisation_id = organisation.pk if organisation is not None else None
        cells = []
        for step in STEPS:
            applies = (
                has_project_scope(step.code)
                if organisation is None
                else has_organisation_scope(step.code)
            )
            if not applies:
                cells.append(DashboardCell(step, False, None, False))
                continue
            progress = state.progress(step.code, organisation_id)
            cells.append(
                DashboardCell(
                    step, True, progress, state.visible(membership, step.code, organisation)
                )
            )
            if not progress.is_submitted:
                missing.append(
                    MissingEntry(
                        step, organisation, state.missing(step.code, organisation_id), False
                    )
                )
        rows.append(DashboardRow(organisation, cells))
    return rows, missing


@dataclass(frozen=True)
class SynthesisRow:
    choice: object  # catalogue Choice
    ticked: list  # one bool per visible organisation

    @property
    def count(self) -> int:
        return sum(self.ticked)

    @property
    def shared(self) -> bool:
        """Ticked by every visible organisation (and there are several)."""
        return len(self.ticked) > 1 and all(self.ticked)


@dataclass(frozen=True)
class SynthesisTable:
    question: Question
    groups: list  # [(group label, [SynthesisRow])]
    others: list  # [(organisation, text)] for « Autre, précisez »


def impulsion_synthesis(state: ProjectState, membership, step: str = "impulsion"):
    """Who ticked what in each multiple choice of a step, for the visible organisations."""
    visible = [o for o in state.organisations if state.visible(membership, step, o)]
    hidden = [o for o in state.organisations if o not in visible]
    tables = []
    for question in catalogue.questions_for(step, Scope.ORGANISATION):
        if question.type != "multi_choice":
            continue
        picked = {}
        others = []
        for organisation in visible:
            answer = state.answer(organisation.pk, question.code)
            codes, other = fields.multi_choice_parts(answer.value if answer else None)
            picked[organisation.pk] = set(codes)
            if fields.OTHER in codes and other:
                others.append((organisation, other))
        groups: dict[str, list] = {}
        for choice in question.choices:
            groups.setdefault(choice.group, []).append(
                SynthesisRow(choice, [choice.code in picked[o.pk] for o in visible])
            )
        tables.append(SynthesisTable(question, list(groups.items()), others))
    return visible, hidden, tables
