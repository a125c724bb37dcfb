"""Plan d'action: the strategic plan's axes, the action list and the timeline."""

from django.utils import timezone

from steps.method import STEPS_BY_CODE
from steps.planning.selectors import actions_for, strategic_plan, timeline_for

from .common import base_context


def action_plan(project) -> dict:
    """Actions (with `overdue` for the list) and their timeline, in 1 query."""
    today = timezone.localdate()
    actions = list(actions_for(project))
    timeline, undated = timeline_for(actions, today)
    rows = [(action, action.is_overdue(today)) for action in actions]
    return {"action_rows": rows, "timeline": timeline, "undated": undated, "today": today}


def build_plan_context(membership, project) -> dict:
    context = base_context(project, step=STEPS_BY_CODE["realisation"])
    context.update(action_plan(project))
    context["plan"] = strategic_plan(project)
    return context
