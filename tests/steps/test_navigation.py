"""One navigation model (issue 18): every project page shows the step bar and breadcrumbs
built from steps/navigation.py; each tool sits under exactly one step."""

import re
from collections import Counter
from html import unescape

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve, reverse

from projects.method import STEPS, STEPS_BY_CODE
from steps.models import Answer, StepStatus
from steps.navigation import TOOLS, TOOLS_LABELS, every_url_name, place_of
from tests.test_permission_matrix import URL_KWARGS, _named_patterns

STEP_BAR = re.compile(
    r'<nav class="step-nav[^"]*" aria-label="Étapes de la démarche">(.*?)</nav>', re.S
)
TABS = re.compile(r'<nav class="tool-tabs[^"]*" aria-label="([^"]+)">(.*?)</nav>', re.S)
CRUMBS = re.compile(
    r'<nav aria-label="Fil d’Ariane"><ol class="breadcrumb">(.*?)</ol></nav>', re.S
)
CRUMB = re.compile(r'<li class="breadcrumb-item[^"]*"[^>]*>(.*?)</li>', re.S)
CURRENT_LINK = re.compile(
    r'<a class="nav-link active" href="([^"]*)" aria-current="(page|true)">(.*?)</a>', re.S
)


def _text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _project_patterns():
    """URL name -> parameters, for every URL under /projets/<slug>/."""
    return {name: params for name, params in _named_patterns() if "project_slug" in params}


def _url(name, params, world):
    return reverse(name, kwargs={param: URL_KWARGS[param](world) for param in params})


def _navigation(html: str):
    """(step bar, tabs label, tabs, breadcrumbs texts) of a page."""
    bar = STEP_BAR.search(html)
    tabs = TABS.search(html)
    crumbs = CRUMBS.search(html)
    return (
        bar.group(1) if bar else None,
        tabs.group(1) if tabs else None,
        tabs.group(2) if tabs else "",
        [_text(crumb) for crumb in CRUMB.findall(crumbs.group(1))] if crumbs else None,
    )


def test_registry_places_each_url_name_once():
    """A URL name in two tools (or a tool and a step page) would have two places."""
    twice = [name for name, count in Counter(every_url_name()).items() if count > 1]
    assert not twice, f"placed twice in steps/navigation.py: {twice}"


def test_registry_covers_every_project_url():
    """A new URL of a project without its place in the registry fails here."""
    urls, placed = set(_project_patterns()), set(every_url_name())
    assert not sorted(urls - placed), f"absent from steps/navigation.py: {sorted(urls - placed)}"
    assert not sorted(placed - urls), f"stale in steps/navigation.py: {sorted(placed - urls)}"


def test_registry_tools_by_step():
    """Ressources and the agreement are modélisation tools; communication is réalisation."""
    names = {code: [tool.url_name for tool in tools] for code, tools in TOOLS.items()}
    modelling = ["steps:operating_model", "steps:resources", "steps:risks", "steps:agreement"]
    assert [name for name in names["modelisation"] if name in modelling] == modelling
    assert names["realisation"] == [
        "steps:strategic_plan",
        "steps:actions",
        "steps:action_timeline",
        "steps:communication",
    ]
    assert place_of("steps:commitments").tool.url_name == "steps:resources"
    assert place_of("steps:consent_round").tool.url_name == "steps:operating_model"
    assert place_of("steps:agreement_section_edit").step.code == "modelisation"
    assert place_of("projects:members").step is None
    assert place_of("steps:org_answers", "reflexion").step.code == "reflexion"
    assert place_of("projects:list") is None


def _check_page(name, url, html, kwargs):
    """The failures of one page's navigation against the registry."""
    bar, tabs_label, tabs, crumbs = _navigation(html)
    if bar is None:
        return [f"{name} ({url}): no step bar"]
    if not crumbs:
        return [f"{name} ({url}): no breadcrumbs"]
    problems = []
    place = place_of(name, kwargs.get("step_code") or _answer_step(kwargs))
    current_steps = [_text(label) for _href, _kind, label in CURRENT_LINK.findall(bar)]
    if crumbs[:1] != ["Mes projets"] or len(crumbs) < 2:
        problems.append(f"breadcrumbs start {crumbs[:2]}")
    if place.step is None:
        if name != "steps:dashboard" and current_steps:
            problems.append(f"a step is current on a page of no step: {current_steps}")
        if tabs_label is not None:
            problems.append("tool tabs on a page of no step")
        if any(re.match(r"\d\. ", crumb) for crumb in crumbs):
            problems.append(f"a step in the breadcrumbs: {crumbs}")
    else:
        label = f"{place.step.number}. {place.step.title}"
        if current_steps != [label]:
            problems.append(f"step bar current {current_steps}, expected {label}")
        if len(crumbs) < 3 or crumbs[2] != label:
            problems.append(f"breadcrumbs {crumbs}, expected {label} third")
        if tabs_label is None:
            problems.append("no tool tabs")
        current_tabs = [_text(label) for _href, _kind, label in CURRENT_LINK.findall(tabs)]
        expected_tab = str(place.tool.label) if place.tool else "Vue d’ensemble"
        if current_tabs != [expected_tab]:
            problems.append(f"current tab {current_tabs}, expected {expected_tab}")
        if place.tool and (len(crumbs) < 4 or crumbs[3] != str(place.tool.label)):
            problems.append(f"breadcrumbs {crumbs}, expected {place.tool.label} fourth")
    return [f"{name} ({url}): {problem}" for problem in problems]


