"""What the questionnaire pages read, and who may see it: the visibility rule lives here.

A partner sees another organisation's answers for a step only once that organisation's
step is SUBMITTED (a reopened step is a draft again); drafts stay private to their
organisation, the coordinators and the advisors (``Membership.can_see_drafts_of``).
The same rule applies to the project-level answers (organisation ``None``): they are
the coordination's draft until the coordinator submits them.

``load_state(project)`` reads everything a page needs in a constant number of queries
(answers, statuses, chosen dimensions, extra items, organisations), whatever the number
of organisations; the rest is plain Python over that state. Pages that only count
answers (the dashboard, the organisations' progress on a step page) read their bare
values: a large project holds thousands of answers, and building a model instance for
each one would cost most of the page's time.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext, gettext_lazy

from projects.method import STEPS
from steps import catalogue
from steps.catalogue.base import PORTRAIT_PARTS, Dimension, Question, Scope
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


def status_labels() -> dict[str, str]:
    """Each status's label in the active language, for pages that show many; COMPLETE
    for a draft whose every question has an answer (see ``Progress.label_key``)."""
    return {value: str(label) for value, label in Status.choices} | {COMPLETE: str(COMPLETE_LABEL)}


# A draft with every question answered: « En cours » next to 100 % would suggest that
# something is left to answer, when only the submission is. Shown, not stored.
COMPLETE = "complete"
COMPLETE_LABEL = gettext_lazy("Complète, à soumettre")


@dataclass(frozen=True)
class Progress:
    status: str
    answered: int
    total: int

    @property
    def percent(self) -> int:
        """Rounded, but 100 only when every question has an answer (199 of 200 is 99)."""
        if not self.total:
            return 0
        return min(round(100 * self.answered / self.total), 100 if self.is_complete else 99)

    @property
    def is_complete(self) -> bool:
        return bool(self.total) and self.answered >= self.total

    @property
    def label_key(self) -> str:
        """The status as shown: COMPLETE for a draft with every answer, else the status."""
        if self.is_complete and self.status in (Status.IN_PROGRESS, Status.REOPENED):
            return COMPLETE
        return self.status

    @property
    def status_label(self) -> str:
        return status_labels()[self.label_key]

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
    values: dict = field(default_factory=dict)  # (organisation id | None, code) -> stored value
    answered: set = field(default_factory=set)  # (organisation id | None, code) that count
    statuses: dict = field(default_factory=dict)  # (organisation id | None, step) -> status
    status_rows: dict = field(default_factory=dict)  # the same -> StepStatus, with Read.ROWS
    dimensions: tuple = ()
    extra_items: dict = field(default_factory=dict)  # organisation id -> [ExtraPortraitItem]
    _questions: dict = field(default_factory=dict, repr=False)  # (step, scope) -> questions
    _codes: dict = field(default_factory=dict, repr=False)  # the same -> frozenset of codes
    _answered_codes: dict | None = field(default=None, repr=False)  # scope -> codes answered

    def status(self, step: str, organisation_id) -> str:
        return self.statuses.get((organisation_id, step), Status.NOT_STARTED)

    def status_row(self, step: str, organisation_id):
        """The whole StepStatus row (who submitted, when), with ``Read.ROWS``."""
        return self.status_rows.get((organisation_id, step))

    def answer(self, organisation_id, code: str):
        """The whole Answer row, for the scopes read in full (see ``load_state``)."""
        return self.answers.get((organisation_id, code))

    def value(self, organisation_id, code: str):
        """The stored value of an answer (None when unanswered), unless only progress
        was read (see ``load_state``)."""
        return self.values.get((organisation_id, code))

    def is_answered(self, organisation_id, code: str) -> bool:
        return (organisation_id, code) in self.answered

    def answers_of(self, organisation_id) -> dict[str, Answer]:
        return {
            code: answer
            for (org_id, code), answer in self.answers.items()
            if org_id == organisation_id
        }

    def _questions_key(self, step: str, organisation_id):
        # Organisations without extra items share one list: the same questions.
        extra_items = tuple(self.extra_items.get(organisation_id, ()))
        key = (step, organisation_id is None, extra_items)
        if key not in self._questions:
            questions = scope_questions(step, organisation_id, self.dimensions, extra_items)
            self._questions[key] = questions
            self._codes[key] = frozenset(question.code for question in questions)
        return key

    def questions(self, step: str, organisation_id) -> list[Question]:
        return self._questions[self._questions_key(step, organisation_id)]

    def progress(self, step: str, organisation_id) -> Progress:
        key = self._questions_key(step, organisation_id)
        if self._answered_codes is None:
            self._answered_codes = defaultdict(set)
            for org_id, code in self.answered:
                self._answered_codes[org_id].add(code)
        count = len(self._codes[key] & self._answered_codes[organisation_id])
        return Progress(self.status(step, organisation_id), count, len(self._questions[key]))

    def missing(self, step: str, organisation_id) -> list[Question]:
        """The required questions of a scope still unanswered."""
        return [
            question
            for question in self.questions(step, organisation_id)
            if question.required and not self.is_answered(organisation_id, question.code)
        ]

    def visible(self, membership, step: str, organisation) -> bool:
        organisation_id = organisation.pk if organisation is not None else None
        return can_see_answers(membership, organisation, self.status(step, organisation_id))


class Read(StrEnum):
    """How much of the answers ``load_state`` reads: a large project holds thousands."""

    ROWS = "rows"  # every answer as a whole row: value, version, who changed it and when
    VALUES = "values"  # the values only (the motivations synthesis)
    PROGRESS = "progress"  # only which answers count as answered (the dashboard)
    STEP_PAGE = "step_page"  # the project's answers as rows, the organisations' progress


def _read_rows(answers, state: ProjectState) -> None:
    for answer in answers.select_related("updated_by"):
        key = (answer.organisation_id, answer.question_code)
        state.answers[key] = answer
        state.values[key] = answer.value
        if fields.is_answered(answer.value):
            state.answered.add(key)


def _read_values(answers, state: ProjectState) -> None:
    for org_id, code, value in answers.values_list("organisation_id", "question_code", "value"):
        state.values[(org_id, code)] = value
        if fields.is_answered(value):
            state.answered.add((org_id, code))


def _read_progress(answers, state: ProjectState) -> None:
    # The JSON text as stored, judged without decoding most of it (see is_answered_json).
    texts = answers.annotate(text=Cast("value", TextField()))
    state.answered |= {
        (org_id, code)
        for org_id, code, text in texts.values_list("organisation_id", "question_code", "text")
        if fields.is_answered_json(text)
    }


def load_state(
    project, *, organisation_id=..., step: str | None = None, read: Read = Read.ROWS
) -> ProjectState:
    """Read a project's answers, statuses, dimensions and extra items (3 to 6 queries).

    `organisation_id` (an id or None for the project) and `step` narrow what is read
    for pages about one scope; by default everything of the project is read. A step
    other than réflexion needs neither the portrait's dimensions nor the extra items.
    `read` says how much of each answer is read (whole rows by default).
    """
    answers = Answer.objects.filter(project=project)
    if organisation_id is not ...:
        answers = answers.filter(organisation_id=organisation_id)
    if step is not None:
        answers = answers.filter(question_code__startswith=f"{step}.")
    state = ProjectState(project=project, organisations=list(project.organisations.all()))
    if read == Read.ROWS:
        _read_rows(answers, state)
    elif read == Read.VALUES:
        _read_values(answers, state)
    elif read == Read.PROGRESS:
        _read_progress(answers, state)
    else:
        _read_rows(answers.filter(organisation=None), state)
        if step is None or has_organisation_scope(step):
            _read_progress(answers.filter(organisation__isnull=False), state)
    statuses = StepStatus.objects.filter(project=project)
    if step is not None:
        statuses = statuses.filter(step=step)
    if read == Read.ROWS:
        state.status_rows = {(row.organisation_id, row.step): row for row in statuses}
        state.statuses = {key: row.status for key, row in state.status_rows.items()}
    else:
        state.statuses = {
            (org_id, step_code): status
            for org_id, step_code, status in statuses.values_list(
                "organisation_id", "step", "status"
            )
        }
    if step is None or step == REFLEXION:
        state.dimensions = chosen_dimensions(
            ProjectDimension.objects.filter(project=project).values_list("code", flat=True)
        )
        extra_items = ExtraPortraitItem.objects.filter(project=project)
        if organisation_id is not ...:
            extra_items = extra_items.filter(organisation_id=organisation_id)
        grouped = defaultdict(list)
        for item in extra_items:
            grouped[item.organisation_id].append(item)
        state.extra_items = dict(grouped)
    return state


# --- Pages --------------------------------------------------------------------------


@dataclass(slots=True)
class OrganisationRow:
    """One organisation in a step's table, its figures flat as the template reads them."""

    organisation: object
    visible: bool  # may the viewer see the share answered and open the answers?
    status: str
    status_label: str
    percent: int
    url: str = ""  # its answers to the step, set by the view for visible rows
    due: object = None  # its target date (steps.followup.deadlines.Due), set by the view


