"""The step bar, the tool tabs and the breadcrumbs of every project page, from the one
registry of steps/navigation.py (rendered once by base.html, no query of their own:
the project and the member come with the request, set by projects.access.project_view).

    {% load navigation %}
    {% project_nav as nav %}           the step bar and the tabs of the current step
    {% breadcrumb_trail as crumbs %}  Mes projets › Projet › N. Étape › Outil › … › page
    {% organisation_links organisation %}  an organisation's answers, portrait, commitments
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.method import STEPS, STEPS_BY_CODE
from steps.models import PooledResource, StepStatus
from steps.navigation import TOOLS_LABELS, Place, place_of, tools_of
from steps.questionnaire.selectors import can_see_answers, has_organisation_scope

register = template.Library()


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    # "page" when the link is the page shown, "true" when the page is inside it.
    current: str = ""
    number: int | None = None  # a step's number, shown apart from its title


def _page(context):
    """(membership, url name, place) of a project page, or None elsewhere."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    membership = getattr(request, "membership", None)
    if match is None or membership is None or "project_slug" not in match.kwargs:
        return None
    step = context.get("step")
    step_code = match.kwargs.get("step_code") or getattr(step, "code", None)
    place = place_of(match.view_name, step_code) or Place()
    return membership, match.view_name, place


def _step_url(slug, step) -> str:
    return reverse("steps:step", args=[slug, step.code])


def _step_label(step) -> str:
    return f"{step.number}. {step.title}"


@register.simple_tag(takes_context=True)
def project_nav(context):
    """The step bar (every step, the dashboard) and, on a step's page, its tool tabs."""
    page = _page(context)
    if page is None:
        return None
    membership, url_name, place = page
    slug = membership.project.slug
    steps = [
        Link(
            str(step.title),
            _step_url(slug, step),
            ("page" if url_name == "steps:step" else "true") if step == place.step else "",
            step.number,
        )
        for step in STEPS
    ]
    dashboard = Link(
        _("Tableau de bord"),
        reverse("steps:dashboard", args=[slug]),
        "page" if url_name == "steps:dashboard" else "",
    )
    nav = {"steps": steps, "dashboard": dashboard, "step": place.step, "tabs": []}
    if place.step is None:
        return nav
    on_step_page = place.tool is None
    nav["tabs_label"] = TOOLS_LABELS[place.step.code]
    nav["tabs"].append(
        Link(
            _("Vue d’ensemble"),
            _step_url(slug, place.step),
            ("page" if url_name == "steps:step" else "true") if on_step_page else "",
        )
    )
    filters = context.get("filter_query") if place.tool and place.tool.keeps_filters else ""
    for tool in tools_of(place.step.code):
        if tool.coordinator_only and not membership.is_coordinator:
            continue
        url = reverse(tool.url_name, args=[slug])
        if filters and tool.keeps_filters:
            url = f"{url}?{filters}"
        current = ""
        if tool == place.tool:
            current = "page" if url_name == tool.url_name else "true"
        nav["tabs"].append(Link(tool.label, url, current))
    return nav


def _path(url) -> str:
    return str(url or "").split("?", 1)[0]


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """The page's breadcrumbs as Links, the last one the page itself (no URL).

    The step and the tool come from the registry; the page gives its `page_title` and,
    below the tool, its `grandparent_url`/`grandparent_title` and `parent_url`/
    `parent_title` (a level the registry already shows is not repeated)."""
    page = _page(context)
    if page is None:
        return []
    membership, url_name, place = page
    project = membership.project
    crumbs = [
        Link(_("Mes projets"), reverse("projects:list")),
        Link(project.name, project.get_absolute_url()),
    ]
    if url_name == "projects:home":
        return _ending(crumbs)
    if place.step is not None:
        crumbs.append(Link(_step_label(place.step), _step_url(project.slug, place.step)))
        if url_name == "steps:step":
            return _ending(crumbs)
    if place.tool is not None:
        crumbs.append(Link(place.tool.label, reverse(place.tool.url_name, args=[project.slug])))
        if url_name == place.tool.url_name:
            return _ending(crumbs)
    shown = {_path(crumb.url) for crumb in crumbs}
    for level in ("grandparent", "parent"):
        url = context.get(f"{level}_url")
        if url and _path(url) not in shown:
            crumbs.append(Link(str(context.get(f"{level}_title", "")), url))
            shown.add(_path(url))
    title = context.get("page_title")
    if title:
        crumbs.append(Link(str(title), ""))
    return _ending(crumbs)


def _ending(crumbs: list[Link]) -> list[Link]:
    """The last crumb is the page shown: no link, aria-current."""
    last = crumbs[-1]
    return [*crumbs[:-1], Link(last.label, "", "page")]


@dataclass(frozen=True)
class AnswersLink:
    step: object
    url: str  # empty when the viewer may not read these answers (another's draft)
    status: str


@register.inclusion_tag("steps/questionnaire/_organisation_links.html", takes_context=True)
def organisation_links(context, organisation):
    """What the organisation page leads to: its answers per step, its portrait (PDF and
    blank) and, for the coordination, its commitments, as far as the viewer may follow
    (the rule of the answer pages: another organisation's drafts stay hidden).
    Two queries: the organisation's statuses, and the resources for the coordination."""
    membership = context["request"].membership
    project = membership.project
    codes = [step.code for step in STEPS[:2] if has_organisation_scope(step.code)]
    statuses = dict(
        StepStatus.objects.filter(
            project=project, organisation=organisation, step__in=codes
        ).values_list("step", "status")
    )
    answers, visible = [], {}
    for code in codes:
        status = statuses.get(code, StepStatus.Status.NOT_STARTED)
        visible[code] = can_see_answers(membership, organisation, status)
        url = reverse("steps:org_answers", args=[project.slug, code, organisation.pk])
        answers.append(
            AnswersLink(
                STEPS_BY_CODE[code],
                url if visible[code] else "",
                StepStatus.Status(status).label,
            )
        )
    resources = []
    if membership.is_coordinator:
        resources = [
            Link(resource.name, reverse("steps:commitments", args=[project.slug, resource.pk]))
            for resource in PooledResource.objects.filter(project=project).order_by("name")
        ]
    args = [project.slug, organisation.pk]
    return {
        "organisation": organisation,
        "answers": answers,
        "portrait_url": (
            reverse("steps:report_portrait", args=args) if visible.get("reflexion") else ""
        ),
        "blank_pdf_url": reverse("steps:blank_portrait", args=[*args, "pdf"]),
        "blank_docx_url": reverse("steps:blank_portrait", args=[*args, "docx"]),
        "resources": resources,
    }
