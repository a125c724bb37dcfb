"""The diagnostic grid's domain logic: suggested verdicts, potential, pairs, opportunities.

Pure functions over plain dataclasses: no ORM, no request (selectors.py builds the
inputs from the database). Sentences go through gettext and are translated when they are
shown (`_sentence`), so the page, the exports and the PDFs read them in their language.

Suggested verdicts (`suggest_verdict`) — the first rule that applies wins:

R0  an « autre » item added by one organisation → à discuter (nobody else can answer it);
R1  an organisation offers what another needs on this item → complémentarité;
R2  an organisation offers something on this item and another judges it a weakness
    → complémentarité;
R3  fewer than two organisations gave an appreciation → à discuter (missing data);
R4  identity item (mission, values, culture…) judged a strength by some and a weakness
    by others → à discuter: opposite self-ratings do not prove a divergence (each
    organisation rates itself, and two can both call conflicting values a strength), so
    the row sets their own descriptions side by side and the group decides;
R5  two or more weaknesses, no strength, nobody offers → à discuter: a shared need to
    meet together or elsewhere;
R6  no weakness at all (all strengths, all neutral, or a mix) → convergence;
R7  strengths meet weaknesses (not an identity item) → complémentarité;
R8  otherwise (one weakness among neutral appreciations) → à discuter.

Suggested importance: majeure for the identity and governance dimensions, mineure
elsewhere; the coordination confirms or changes it.

Potential (`potential`): each item earns points from its verdict (convergence 1,
complémentarité ¾ — promising, but still to discuss —, à discuter ½, divergence 0 — or −1
when it is majeure) and weighs
its dimension's weight (identité 3, gouvernance 2, others 1) times its importance
(majeure 2, mineure 1). The index is the weighted mean of the points, kept between 0 and
100 %: élevé from 70 %, moyen from 45 %, faible below. A major divergence on an identity
item caps the level at moyen, whatever the index.
"""

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, npgettext, pgettext

from steps.catalogue.base import Text

APPRECIATIONS = ("force", "faiblesse", "neutre")
FORCE, FAIBLESSE, NEUTRE = APPRECIATIONS

# Dimensions whose items say who an organisation is: differences there weigh most.
IDENTITY_DIMENSIONS = frozenset({"identite"})
MAJOR_BY_DEFAULT = frozenset({"identite", "gouvernance"})
DIMENSION_WEIGHTS = {"identite": 3, "gouvernance": 2}
DEFAULT_DIMENSION_WEIGHT = 1


class Verdict(StrEnum):
    CONVERGENCE = "convergence"
    COMPLEMENTARITY = "complementarite"
    DIVERGENCE = "divergence"
    TO_DISCUSS = "a_discuter"


class Importance(StrEnum):
    MAJOR = "majeure"
    MINOR = "mineure"


class Level(StrEnum):
    LOW = "faible"
    MEDIUM = "moyen"
    HIGH = "eleve"


class State(StrEnum):
    """Where a row's verdict comes from, as read now."""

    SUGGESTED = "suggested"  # computed, nobody confirmed it
    CONFIRMED = "confirmed"  # confirmed by the coordination, inputs unchanged since
    TO_REVIEW = "to_review"  # confirmed, but the portraits changed since: « à revoir »


IMPORTANCE_FACTORS = {Importance.MAJOR: 2, Importance.MINOR: 1}
POINTS = {
    Verdict.CONVERGENCE: Fraction(1),
    Verdict.COMPLEMENTARITY: Fraction(3, 4),
    Verdict.TO_DISCUSS: Fraction(1, 2),
    Verdict.DIVERGENCE: Fraction(0),
}
MAJOR_DIVERGENCE_POINTS = Fraction(-1)
HIGH_FROM = Fraction(70, 100)
MEDIUM_FROM = Fraction(45, 100)

