"""Autosave in a real browser: nothing typed is lost, conflicts are shown, not overwritten."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from steps.models import Answer
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("small_catalogue")]

MISSION = "reflexion.identite.mission.description"


def logged_in_page(browser, live_server, user, browser_context_args):
    """A new browser context with `user`'s session cookie, and a page in it."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(**browser_context_args)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def snap(page, name):
    """Keep a picture of the page in test-artifacts/ (git-ignored) for a human look."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"autosave-{name}.png", full_page=True)


def org_page_url(live_server, world, step="reflexion"):
    return live_server.url + reverse(
        "steps:org_answers", args=[world.project.slug, step, world.org_a.pk]
    )


def state_of(page, code):
    return page.locator(f'[data-question="{code}"] [data-save-state]')


def test_autosave_portrait_text_survives_a_reload(
    browser, live_server, world, browser_context_args
):
    """A partner types in a portrait field, sees « Enregistré », reloads: the text is there."""
    page = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    page.goto(org_page_url(live_server, world))
    field = page.locator(f'[name="{MISSION}"]')
    field.fill("Nourrir dignement les familles du Suroît.")

    expect(state_of(page, MISSION)).to_have_text(re.compile(r"^Enregistré\sà\s\d+\sh\s\d\d$"))
    assert Answer.objects.get(question_code=MISSION).value == (
        "Nourrir dignement les familles du Suroît."
    )
    snap(page, "enregistre")
    page.reload()
    expect(page.locator(f'[name="{MISSION}"]')).to_have_value(
        "Nourrir dignement les familles du Suroît."
    )
    page.context.close()


def test_autosave_choice_saves_on_change(browser, live_server, world, browser_context_args):
    """Ticking an appreciation saves at once, without any typing pause."""
    page = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    page.goto(org_page_url(live_server, world))
    code = "reflexion.identite.mission.appreciation"
    page.locator(f'[data-question="{code}"]').get_by_label("Force").check()
    expect(state_of(page, code)).to_have_text(re.compile("^Enregistré"))
    assert Answer.objects.get(question_code=code).value == "force"
    page.context.close()


def test_autosave_conflict_shows_both_versions_and_lets_choose(
    browser, live_server, world, browser_context_args
):
    """Two people edit the same answer: the second sees both versions and keeps theirs."""
    paul = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    claire = logged_in_page(browser, live_server, world.coordinator, browser_context_args)
    paul.goto(org_page_url(live_server, world))
    claire.goto(org_page_url(live_server, world))

    paul.locator(f'[name="{MISSION}"]').fill("Version de Paul")
    expect(state_of(paul, MISSION)).to_have_text(re.compile("^Enregistré"))

    claire.locator(f'[name="{MISSION}"]').fill("Version de Claire")
    conflict = claire.locator(f'[data-question="{MISSION}"] [data-conflict-box]')
    expect(conflict).to_be_visible()
    expect(conflict.locator(".conflict-yours")).to_contain_text("Version de Claire")
    expect(conflict.locator(".conflict-theirs")).to_contain_text("Version de Paul")
    expect(conflict.locator(".conflict-theirs")).to_contain_text("Paul Partenaire")
    snap(claire, "conflit")
    assert Answer.objects.get(question_code=MISSION).value == "Version de Paul"

    conflict.get_by_role("button", name="Garder ma version").click()
    expect(state_of(claire, MISSION)).to_have_text(re.compile("^Enregistré"))
    answer = Answer.objects.get(question_code=MISSION)
    assert (answer.value, answer.version) == ("Version de Claire", 2)
    paul.context.close()
    claire.context.close()


def test_autosave_conflict_take_their_version(browser, live_server, world, browser_context_args):
    """« Prendre leur version » puts their text in the field and saves nothing."""
    paul = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    claire = logged_in_page(browser, live_server, world.coordinator, browser_context_args)
    paul.goto(org_page_url(live_server, world))
    claire.goto(org_page_url(live_server, world))
    paul.locator(f'[name="{MISSION}"]').fill("Version de Paul")
    expect(state_of(paul, MISSION)).to_have_text(re.compile("^Enregistré"))

    claire.locator(f'[name="{MISSION}"]').fill("Version de Claire")
    claire.get_by_role("button", name="Prendre leur version").click()
    expect(claire.locator(f'[name="{MISSION}"]')).to_have_value("Version de Paul")
    assert Answer.objects.get(question_code=MISSION).version == 1
    paul.context.close()
    claire.context.close()


def test_autosave_retries_after_a_network_failure(
    browser, live_server, world, browser_context_args
):
    """A failed request shows « Non enregistré — réessayer », then the retry saves."""
    page = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    page.goto(org_page_url(live_server, world))
    failures = {"left": 1}

    def flaky(route):
        if failures["left"]:
            failures["left"] -= 1
            route.abort()
        else:
            route.continue_()

    page.route("**/reponses/enregistrement-auto/", flaky)
    page.locator(f'[name="{MISSION}"]').fill("Texte tapé hors ligne")
    expect(state_of(page, MISSION).get_by_role("button")).to_have_text(
        "Non enregistré — réessayer"
    )
    expect(state_of(page, MISSION)).to_have_text(re.compile("^Enregistré"), timeout=10_000)
    assert Answer.objects.get(question_code=MISSION).value == "Texte tapé hors ligne"
    page.context.close()


def test_submit_with_missing_required_answer_shows_the_list(
    browser, live_server, world, browser_context_args
):
    """Submitting without the required answer lists it, with a link to the field."""
    page = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    page.goto(org_page_url(live_server, world, step="impulsion"))
    page.get_by_role("button", name="Soumettre les réponses").click()

    alert = page.locator("#reponses-manquantes")
    expect(alert).to_contain_text("Impossible de soumettre")
    link = alert.get_by_role("link", name="Notre besoin")
    expect(link).to_have_attribute("href", re.compile("/impulsion/.*#q-impulsion.besoin$"))
    snap(page, "manquants")
    link.click()
    expect(page).to_have_url(re.compile("#q-impulsion.besoin$"))
    page.context.close()


def test_autosave_database_down_keeps_the_text_in_the_browser_until_saved(
    browser, live_server, world, browser_context_args
):
    """A 503 shows « Hors ligne — réessai… »; the tab closed, the next visit saves the text."""
    page = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    page.goto(org_page_url(live_server, world))
    page.route(
        "**/reponses/enregistrement-auto/",
        lambda route: route.fulfill(
            status=503, content_type="application/json", body='{"status": "unavailable"}'
        ),
    )
    page.locator(f'[name="{MISSION}"]').fill("Écrit pendant la panne")
    expect(state_of(page, MISSION).get_by_role("button")).to_have_text(
        re.compile("^Hors ligne — réessai…")
    )
    assert not Answer.objects.filter(question_code=MISSION).exists()
    context = page.context
    page.close()  # the person gives up and closes the tab

    page = context.new_page()  # later, the service is back
    page.goto(org_page_url(live_server, world))
    expect(page.locator(f'[name="{MISSION}"]')).to_have_value("Écrit pendant la panne")
    expect(state_of(page, MISSION)).to_have_text(re.compile("^Enregistré"), timeout=10_000)
    assert Answer.objects.get(question_code=MISSION).value == "Écrit pendant la panne"
    page.reload()  # saved: the draft is gone, the page shows the server's value
    expect(state_of(page, MISSION)).not_to_have_text(re.compile("retrouvé"))
    context.close()


def test_portrait_pages_save_before_moving_on(browser, live_server, world, browser_context_args):
    """The portrait shows one dimension per page: text typed just before « Suivant » is
    saved before the next page opens, the progress bar follows, and the text is there
    when coming back through the list of dimensions."""
    page = logged_in_page(browser, live_server, world.partner_a, browser_context_args)
    page.goto(org_page_url(live_server, world))
    expect(page.locator("#portrait-position")).to_contain_text("Dimension 1 sur 2")
    bar = page.locator("progress[data-progress-bar]")
    expect(bar).to_have_attribute("value", "0")

    page.locator(f'[name="{MISSION}"]').fill("Nourrir dignement les familles du Suroît.")
    page.get_by_role("link", name=re.compile("^Suivant")).click()  # before the autosave delay
    expect(page.locator("#portrait-position")).to_contain_text("Dimension 2 sur 2")
    assert Answer.objects.get(question_code=MISSION).value == (
        "Nourrir dignement les familles du Suroît."
    )
    expect(page.locator('[name="reflexion.identite.mission.description"]')).to_have_count(0)
    expect(bar).to_have_attribute("value", "1")

    premises = "reflexion.installations.locaux.appreciation"
    page.locator(f'[data-question="{premises}"]').get_by_label("Force").check()
    expect(state_of(page, premises)).to_have_text(re.compile("^Enregistré"))
    expect(bar).to_have_attribute("value", "2")
    snap(page, "portrait-page-2")

    page.locator(".portrait-pages").get_by_role("link", name="Identité").click()
    expect(page.locator(f'[name="{MISSION}"]')).to_have_value(
        "Nourrir dignement les familles du Suroît."
    )
    page.context.close()
