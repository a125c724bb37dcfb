"""The grid's pure logic: suggested verdicts, « à revoir », potential, pairs, opportunities."""

from dataclasses import replace

import pytest

from steps.diagnostic import grid
from steps.diagnostic.grid import Importance, Level, State, Verdict
from tests.factories import GRID_ITEMS, RESOURCE_TYPES, A, B, C, D, row
from tests.i18n import in_english, in_french

F, W, N = "force", "faiblesse", "neutre"


# Suggestions -------------------------------------------------------------------------

SUGGESTION_CASES = [
    # (rule, item, cells, expected verdict)
    (
        "R1",
        "transport",
        [(A, N, "Camion réfrigéré libre le lundi"), (B, W, "", "Transport froid")],
        Verdict.COMPLEMENTARITY,
    ),
    (
        "R1",
        "mission",
        [(A, F, "Formation aux valeurs"), (B, W, "", "Clarifier nos valeurs")],
        Verdict.COMPLEMENTARITY,
    ),
    (
        "R1",
        "premises",
        [(A, "", "Une salle"), (B, "", "", "Une salle"), (C, "")],
        Verdict.COMPLEMENTARITY,
    ),
    ("R2", "premises", [(A, N, "Salle libre le soir"), (B, W)], Verdict.COMPLEMENTARITY),
    ("R3", "premises", [(A, F), (B, ""), (C, "")], Verdict.TO_DISCUSS),
    ("R3", "premises", [(A, ""), (B, "")], Verdict.TO_DISCUSS),
    ("R3", "premises", [(A, F, "Offre", "Besoin")], Verdict.TO_DISCUSS),
    # Opposite self-ratings on identity prove no divergence: the group decides.
    ("R4", "mission", [(A, F), (B, W)], Verdict.TO_DISCUSS),
    ("R4", "mission", [(A, F), (B, N), (C, W)], Verdict.TO_DISCUSS),
    ("R4", "mission", [(A, W), (B, F), (C, W)], Verdict.TO_DISCUSS),
    ("R5", "premises", [(A, W), (B, W), (C, N)], Verdict.TO_DISCUSS),
    ("R5", "mission", [(A, W), (B, W)], Verdict.TO_DISCUSS),
    ("R6", "premises", [(A, F), (B, F)], Verdict.CONVERGENCE),
    ("R6", "premises", [(A, N), (B, N)], Verdict.CONVERGENCE),
    ("R6", "mission", [(A, F), (B, N), (C, F)], Verdict.CONVERGENCE),
    ("R6", "premises", [(A, F, "Salle"), (B, F)], Verdict.CONVERGENCE),
    ("R7", "premises", [(A, F), (B, W)], Verdict.COMPLEMENTARITY),
    ("R7", "members", [(A, F), (B, W), (C, W)], Verdict.COMPLEMENTARITY),
    ("R8", "premises", [(A, N), (B, W)], Verdict.TO_DISCUSS),
    ("R8", "premises", [(A, W, "", "Un local"), (B, N)], Verdict.TO_DISCUSS),
]


@pytest.mark.parametrize(("rule", "item", "cells", "verdict"), SUGGESTION_CASES)
def test_suggest_verdict_rules(rule, item, cells, verdict):
    """Each documented rule gives its verdict, with a reason in French and in English."""
    suggestion = grid.suggest_verdict(row(item, *cells))
    assert (suggestion.rule, suggestion.verdict) == (rule, verdict)
    french, english = in_french(suggestion.reason), in_english(suggestion.reason)
    assert french and english
    assert french != english


COMPARE_CASES = [
    # (item, cells as (org, appreciation, description), expected compare as (org, appreciation))
    (
        "mission",
        [(A, F, "Sécurité alimentaire"), (B, W, "À clarifier")],
        [(A, F), (B, W)],
    ),
    # Strengths first, then weaknesses; neutral and unanswered cells are left out.
    (
        "mission",
        [(A, W, "Floue"), (B, N, "Proche"), (C, F, "Écrite"), (D, "", "")],
        [(C, F), (A, W)],
    ),
    # Other rules compare nothing, even with the same appreciations off identity.
    ("premises", [(A, F, "Grande salle"), (B, W, "Trop petit")], []),
    ("mission", [(A, F, "Écrite"), (B, F, "Écrite aussi")], []),
]


