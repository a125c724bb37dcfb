"""The Content-Security-Policy breaks nothing: main pages and their scripts run in
Chromium without a single policy violation."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import ActionFactory, PooledResourceFactory, RiskFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def watched_page(browser, live_server, browser_context_args):
    """Open logged-in pages that record every CSP violation the browser reports.

    Their contexts are closed before the live server stops, so no request is left in flight.
    """
    contexts = []

    def open_page(user):
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        return _watch(context, live_server, user)

    yield open_page
    for context in contexts:
        context.close()


def _watch(context, live_server, user):
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda message: (
            page.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    # An init script runs outside the page's policy: it only listens.
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return page


def violations(page) -> list[str]:
    return page.violations + page.evaluate("window.__csp")


def test_csp_main_pages_have_no_violation(world, transactional_db, live_server, watched_page):
    """Dashboard, questionnaire, calculator, grid, risks and plan load without violation."""
    PooledResourceFactory(project=world.project)
    RiskFactory(project=world.project)
    ActionFactory(project=world.project, organisation=world.org_a)
    page = watched_page(world.coordinator)
    slug = world.project.slug
    paths = [
        reverse("projects:home", args=[slug]),
        reverse("steps:dashboard", args=[slug]),
        reverse("steps:step", args=[slug, "impulsion"]),
        reverse("steps:org_answers", args=[slug, "impulsion", world.org_a.pk]),
        reverse("steps:resources", args=[slug]),
        reverse("steps:grid", args=[slug]),
        reverse("steps:risks", args=[slug]),
        reverse("steps:actions", args=[slug]),
        reverse("steps:action_timeline", args=[slug]),
        reverse("admin:index"),
    ]

    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path


def test_csp_autosave_and_calculator_scripts_still_work(
    world, transactional_db, live_server, watched_page
):
    """Typing an answer saves it, typing in the calculator shows a breakdown: no violation."""
    page = watched_page(world.partner_a)
    slug = world.project.slug
    page.goto(
        live_server.url + reverse("steps:org_answers", args=[slug, "impulsion", world.org_a.pk])
    )
    page.locator("textarea[name='impulsion.besoin']").fill("Un camion réfrigéré")
    page.locator("textarea[name='impulsion.besoin']").blur()
    page.get_by_text("Enregistré à").first.wait_for()
    assert violations(page) == []

    page = watched_page(world.coordinator)
    page.goto(live_server.url + reverse("steps:resource_create", args=[slug]))
    page.locator("#id_name").fill("Camion réfrigéré")
    page.locator("#id_consumable_cost_per_unit").fill("0,40")
    # pricing.js posts the form and replaces the placeholder with the server's answer.
    expect(page.locator("#apercu-calcul")).not_to_contain_text("s'affiche ici")
    assert violations(page) == []


def test_csp_login_page_has_no_violation(transactional_db, live_server, watched_page):
    """The anonymous login page loads its styles and scripts under the policy."""
    page = watched_page(None)

    page.goto(live_server.url + reverse("login"))

    assert page.locator("link[rel=stylesheet]").count() >= 1
    assert violations(page) == []
