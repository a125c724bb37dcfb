"""A newcomer's first minutes in a real browser: log in, open the demo project."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from projects.demo import COORDINATOR_EMAIL, DEMO_PASSWORD, DEMO_PROJECT_NAME
from projects.method import STEPS

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    """Load the demo project, as `make run` does."""
    call_command("demo", force=True, stdout=io.StringIO())


def log_in(page: Page, live_server, email: str, password: str) -> None:
    page.goto(live_server.url + reverse("login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("[type=submit]").click()


def test_login_demo_coordinator_sees_the_six_steps(page: Page, live_server, demo, screenshot):
    """The demo coordinator logs in, opens the demo project and sees the six steps."""
    log_in(page, live_server, COORDINATOR_EMAIL, DEMO_PASSWORD)
    expect(page).to_have_url(live_server.url + reverse("projects:list"))

    page.get_by_role("link", name=DEMO_PROJECT_NAME).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_PROJECT_NAME)
    with translation.override("fr-ca"):
        titles = [str(step.title) for step in STEPS]
    for title in titles:
        expect(page.get_by_role("heading", name=re.compile(re.escape(title)))).to_be_visible()
    screenshot("projet-demo")


def test_login_wrong_password_shows_french_error(page: Page, live_server, demo, screenshot):
    """A wrong password keeps the person on the login page with a French message."""
    log_in(page, live_server, COORDINATOR_EMAIL, "pas-le-bon-mot-de-passe")

    expect(page).to_have_url(re.compile(re.escape(reverse("login"))))
    expect(page.get_by_text("Adresse courriel ou mot de passe incorrect")).to_be_visible()
    expect(page.locator("input[name=username]")).to_have_value(COORDINATOR_EMAIL)
    screenshot("mot-de-passe-errone")