@pytest.mark.parametrize(("item", "cells", "expected"), COMPARE_CASES)
def test_suggest_verdict_r4_sets_descriptions_side_by_side(item, cells, expected):
    """R4 hands the cells to read side by side, each with its own description."""
    r = grid.Row(
        GRID_ITEMS[item],
        tuple(grid.Cell(org, text, appreciation) for org, appreciation, text in cells),
    )
    suggestion = grid.suggest_verdict(r)
    assert [(c.organisation, c.appreciation) for c in suggestion.compare] == expected
    by_org = {org: text for org, _appreciation, text in cells}
    assert [c.description for c in suggestion.compare] == [by_org[o] for o, _a in expected]


def test_suggest_verdict_r4_asks_the_group():
    """The R4 reason names both sides and asks the group which verdict it is."""
    suggestion = grid.suggest_verdict(row("mission", (A, F), (B, W)))
    french = in_french(suggestion.reason)
    assert french.startswith("Élément d'identité jugé autrement : A y voit une force")
    assert "B une faiblesse" in french
    assert "le groupe juge-t-il que c'est une convergence, une complémentarité ou une " in french


def test_suggest_verdict_offer_meets_need_names_both():
    """The complementarity reason says who can offer what to whom."""
    suggestion = grid.suggest_verdict(row("transport", (A, N, "Camion"), (B, W, "", "Camion")))
    assert in_french(suggestion.reason) == "A peut offrir ce dont B a besoin."
    assert in_english(suggestion.reason) == "A can offer what B needs."
    assert str(suggestion.reason) == "A peut offrir ce dont B a besoin."


def test_suggest_verdict_own_offer_does_not_meet_own_need():
    """An organisation offering and needing the same thing is not a complementarity."""
    suggestion = grid.suggest_verdict(row("premises", (A, N, "Salle", "Salle"), (B, N)))
    assert suggestion.rule == "R6"


def test_suggest_verdict_counts_other_matches():
    """Several offer-need matches are all counted in the reason."""
    suggestion = grid.suggest_verdict(
        row("transport", (A, N, "Camion"), (B, W, "", "Camion"), (C, W, "", "Camion"))
    )
    assert "(1 autre correspondance offre-besoin)" in in_french(suggestion.reason)


def test_suggest_verdict_extra_item_is_to_discuss():
    """An « autre » item added by one organisation is to discuss, naming its author."""
    item = grid.Item(
        "reflexion.installations.autre-7", "Four à pain", "Bread oven", "installations", extra_of=A
    )
    cells = (grid.Cell(A, "", F, "Four libre", ""), grid.Cell(B, "", "", "", "Un four"))
    suggestion = grid.suggest_verdict(grid.Row(item, cells))
    assert (suggestion.rule, suggestion.verdict) == ("R0", Verdict.TO_DISCUSS)
    assert "A" in in_french(suggestion.reason)


def test_suggest_verdict_lists_many_names_briefly():
    """Long lists of organisations are shortened (« et N autres »)."""
    orgs = [grid.OrgRef(i, f"Org {i}") for i in range(1, 7)]
    cells = [(orgs[0], F)] + [(org, W) for org in orgs[1:]]
    suggestion = grid.suggest_verdict(row("premises", *cells))
    assert suggestion.rule == "R7"
    assert "Org 2, Org 3 et 3 autres" in in_french(suggestion.reason)


@pytest.mark.parametrize(
    ("item", "importance"),
    [
        ("mission", Importance.MAJOR),
        ("members", Importance.MAJOR),
        ("premises", Importance.MINOR),
        ("comms", Importance.MINOR),
    ],
)
def test_suggest_importance_by_dimension(item, importance):
    """Identity and governance items are majeure by default, the others mineure."""
    assert grid.suggest_importance(row(item, (A, F))) == importance


# Fingerprint and « à revoir » ----------------------------------------------------------


def test_fingerprint_changes_with_any_input():
    """Any change to a cell (or a new organisation) changes the row's fingerprint."""
    base = row("premises", (A, F, "Salle"), (B, W))
    same = row("premises", (B, W), (A, F, "Salle"))
    assert grid.fingerprint(base) == grid.fingerprint(same)
    changed = [
        row("premises", (A, F, "Salle du sous-sol"), (B, W)),
        row("premises", (A, N, "Salle"), (B, W)),
        row("premises", (A, F, "Salle"), (B, W, "", "Un bureau")),
        row("premises", (A, F, "Salle"), (B, W), (C, "")),
        replace(base, cells=(replace(base.cells[0], description="Sous-sol"), base.cells[1])),
    ]
    assert len({grid.fingerprint(r) for r in changed} | {grid.fingerprint(base)}) == 6


