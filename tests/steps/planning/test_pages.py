"""Action plan polish: one way to the calendar (its tab, filters kept), a « Filtrer »
button that looks active, and action titles that fit the calendar's title column."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from steps.planning.timeline import (
    LABEL_MAX_WIDTH,
    LABEL_WIDTH,
    Span,
    build_timeline,
    wrap_label,
)
from tests.factories import ActionFactory

TODAY = date(2026, 11, 22)
SHORT = "Rédiger les règles de réservation du camion"  # 43 characters: cut at 40 before
LONG = "Mettre en place le calendrier de réservation du camion réfrigéré partagé par tous"


@pytest.mark.parametrize(
    ("text", "limit", "lines"),
    [
        ("Acheter le camion", 40, ("Acheter le camion",)),
        ("un deux trois quatre", 9, ("un deux", "trois qu…")),
        ("un deux trois", 13, ("un deux trois",)),
        ("un deux trois", 8, ("un deux", "trois")),
        ("anticonstitutionnellement", 10, ("anticonst…",)),
        ("  espaces   en   trop  ", 40, ("espaces en trop",)),
    ],
)
def test_wrap_label_cuts_between_words_on_two_lines(text, limit, lines):
    """Two lines at most, cut between words; an ellipsis only when it does not fit."""
    assert wrap_label(text, limit) == lines
    assert all(len(line) <= limit for line in lines)


def test_timeline_title_column_grows_for_a_longer_title():
    """A 43-character title gets the room it needs instead of an ellipsis."""
    row = build_timeline([Span("a", SHORT, TODAY, TODAY)], today=TODAY).rows[0]
    timeline = build_timeline([Span("a", SHORT, TODAY, TODAY)], today=TODAY)
    assert LABEL_WIDTH < timeline.label_width < LABEL_MAX_WIDTH
    assert row.label_lines == (SHORT,)
    assert timeline.months[0].x == timeline.label_width


def test_timeline_very_long_title_wraps_on_two_lines():
    """Past the widest column, the title wraps; its full text stays on the row."""
    timeline = build_timeline([Span("a", LONG, TODAY, TODAY)], today=TODAY)
    row = timeline.rows[0]
    assert timeline.label_width == LABEL_MAX_WIDTH
    assert len(row.label_lines) == 2
    assert " ".join(row.label_lines) == LONG
    assert row.full_label == LONG
    (first_y, _), (second_y, _) = row.label_rows
    assert row.y < first_y < second_y < row.y + 30


def test_timeline_short_titles_keep_the_narrow_column():
    """Short titles leave the column at its narrowest: no wide empty area."""
    timeline = build_timeline([Span("a", "Acheter", TODAY, TODAY)], today=TODAY)
    assert timeline.label_width == LABEL_WIDTH


def test_timeline_page_draws_both_lines_and_the_full_title(world, client_as):
    """The SVG writes each line of a long title, and the whole title in <title>."""
    ActionFactory(
        project=world.project,
        organisation=world.org_a,
        title=LONG,
        start_date=date(2026, 3, 1),
        due_date=date(2026, 5, 15),
    )
    page = html.unescape(
        client_as(world.advisor)
        .get(reverse("steps:action_timeline", args=[world.project.slug]))
        .content.decode()
    )
    texts = re.findall(r'<text x="8" y="[\d.]+" fill="#1b1b1b">([^<]*)</text>', page)
    assert " ".join(texts) == LONG
    assert f"<title>{LONG} — " in page
    assert "…" not in "".join(texts)


def test_actions_page_links_the_calendar_once_with_the_filters(world, client_as):
    """No « Voir le calendrier » button: the « Calendrier » tab keeps the filters."""
    ActionFactory(project=world.project, organisation=world.org_a)
    page = (
        client_as(world.coordinator)
        .get(reverse("steps:actions", args=[world.project.slug]) + "?status=todo")
        .content.decode()
    )
    timeline = reverse("steps:action_timeline", args=[world.project.slug])
    assert "Voir le calendrier" not in page
    assert f'href="{timeline}?status=todo"' in page
    assert page.count(f'href="{timeline}') == 1


def test_timeline_tab_back_to_the_list_keeps_the_filters(world, client_as):
    """From the calendar, the « Plan d'action » tab keeps the same filters."""
    page = (
        client_as(world.advisor)
        .get(reverse("steps:action_timeline", args=[world.project.slug]) + "?status=todo")
        .content.decode()
    )
    assert f'href="{reverse("steps:actions", args=[world.project.slug])}?status=todo"' in page


def test_filter_button_is_a_primary_button(world, client_as):
    """« Filtrer » no longer looks disabled (grey)."""
    page = (
        client_as(world.partner_a)
        .get(reverse("steps:actions", args=[world.project.slug]))
        .content.decode()
    )
    assert '<button type="submit" class="btn btn-sm btn-primary">Filtrer</button>' in page
    assert 'btn-secondary">Filtrer' not in page