RULES = (
    _(
        "Un élément « autre » ajouté par une seule organisation est à discuter : les autres "
        "n'ont pas pu y répondre."
    ),
    _("Si une organisation offre ce dont une autre a besoin sur cet élément : complémentarité."),
    _(
        "Si une organisation offre quelque chose sur cet élément et qu'une autre y voit une "
        "faiblesse : complémentarité."
    ),
    _("Si moins de deux organisations ont donné une appréciation : à discuter, faute de données."),
    _(
        "Sur un élément d'identité (mission, valeurs, culture…), une force chez les unes et "
        "une faiblesse chez les autres : à discuter. Chaque organisation se juge elle-même, "
        "et deux organisations peuvent toutes deux voir une force dans des valeurs qui "
        "s'opposent : la grille place leurs descriptions côte à côte et le groupe tranche "
        "entre convergence, complémentarité et divergence."
    ),
    _(
        "Si deux organisations ou plus y voient une faiblesse, sans force ni offre en face : "
        "à discuter, c'est un besoin commun à combler ensemble ou à l'extérieur."
    ),
    _(
        "Si personne n'y voit de faiblesse (que des forces, que du neutre, ou un mélange) : "
        "convergence."
    ),
    _(
        "Si des forces rencontrent des faiblesses (hors identité) : complémentarité, l'une "
        "peut soutenir l'autre."
    ),
    _("Dans les autres cas (une faiblesse isolée parmi des appréciations neutres) : à discuter."),
)

FORMULA = (
    _(
        "Chaque élément de la grille reçoit des points selon son verdict : convergence 1, "
        "complémentarité ¾ (prometteuse, mais à discuter), à discuter ½, divergence 0 — et "
        "même −1 si la divergence est majeure."
    ),
    _(
        "Chaque élément pèse selon sa dimension (Identité 3, Gouvernance 2, les autres 1), "
        "multiplié par son importance (majeure 2, mineure 1). Une divergence majeure sur la "
        "mission pèse donc six fois plus qu'une divergence mineure sur les communications."
    ),
    _(
        "L'indice est la moyenne pondérée des points, ramenée entre 0 et 100 % : potentiel "
        "élevé à partir de 70 %, moyen à partir de 45 %, faible en dessous."
    ),
    _(
        "Garde-fou : une divergence majeure sur un élément d'identité plafonne le niveau à "
        "« moyen », quel que soit l'indice, tant qu'elle n'est pas discutée."
    ),
    _(
        "Le calcul utilise les verdicts confirmés par la coordination et, pour les éléments "
        "pas encore confirmés, les verdicts suggérés."
    ),
)

PAIR_OFFER_POINTS = 3
PAIR_STRENGTH_POINTS = 1
PAIR_IDENTITY_GAP_POINTS = -2

PAIR_FORMULA = _(
    "Pour chaque paire d'organisations : 3 points par offre de l'une qui répond à un besoin "
    "de l'autre (même élément ou même type de ressource), 1 point par élément où l'une voit "
    "une force et l'autre une faiblesse (hors identité), −2 points par élément d'identité où "
    "leurs appréciations s'opposent. Plus le score est haut, plus la paire est "
    "complémentaire."
)

# Words for a pair's score, in offers' worth: one offer meeting a need is 3 points.
PAIR_HIGH, PAIR_MEDIUM, PAIR_LOW, PAIR_NONE, PAIR_GAPS = "high", "medium", "low", "none", "gaps"
PAIR_LEVELS = (PAIR_HIGH, PAIR_MEDIUM, PAIR_LOW, PAIR_NONE, PAIR_GAPS)
PAIR_HIGH_FROM = 4 * PAIR_OFFER_POINTS  # four offers meeting needs, or as much
PAIR_MEDIUM_FROM = 2 * PAIR_OFFER_POINTS


def pair_level(score: int) -> str:
    """The level of complementarity a pair's score stands for.

    >>> [pair_level(n) for n in (-2, 0, 5, 6, 11, 12)]
    ['gaps', 'none', 'low', 'medium', 'medium', 'high']
    """
    if score < 0:
        return PAIR_GAPS  # identity gaps outweigh what they could share
    if score == 0:
        return PAIR_NONE
    if score >= PAIR_HIGH_FROM:
        return PAIR_HIGH
    if score >= PAIR_MEDIUM_FROM:
        return PAIR_MEDIUM
    return PAIR_LOW


# Inputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgRef:
    id: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Cell:
    """One organisation's answers on one item of its portrait."""

    organisation: OrgRef
    description: str = ""
    appreciation: str = ""  # "force" | "faiblesse" | "neutre" | "" (not answered)
    offre: str = ""
    besoin: str = ""

    @property
    def offers(self) -> bool:
        return bool(self.offre.strip())

    @property
    def needs(self) -> bool:
        return bool(self.besoin.strip())

    @property
    def is_empty(self) -> bool:
        return not (self.description.strip() or self.appreciation or self.offers or self.needs)


@dataclass(frozen=True)
class Item:
    code: str
    label_fr: str
    label_en: str
    dimension: str  # the dimension's code, e.g. "identite"
    extra_of: OrgRef | None = None  # the organisation that added this « autre » item

    @property
    def label(self) -> Text:
        return Text(self.label_fr, self.label_en)

    @property
    def is_identity(self) -> bool:
        return self.dimension in IDENTITY_DIMENSIONS


@dataclass(frozen=True)
class Row:
    """One line of the grid: an item and one cell per organisation (same order in all rows)."""

    item: Item
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Decision:
    """What the coordination stored for a row (a DiagnosticVerdict, as plain data)."""

    verdict: Verdict
    importance: Importance
    confirmed: bool
    fingerprint: str = ""
    note: str = ""


# Outputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    verdict: Verdict
    reason: str  # translated when shown (see `_sentence`)
    rule: str = ""  # "R1"… the rule of the module docstring that produced it
    # R4: the cells to read side by side (strengths first, then weaknesses), so that the
    # group compares what each organisation wrote before choosing a verdict.
    compare: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class RowVerdict:
    verdict: Verdict
    importance: Importance
    state: State
    suggestion: Suggestion
    note: str = ""

    @property
    def is_confirmed(self) -> bool:
        return self.state != State.SUGGESTED


@dataclass(frozen=True)
class Assessment:
    """The potential of a dimension or of the whole grid."""

    level: Level | None  # None when there is nothing to judge yet
    percent: int | None
    reasons: tuple[str, ...]  # translated when shown (see `_sentence`)
    counts: Mapping[Verdict, int]
    items: int
    confirmed: int
    capped: bool = False


@dataclass(frozen=True)
class Potential:
    overall: Assessment
    by_dimension: Mapping[str, Assessment]


@dataclass(frozen=True)
class Opportunity:
    """One organisation's offer meeting another's need."""

    offerer: OrgRef
    needer: OrgRef
    offer_item: Item
    need_item: Item
    offer_text: str
    need_text: str
    resource_type: str = ""

    @property
    def same_item(self) -> bool:
        return self.offer_item.code == self.need_item.code

    @property
    def key(self) -> str:
        """Stable identity, posted back to turn the opportunity into a pooled resource."""
        return opportunity_key(
            self.offer_item.code, self.offerer.id, self.need_item.code, self.needer.id
        )

    @property
    def sentence(self) -> str:
        """What the opportunity offers, translated when shown (see `_sentence`)."""
        values = {
            "offerer": self.offerer,
            "needer": self.needer,
            "offer": self.offer_item.label,
            "need": self.need_item.label,
        }
        if self.same_item:
            return _sentence(
                _("%(offerer)s peut offrir à %(needer)s ce dont elle a besoin : %(offer)s."),
                values,
            )
        return _sentence(
            _(
                "%(offerer)s peut offrir « %(offer)s » à %(needer)s, en réponse à son besoin "
                "« %(need)s »."
            ),
            values,
        )


