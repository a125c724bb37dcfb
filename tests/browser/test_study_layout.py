"""The opportunity study's pages as people see them: every table of the start-up page
is as wide as its form (not squeezed beside the floated legend) and shows its amounts
whole, and the summary's table caption stands above its table, not where it would
read as the chart's title."""

import pytest

from tests.browser import a11y
from tests.browser.a11y import PAGES

pytestmark = pytest.mark.browser

demo = a11y.demo
open_page = a11y.open_page

WRAPPERS = """() => [...document.querySelectorAll('main form .table-responsive')].map(w => {
  const form = w.closest('form').getBoundingClientRect(), box = w.getBoundingClientRect();
  return [Math.round(box.left - form.left), Math.round(box.width), Math.round(form.width)];
})"""


@pytest.mark.parametrize("width", [1366, 390])
def test_study_startup_costs_table_spans_the_form(width, demo, live_server, open_page):
    email, path = PAGES["etude-parametres"]
    page = open_page(email, viewport={"width": width, "height": 900})
    page.goto(live_server.url + path(demo))

    wrappers = page.evaluate(WRAPPERS)
    assert wrappers
    for left, wrapper_width, form_width in wrappers:
        assert left == 0 and wrapper_width == form_width, wrappers
    assert page.get_by_role("combobox", name="Nature (1)").is_visible()
    # Each amount shows whole (95000.00, not a clipped « 950 »): the table scrolls instead.
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('main input[name$="-amount"]')]
          .filter(i => i.value && i.scrollWidth > i.clientWidth).map(i => i.value)"""
    )
    assert clipped == []


def test_study_summary_caption_is_above_its_table(demo, live_server, open_page):
    email, path = PAGES["etude-opportunite"]
    page = open_page(email, viewport={"width": 1366, "height": 900})
    page.goto(live_server.url + path(demo))

    caption = page.locator("main .card table caption").first
    table_top = page.locator("main .card table tbody").first.bounding_box()["y"]
    assert caption.bounding_box()["y"] < table_top
