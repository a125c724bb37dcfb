"""A partner fills part of its portrait and submits it with the keyboard alone: the skip
link leads to the content, focus is always visible, follows the page and is never trapped,
and autosave keeps every answer."""

import re

import pytest
from playwright.sync_api import expect

from projects.models import User
from steps.models import Answer, StepStatus
from steps.questionnaire import services
from tests.browser import a11y
from tests.browser.a11y import COORD, PARTNER, assert_accessible

pytestmark = pytest.mark.browser

demo = a11y.demo  # fixtures shared with the accessibility and small-screen tests
open_page = a11y.open_page

HISTORY = "reflexion.identite.historique.description"
HISTORY_APPRECIATION = "reflexion.identite.historique.appreciation"
AUDIENCES_APPRECIATION = "reflexion.identite.clienteles.appreciation"  # required, missing
MAX_STEPS = 800  # more Tab presses than the longest page has stops: a trap fails the test

# What the focused element is, where it sits against the previous one, how it shows focus.
FOCUS_INFO = """() => {
  const el = document.activeElement;
  const previous = window.__kbPrevious || null;
  const seen = (window.__kbSeen = window.__kbSeen || new Set());
  const info = {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: el.getAttribute('name') || '',
    type: el.getAttribute('type') || '',
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 60),
    isBody: el === document.body,
    inMain: !!document.querySelector('main') && document.querySelector('main').contains(el),
    forward: previous === null || previous === el
      || !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    again: seen.has(el),
  };
  if (!info.isBody) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    info.focusVisible = el.matches(':focus-visible');
    info.outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    info.shadow = style.boxShadow !== 'none';
    info.size = box.width > 0 && box.height > 0;
  }
  seen.add(el);
  window.__kbPrevious = el;
  return info;
}"""


def describe(info) -> str:
    return f"<{info['tag']} id={info['id']!r} name={info['name']!r}> « {info['text']} »"


class Keyboard:
    """Presses keys and checks, at every stop, that focus is visible and moves forward."""

    def __init__(self, page):
        self.page = page
        self.path: list[str] = []

    def focused(self):
        return self.page.evaluate(FOCUS_INFO)

    def check(self, info) -> None:
        where = describe(info)
        assert info["focusVisible"], f"{where}: :focus-visible does not match"
        assert info["outline"] or info["shadow"], f"{where}: no visible focus indicator"
        assert info["size"], f"{where}: focus on an element that is not shown"

    def tab(self):
        """Press Tab once; the new stop must follow the previous one and be new."""
        self.page.keyboard.press("Tab")
        info = self.focused()
        if info["isBody"]:
            return info
        self.path.append(describe(info))
        assert info["forward"], f"focus went back up the page: {' → '.join(self.path[-3:])}"
        assert not info["again"], f"focus came back to {describe(info)}: a loop"
        self.check(info)
        return info

    def tab_until(self, matches) -> dict:
        """Tab from stop to stop until `matches(info)`; fail on a trap or at the end."""
        for _ in range(MAX_STEPS):
            info = self.tab()
            assert not info["isBody"], f"end of the page reached; path: {self.path[-5:]}"
            if matches(info):
                return info
        pytest.fail(f"not reached in {MAX_STEPS} Tab presses; last: {self.path[-5:]}")


def saved(page, code):
    return expect(page.locator(f'[data-question="{code}"] [data-save-state]')).to_have_text(
        re.compile(r"^Enregistré à")
    )