def _answer_step(kwargs):
    """An answer's history takes the step of its answer."""
    if "answer_id" not in kwargs:
        return None
    return Answer.objects.get(pk=kwargs["answer_id"]).question_code.split(".", 1)[0]


def test_every_project_page_shows_the_step_bar_and_its_breadcrumbs(world, client_as):
    """As the coordinator, each HTML page of a project (GET 200) has the step bar, the
    current step and tool of the registry, and breadcrumbs that agree with them."""
    client = client_as(world.coordinator)
    failures, checked = [], []
    for name, params in sorted(_project_patterns().items()):
        url = _url(name, params, world)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        checked.append(name)
        failures += _check_page(name, url, response.content.decode(), resolve(url).kwargs)
    assert not failures, "\n".join(failures)
    # The pages people navigate are all among those checked.
    assert {
        "projects:home",
        "projects:members",
        "projects:organisation",
        "steps:step",
        "steps:org_answers",
        "steps:dashboard",
        "steps:deadlines",
        "steps:calendar",
        "steps:project_transfer",
        "steps:agreement",
        "steps:agreement_section_edit",
        "steps:resource_detail",
        "steps:commitments",
        "steps:communication",
        "steps:communication_item_create",
        "steps:risk_create",
        "steps:indicator_create",
        "steps:grid",
    } <= set(checked)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.code)
def test_each_step_page_is_current_in_the_step_bar(world, client_as, step):
    """The step page: its number current in the bar (aria-current="page") and first tab."""
    url = reverse("steps:step", args=[world.project.slug, step.code])
    html = client_as(world.coordinator).get(url).content.decode()
    assert _check_page("steps:step", url, html, {"step_code": step.code}) == []
    bar, tabs_label, tabs, crumbs = _navigation(html)
    assert f'<a class="nav-link active" href="{url}" aria-current="page">' in bar
    assert crumbs[-1] == f"{step.number}. {step.title}"
    assert tabs_label == str(TOOLS_LABELS[step.code])


def test_agreement_is_a_modelling_tool_in_tabs_and_breadcrumbs(world, client_as):
    """« Projet d’entente » : step 4 in its breadcrumbs and its tabs, next to Ressources."""
    slug = world.project.slug
    html = client_as(world.partner_a).get(reverse("steps:agreement", args=[slug])).content
    bar, tabs_label, tabs, crumbs = _navigation(html.decode())
    assert crumbs == ["Mes projets", world.project.name, "4. Modélisation", "Projet d’entente"]
    assert tabs_label == "Outils de la modélisation"
    labels = [_text(link) for link in re.findall(r"<a [^>]*>(.*?)</a>", tabs)]
    assert labels[0] == "Vue d’ensemble"
    expected = [
        "Modèle de fonctionnement",
        "Ressources",
        "Registre des risques",
        "Projet d’entente",
    ]
    assert [label for label in labels if label in expected] == expected


def test_sub_page_breadcrumbs_name_the_tool_once(world, client_as):
    """A form under a tool: … › 5. Réalisation › Plan de communication › page, the tool
    linked once although the page names it as its parent too."""
    slug = world.project.slug
    html = client_as(world.coordinator).get(
        reverse("steps:communication_item_create", args=[slug])
    )
    _bar, _label, tabs, crumbs = _navigation(html.content.decode())
    assert crumbs[:4] == [
        "Mes projets",
        world.project.name,
        "5. Réalisation",
        "Plan de communication",
    ]
    assert len(crumbs) == 5
    communication = reverse("steps:communication", args=[slug])
    assert f'href="{communication}" aria-current="true">Plan de communication</a>' in tabs


def test_step_tabs_follow_the_role(world, client_as):
    """« Dimensions du portrait » is a coordination page: no tab for the partners."""
    url = reverse("steps:step", args=[world.project.slug, "reflexion"])
    assert (
        "Dimensions du portrait"
        in _navigation(client_as(world.coordinator).get(url).content.decode())[2]
    )
    assert (
        "Dimensions du portrait"
        not in _navigation(client_as(world.partner_a).get(url).content.decode())[2]
    )