def test_resolve_without_decision_is_suggested():
    """A row nobody confirmed shows the suggestion and the default importance."""
    r = row("mission", (A, F), (B, W))
    verdict = grid.resolve(r, None)
    assert (verdict.verdict, verdict.importance, verdict.state) == (
        Verdict.TO_DISCUSS,
        Importance.MAJOR,
        State.SUGGESTED,
    )


def test_resolve_confirmed_then_portrait_changes_is_to_review():
    """A confirmed verdict stays as confirmed, and reads « à revoir » once the inputs change."""
    before = row("premises", (A, F), (B, W))
    decision = grid.Decision(
        Verdict.CONVERGENCE,
        Importance.MINOR,
        confirmed=True,
        fingerprint=grid.fingerprint(before),
        note="Vu en comité",
    )
    confirmed = grid.resolve(before, decision)
    assert (confirmed.verdict, confirmed.state, confirmed.note) == (
        Verdict.CONVERGENCE,
        State.CONFIRMED,
        "Vu en comité",
    )
    after = row("premises", (A, F), (B, N))
    to_review = grid.resolve(after, decision)
    assert (to_review.verdict, to_review.state) == (Verdict.CONVERGENCE, State.TO_REVIEW)
    assert to_review.suggestion.verdict == Verdict.CONVERGENCE


def test_resolve_unconfirmed_decision_keeps_importance_and_note():
    """A stored but unconfirmed row shows the live suggestion with its importance and note."""
    r = row("premises", (A, F), (B, W))
    decision = grid.Decision(Verdict.DIVERGENCE, Importance.MAJOR, confirmed=False, note="x")
    verdict = grid.resolve(r, decision)
    assert (verdict.verdict, verdict.importance, verdict.state, verdict.note) == (
        Verdict.COMPLEMENTARITY,
        Importance.MAJOR,
        State.SUGGESTED,
        "x",
    )


# Potential ---------------------------------------------------------------------------


def _judged(item: str, verdict: Verdict, importance: Importance, n: int = 1, offset: int = 0):
    """n rows of one item kind, each with a confirmed verdict."""
    pairs = []
    for i in range(n):
        base = GRID_ITEMS[item]
        r = grid.Row(replace(base, code=f"{base.code}.{offset + i}"), (grid.Cell(A),))
        suggestion = grid.suggest_verdict(r)
        pairs.append((r, grid.RowVerdict(verdict, importance, State.CONFIRMED, suggestion)))
    return pairs


def _potential(*groups):
    pairs = [pair for group in groups for pair in group]
    return grid.potential([r for r, _ in pairs], {r.item.code: v for r, v in pairs})


CONV, COMP, DIV, DISC = (
    Verdict.CONVERGENCE,
    Verdict.COMPLEMENTARITY,
    Verdict.DIVERGENCE,
    Verdict.TO_DISCUSS,
)
MAJ, MIN = Importance.MAJOR, Importance.MINOR

POTENTIAL_CASES = [
    # (groups of (item, verdict, importance, count), level, percent)
    ([("premises", CONV, MIN, 4)], Level.HIGH, 100),
    # Complémentarité is promising but still to discuss: ¾ of a point, not 1.
    ([("premises", COMP, MIN, 4)], Level.HIGH, 75),
    ([("premises", COMP, MIN, 2), ("comms", CONV, MIN, 2)], Level.HIGH, 88),
    ([("premises", COMP, MIN, 3), ("comms", DIV, MIN, 2)], Level.MEDIUM, 45),
    ([("premises", COMP, MIN, 1), ("comms", DISC, MIN, 3)], Level.MEDIUM, 56),
    ([("premises", COMP, MIN, 1), ("comms", DIV, MIN, 1)], Level.LOW, 38),
    ([("premises", DISC, MIN, 4)], Level.MEDIUM, 50),
    ([("premises", DIV, MIN, 4)], Level.LOW, 0),
    ([("premises", CONV, MIN, 7), ("comms", DIV, MIN, 3)], Level.HIGH, 70),
    ([("premises", CONV, MIN, 9), ("comms", DIV, MIN, 11)], Level.MEDIUM, 45),
    ([("premises", CONV, MIN, 11), ("comms", DIV, MIN, 14)], Level.LOW, 44),
    # Major outweighs minor: the same divergence on communications, major then minor.
    ([("comms", DIV, MAJ, 1), ("premises", CONV, MIN, 4)], Level.LOW, 33),
    ([("comms", DIV, MIN, 1), ("premises", CONV, MIN, 4)], Level.HIGH, 80),
    # Identity weighs more: a minor divergence on identity vs on communications.
    ([("mission", DIV, MIN, 1), ("premises", CONV, MIN, 2)], Level.LOW, 40),
    ([("comms", DIV, MIN, 1), ("premises", CONV, MIN, 2)], Level.MEDIUM, 67),
    # A major divergence on identity: −1 point × weight 6.
    ([("mission", DIV, MAJ, 1), ("premises", CONV, MIN, 20)], Level.MEDIUM, 54),
    ([("mission", DIV, MAJ, 2), ("premises", CONV, MIN, 4)], Level.LOW, 0),
]


