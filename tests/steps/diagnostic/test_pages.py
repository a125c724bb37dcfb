"""Diagnostic polish: plurals in the grid's sentences, the grid page's filters and
breadcrumbs, a row reached by its anchor below the sticky header, the tools list."""

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from steps.diagnostic import grid
from steps.diagnostic.grid import Importance, Verdict
from tests.factories import MISSION, TRANSPORT, A, B, C, D, portrait, row, set_reflexion
from tests.i18n import in_english, in_french

F, W, N = "force", "faiblesse", "neutre"


@pytest.mark.parametrize(
    ("cells", "french", "english"),
    [
        (
            [(A, F), (B, ""), (C, "")],
            "1 organisation sur 3 a donné une appréciation.",
            "1 organisation out of 3 gave an appreciation.",
        ),
        (
            [(A, ""), (B, "")],
            "0 organisation sur 2 a donné une appréciation.",
            "0 organisations out of 2 gave an appreciation.",
        ),
        (
            [(A, F), (B, N)],
            "Aucune faiblesse : 1 force et 1 appréciation neutre.",
            "No weakness: 1 strength and 1 neutral appreciation.",
        ),
        (
            [(A, F), (B, F), (C, N), (D, N)],
            "Aucune faiblesse : 2 forces et 2 appréciations neutres.",
            "No weakness: 2 strengths and 2 neutral appreciations.",
        ),
        (
            [(A, N, "Camion"), (B, W, "", "Camion"), (C, W, "", "Camion")],
            "(1 autre correspondance offre-besoin)",
            "(1 other offer-need match)",
        ),
        (
            [(A, N, "Camion"), (B, W, "", "Camion"), (C, W, "", "Camion"), (D, W, "", "x")],
            "(2 autres correspondances offre-besoin)",
            "(2 other offer-need matches)",
        ),
    ],
)
def test_suggestion_reasons_agree_with_their_counts(cells, french, english):
    """Singular and plural follow each language's rule (0 and 1 singular in French)."""
    suggestion = grid.suggest_verdict(row("premises", *cells))
    assert french in in_french(suggestion.reason)
    assert english in in_english(suggestion.reason)
    assert "(s)" not in in_french(suggestion.reason) + in_english(suggestion.reason)


@pytest.mark.parametrize(
    ("verdicts", "confirmed", "expected"),
    [
        (
            [Verdict.CONVERGENCE, Verdict.TO_DISCUSS],
            0,
            [
                "1 élément sur 2 est une convergence ou une complémentarité (1 et 0).",
                "1 élément reste à discuter.",
                "Calculé sur 0 verdict confirmé et 2 suggestions en attente de confirmation.",
            ],
        ),
        (
            [Verdict.CONVERGENCE, Verdict.COMPLEMENTARITY, Verdict.TO_DISCUSS, Verdict.TO_DISCUSS],
            3,
            [
                "2 éléments sur 4 sont des convergences ou des complémentarités (1 et 1).",
                "2 éléments restent à discuter.",
                "Calculé sur 3 verdicts confirmés et 1 suggestion en attente de confirmation.",
            ],
        ),
        (
            [Verdict.DIVERGENCE, Verdict.CONVERGENCE],
            2,
            ["1 divergence mineure : un écart à connaître, sans être bloquant."],
        ),
        (
            [Verdict.DIVERGENCE, Verdict.DIVERGENCE],
            2,
            ["2 divergences mineures : des écarts à connaître, sans être bloquants."],
        ),
    ],
)
def test_potential_reasons_agree_with_their_counts(verdicts, confirmed, expected):
    """The potential's reasons say « 1 élément reste », « 2 éléments restent »…"""
    rows, decided = [], {}
    for index, verdict in enumerate(verdicts):
        line = row("premises", (A, F), (B, F))
        line = replace(line, item=replace(line.item, code=f"premises-{index}"))
        rows.append(line)
        decision = grid.Decision(verdict, Importance.MINOR, True, grid.fingerprint(line))
        resolved = grid.resolve(line, decision if index < confirmed else None)
        if index >= confirmed:
            resolved = grid.RowVerdict(
                verdict, Importance.MINOR, grid.State.SUGGESTED, resolved.suggestion
            )
        decided[line.item.code] = resolved
    reasons = [in_french(text) for text in grid.potential(rows, decided).overall.reasons]
    for sentence in expected:
        assert sentence in reasons
    assert not any("(s)" in reason for reason in reasons)


# The grid page ------------------------------------------------------------------------


@pytest.fixture
def submitted(world, test_dimensions):
    """A and B submitted portraits on the mission and on transport."""
    set_reflexion(world.project, world.org_a)
    set_reflexion(world.project, world.org_b)
    portrait(world.project, world.org_a, MISSION, appreciation="force")
    portrait(world.project, world.org_b, MISSION, appreciation="neutre")
    portrait(world.project, world.org_a, TRANSPORT, appreciation="force", offre="Camion")
    portrait(world.project, world.org_b, TRANSPORT, appreciation="faiblesse", besoin="Camion")


def grid_page(client, project, query=""):
    url = reverse("steps:grid", kwargs={"project_slug": project.slug})
    return html.unescape(client.get(url + query).content.decode())


def test_grid_filters_only_by_verdict_the_tabs_choose_the_dimension(world, client_as, submitted):
    """No Dimension select nor « Tout afficher »: the tabs do that; the verdict filter
    keeps the dimension shown."""
    page = grid_page(client_as(world.coordinator), world.project, "?dimension=installations")
    assert 'id="filtre-dimension"' not in page
    assert "Tout afficher" not in page
    assert "Toutes les dimensions (page plus longue)" not in page
    assert '<input type="hidden" name="dimension" value="installations">' in page
    assert 'id="filtre-verdict"' in page
    assert re.search(r'<a class="nav-link"[^>]*>Toutes</a>', page)


def test_grid_breadcrumb_numbers_the_step(world, client_as, submitted):
    """« 3. Diagnostic », like the other steps' pages."""
    page = grid_page(client_as(world.advisor), world.project)
    step_url = reverse("steps:step", args=[world.project.slug, "diagnostic"])
    assert f'<a href="{step_url}">3. Diagnostic</a>' in page


def test_grid_rows_keep_clear_of_the_sticky_header():
    """A row reached by its anchor scrolls below the sticky header; on wide screens the
    verdict column stays reachable at the right."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "grid.css").read_text()
    assert re.search(r"\.diagnostic-grid tbody tr \{ scroll-margin-top: \d+rem; \}", css)
    assert re.search(r"td\.verdict-col \{\s*position: sticky; right: 0;", css)


def test_diagnostic_step_tools_are_a_bulleted_list_like_the_others(world, client_as):
    """The diagnostic step lists its tools as the other steps do, pairs included."""
    page = client_as(world.partner_a).get(
        reverse("steps:step", args=[world.project.slug, "diagnostic"])
    )
    content = page.content.decode()
    assert '<ul class="step-tool-links tools-diagnostic">' in content
    assert "list-unstyled tools-diagnostic" not in content
    assert reverse("steps:pairs", kwargs={"project_slug": world.project.slug}) in content
