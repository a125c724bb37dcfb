"""WCAG 2.1 AA in Chromium: axe-core finds no serious or critical violation on the main
pages of the demo project, nor on their error states; errors are announced and tied to
their fields; colour never carries a meaning alone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.demo import COORDINATOR_EMAIL, DEMO_PASSWORD
from projects.models import User
from steps.questionnaire import services
from tests.browser import a11y
from tests.browser.a11y import COORD, PAGES, PARTNER, assert_accessible

pytestmark = pytest.mark.browser

demo = a11y.demo  # fixtures shared with the keyboard and small-screen tests
open_page = a11y.open_page


@pytest.mark.parametrize("name", PAGES)
def test_accessibility_page_has_no_serious_violation(name, demo, live_server, open_page):
    """axe-core finds no serious or critical violation on the page, filled with the demo."""
    email, path = PAGES[name]
    page = open_page(email)

    response = page.goto(live_server.url + path(demo))

    assert response.status == 200, f"{name}: {response.status} {page.url}"
    assert_accessible(page)


def submit_wrong_password(page, live_server):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Adresse courriel").fill(COORDINATOR_EMAIL)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD + "-faux")
    page.get_by_role("button", name="Se connecter").click()


def test_accessibility_login_wrong_password(demo, live_server, open_page):
    """The login page refusing a wrong password stays free of violations."""
    page = open_page(None)

    submit_wrong_password(page, live_server)

    expect(page.get_by_role("alert")).to_contain_text("mot de passe incorrect")
    assert_accessible(page)


def submit_invalid_calculator(page, live_server, demo):
    page.goto(live_server.url + demo.url("steps:resource_create"))
    page.locator("#id_name").fill("")
    page.locator("#id_consumable_cost_per_unit").fill("beaucoup")
    page.locator("form.pricing-form").get_by_role("button", name="Enregistrer").click()


def test_accessibility_calculator_with_invalid_input(demo, live_server, open_page):
    """The cost calculator refusing a missing name and a wordy cost stays free of violations."""
    page = open_page(COORD)

    submit_invalid_calculator(page, live_server, demo)

    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    assert_accessible(page)


# --- Errors are announced and tied to their fields -----------------------------------------


def described_by_text(page, field) -> str:
    """The text of the elements a field's aria-describedby points to (each must exist).

    Read through locators, not page.evaluate: it also works with JavaScript disabled.
    """
    ids = (field.get_attribute("aria-describedby") or "").split()
    texts = []
    for target_id in ids:
        target = page.locator(f'[id="{target_id}"]')
        assert target.count() == 1, f"aria-describedby: no element #{target_id}"
        texts.append(target.inner_text())
    return " | ".join(texts)


def focused_summary(page):
    """The role of the focused error summary, once the re-displayed page has one (a
    submit navigates: reading the focus before the new page is there would race)."""
    page.locator("[data-error-summary]").first.wait_for()
    page.wait_for_load_state("load")
    return page.evaluate(
        "() => { const active = document.activeElement;"
        " return active && active.matches('[data-error-summary]')"
        " ? active.getAttribute('role') : null; }"
    )


def test_errors_calculator_summary_is_focused_and_fields_described(demo, live_server, open_page):
    """After a failed submit, focus is on a role=alert summary linking to each invalid
    field, and each field is aria-invalid and described by its own error text."""
    page = open_page(COORD)

    submit_invalid_calculator(page, live_server, demo)

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert focused_summary(page) == "alert"
    name, cost = page.locator("#id_name"), page.locator("#id_consumable_cost_per_unit")
    for field in (name, cost):
        expect(field).to_have_attribute("aria-invalid", "true")
    assert "Donnez un nom à la ressource" in described_by_text(page, name)
    cost_error = page.locator("#id_consumable_cost_per_unit_error").inner_text()
    assert cost_error.strip() and cost_error in described_by_text(page, cost)
    assert cost_error.strip() in summary.inner_text()

    summary.get_by_role("link", name=re.compile("Nom")).first.click()
    expect(name).to_be_focused()


def test_errors_login_summary_is_focused(demo, live_server, open_page):
    """A wrong password: the alert is focused, so a screen reader reads it first."""
    page = open_page(None)

    submit_wrong_password(page, live_server)

    assert focused_summary(page) == "alert"
    expect(page.locator(":focus")).to_contain_text("Adresse courriel ou mot de passe incorrect")


def test_errors_risk_form_summary_lists_the_missing_title(demo, live_server, open_page):
    """A crispy form of a tool (a risk) gets the same summary with a link to the field."""
    page = open_page(COORD)
    page.goto(live_server.url + demo.url("steps:risk_create"))
    page.locator("form.modelling-form").get_by_role(
        "button", name=re.compile("Enregistrer")
    ).click()

    assert focused_summary(page) == "alert"
    invalid = page.locator("form.modelling-form [aria-invalid=true]")
    assert invalid.count() >= 1
    first_id = invalid.first.get_attribute("id")
    expect(page.locator(f'[data-error-summary] a[href="#{first_id}"]')).to_have_count(1)
    assert described_by_text(page, invalid.first).strip()


def test_errors_questionnaire_submit_focuses_the_missing_list(demo, live_server, open_page):
    """Submitting a portrait with a required answer missing focuses the list of what is
    missing (role=alert); each answer's save state is a polite live region."""
    page = open_page(PARTNER)
    page.goto(live_server.url + demo.url("steps:org_answers", "reflexion", demo.organisation.pk))
    states = page.locator("[data-save-state]")
    assert states.count() >= 24  # the first page: Identité, six items of four fields
    assert set(states.evaluate_all("els => els.map(e => e.getAttribute('aria-live'))")) == {
        "polite"
    }

    # The submission is on the portrait's last page.
    page.locator(".portrait-pages").get_by_role(
        "link", name="La démarche et la soumission"
    ).click()
    page.get_by_role("button", name="Soumettre les réponses").click()

    expect(page.locator("#reponses-manquantes")).to_be_visible()
    assert focused_summary(page) == "alert"
    expect(page.locator(":focus")).to_contain_text("Clientèles cibles")


