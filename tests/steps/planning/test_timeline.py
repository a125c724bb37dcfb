"""The action plan's timeline: month columns, bars, the « today » marker, the page."""

import re
from datetime import date

import pytest
from django.urls import reverse

from steps.models import Action
from steps.planning.timeline import (
    LABEL_WIDTH,
    MONTH_WIDTH,
    Span,
    build_timeline,
    shorten,
)
from tests.factories import ActionFactory

TODAY = date(2026, 4, 10)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 3, 1), date(2026, 5, 15), ("2026-03", "2026-04", "2026-05")),
        (date(2026, 4, 3), date(2026, 4, 20), ("2026-04",)),
        (date(2026, 11, 20), date(2027, 2, 1), ("2026-11", "2026-12", "2027-01", "2027-02")),
    ],
)
def test_timeline_bar_covers_its_months(start, end, months):
    """A bar spans exactly the month columns from its start to its due date."""
    timeline = build_timeline([Span("a", "Action", start, end)], today=TODAY)
    assert timeline.rows[0].months == months


def test_timeline_columns_run_from_the_earliest_start_to_the_latest_end():
    """The months cover every action and today, one column each, in order."""
    spans = [
        Span("a", "A", date(2026, 2, 10), date(2026, 3, 1)),
        Span("b", "B", date(2026, 5, 1), date(2026, 7, 31)),
    ]
    timeline = build_timeline(spans, today=TODAY)
    assert [m.code for m in timeline.months] == [
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
        "2026-07",
    ]
    assert [m.x for m in timeline.months] == [LABEL_WIDTH + i * MONTH_WIDTH for i in range(6)]


def test_timeline_bar_position_follows_the_days():
    """A bar starting on the 1st begins at its month's edge and ends inside the due month."""
    timeline = build_timeline(
        [Span("a", "A", date(2026, 4, 1), date(2026, 5, 15))], today=date(2026, 4, 1)
    )
    row = timeline.rows[0]
    assert row.bar_x == LABEL_WIDTH
    assert LABEL_WIDTH + MONTH_WIDTH < row.bar_x + row.bar_width < LABEL_WIDTH + 2 * MONTH_WIDTH


@pytest.mark.parametrize(("progress", "share"), [(0, 0), (50, 0.5), (100, 1), (140, 1), (-5, 0)])
def test_timeline_progress_is_a_share_of_the_bar(progress, share):
    """The darker part of a bar is its progress, kept within 0–100 %."""
    row = build_timeline(
        [Span("a", "A", date(2026, 4, 1), date(2026, 4, 30), progress)], today=TODAY
    ).rows[0]
    assert row.progress_width == pytest.approx(row.bar_width * share, abs=0.1)


def test_timeline_today_marker_is_in_todays_month():
    """The « today » marker sits inside the column of the current month."""
    timeline = build_timeline([Span("a", "A", date(2026, 1, 5), date(2026, 9, 1))], today=TODAY)
    april = next(m for m in timeline.months if m.code == "2026-04")
    assert april.x < timeline.today_x < april.x + april.width


def test_timeline_years_group_their_months():
    """Years are bands over their months, so a plan crossing January shows both years."""
    timeline = build_timeline(
        [Span("a", "A", date(2026, 11, 1), date(2027, 2, 1))], today=date(2026, 11, 1)
    )
    assert [(y.year, y.width) for y in timeline.years] == [
        (2026, 2 * MONTH_WIDTH),
        (2027, 2 * MONTH_WIDTH),
    ]


def test_timeline_shorten_long_labels():
    """Long titles are cut with an ellipsis; the full title stays on the row."""
    title = "Mettre en place le calendrier de réservation du camion réfrigéré partagé"
    assert shorten(title, 20) == "Mettre en place le…"
    row = build_timeline([Span("a", title, TODAY, TODAY)], today=TODAY).rows[0]
    assert row.full_label == title and row.label.endswith("…")


def _bar_months(html: str, action: Action) -> str:
    match = re.search(rf'data-action="{action.pk}" data-months="([^"]*)"', html)
    assert match, f"no bar for {action}"
    return match.group(1)


