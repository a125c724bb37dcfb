"""Plan d'action: the strategic plan's axes, the action list and the timeline."""

import dataclasses
import math

from django.template.loader import render_to_string
from django.utils import timezone

from projects.method import STEPS_BY_CODE
from steps.planning.selectors import actions_for, strategic_plan, timeline_for
from steps.planning.timeline import HEADER_HEIGHT, ROW_HEIGHT

from .common import base_context

# Room for the timeline on a page, in millimetres (width × height left under a heading).
LANDSCAPE_AREA = (255, 165)
PORTRAIT_AREA = (184, 215)
# Below the last row, the timeline keeps room for the « today » label.
FOOTER_HEIGHT = 26


def rows_per_part(timeline, area) -> int:
    """How many rows of `timeline` fit in `area` once its SVG is scaled to the width."""
    width_mm, height_mm = area
    scale = width_mm / timeline.width  # millimetres per SVG unit
    room = height_mm / scale - HEADER_HEIGHT - FOOTER_HEIGHT
    return max(5, math.floor(room / ROW_HEIGHT))


def timeline_parts(timeline, area=LANDSCAPE_AREA) -> list:
    """The timeline cut in parts that each fit on a page, on the same months.

    An SVG image cannot break across pages: a plan of 200 actions drawn at once would run
    off the bottom of the page. Each part keeps every month column and « today ».
    """
    if not timeline.rows:
        return []
    size = rows_per_part(timeline, area)
    parts = []
    for start in range(0, len(timeline.rows), size):
        rows = tuple(
            dataclasses.replace(
                row,
                y=HEADER_HEIGHT + index * ROW_HEIGHT,
                bar_y=HEADER_HEIGHT + index * ROW_HEIGHT + (row.bar_y - row.y),
            )
            for index, row in enumerate(timeline.rows[start : start + size])
        )
        height = HEADER_HEIGHT + len(rows) * ROW_HEIGHT + FOOTER_HEIGHT
        parts.append(dataclasses.replace(timeline, rows=rows, height=height))
    return parts


def timeline_svgs(parts) -> list:
    """Each part drawn by the app's timeline template, the ids of its title and
    description numbered from the second part on so that they stay unique in the
    document."""
    return [
        render_to_string(
            "steps/planning/_timeline_svg.html",
            {"timeline": part, "svg_id": "timeline" if number == 1 else f"timeline-{number}"},
        )
        for number, part in enumerate(parts, start=1)
    ]


def action_plan(project, *, area=LANDSCAPE_AREA) -> dict:
    """Actions (with `overdue` for the list) and their timeline, in 1 query."""
    today = timezone.localdate()
    actions = list(actions_for(project))
    timeline, undated = timeline_for(actions, today)
    rows = [(action, action.is_overdue(today)) for action in actions]
    return {
        "action_rows": rows,
        "timeline": timeline,
        "timeline_svgs": timeline_svgs(timeline_parts(timeline, area)),
        "undated": undated,
        "today": today,
    }


def build_plan_context(membership, project) -> dict:
    context = base_context(project, step=STEPS_BY_CODE["realisation"])
    context.update(action_plan(project))
    context["plan"] = strategic_plan(project)
    return context
