"""Playwright drives the system's Chromium against pytest-django's live server.

Playwright cannot download browsers here: Debian's Chromium is launched instead
(CHROMIUM_PATH, /usr/bin/chromium by default). Without it the browser tests are skipped,
unless REQUIRE_BROWSER=1, which turns the skip into a failure (CI sets it).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the suite may run as root (containers, CI)
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test of this folder as a browser test."""
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def allow_orm_next_to_playwright():
    """Let the ORM run in the test thread, where Playwright's sync API keeps a loop.

    Fixtures and assertions still call the ORM synchronously, which is safe; only the
    browser tests need this, so the rest of the suite keeps Django's guard.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium, or skip (fail with REQUIRE_BROWSER=1) without it."""
    if not os.access(CHROMIUM_PATH, os.X_OK):
        reason = f"Chromium introuvable ({CHROMIUM_PATH}) : tests navigateur sautés"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 : {reason}", pytrace=False)
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Browse as a person in Québec: French pages, Montréal time."""
    return {**browser_context_args, "locale": "fr-CA", "timezone_id": "America/Montreal"}


@pytest.fixture
def screenshot(page, request):
    """Return a function saving the page to test-artifacts/<test>-<name>.png.

    `of=` saves another page instead (a second person's browser context in a journey).
    """

    def save(name: str, of=None) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        (of or page).screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def new_page(browser, browser_context_args, live_server):
    """Return a function opening a page in a browser context of its own (another person).

    The contexts close when the test ends, pass or fail, while the live server still
    serves the test's database: no request is left in flight.
    """
    contexts = []

    def open_page():
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
