"""The pairs page: the best pairs in words first, then the matrix as a heat map."""

import html

import pytest
from django.urls import reverse

from mutualisation import markup
from steps.diagnostic import grid
from steps.diagnostic.views import TOP_PAIRS
from tests.factories import fill_grid

pytestmark = pytest.mark.usefixtures("test_dimensions")


@pytest.mark.parametrize(
    "score, level",
    [
        (-6, "gaps"),
        (-1, "gaps"),
        (0, "none"),
        (1, "low"),
        (5, "low"),
        (6, "medium"),
        (11, "medium"),
        (12, "high"),
        (40, "high"),
    ],
)
def test_pair_level_in_offers_worth(score, level):
    """Two offers meeting a need (6 points) make a medium pair, four (12) a strong one."""
    assert grid.pair_level(score) == level
    a, b = grid.OrgRef(1, "A"), grid.OrgRef(2, "B")
    assert grid.PairScore(a, b, strengths=score).level == grid.pair_level(score)


WORDS = {level: f"<{level}>" for level in grid.PAIR_LEVELS}
TITLES = {level: f'"{level}" & co' for level in grid.PAIR_LEVELS}


def test_markup_pair_heat_cells_say_score_and_level_in_words():
    """Each cell: its level's class, the score, the short word; the full words as title."""
    cells = markup.pair_heat_cells([None, (14, "high"), (-2, "gaps")], WORDS, TITLES, "<x>")
    assert cells == (
        '<td class="pair-self"><span class="visually-hidden">&lt;x&gt;</span>'
        '<span aria-hidden="true">—</span></td>'
        '<td class="pair-score heat-high" title="&quot;high&quot; &amp; co">'
        '<span class="pair-value">14</span> <span class="pair-word">&lt;high&gt;</span></td>'
        '<td class="pair-score heat-gaps" title="&quot;gaps&quot; &amp; co">'
        '<span class="pair-value">-2</span> <span class="pair-word">&lt;gaps&gt;</span></td>'
    )


def test_markup_pair_heat_cells_take_only_numbers_and_known_levels():
    """Neither text for a score nor an unknown level slips into the markup."""
    with pytest.raises(ValueError):
        markup.pair_heat_cells([("<b>", "high")], WORDS, TITLES, "")
    with pytest.raises(KeyError):
        markup.pair_heat_cells([(1, "<script>")], WORDS, TITLES, "")


def test_pairs_page_lists_ten_best_pairs_with_words_then_heat_map(world, client_as):
    """At 30 organisations: ten ranked pairs with their level, a legend, a coloured map."""
    fill_grid(world.project, 30)
    response = client_as(world.partner_a).get(
        reverse("steps:pairs", kwargs={"project_slug": world.project.slug})
    )
    content = html.unescape(response.content.decode())
    top = content.split('<ol class="top-pairs">')[1].split("</ol>")[0]
    assert top.count("<li>") == TOP_PAIRS
    assert "Forte complémentarité" in top
    legend = content.split('<ul class="pair-legend')[1].split("</ul>")[0]
    for words in ("Forte complémentarité", "Complémentarité moyenne", "Faible complémentarité"):
        assert words in legend
    assert (
        '<div class="table-scroll grid-scroll" role="region" aria-labelledby="matrice"' in content
    )
    assert content.count('<td class="pair-self">') == 30
    assert content.count('<td class="pair-score heat-') == 30 * 29
    assert content.index('class="top-pairs"') < content.index("pair-heatmap")
