"""The follow-up on the pages of `projects` (which never imports `steps`): the to-do
block of the project home, the target date of each step card, « Mes projets ».

    {% load followup %}
    {% todo_block membership %}                  the home's « À faire pour vous »
    {% step_due membership step.code as due %}  a step's date as this member sees it
    {% todo_by_project memberships as todos %}   « Mes projets », once for the page
    {{ todos|todo_items:membership.project_id }}
"""

from django import template

from steps.followup.todo import followup_for, todo_for_user

register = template.Library()

# Items shown per project on « Mes projets »; the rest are counted.
SUMMARY_ITEMS = 3


@register.inclusion_tag("steps/followup/_todo.html", takes_context=True)
def todo_block(context, membership):
    return {
        "items": followup_for(membership).items,
        "project": membership.project,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def step_due(membership, step_code):
    """The step's target date (a deadlines.Due) as this member sees it, or None."""
    return followup_for(membership).step_dues.get(step_code)


@register.simple_tag
def todo_by_project(memberships):
    """project id -> the person's items, for all the memberships of the page at once."""
    memberships = list(memberships)
    if not memberships:
        return {}
    return todo_for_user(memberships[0].user_id, memberships=memberships)


@register.filter
def todo_items(todos, project_id):
    return todos.get(project_id, [])


@register.inclusion_tag("steps/followup/_todo_summary.html")
def todo_summary(items, project):
    """A project's first items on « Mes projets », the rest counted."""
    return {
        "items": items[:SUMMARY_ITEMS],
        "more": max(len(items) - SUMMARY_ITEMS, 0),
        "project": project,
    }