POINT_CASES = [
    # (verdict, importance, points)
    (CONV, MIN, 1),
    (CONV, MAJ, 1),
    (COMP, MIN, grid.Fraction(3, 4)),
    (COMP, MAJ, grid.Fraction(3, 4)),
    (DISC, MIN, grid.Fraction(1, 2)),
    (DISC, MAJ, grid.Fraction(1, 2)),
    (DIV, MIN, 0),
    (DIV, MAJ, -1),
]


@pytest.mark.parametrize(("verdict", "importance", "expected"), POINT_CASES)
def test_points_per_verdict(verdict, importance, expected):
    """Each verdict earns the points the formula states."""
    ((_row, judged),) = _judged("premises", verdict, importance)
    assert grid.points(judged) == expected


def test_formula_states_the_points():
    """The formula shown on the pages gives the same points as the code."""
    first = in_french(grid.FORMULA[0])
    assert "convergence 1, complémentarité ¾ (prometteuse, mais à discuter)" in first
    assert "à discuter ½, divergence 0" in first and "−1" in first


@pytest.mark.parametrize(("groups", "level", "percent"), POTENTIAL_CASES)
def test_potential_levels(groups, level, percent):
    """The weighted index and its level follow the documented formula."""
    offset = 0
    built = []
    for item, verdict, importance, count in groups:
        built.append(_judged(item, verdict, importance, count, offset))
        offset += count
    result = _potential(*built).overall
    assert (result.level, result.percent) == (level, percent)


def test_potential_major_identity_divergence_caps_at_medium():
    """Even with a high index, a major divergence on identity caps the level at moyen."""
    result = _potential(
        _judged("mission", DIV, MAJ, 1), _judged("premises", CONV, MIN, 50, offset=1)
    ).overall
    assert result.percent == 79
    assert (result.level, result.capped) == (Level.MEDIUM, True)
    reasons = [in_french(t) for t in result.reasons]
    assert any(r.startswith("Divergence majeure sur « Mission »") for r in reasons)
    assert any("plafonné" in r for r in reasons)


def test_potential_by_dimension_and_reasons():
    """Each dimension gets its own level; the overall names the best and worst dimensions."""
    rows = [
        row("premises", (A, F), (B, F)),  # convergence
        row("transport", (A, N, "Camion"), (B, W, "", "Camion")),  # complémentarité
        row("comms", (A, W), (B, W)),  # à discuter
    ]
    verdicts = {r.item.code: grid.resolve(r, None) for r in rows}
    titles = {
        "installations": grid.Text("Installations", "Facilities"),
        "communication": grid.Text("Communication", "Communication"),
    }
    result = grid.potential(rows, verdicts, titles)
    assert set(result.by_dimension) == {"installations", "communication"}
    assert result.by_dimension["installations"].level == Level.HIGH
    assert result.by_dimension["communication"].percent == 50
    assert result.overall.counts[Verdict.TO_DISCUSS] == 1
    reasons = [in_french(t) for t in result.overall.reasons]
    assert "2 éléments sur 3 sont des convergences ou des complémentarités (1 et 1)." in reasons
    assert any("Dimension la plus favorable : Installations (88 %)" in r for r in reasons)
    assert any("3 suggestions en attente" in r for r in reasons)


def test_potential_without_rows_has_no_level():
    """No submitted portrait: no level, and a reason saying why."""
    result = grid.potential([], {})
    assert (result.overall.level, result.overall.percent) == (None, None)
    assert result.overall.reasons