def reopen_impulsion(demo):
    """Give the partner its impulsion answers back to edit (the demo has them submitted)."""
    services.reopen_step(
        project=demo.project,
        organisation=demo.organisation,
        step="impulsion",
        user=User.objects.get(email=COORD),
    )


def test_errors_questionnaire_without_javascript_lists_invalid_answers(
    demo, live_server, open_page
):
    """Without JavaScript, « Enregistrer » with a wordy number re-displays the page with a
    summary and the field marked invalid, described by its error."""
    reopen_impulsion(demo)
    page = open_page(PARTNER, java_script_enabled=False)
    page.goto(live_server.url + demo.url("steps:org_answers", "impulsion", demo.organisation.pk))
    hours = page.locator('[name="impulsion.heures"]')
    hours.fill("une douzaine")
    page.locator("#questionnaire").get_by_role("button", name="Enregistrer").click()

    summary = page.locator("#reponses-invalides")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(hours).to_have_attribute("aria-invalid", "true")
    expect(hours).to_have_value("une douzaine")
    error = page.locator('[id="id_impulsion.heures-errors"]').inner_text().strip()
    assert error and error in described_by_text(page, hours)


def test_errors_autosave_refusal_marks_the_field_invalid(demo, live_server, open_page):
    """With JavaScript, a refused answer is said in the polite live region, the field is
    aria-invalid and described by that message; a correction clears both."""
    reopen_impulsion(demo)
    page = open_page(PARTNER)
    page.goto(live_server.url + demo.url("steps:org_answers", "impulsion", demo.organisation.pk))
    hours = page.locator('[name="impulsion.heures"]')
    state = page.locator('[data-question="impulsion.heures"] [data-save-state]')

    hours.fill("une douzaine")
    hours.blur()

    expect(state).to_contain_text("Non enregistré")
    expect(hours).to_have_attribute("aria-invalid", "true")
    assert "Non enregistré" in described_by_text(page, hours)

    hours.fill("12")
    hours.blur()

    expect(state).to_contain_text("Enregistré à")
    expect(hours).not_to_have_attribute("aria-invalid", "true")
    assert "Non enregistré" not in described_by_text(page, hours)


# --- Colour is never the only carrier of meaning --------------------------------------------

# page id -> colour-coded elements, and the class prefix that names their meaning.
COLOUR_CODED = {
    "grille": [
        (".diagnostic-grid .verdict", "verdict-"),
        (".diagnostic-grid .appreciation", "appreciation-"),
    ],
    "potentiel": [(".level-badge", "level-")],
    "risques": [(".heat-map .heat-cell", "level-")],
    "tableau-de-bord": [(".status-badge", "status-")],
    "portrait-partenaire": [(".form-check-label[class*=appreciation-]", "appreciation-")],
}


def meanings(page, selector: str, prefix: str) -> dict[str, set[str]]:
    """For each meaning (class after `prefix`), the set of texts its elements show."""
    found = page.locator(selector).evaluate_all(
        """(els, prefix) => els.map(el => ({
              meaning: [...el.classList].filter(c => c.startsWith(prefix)).sort().join(' '),
              text: el.innerText.replace(/\\s+/g, ' ').trim() }))""",
        prefix,
    )
    by_meaning: dict[str, set[str]] = {}
    for item in found:
        by_meaning.setdefault(item["meaning"], set()).add(item["text"])
    return by_meaning


@pytest.mark.parametrize("name", COLOUR_CODED)
def test_colour_meanings_also_have_words(name, demo, live_server, open_page):
    """Every colour-coded verdict, appreciation, level or status says its meaning in
    words, and two meanings never share the same words."""
    email, path = PAGES[name]
    page = open_page(email)
    page.goto(live_server.url + path(demo))

    for selector, prefix in COLOUR_CODED[name]:
        by_meaning = meanings(page, selector, prefix)
        assert len(by_meaning) >= 2, f"{selector}: too few meanings shown {by_meaning}"
        for meaning, texts in by_meaning.items():
            assert all(texts), f"{selector}.{meaning}: an element without words"
        if prefix != "verdict-":  # a verdict's words also say its state (suggéré…)
            kinds = [frozenset(texts) for texts in by_meaning.values()]
            assert len(set(kinds)) == len(kinds), f"{selector}: {by_meaning}"


def test_colour_portrait_appreciations_differ_without_colour(demo, live_server, open_page):
    """Force, faiblesse and neutre are told apart by their words and by the style of
    their underline (solid, dashed, dotted), not by its colour alone."""
    page = open_page(PARTNER)
    page.goto(live_server.url + demo.url("steps:org_answers", "reflexion", demo.organisation.pk))

    styles = {}
    for value in ("force", "faiblesse", "neutre"):
        label = page.locator(f"label.appreciation-{value}").first
        styles[value] = (
            label.inner_text().strip(),
            label.evaluate("el => getComputedStyle(el).borderBottomStyle"),
        )
    assert {text for text, _style in styles.values()} == {"Force", "Faiblesse", "Neutre"}
    assert len({style for _text, style in styles.values()}) == 3, styles