def test_timeline_page_draws_each_action_in_its_months(world, client_as):
    """The page's SVG shows the action's bar over its months, with a today marker."""
    action = ActionFactory(
        project=world.project,
        organisation=world.org_a,
        title="Acheter le camion",
        start_date=date(2026, 3, 1),
        due_date=date(2026, 5, 15),
    )
    response = client_as(world.advisor).get(
        reverse("steps:action_timeline", args=[world.project.slug])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _bar_months(html, action) == "2026-03 2026-04 2026-05"
    assert "Acheter le camion" in html
    assert "Aujourd&#x27;hui" in html or "Aujourd'hui" in html


def test_timeline_page_writes_overdue_in_words(world, client_as):
    """An overdue action says « en retard » in the chart and in the table."""
    late = ActionFactory(
        project=world.project,
        organisation=world.org_a,
        title="Action oubliée",
        start_date=date(2020, 1, 1),
        due_date=date(2020, 2, 1),
    )
    html = (
        client_as(world.partner_b)
        .get(reverse("steps:action_timeline", args=[world.project.slug]))
        .content.decode()
    )
    assert _bar_months(html, late) == "2020-01 2020-02"
    assert html.count(">en retard<") == 2  # after the bar and in the table


def test_timeline_page_done_action_is_not_overdue(world, client_as):
    """A finished action past its due date is « terminée », never « en retard »."""
    ActionFactory(
        project=world.project,
        start_date=date(2020, 1, 1),
        due_date=date(2020, 2, 1),
        status=Action.Status.DONE,
        progress=100,
    )
    html = (
        client_as(world.coordinator)
        .get(reverse("steps:action_timeline", args=[world.project.slug]))
        .content.decode()
    )
    assert ">terminée<" in html and ">en retard<" not in html


def test_timeline_page_lists_undated_actions_apart(world, client_as):
    """Actions without dates are listed under the chart, not drawn."""
    ActionFactory(project=world.project, title="Sans date", start_date=None, due_date=None)
    html = (
        client_as(world.coordinator)
        .get(reverse("steps:action_timeline", args=[world.project.slug]))
        .content.decode()
    )
    assert "Actions sans date" in html and "Sans date" in html
    assert "Aucune action datée à afficher." in html


def _long_plan() -> list[Span]:
    """Two years of actions: too many months to read once scaled to the page."""
    return [
        Span("a", "Lancer", date(2026, 1, 5), date(2026, 2, 20)),
        Span("b", "Évaluer", date(2027, 6, 1), date(2027, 12, 15)),
    ]


def test_timeline_zoom_quarters_groups_months_and_keeps_bars_in_them():
    """Zoomed out, the header counts quarters and the chart is narrower, bars in place."""
    months = build_timeline(_long_plan(), today=TODAY, zoom="months")
    quarters = build_timeline(_long_plan(), today=TODAY, zoom="quarters")

    assert [(c.year, c.quarter) for c in quarters.columns][:3] == [(2026, 1), (2026, 2), (2026, 3)]
    assert len(quarters.columns) == 8
    assert quarters.width < months.width
    assert quarters.rows[1].months == months.rows[1].months
    second, last = quarters.columns[-3], quarters.columns[-1]  # 2027 T2 (June) … T4 (Dec.)
    row = quarters.rows[1]
    assert second.x <= row.bar_x < second.x + second.width
    assert last.x < row.bar_x + row.bar_width <= last.x + last.width


def test_timeline_auto_zoom_picks_months_when_they_fit_and_quarters_otherwise():
    """« auto » keeps months for a short plan, quarters for a long one."""
    short = [Span("a", "Lancer", date(2026, 3, 1), date(2026, 6, 30))]
    assert build_timeline(short, today=TODAY, zoom="auto").zoom == "months"
    assert build_timeline(_long_plan(), today=TODAY, zoom="auto").zoom == "quarters"


def test_timeline_shares_place_each_bar_on_the_whole_period():
    """The phone's bars: a share of the period, a one-day action still 1 % wide."""
    spans = [
        Span("a", "Tout", date(2026, 1, 1), date(2026, 12, 31)),
        Span("b", "Un jour", date(2026, 7, 1), date(2026, 7, 1)),
    ]
    timeline = build_timeline(spans, today=TODAY)
    whole, day = timeline.rows
    assert (whole.share_x, whole.share_width) == (0, 100)
    assert day.share_x == pytest.approx(50, abs=0.1) and day.share_width == 1
    assert 0 < timeline.today_share < 50


def test_timeline_page_zoom_links_keep_the_filters(world, client_as):
    """The « Mois / Trimestres » links switch the zoom and keep the filters chosen."""
    ActionFactory(
        project=world.project,
        organisation=world.org_a,
        start_date=date(2026, 3, 1),
        due_date=date(2026, 5, 15),
    )
    url = reverse("steps:action_timeline", args=[world.project.slug])

    html = client_as(world.advisor).get(url, {"statut": "todo", "echelle": "trimestres"})

    content = html.content.decode()
    assert 'href="?statut=todo&amp;echelle=mois"' in content
    assert re.search(r'active" href="\?statut=todo&amp;echelle=trimestres" aria-current', content)
    assert 'data-quarter="2026-T1"' in content
    assert 'class="timeline-mini-bar"' in content


def test_timeline_page_filter_form_keeps_the_zoom(world, client_as):
    """Filtering the timeline keeps the zoom chosen (a hidden « echelle » in the form)."""
    url = reverse("steps:action_timeline", args=[world.project.slug])

    zoomed = client_as(world.advisor).get(url, {"status": "todo", "echelle": "trimestres"})
    plain = client_as(world.advisor).get(url, {"status": "todo", "echelle": "<b>"})

    form = zoomed.content.decode().split('aria-label="Filtrer les actions"')[1].split("</form>")[0]
    assert '<input type="hidden" name="echelle" value="trimestres">' in form
    assert 'href="?echelle=trimestres">Tout afficher' in form
    assert 'name="echelle"' not in plain.content.decode()