def organisation_rows(state: ProjectState, membership, step: str) -> list[OrganisationRow]:
    labels = status_labels()
    rows = []
    for organisation in state.organisations:
        progress = state.progress(step, organisation.pk)
        visible = state.visible(membership, step, organisation)
        rows.append(
            OrganisationRow(
                organisation,
                visible,
                progress.status,
                # A hidden draft shows its status, not whether it is complete.
                labels[progress.label_key if visible else progress.status],
                progress.percent,
            )
        )
    return rows


@dataclass(slots=True)
class DashboardCell:
    """One step of one scope, its figures flat: the matrix reads them for every cell."""

    step: object
    applies: bool  # does this scope answer questions in this step?
    visible: bool = False  # may the viewer see the share answered and open the answers?
    status: str = ""
    status_label: str = ""
    percent: int = 0
    url: str = ""  # the scope's answers, set by the view for visible cells
    due: object = None  # the scope's target date (steps.followup.deadlines.Due), by the view


@dataclass(frozen=True)
class DashboardRow:
    organisation: object  # None for the project-level answers
    cells: list


@dataclass
class MissingEntry:
    step: object
    organisation: object  # None for the project
    questions: list  # required questions unanswered
    submitted: bool
    heading: str = ""  # « 2. Réflexion — <organisation> », read as the link to the answers
    url: str = ""  # the scope's answers page, set by the view…
    link: str = ""  # …and where « pas encore soumis » leads (the project's questionnaire)