@dataclass(frozen=True)
class PairScore:
    first: OrgRef
    second: OrgRef
    offers: int = 0  # offers of one meeting needs of the other, both ways
    strengths: int = 0  # items where one sees a strength and the other a weakness
    identity_gaps: int = 0  # identity items with opposite appreciations

    @property
    def score(self) -> int:
        return (
            PAIR_OFFER_POINTS * self.offers
            + PAIR_STRENGTH_POINTS * self.strengths
            + PAIR_IDENTITY_GAP_POINTS * self.identity_gaps
        )

    @property
    def level(self) -> str:
        return pair_level(self.score)


@dataclass(frozen=True)
class PairMatrix:
    organisations: tuple[OrgRef, ...]
    pairs: Mapping[tuple[int, int], PairScore] = field(default_factory=dict)

    def get(self, a: int, b: int) -> PairScore | None:
        return self.pairs.get((min(a, b), max(a, b)))

    def ranked(self) -> list[PairScore]:
        """Pairs from the most to the least complementary."""
        return sorted(self.pairs.values(), key=lambda p: (-p.score, p.first.name, p.second.name))


# Helpers -----------------------------------------------------------------------------


def _fill(message: str, values: Mapping) -> str:
    return message % values


# Django's ngettext_lazy builds a new class at each call, which cost more than the rest of
# the grid's reasons; this one is built once. Same name, so makemessages finds the messages.
ngettext_lazy = lazy(ngettext, str)


# A sentence translated when it is read, not when the grid is computed: the same result
# shows in the reader's language on pages, exports and PDFs, and a pooled resource made
# from an opportunity can keep the French (selectors.opportunity_source). `message` is a
# lazy gettext; `values` may hold lazy texts too (names, item labels, other sentences).
_sentence = lazy(_fill, str)


