"""`{% checklist_box %}`: a step page's box of conditions of success and pitfalls.

Loaded as `{% load checklist %}` through steps/templatetags/checklist.py. One query.
"""

from django import template
from django.urls import reverse

from . import selectors

register = template.Library()


@register.inclusion_tag("steps/checklist/_step_box.html", takes_context=True)
def checklist_box(context):
    project, membership, step = context["project"], context["membership"], context["step"]
    request = context.get("request")
    return {
        # Folded on the step page, open again after a tick (back with `?conditions=1`).
        "open": request is not None and request.GET.get("conditions") == "1",
        "project": project,
        "checklist": selectors.step_checklist(step, selectors.entries_of(project)),
        "can_tick": not membership.is_advisor,
        "next": reverse("steps:step", args=[project.slug, step.code]) + "?conditions=1",
        "csrf_token": context.get("csrf_token"),
    }