def test_keyboard_partner_fills_and_submits_portrait(demo, live_server, open_page, screenshot):
    """Skip link, Tab to a description, type, radios with Space and arrows, Shift+Tab
    back and forth, Tab to « Soumettre », Enter, confirm: every answer saved, submitted."""
    page = open_page(PARTNER)
    page.goto(live_server.url + demo.url("steps:org_answers", "reflexion", demo.organisation.pk))
    keys = Keyboard(page)

    # The first stop is the skip link, visible once focused; Enter moves focus to <main>.
    skip = keys.tab()
    assert skip["text"] == "Aller au contenu", describe(skip)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.evaluate("window.__kbPrevious = document.activeElement")
    first = keys.tab()
    assert first["inMain"], f"after the skip link, focus left <main>: {describe(first)}"

    keys.tab_until(lambda info: info["name"] == HISTORY)
    page.keyboard.type("Fondée en 1998 par des parents bénévoles de la vallée.")

    # Tab leaves the text area (no trap) and lands on the first radio of its appreciation.
    radio = keys.tab_until(lambda info: info["name"] == HISTORY_APPRECIATION)
    assert radio["type"] == "radio"
    saved(page, HISTORY)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(page.locator(f'[name="{HISTORY_APPRECIATION}"][value="faiblesse"]')).to_be_checked()
    saved(page, HISTORY_APPRECIATION)

    # Shift+Tab goes back to the field before, Tab returns to the checked radio.
    page.keyboard.press("Shift+Tab")
    back = page.evaluate("document.activeElement.getAttribute('name')")
    assert back != HISTORY_APPRECIATION
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "faiblesse"

    keys.tab_until(lambda info: info["name"] == AUDIENCES_APPRECIATION)
    page.keyboard.press("Space")
    expect(page.locator(f'[name="{AUDIENCES_APPRECIATION}"][value="force"]')).to_be_checked()
    saved(page, AUDIENCES_APPRECIATION)
    screenshot("portrait-au-clavier")

    # The portrait is one dimension per page: Tab on to « Aller à la soumission », Enter,
    # then Tab to « Soumettre ».
    keys.tab_until(lambda info: info["text"] == "Aller à la soumission")
    page.keyboard.press("Enter")
    expect(page.locator("#portrait-position")).to_contain_text("Dernière partie")
    keys = Keyboard(page)
    keys.tab_until(lambda info: info["text"] == "Soumettre les réponses")
    page.keyboard.press("Enter")

    # Optional questions are still blank: a page asks to confirm; Tab to it, Enter.
    expect(page.get_by_role("heading", level=1)).to_contain_text("réponses incomplètes")
    assert_accessible(page)
    Keyboard(page).tab_until(lambda info: info["text"] == "Soumettre quand même")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").filter(has_text="Réponses soumises")).to_be_visible()
    answers = dict(
        Answer.objects.filter(
            organisation=demo.organisation,
            question_code__in=[HISTORY, HISTORY_APPRECIATION, AUDIENCES_APPRECIATION],
        ).values_list("question_code", "value")
    )
    assert answers == {
        HISTORY: "Fondée en 1998 par des parents bénévoles de la vallée.",
        HISTORY_APPRECIATION: "faiblesse",
        AUDIENCES_APPRECIATION: "force",
    }
    status = StepStatus.objects.get(organisation=demo.organisation, step="reflexion")
    assert status.is_submitted


def test_keyboard_portrait_has_no_trap(demo, live_server, open_page):
    """Through a whole portrait page (Identité: six items, their fields and the links
    between pages), Tab visits every stop once, in page order, with a visible focus, and
    leaves the page after the footer (its last link: the glossary)."""
    page = open_page(PARTNER)
    page.goto(live_server.url + demo.url("steps:org_answers", "reflexion", demo.organisation.pk))
    keys = Keyboard(page)

    for _ in range(MAX_STEPS):
        if keys.tab()["isBody"]:
            break
    else:
        pytest.fail(f"still inside the page after {MAX_STEPS} Tab presses")
    assert len(keys.path) > 30
    assert "Sources de la méthode" in keys.path[-2]
    assert "Glossaire" in keys.path[-1]


def test_keyboard_checkboxes_and_scale_on_impulsion(demo, live_server, open_page):
    """Space ticks a motivation checkbox, arrow keys choose on the 1–5 scale; both save."""
    services.reopen_step(
        project=demo.project,
        organisation=demo.organisation,
        step="impulsion",
        user=User.objects.get(email=COORD),
    )
    page = open_page(PARTNER)
    page.goto(live_server.url + demo.url("steps:org_answers", "impulsion", demo.organisation.pk))
    keys = Keyboard(page)
    energy = Answer.objects.filter(
        organisation=demo.organisation, question_code="impulsion.energie"
    )
    version_before = energy.first().version if energy.exists() else 0

    checkbox = keys.tab_until(lambda info: info["name"] == "impulsion.motivations")
    assert checkbox["type"] == "checkbox"
    box = page.locator(":focus")
    was_checked = box.is_checked()
    page.keyboard.press("Space")
    assert box.is_checked() is not was_checked
    saved(page, "impulsion.motivations")

    keys.tab_until(lambda info: info["name"] == "impulsion.energie")
    page.keyboard.press("ArrowRight")
    saved(page, "impulsion.energie")
    chosen = page.locator('[name="impulsion.energie"]:checked').get_attribute("value")
    assert str(energy.get().value) == chosen
    assert energy.get().version == version_before + 1
