"""Reads of the réalisation tools, each in a fixed number of queries.

Used by the pages and by the reports (PDF): `strategic_plan(project)`,
`actions_for(project, …)`, `timeline_for(actions, today)`.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst

from steps.history import history_for
from steps.models import Action, Axis, Orientation, StrategicVision

from .timeline import Span, Timeline, build_timeline


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


def timeline_for(actions, today: date | None = None) -> tuple[Timeline, list[Action]]:
    """The timeline of the dated actions, and the actions without any date."""
    today = today or timezone.localdate()
    spans, undated = [], []
    for action in actions:
        start = action.start_date or action.due_date
        end = action.due_date or action.start_date
        if start is None:
            undated.append(action)
            continue
        spans.append(Span(action, action.title, start, end, action.progress))
    return build_timeline(spans, today=today), undated


def history_rows(instance, limit: int = 10) -> list:
    """The last changes of an object, each with `labelled_changes` (label, before, after)."""
    labels = {field.name: field.verbose_name for field in instance._meta.concrete_fields}
    records = list(history_for(instance)[:limit])
    for record in records:
        record.labelled_changes = [
            (capfirst(labels.get(name, name)), values[0], values[1])
            for name, values in record.changes.items()
        ]
    return records