def test_potential_counts_reviews_and_confirmations():
    """The reasons tell how many verdicts are confirmed and how many are to review."""
    r1, r2 = row("premises", (A, F), (B, F)), row("comms", (A, F), (B, F))
    confirmed = grid.Decision(CONV, MIN, True, grid.fingerprint(r1))
    stale = grid.Decision(CONV, MIN, True, "old")
    verdicts = {r1.item.code: grid.resolve(r1, confirmed), r2.item.code: grid.resolve(r2, stale)}
    result = grid.potential([r1, r2], verdicts).overall
    assert result.confirmed == 2
    assert any("1 verdict confirmé à revoir" in in_french(t) for t in result.reasons)


# Opportunities -----------------------------------------------------------------------


def test_opportunities_same_item_and_same_resource_type():
    """Offers meet needs on the same item and across items of the same resource type."""
    rows = [
        row("premises", (A, F, "Salle libre"), (B, W), (C, W, "", "Une salle de réunion")),
        row("production", (A, F), (B, W, "", "Une cuisine"), (C, N)),
        row("transport", (A, N, "", "Un camion"), (B, F, "Camion réfrigéré"), (C, N)),
    ]
    found = grid.opportunities(rows, RESOURCE_TYPES)
    summary = [(o.offerer.name, o.offer_item.code, o.needer.name, o.need_item.code) for o in found]
    assert summary == [
        ("A", GRID_ITEMS["premises"].code, "B", GRID_ITEMS["production"].code),
        ("A", GRID_ITEMS["premises"].code, "C", GRID_ITEMS["premises"].code),
        ("B", GRID_ITEMS["transport"].code, "A", GRID_ITEMS["transport"].code),
    ]
    assert [o.same_item for o in found] == [False, True, True]
    assert found[0].resource_type == "premises"
    assert found[1].offer_text == "Salle libre"
    assert found[1].need_text == "Une salle de réunion"
    assert found[0].key == f"{GRID_ITEMS['premises'].code}|1|{GRID_ITEMS['production'].code}|2"
    assert in_french(found[1].sentence) == "A peut offrir à C ce dont elle a besoin : Locaux."
    assert in_french(found[0].sentence) == (
        "A peut offrir « Locaux » à B, en réponse à son besoin « Lieu de production »."
    )


def test_opportunities_without_resource_type_match_only_the_same_item():
    """Items without a resource type never match each other."""
    rows = [row("mission", (A, F, "Atelier valeurs")), row("comms", (B, W, "", "Atelier"))]
    assert grid.opportunities(rows, RESOURCE_TYPES) == []
    assert grid.opportunities(rows, {}) == []


def test_opportunities_never_match_an_organisation_with_itself():
    """An organisation's own offer does not meet its own need."""
    rows = [row("premises", (A, F, "Salle", "Salle")), row("production", (A, W, "", "Cuisine"))]
    assert grid.opportunities(rows, RESOURCE_TYPES) == []


# Pairs -------------------------------------------------------------------------------


def test_pair_matrix_scores():
    """Offers meeting needs, strengths facing weaknesses and identity gaps score each pair."""
    rows = [
        row("transport", (A, N, "Camion"), (B, W, "", "Camion"), (C, N)),
        row("premises", (A, F), (B, N), (C, W)),
        row("production", (A, F), (B, F), (C, W, "", "Cuisine")),
        row("mission", (A, F), (B, W), (C, F)),
    ]
    matrix = grid.pair_matrix(rows, RESOURCE_TYPES)
    assert matrix.organisations == (A, B, C)
    ab, ac, bc = matrix.get(A.id, B.id), matrix.get(C.id, A.id), matrix.get(B.id, C.id)
    assert (ab.offers, ab.strengths, ab.identity_gaps, ab.score) == (1, 0, 1, 1)
    assert (ac.offers, ac.strengths, ac.identity_gaps, ac.score) == (0, 2, 0, 2)
    assert (bc.offers, bc.strengths, bc.identity_gaps, bc.score) == (0, 1, 1, -1)
    assert [(p.first.name, p.second.name) for p in matrix.ranked()] == [
        ("A", "C"),
        ("A", "B"),
        ("B", "C"),
    ]


def test_pair_matrix_counts_cross_item_offers():
    """An offer of premises meeting a need of a production site counts for the pair."""
    rows = [row("premises", (A, F, "Salle"), (D, N)), row("production", (A, N), (D, W, "", "x"))]
    assert grid.pair_matrix(rows, RESOURCE_TYPES).get(A.id, D.id).offers == 1
    assert grid.pair_matrix(rows).get(A.id, D.id).offers == 0


def test_pair_matrix_empty():
    """No rows, no pairs."""
    assert grid.pair_matrix([]).ranked() == []