def test_action_list_filters_carry_over_to_the_calendar_tab(world, client_as):
    """The action list's filters stay on when going to its calendar, and back."""
    slug = world.project.slug
    client = client_as(world.coordinator)
    query = f"organisation={world.org_a.pk}"
    tabs = _navigation(
        client.get(reverse("steps:actions", args=[slug]) + "?" + query).content.decode()
    )[2]
    assert f'href="{reverse("steps:action_timeline", args=[slug])}?{query}"' in unescape(tabs)
    tabs = _navigation(
        client.get(reverse("steps:action_timeline", args=[slug]) + "?" + query).content.decode()
    )[2]
    assert f'href="{reverse("steps:actions", args=[slug])}?{query}"' in unescape(tabs)
    # Other tools do not take the filters.
    assert f"{reverse('steps:strategic_plan', args=[slug])}?" not in tabs


def test_navigation_costs_no_query(world, django_assert_num_queries):
    """The bar, the tabs and the breadcrumbs come from the request's membership."""
    membership = world.coordinator.memberships.select_related("project").get()
    request = RequestFactory().get(reverse("steps:risks", args=[world.project.slug]))
    request.resolver_match = resolve(request.path)
    request.membership = membership
    template = Template(
        '{% include "_breadcrumbs.html" %}{% include "steps/questionnaire/_step_nav.html" %}'
    )
    with django_assert_num_queries(0):
        html = template.render(Context({"request": request}))
    assert "Registre des risques" in html and "Étapes de la démarche" in html


def test_pages_outside_projects_have_no_step_bar(world, client_as):
    html = client_as(world.coordinator).get(reverse("about_method")).content.decode()
    assert _navigation(html)[0] is None


def test_step_bar_is_not_shown_to_outsiders_on_errors(world, client_as):
    """A 404 inside a project's URL tells an outsider nothing about the project."""
    response = client_as(world.outsider).get(
        reverse("steps:step", args=[world.project.slug, "impulsion"])
    )
    assert response.status_code == 404
    assert world.project.name not in response.content.decode()


def _organisation_page(client, world, organisation):
    url = reverse("projects:organisation", args=[world.project.slug, organisation.pk])
    return client.get(url).content.decode()


def _answers_url(world, step, organisation):
    return reverse("steps:org_answers", args=[world.project.slug, step, organisation.pk])


def test_organisation_page_links_to_its_answers_and_portrait(world, client_as):
    """The coordination reaches an organisation's answers, portrait and commitments."""
    html = _organisation_page(client_as(world.coordinator), world, world.org_a)
    slug = world.project.slug
    assert _answers_url(world, "reflexion", world.org_a) in html
    assert reverse("steps:report_portrait", args=[slug, world.org_a.pk]) in html
    assert reverse("steps:blank_portrait", args=[slug, world.org_a.pk, "pdf"]) in html


def test_organisation_page_hides_another_organisations_drafts(world, client_as):
    """Partner B does not get links to A's draft answers nor A's portrait; once A has
    submitted its réflexion, the links are there."""
    client = client_as(world.partner_b)
    html = _organisation_page(client, world, world.org_a)
    portrait = reverse("steps:report_portrait", args=[world.project.slug, world.org_a.pk])
    assert _answers_url(world, "reflexion", world.org_a) not in html
    assert portrait not in html
    StepStatus.objects.create(
        project=world.project,
        organisation=world.org_a,
        step="reflexion",
        status=StepStatus.Status.SUBMITTED,
    )
    html = _organisation_page(client, world, world.org_a)
    assert _answers_url(world, "reflexion", world.org_a) in html
    assert portrait in html
    assert client.get(_answers_url(world, "reflexion", world.org_a)).status_code == 200


def test_organisation_page_links_its_own_partner_to_its_drafts(world, client_as):
    html = _organisation_page(client_as(world.partner_a), world, world.org_a)
    assert _answers_url(world, "reflexion", world.org_a) in html
    assert str(STEPS_BY_CODE["reflexion"].title) in html


@pytest.mark.parametrize("resources", [1, 6])
def test_organisation_page_query_count_is_fixed(
    world, client_as, django_assert_num_queries, resources
):
    """Its links cost two queries (the statuses; the resources for the coordination),
    whatever the number of resources."""
    from steps.models import PooledResource

    for number in range(resources):
        PooledResource.objects.create(project=world.project, name=f"Ressource {number}")
    client = client_as(world.coordinator)
    url = reverse("projects:organisation", args=[world.project.slug, world.org_a.pk])
    client.get(url)  # the session and the caches, once
    with django_assert_num_queries(8) as queries:
        html = client.get(url).content.decode()
    assert html.count("Engagements envers la ressource") == resources, queries
