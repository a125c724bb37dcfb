"""Small screens and zoom: at 320 px wide, and at 200 % zoom (a 1280 × 800 window seen as
640 × 400 CSS pixels), the page body never scrolls sideways — wide tables scroll inside
their own wrapper — and the collapsed menu opens with the keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import a11y
from tests.browser.a11y import PAGES, PARTNER, assert_accessible
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

demo = a11y.demo  # fixtures shared with the accessibility and keyboard tests
open_page = a11y.open_page

# 320 CSS px (WCAG 1.4.10 reflow), and 200 % zoom of a 1280 × 800 window.
SCREENS = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    "zoom200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}
MAIN_PAGES = [
    "connexion",
    "methode",
    "projets",
    "projet-accueil",
    "membres",
    "inviter",
    "tableau-de-bord",
    "etape-reflexion",
    "portrait-partenaire",
    "synthese-impulsion",
    "grille",
    "potentiel",
    "ressources",
    "ressource",
    "ressource-calcul",
    "engagements",
    "fonctionnement",
    "consentement",
    "risques",
    "entente",
    "plan-strategique",
    "plan-action",
    "plan-action-calendrier",
    "modele-logique",
    "indicateurs",
    "bilans",
    "bilan-modifier",
]

# Elements sticking out of the viewport that are not inside a scrolling wrapper.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    if (getComputedStyle(el).position === 'absolute') return false;  // may escape its wrapper
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && !scrolls(el)) {
      const tag = `<${el.tagName.toLowerCase()} class="${el.className}">`;
      out.push(`${tag} right=${Math.round(box.right)}`);
    }
  }
  return out.slice(0, 8);
}"""


def assert_no_horizontal_scroll(page) -> None:
    scroll_width, width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll_width > width:
        pytest.fail(
            f"{page.url}: the page is {scroll_width} px wide for a {width} px screen;"
            f" sticking out: {page.evaluate(OVERFLOWING)}"
        )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name", MAIN_PAGES)
def test_responsive_page_reflows_without_horizontal_scroll(
    name, screen, demo, live_server, open_page
):
    """The page fits the width; a table wider than the screen scrolls in its wrapper,
    which is then a named region reachable with the keyboard (axe-core checks it)."""
    email, path = PAGES[name]
    page = open_page(email, **SCREENS[screen])

    page.goto(live_server.url + path(demo))

    assert_no_horizontal_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    # One image pixel per CSS pixel keeps the long pages' pictures small and quick.
    page.screenshot(
        path=ARTIFACTS / f"responsive-{screen}-{name}.png",
        full_page=True,
        scale="css",
        timeout=60_000,
    )
    assert_accessible(page)


@pytest.mark.parametrize("screen", SCREENS)
def test_responsive_collapsed_menu_opens_with_the_keyboard(screen, demo, live_server, open_page):
    """The menu is folded behind a button; Enter opens it and its links lead on."""
    page = open_page(PARTNER, **SCREENS[screen])
    page.goto(live_server.url + demo.project.get_absolute_url())
    menu = page.get_by_role("navigation", name="Navigation principale")
    toggle = menu.get_by_role("button", name="Afficher le menu")
    projects = menu.get_by_role("link", name="Mes projets")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(projects).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Enter")

    expect(toggle).to_have_attribute("aria-expanded", "true")
    # Bootstrap marks the menu .show once its opening animation is over.
    expect(page.locator("#nav-principale")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(projects).to_be_visible()
    expect(menu.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(menu.get_by_label("Langue")).to_be_visible()
    assert_no_horizontal_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"responsive-{screen}-menu-ouvert.png")
    page.keyboard.press("Tab")
    expect(projects).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + reverse("projects:list"))


def test_responsive_wide_table_scrolls_inside_its_wrapper(demo, live_server, open_page):
    """At 320 px the members table is wider than the screen: its wrapper scrolls, is a
    region named by the table's caption, the arrow keys scroll it, and the key column
    (who) stays in view while the others pass under it."""
    page = open_page(a11y.COORD, **SCREENS["320px"])
    page.goto(live_server.url + demo.url("projects:members"))
    wrapper = page.locator("main .table-scroll").first

    assert wrapper.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(wrapper).to_have_attribute("tabindex", "0")
    expect(wrapper).to_have_attribute("role", "region")
    expect(wrapper).to_have_accessible_name(re.compile("Membres du projet"))
    key = wrapper.locator("tbody th").first
    left = key.evaluate("el => el.getBoundingClientRect().left")

    wrapper.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=wrapper.element_handle())

    assert key.evaluate("el => el.getBoundingClientRect().left") == left


def test_responsive_phone_stacks_the_dashboard_in_cards(demo, live_server, open_page):
    """On a phone the dashboard shows each organisation as a card naming all six steps,
    not a table cut after its first column."""
    page = open_page(a11y.COORD, viewport={"width": 390, "height": 844})
    page.goto(live_server.url + demo.url("steps:dashboard"))
    card = page.locator("main .dashboard-matrix tbody tr").first

    for step in ("1. Impulsion", "3. Diagnostic", "6. Évaluation"):
        cell = card.locator(f'td[data-label="{step}"]')
        expect(cell).to_be_visible()
        assert cell.evaluate("el => el.getBoundingClientRect().right") <= 390
    assert_no_horizontal_scroll(page)
