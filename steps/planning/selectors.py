"""Reads of the réalisation tools, each in a fixed number of queries.

Used by the pages and by the reports (PDF): `strategic_plan(project)`,
`actions_for(project, …)`, `action_page(actions, …)`, `timeline_for(actions, today)`,
`communication_items(project)`.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, Window
from django.utils import timezone

from steps.models import Action, Axis, CommunicationItem, Orientation, StrategicVision

from .timeline import MONTHS, Span, Timeline, build_timeline


@dataclass(frozen=True)
class StrategicPlan:
    vision: StrategicVision | None
    axes: list[Axis]  # with .orientations and their .strategies prefetched

    @property
    def is_empty(self) -> bool:
        vision_empty = self.vision is None or not (self.vision.vision or self.vision.values)
        return vision_empty and not self.axes


def strategic_plan(project) -> StrategicPlan:
    """The vision, values, axes, orientations and strategies of a project (4 queries)."""
    vision = StrategicVision.objects.filter(project=project).first()
    axes = list(
        Axis.objects.filter(project=project).prefetch_related(
            Prefetch(
                "orientations",
                queryset=Orientation.objects.prefetch_related("strategies"),
            )
        )
    )
    return StrategicPlan(vision=vision, axes=axes)


def communication_items(project) -> list[CommunicationItem]:
    """The communication plan, by date (undated last), with the organisations (1 query)."""
    return list(
        CommunicationItem.objects.filter(project=project).select_related(
            "responsible_organisation"
        )
    )


def actions_for(project, *, axis=None, status: str = "", organisation=None, overdue=False):
    """The project's actions, optionally filtered, with their axis and organisation."""
    actions = Action.objects.filter(project=project).select_related("axis", "organisation")
    if axis is not None:
        actions = actions.filter(axis=axis)
    if status:
        actions = actions.filter(status=status)
    if organisation is not None:
        actions = actions.filter(organisation=organisation)
    if overdue:
        actions = actions.filter(due_date__lt=timezone.localdate()).exclude(
            status__in=Action.CLOSED_STATUSES
        )
    return actions


@dataclass(frozen=True)
class ActionPage:
    """One page of a list of actions, with counts of the whole list."""

    actions: list[Action]
    number: int  # 1-based, within 1..pages
    pages: int
    per_page: int
    total: int
    overdue: int
    done: int

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.actions else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.actions)


def action_page(actions, *, number: int, per_page: int, today: date) -> ActionPage:
    """Page `number` of `actions`, with the counts of the whole list, in one query.

    The counts ride along each row as window aggregates (computed before LIMIT), so a
    page costs one query however long the plan is. A page past the end (typed by hand,
    or after deletions) costs one more query to find the last page.
    """
    number = max(1, number)
    closed = Action.CLOSED_STATUSES
    counted = actions.annotate(
        list_total=Window(Count("pk")),
        list_overdue=Window(Count("pk", filter=Q(due_date__lt=today) & ~Q(status__in=closed))),
        list_done=Window(Count("pk", filter=Q(status=Action.Status.DONE))),
    )

    def rows_of(number: int) -> list[Action]:
        start = (number - 1) * per_page
        return list(counted[start : start + per_page])

    rows = rows_of(number)
    if not rows and number > 1:
        number = max(1, -(-actions.count() // per_page))
        rows = rows_of(number)
    first = rows[0] if rows else None
    return ActionPage(
        actions=rows,
        number=number if rows else 1,
        pages=max(1, -(-first.list_total // per_page)) if first else 1,
        per_page=per_page,
        total=first.list_total if first else 0,
        overdue=first.list_overdue if first else 0,
        done=first.list_done if first else 0,
    )


def action_position(actions, action_id: int) -> int:
    """The 0-based place of an action in the ordered `actions` (-1 when it is not there)."""
    ids = list(actions.values_list("pk", flat=True))
    return ids.index(action_id) if action_id in ids else -1


def timeline_for(
    actions, today: date | None = None, zoom: str = MONTHS
) -> tuple[Timeline, list[Action]]:
    """The timeline of the dated actions (zoomed as `build_timeline` says), and the
    actions without any date."""
    today = today or timezone.localdate()
    spans, undated = [], []
    for action in actions:
        start = action.start_date or action.due_date
        end = action.due_date or action.start_date
        if start is None:
            undated.append(action)
            continue
        spans.append(Span(action, action.title, start, end, action.progress))
    return build_timeline(spans, today=today, zoom=zoom), undated