def _list_names(orgs: Sequence[OrgRef], limit: int = 3) -> str:
    """« A », « A et B », « A, B et C », « A, B et 3 autres », in the active language."""
    names = [org.name for org in orgs]
    if len(names) > limit:
        rest = len(names) - limit + 1
        others = npgettext("liste de noms", "%(count)s autre", "%(count)s autres", rest)
        names = names[: limit - 1] + [others % {"count": rest}]
    if len(names) <= 1:
        return "".join(names)
    return pgettext("liste de noms", "%(names)s et %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }


_names = lazy(_list_names, str)


def opportunity_key(offer_item: str, offerer_id: int, need_item: str, needer_id: int) -> str:
    return f"{offer_item}|{offerer_id}|{need_item}|{needer_id}"


def fingerprint(row: Row) -> str:
    """A hash of everything the row's verdict was judged on (all cells, sorted)."""
    payload = sorted(
        [c.organisation.id, c.appreciation, c.description, c.offre, c.besoin] for c in row.cells
    )
    data = json.dumps([row.item.code, payload], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


# Suggestions -------------------------------------------------------------------------


def suggest_importance(row: Row) -> Importance:
    return Importance.MAJOR if row.item.dimension in MAJOR_BY_DEFAULT else Importance.MINOR


def _offer_need_pairs(row: Row) -> list[tuple[OrgRef, OrgRef]]:
    needers = [cell.organisation for cell in row.cells if cell.needs]
    return [
        (offer.organisation, needer)
        for offer in row.cells
        if offer.offers
        for needer in needers
        if needer.id != offer.organisation.id
    ]


def _offers_to_weak(row: Row) -> tuple[list[OrgRef], list[OrgRef]]:
    offerers = [c.organisation for c in row.cells if c.offers]
    weak = [
        c.organisation
        for c in row.cells
        if c.appreciation == FAIBLESSE and any(o.id != c.organisation.id for o in offerers)
    ]
    return offerers, weak


def suggest_verdict(row: Row) -> Suggestion:
    """Propose a verdict for one row with a one-line reason (rules R0–R8 above)."""
    cells = row.cells
    if row.item.extra_of is not None:
        return Suggestion(
            Verdict.TO_DISCUSS,
            _sentence(
                _("Élément ajouté par %(owner)s seulement : à présenter aux autres partenaires."),
                {"owner": row.item.extra_of},
            ),
            "R0",
        )

    pairs = _offer_need_pairs(row)
    if pairs:
        offerer, needer = pairs[0]
        more = len(pairs) - 1
        if more:
            reason = ngettext_lazy(
                "%(offerer)s peut offrir ce dont %(needer)s a besoin (%(count)s autre "
                "correspondance offre-besoin).",
                "%(offerer)s peut offrir ce dont %(needer)s a besoin (%(count)s autres "
                "correspondances offre-besoin).",
                more,
            )
        else:
            reason = _("%(offerer)s peut offrir ce dont %(needer)s a besoin.")
        values = {"offerer": offerer, "needer": needer, "count": more}
        return Suggestion(Verdict.COMPLEMENTARITY, _sentence(reason, values), "R1")

    offerers, weak = _offers_to_weak(row)
    if weak:
        weakness = _sentence(
            ngettext_lazy(
                "%(weak)s y voit une faiblesse", "%(weak)s y voient une faiblesse", len(weak)
            ),
            {"weak": _names(weak)},
        )
        reason = ngettext_lazy(
            "%(offerers)s offre quelque chose là où %(weakness)s.",
            "%(offerers)s offrent quelque chose là où %(weakness)s.",
            len(offerers),
        )
        values = {"offerers": _names(offerers), "weakness": weakness}
        return Suggestion(Verdict.COMPLEMENTARITY, _sentence(reason, values), "R2")

    by_appreciation = defaultdict(list)
    for cell in cells:
        if cell.appreciation in APPRECIATIONS:
            by_appreciation[cell.appreciation].append(cell.organisation)
    judged = sum(len(orgs) for orgs in by_appreciation.values())
    strong, weak, neutral = (by_appreciation[a] for a in APPRECIATIONS)

    if judged < 2:
        reason = ngettext_lazy(
            "Pas assez de portraits remplis pour comparer : %(count)s organisation sur "
            "%(total)s a donné une appréciation.",
            "Pas assez de portraits remplis pour comparer : %(count)s organisations sur "
            "%(total)s ont donné une appréciation.",
            judged,
        )
        values = {"count": judged, "total": len(cells)}
        return Suggestion(Verdict.TO_DISCUSS, _sentence(reason, values), "R3")

    if row.item.is_identity and strong and weak:
        reason = ngettext_lazy(
            "Élément d'identité jugé autrement : %(strong)s y voit une force, %(weak)s une "
            "faiblesse. Lisez leurs descriptions côte à côte : le groupe juge-t-il que c'est "
            "une convergence, une complémentarité ou une divergence ?",
            "Élément d'identité jugé autrement : %(strong)s y voient une force, %(weak)s une "
            "faiblesse. Lisez leurs descriptions côte à côte : le groupe juge-t-il que c'est "
            "une convergence, une complémentarité ou une divergence ?",
            len(strong),
        )
        values = {"strong": _names(strong), "weak": _names(weak)}
        compare = tuple(c for c in cells if c.appreciation == FORCE) + tuple(
            c for c in cells if c.appreciation == FAIBLESSE
        )
        return Suggestion(Verdict.TO_DISCUSS, _sentence(reason, values), "R4", compare)

    if len(weak) >= 2 and not strong and not offerers:
        reason = ngettext_lazy(
            "Faiblesse partagée par %(count)s organisation sans offre en face : un besoin "
            "commun à combler ensemble ou à l'extérieur.",
            "Faiblesse partagée par %(count)s organisations sans offre en face : un besoin "
            "commun à combler ensemble ou à l'extérieur.",
            len(weak),
        )
        return Suggestion(Verdict.TO_DISCUSS, _sentence(reason, {"count": len(weak)}), "R5")

    if not weak:
        if strong and not neutral:
            reason = _("Toutes les organisations y voient une force : une base solide à partager.")
        elif neutral and not strong:
            reason = _(
                "Toutes les organisations le jugent neutre : un terrain commun, sans écart."
            )
        else:
            strengths = ngettext_lazy("%(count)s force", "%(count)s forces", len(strong))
            neutrals = ngettext_lazy(
                "%(count)s appréciation neutre", "%(count)s appréciations neutres", len(neutral)
            )
            reason = _sentence(
                _("Aucune faiblesse : %(strengths)s et %(neutrals)s."),
                {
                    "strengths": _sentence(strengths, {"count": len(strong)}),
                    "neutrals": _sentence(neutrals, {"count": len(neutral)}),
                },
            )
        return Suggestion(Verdict.CONVERGENCE, reason, "R6")

    if strong:
        reason = ngettext_lazy(
            "%(strong)s y voit une force, %(weak)s une faiblesse : l'une peut soutenir l'autre.",
            "%(strong)s y voient une force, %(weak)s une faiblesse : l'une peut soutenir l'autre.",
            len(strong),
        )
        values = {"strong": _names(strong), "weak": _names(weak)}
        return Suggestion(Verdict.COMPLEMENTARITY, _sentence(reason, values), "R7")

    reason = ngettext_lazy(
        "%(weak)s y voit une faiblesse, sans force ni offre en face : à discuter.",
        "%(weak)s y voient une faiblesse, sans force ni offre en face : à discuter.",
        len(weak),
    )
    return Suggestion(Verdict.TO_DISCUSS, _sentence(reason, {"weak": _names(weak)}), "R8")


def resolve(row: Row, decision: Decision | None) -> RowVerdict:
    """The verdict a row shows now: confirmed (or « à revoir ») if stored, else suggested."""
    suggestion = suggest_verdict(row)
    if decision is None:
        return RowVerdict(suggestion.verdict, suggest_importance(row), State.SUGGESTED, suggestion)
    if not decision.confirmed:
        return RowVerdict(
            suggestion.verdict, decision.importance, State.SUGGESTED, suggestion, decision.note
        )
    state = State.CONFIRMED if decision.fingerprint == fingerprint(row) else State.TO_REVIEW
    return RowVerdict(decision.verdict, decision.importance, state, suggestion, decision.note)


# Potential ---------------------------------------------------------------------------


def weight(row: Row, importance: Importance) -> int:
    dimension = DIMENSION_WEIGHTS.get(row.item.dimension, DEFAULT_DIMENSION_WEIGHT)
    return dimension * IMPORTANCE_FACTORS[importance]


def points(verdict: RowVerdict) -> Fraction:
    if verdict.verdict == Verdict.DIVERGENCE and verdict.importance == Importance.MAJOR:
        return MAJOR_DIVERGENCE_POINTS
    return POINTS[verdict.verdict]


def _percent(value: Fraction) -> int:
    exact = Decimal(value.numerator * 100) / Decimal(value.denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _level(index: Fraction) -> Level:
    if index >= HIGH_FROM:
        return Level.HIGH
    if index >= MEDIUM_FROM:
        return Level.MEDIUM
    return Level.LOW


def _assess(pairs: list[tuple[Row, RowVerdict]]) -> Assessment:
    if not pairs:
        return Assessment(
            None,
            None,
            (_("Aucun élément à juger : aucun portrait soumis pour l'instant."),),
            {v: 0 for v in Verdict},
            0,
            0,
        )
    total_weight = sum(weight(row, v.importance) for row, v in pairs)
    score = sum(weight(row, v.importance) * points(v) for row, v in pairs)
    index = min(max(Fraction(score, total_weight), Fraction(0)), Fraction(1))
    level = _level(index)
    counts = Counter(v.verdict for _row, v in pairs)
    counts = {verdict: counts.get(verdict, 0) for verdict in Verdict}
    confirmed = sum(1 for _row, v in pairs if v.is_confirmed)
    identity_breaks = [
        row
        for row, v in pairs
        if v.verdict == Verdict.DIVERGENCE
        and v.importance == Importance.MAJOR
        and row.item.is_identity
    ]
    capped = bool(identity_breaks) and level == Level.HIGH
    if capped:
        level = Level.MEDIUM

    n = len(pairs)
    favourable = counts[Verdict.CONVERGENCE] + counts[Verdict.COMPLEMENTARITY]
    reasons = [
        _sentence(
            ngettext_lazy(
                "%(count)s élément sur %(total)s est une convergence ou une complémentarité "
                "(%(convergences)s et %(complementarities)s).",
                "%(count)s éléments sur %(total)s sont des convergences ou des "
                "complémentarités (%(convergences)s et %(complementarities)s).",
                favourable,
            ),
            {
                "count": favourable,
                "total": n,
                "convergences": counts[Verdict.CONVERGENCE],
                "complementarities": counts[Verdict.COMPLEMENTARITY],
            },
        )
    ]
    for row, v in pairs:
        if v.verdict == Verdict.DIVERGENCE and v.importance == Importance.MAJOR:
            reasons.append(
                _sentence(
                    _(
                        "Divergence majeure sur « %(item)s » : elle pèse lourd et doit être "
                        "discutée avant d'aller plus loin."
                    ),
                    {"item": row.item.label},
                )
            )
    minor_divergences = sum(
        1
        for _row, v in pairs
        if v.verdict == Verdict.DIVERGENCE and v.importance == Importance.MINOR
    )
    if minor_divergences:
        reasons.append(
            _sentence(
                ngettext_lazy(
                    "%(count)s divergence mineure : un écart à connaître, sans être bloquant.",
                    "%(count)s divergences mineures : des écarts à connaître, sans être "
                    "bloquants.",
                    minor_divergences,
                ),
                {"count": minor_divergences},
            )
        )
    to_discuss = counts[Verdict.TO_DISCUSS]
    if to_discuss:
        reasons.append(
            _sentence(
                ngettext_lazy(
                    "%(count)s élément reste à discuter.",
                    "%(count)s éléments restent à discuter.",
                    to_discuss,
                ),
                {"count": to_discuss},
            )
        )
    if capped:
        reasons.append(
            _("Niveau plafonné à « moyen » : une divergence majeure touche l'identité.")
        )
    to_review = sum(1 for _row, v in pairs if v.state == State.TO_REVIEW)
    if to_review:
        reasons.append(
            _sentence(
                ngettext_lazy(
                    "%(count)s verdict confirmé à revoir : les portraits ont changé depuis.",
                    "%(count)s verdicts confirmés à revoir : les portraits ont changé depuis.",
                    to_review,
                ),
                {"count": to_review},
            )
        )
    pending = n - confirmed
    if pending:
        confirmed_text = ngettext_lazy(
            "%(count)s verdict confirmé", "%(count)s verdicts confirmés", confirmed
        )
        pending_text = ngettext_lazy("%(count)s suggestion", "%(count)s suggestions", pending)
        reasons.append(
            _sentence(
                _("Calculé sur %(confirmed)s et %(pending)s en attente de confirmation."),
                {
                    "confirmed": _sentence(confirmed_text, {"count": confirmed}),
                    "pending": _sentence(pending_text, {"count": pending}),
                },
            )
        )
    return Assessment(level, _percent(index), tuple(reasons), counts, n, confirmed, capped)


def potential(
    rows: Sequence[Row],
    verdicts: Mapping[str, RowVerdict],
    dimension_titles: Mapping[str, Text] | None = None,
) -> Potential:
    """Judge the potential per dimension and overall from each row's verdict (by item code)."""
    titles = dimension_titles or {}
    grouped: dict[str, list[tuple[Row, RowVerdict]]] = {}
    for row in rows:
        grouped.setdefault(row.item.dimension, []).append((row, verdicts[row.item.code]))
    by_dimension = {code: _assess(pairs) for code, pairs in grouped.items()}
    overall = _assess([pair for pairs in grouped.values() for pair in pairs])
    judged = [(code, a) for code, a in by_dimension.items() if a.percent is not None]
    if len(judged) >= 2:
        best = max(judged, key=lambda ca: ca[1].percent)
        worst = min(judged, key=lambda ca: ca[1].percent)
        if best[1].percent != worst[1].percent:
            extremes = _sentence(
                _(
                    "Dimension la plus favorable : %(best)s (%(best_percent)s %%) ; la moins "
                    "favorable : %(worst)s (%(worst_percent)s %%)."
                ),
                {
                    "best": titles.get(best[0], best[0]),
                    "best_percent": best[1].percent,
                    "worst": titles.get(worst[0], worst[0]),
                    "worst_percent": worst[1].percent,
                },
            )
            overall = replace(overall, reasons=overall.reasons + (extremes,))
    return Potential(overall, by_dimension)


# Opportunities and pairs ------------------------------------------------------------


def _matches(rows: Sequence[Row], resource_types: Mapping[str, str]):
    """(offer's row index, item, cell, need's row index, item, cell, resource type) of
    every offer meeting another organisation's need (see `opportunities`)."""
    offers, needs = [], []
    for order, row in enumerate(rows):
        for cell in row.cells:
            if cell.offers:
                offers.append((order, row.item, cell))
            if cell.needs:
                needs.append((order, row.item, cell))
    needs_by_item: dict[str, list] = defaultdict(list)
    needs_by_type: dict[str, list] = defaultdict(list)
    for need in needs:
        needs_by_item[need[1].code].append(need)
        rtype = resource_types.get(need[1].code, "")
        if rtype:
            needs_by_type[rtype].append(need)

    for order, item, offer in offers:
        rtype = resource_types.get(item.code, "")
        candidates = needs_by_type[rtype] if rtype else needs_by_item[item.code]
        for need_order, need_item, need in candidates:
            if need.organisation.id != offer.organisation.id:
                yield order, item, offer, need_order, need_item, need, rtype


def opportunities(rows: Sequence[Row], resource_types: Mapping[str, str]) -> list[Opportunity]:
    """Every offer of one organisation meeting another's need.

    A need matches an offer on the same item, or on another item of the same resource
    type (`resource_types`: item code → resource type; items without one match only
    themselves).
    """
    found = [
        (
            (order, offer.organisation.name, need.organisation.name, need_order),
            Opportunity(
                offerer=offer.organisation,
                needer=need.organisation,
                offer_item=item,
                need_item=need_item,
                offer_text=offer.offre.strip(),
                need_text=need.besoin.strip(),
                resource_type=rtype,
            ),
        )
        for order, item, offer, need_order, need_item, need, rtype in _matches(
            rows, resource_types
        )
    ]
    found.sort(key=lambda pair: pair[0])
    return [opportunity for _key, opportunity in found]


def pair_matrix(
    rows: Sequence[Row], resource_types: Mapping[str, str] | None = None
) -> PairMatrix:
    """How complementary each pair of organisations is (see PAIR_FORMULA)."""
    organisations = tuple(c.organisation for c in rows[0].cells) if rows else ()
    counts: dict[tuple[int, int], Counter] = defaultdict(Counter)

    def key(a: OrgRef, b: OrgRef) -> tuple[int, int]:
        return (min(a.id, b.id), max(a.id, b.id))

    # Counted from the matches themselves: no need to word and sort the opportunities.
    for _order, _item, offer, _need_order, _need_item, need, _rtype in _matches(
        rows, resource_types or {}
    ):
        counts[key(offer.organisation, need.organisation)]["offers"] += 1
    for row in rows:
        # Only a strength facing a weakness counts: pair those, not every two cells.
        strong = [c.organisation for c in row.cells if c.appreciation == FORCE]
        weak = [c.organisation for c in row.cells if c.appreciation == FAIBLESSE]
        kind = "identity_gaps" if row.item.is_identity else "strengths"
        for first in strong:
            for second in weak:
                if first.id != second.id:
                    counts[key(first, second)][kind] += 1

    by_id = {org.id: org for org in organisations}
    pairs = {}
    for i, first in enumerate(organisations):
        for second in organisations[i + 1 :]:
            k = key(first, second)
            c = counts.get(k, Counter())
            pairs[k] = PairScore(
                by_id[k[0]],
                by_id[k[1]],
                offers=c["offers"],
                strengths=c["strengths"],
                identity_gaps=c["identity_gaps"],
            )
    return PairMatrix(tuple(organisations), pairs)