def dashboard(
    state: ProjectState, membership, *, with_missing: bool = True
) -> tuple[list[DashboardRow], list[MissingEntry]]:
    """The matrix steps × organisations (plus the project row) and what is missing."""
    rows, missing = [], []
    scopes = [None, *state.organisations]
    project_steps = {step.code for step in STEPS if has_project_scope(step.code)}
    organisation_steps = {step.code for step in STEPS if has_organisation_scope(step.code)}
    labels = status_labels()
    titles = {step.code: str(step.title) for step in STEPS}
    the_project = gettext("le projet")
    for organisation in scopes:
        organisation_id = organisation.pk if organisation is not None else None
        cells = []
        for step in STEPS:
            applies = step.code in (project_steps if organisation is None else organisation_steps)
            if not applies:
                cells.append(DashboardCell(step, False))
                continue
            progress = state.progress(step.code, organisation_id)
            visible = state.visible(membership, step.code, organisation)
            cells.append(
                DashboardCell(
                    step,
                    True,
                    visible,
                    progress.status,
                    # A hidden draft shows its status, not whether it is complete.
                    labels[progress.label_key if visible else progress.status],
                    progress.percent,
                )
            )
            if with_missing and not progress.is_submitted:
                missing.append(
                    MissingEntry(
                        step,
                        organisation,
                        state.missing(step.code, organisation_id),
                        False,
                        f"{step.number}. {titles[step.code]} — "
                        + (organisation.name if organisation is not None else the_project),
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
            codes, other = fields.multi_choice_parts(state.value(organisation.pk, question.code))
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
