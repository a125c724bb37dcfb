"""The diagnostic grid's domain logic: suggested verdicts, potential, pairs, opportunities.

Pure functions over plain dataclasses: no ORM, no request (selectors.py builds the
inputs from the database). Sentences come in French and English (`Text`).

Suggested verdicts (`suggest_verdict`) — the first rule that applies wins:

R0  an « autre » item added by one organisation → à discuter (nobody else can answer it);
R1  an organisation offers what another needs on this item → complémentarité;
R2  an organisation offers something on this item and another judges it a weakness
    → complémentarité;
R3  fewer than two organisations gave an appreciation → à discuter (missing data);
R4  identity item (mission, values, culture…) judged a strength by some and a weakness
    by others → divergence: a gap on who we are can sink the project;
R5  two or more weaknesses, no strength, nobody offers → à discuter: a shared need to
    meet together or elsewhere;
R6  no weakness at all (all strengths, all neutral, or a mix) → convergence;
R7  strengths meet weaknesses (not an identity item) → complémentarité;
R8  otherwise (one weakness among neutral appreciations) → à discuter.

Suggested importance: majeure for the identity and governance dimensions, mineure
elsewhere; the coordination confirms or changes it.

Potential (`potential`): each item earns points from its verdict (convergence 1,
complémentarité 1, à discuter ½, divergence 0 — or −1 when it is majeure) and weighs
its dimension's weight (identité 3, gouvernance 2, others 1) times its importance
(majeure 2, mineure 1). The index is the weighted mean of the points, kept between 0 and
100 %: élevé from 70 %, moyen from 45 %, faible below. A major divergence on an identity
item caps the level at moyen, whatever the index.
"""

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

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
    Verdict.COMPLEMENTARITY: Fraction(1),
    Verdict.TO_DISCUSS: Fraction(1, 2),
    Verdict.DIVERGENCE: Fraction(0),
}
MAJOR_DIVERGENCE_POINTS = Fraction(-1)
HIGH_FROM = Fraction(70, 100)
MEDIUM_FROM = Fraction(45, 100)

VERDICT_NAMES = {
    Verdict.CONVERGENCE: Text("convergence", "convergence"),
    Verdict.COMPLEMENTARITY: Text("complémentarité", "complementarity"),
    Verdict.DIVERGENCE: Text("divergence", "divergence"),
    Verdict.TO_DISCUSS: Text("à discuter", "to discuss"),
}

RULES = (
    Text(
        "Un élément « autre » ajouté par une seule organisation est à discuter : les autres "
        "n'ont pas pu y répondre.",
        "An « other » item added by a single organisation is to discuss: the others could "
        "not answer it.",
    ),
    Text(
        "Si une organisation offre ce dont une autre a besoin sur cet élément : complémentarité.",
        "If an organisation offers what another one needs on this item: complementarity.",
    ),
    Text(
        "Si une organisation offre quelque chose sur cet élément et qu'une autre y voit une "
        "faiblesse : complémentarité.",
        "If an organisation offers something on this item and another sees a weakness "
        "there: complementarity.",
    ),
    Text(
        "Si moins de deux organisations ont donné une appréciation : à discuter, faute de "
        "données.",
        "If fewer than two organisations gave an appreciation: to discuss, for lack of data.",
    ),
    Text(
        "Sur un élément d'identité (mission, valeurs, culture…), une force chez les unes et "
        "une faiblesse chez les autres : divergence, car un écart sur ce que l'on est peut "
        "faire échouer le projet.",
        "On an identity item (mission, values, culture…), a strength for some and a "
        "weakness for others: divergence, since a gap on who we are can sink the project.",
    ),
    Text(
        "Si deux organisations ou plus y voient une faiblesse, sans force ni offre en face : "
        "à discuter, c'est un besoin commun à combler ensemble ou à l'extérieur.",
        "If two or more organisations see a weakness, with no strength or offer to meet "
        "it: to discuss, it is a shared need to meet together or elsewhere.",
    ),
    Text(
        "Si personne n'y voit de faiblesse (que des forces, que du neutre, ou un mélange) : "
        "convergence.",
        "If nobody sees a weakness (only strengths, only neutral, or a mix): convergence.",
    ),
    Text(
        "Si des forces rencontrent des faiblesses (hors identité) : complémentarité, l'une "
        "peut soutenir l'autre.",
        "If strengths meet weaknesses (outside identity): complementarity, one can support "
        "the other.",
    ),
    Text(
        "Dans les autres cas (une faiblesse isolée parmi des appréciations neutres) : à discuter.",
        "Otherwise (a single weakness among neutral appreciations): to discuss.",
    ),
)

FORMULA = (
    Text(
        "Chaque élément de la grille reçoit des points selon son verdict : convergence 1, "
        "complémentarité 1, à discuter ½, divergence 0 — et même −1 si la divergence est "
        "majeure.",
        "Each item of the grid earns points from its verdict: convergence 1, "
        "complementarity 1, to discuss ½, divergence 0 — even −1 when the divergence is "
        "major.",
    ),
    Text(
        "Chaque élément pèse selon sa dimension (Identité 3, Gouvernance 2, les autres 1), "
        "multiplié par son importance (majeure 2, mineure 1). Une divergence majeure sur la "
        "mission pèse donc six fois plus qu'une divergence mineure sur les communications.",
        "Each item weighs its dimension's weight (Identity 3, Governance 2, the others 1) "
        "times its importance (major 2, minor 1). A major divergence on the mission thus "
        "weighs six times as much as a minor one on communications.",
    ),
    Text(
        "L'indice est la moyenne pondérée des points, ramenée entre 0 et 100 % : potentiel "
        "élevé à partir de 70 %, moyen à partir de 45 %, faible en dessous.",
        "The index is the weighted mean of the points, kept between 0 and 100 %: high "
        "potential from 70 %, medium from 45 %, low below.",
    ),
    Text(
        "Garde-fou : une divergence majeure sur un élément d'identité plafonne le niveau à "
        "« moyen », quel que soit l'indice, tant qu'elle n'est pas discutée.",
        "Safeguard: a major divergence on an identity item caps the level at « medium », "
        "whatever the index, until it is discussed.",
    ),
    Text(
        "Le calcul utilise les verdicts confirmés par la coordination et, pour les éléments "
        "pas encore confirmés, les verdicts suggérés.",
        "The calculation uses the verdicts confirmed by the coordination and, for the "
        "items not confirmed yet, the suggested verdicts.",
    ),
)

PAIR_OFFER_POINTS = 3
PAIR_STRENGTH_POINTS = 1
PAIR_IDENTITY_GAP_POINTS = -2

PAIR_FORMULA = Text(
    "Pour chaque paire d'organisations : 3 points par offre de l'une qui répond à un besoin "
    "de l'autre (même élément ou même type de ressource), 1 point par élément où l'une voit "
    "une force et l'autre une faiblesse (hors identité), −2 points par élément d'identité où "
    "leurs appréciations s'opposent. Plus le score est haut, plus la paire est "
    "complémentaire.",
    "For each pair of organisations: 3 points per offer from one that meets a need of the "
    "other (same item or same resource type), 1 point per item where one sees a strength "
    "and the other a weakness (outside identity), −2 points per identity item where their "
    "appreciations are opposite. The higher the score, the more complementary the pair.",
)


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
    reason_fr: str
    reason_en: str
    rule: str = ""  # "R1"… the rule of the module docstring that produced it

    @property
    def reason(self) -> Text:
        return Text(self.reason_fr, self.reason_en)


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
    reasons: tuple[Text, ...]
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
    def sentence(self) -> Text:
        if self.same_item:
            return Text(
                f"{self.offerer} peut offrir à {self.needer} ce dont elle a besoin : "
                f"{self.offer_item.label_fr}.",
                f"{self.offerer} can offer {self.needer} what it needs: "
                f"{self.offer_item.label_en}.",
            )
        return Text(
            f"{self.offerer} peut offrir « {self.offer_item.label_fr} » à {self.needer}, en "
            f"réponse à son besoin « {self.need_item.label_fr} ».",
            f"{self.offerer} can offer « {self.offer_item.label_en} » to {self.needer}, for "
            f"its need « {self.need_item.label_en} ».",
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


def _fr(count: int, singular: str, plural: str) -> str:
    """The French form for `count`: 0 and 1 take the singular (« 0 organisation »)."""
    return singular if abs(count) < 2 else plural


def _en(count: int, singular: str, plural: str) -> str:
    """The English form for `count`: only 1 takes the singular (« 0 organisations »)."""
    return singular if count == 1 else plural


def _names(orgs: Sequence[OrgRef], *, english: bool = False, limit: int = 3) -> str:
    names = [o.name for o in orgs]
    if len(names) > limit:
        rest = len(names) - limit + 1
        names = names[: limit - 1] + [f"{rest} others" if english else f"{rest} autres"]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {'and' if english else 'et'} {names[-1]}"


def _unique(orgs: Iterable[OrgRef]) -> list[OrgRef]:
    seen, result = set(), []
    for org in orgs:
        if org.id not in seen:
            seen.add(org.id)
            result.append(org)
    return result


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
        owner = row.item.extra_of.name
        return Suggestion(
            Verdict.TO_DISCUSS,
            f"Élément ajouté par {owner} seulement : à présenter aux autres partenaires.",
            f"Item added by {owner} only: to present to the other partners.",
            "R0",
        )

    pairs = _offer_need_pairs(row)
    if pairs:
        offerer, needer = pairs[0]
        more = len(pairs) - 1
        suffix_fr = (
            f" ({more} {_fr(more, 'autre correspondance', 'autres correspondances')} offre-besoin)"
            if more
            else ""
        )
        suffix_en = f" ({more} other offer-need {_en(more, 'match', 'matches')})" if more else ""
        return Suggestion(
            Verdict.COMPLEMENTARITY,
            f"{offerer} peut offrir ce dont {needer} a besoin{suffix_fr}.",
            f"{offerer} can offer what {needer} needs{suffix_en}.",
            "R1",
        )

    offerers, weak = _offers_to_weak(row)
    if weak:
        return Suggestion(
            Verdict.COMPLEMENTARITY,
            f"{_names(offerers)} offre quelque chose là où {_names(weak)} y voit une faiblesse.",
            f"{_names(offerers, english=True)} offers something where "
            f"{_names(weak, english=True)} sees a weakness.",
            "R2",
        )

    by_appreciation = defaultdict(list)
    for cell in cells:
        if cell.appreciation in APPRECIATIONS:
            by_appreciation[cell.appreciation].append(cell.organisation)
    judged = sum(len(orgs) for orgs in by_appreciation.values())
    strong, weak, neutral = (by_appreciation[a] for a in APPRECIATIONS)

    if judged < 2:
        return Suggestion(
            Verdict.TO_DISCUSS,
            f"Pas assez de portraits remplis pour comparer : {judged} "
            f"{_fr(judged, 'organisation', 'organisations')} sur {len(cells)} "
            f"{_fr(judged, 'a', 'ont')} donné une appréciation.",
            f"Not enough portraits filled in to compare: {judged} "
            f"{_en(judged, 'organisation', 'organisations')} out of {len(cells)} gave an "
            f"appreciation.",
            "R3",
        )

    if row.item.is_identity and strong and weak:
        return Suggestion(
            Verdict.DIVERGENCE,
            f"Élément d'identité jugé autrement : {_names(strong)} y voit une force, "
            f"{_names(weak)} une faiblesse. Un écart de fond à discuter.",
            f"Identity item judged differently: {_names(strong, english=True)} sees a "
            f"strength, {_names(weak, english=True)} a weakness. A deep gap to discuss.",
            "R4",
        )

    if len(weak) >= 2 and not strong and not offerers:
        return Suggestion(
            Verdict.TO_DISCUSS,
            f"Faiblesse partagée par {len(weak)} organisations sans offre en face : un besoin "
            f"commun à combler ensemble ou à l'extérieur.",
            f"Weakness shared by {len(weak)} organisations with no offer to meet it: a "
            f"common need to meet together or elsewhere.",
            "R5",
        )

    if not weak:
        if strong and not neutral:
            fr = "Toutes les organisations y voient une force : une base solide à partager."
            en = "Every organisation sees a strength here: a solid base to share."
        elif neutral and not strong:
            fr = "Toutes les organisations le jugent neutre : un terrain commun, sans écart."
            en = "Every organisation judges it neutral: common ground, no gap."
        else:
            s, n = len(strong), len(neutral)
            fr = (
                f"Aucune faiblesse : {s} {_fr(s, 'force', 'forces')} et {n} "
                f"{_fr(n, 'appréciation neutre', 'appréciations neutres')}."
            )
            en = (
                f"No weakness: {s} {_en(s, 'strength', 'strengths')} and {n} neutral "
                f"{_en(n, 'appreciation', 'appreciations')}."
            )
        return Suggestion(Verdict.CONVERGENCE, fr, en, "R6")

    if strong:
        return Suggestion(
            Verdict.COMPLEMENTARITY,
            f"{_names(strong)} y voit une force, {_names(weak)} une faiblesse : l'une peut "
            f"soutenir l'autre.",
            f"{_names(strong, english=True)} sees a strength, {_names(weak, english=True)} "
            f"a weakness: one can support the other.",
            "R7",
        )

    return Suggestion(
        Verdict.TO_DISCUSS,
        f"{_names(weak)} y voit une faiblesse, sans force ni offre en face : à discuter.",
        f"{_names(weak, english=True)} sees a weakness, with no strength or offer to meet "
        f"it: to discuss.",
        "R8",
    )


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
            (
                Text(
                    "Aucun élément à juger : aucun portrait soumis pour l'instant.",
                    "Nothing to judge: no portrait submitted yet.",
                ),
            ),
            {v: 0 for v in Verdict},
            0,
            0,
        )
    total_weight = sum(weight(row, v.importance) for row, v in pairs)
    score = sum(weight(row, v.importance) * points(v) for row, v in pairs)
    index = min(max(Fraction(score, total_weight), Fraction(0)), Fraction(1))
    level = _level(index)
    counts = Counter(v.verdict for _, v in pairs)
    counts = {verdict: counts.get(verdict, 0) for verdict in Verdict}
    confirmed = sum(1 for _, v in pairs if v.is_confirmed)
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
        Text(
            f"{favourable} "
            + _fr(
                favourable,
                f"élément sur {n} est une convergence ou une complémentarité",
                f"éléments sur {n} sont des convergences ou des complémentarités",
            )
            + f" ({counts[Verdict.CONVERGENCE]} et {counts[Verdict.COMPLEMENTARITY]}).",
            f"{favourable} "
            + _en(
                favourable,
                f"item out of {n} is a convergence or a complementarity",
                f"items out of {n} are convergences or complementarities",
            )
            + f" ({counts[Verdict.CONVERGENCE]} and {counts[Verdict.COMPLEMENTARITY]}).",
        )
    ]
    for row, v in pairs:
        if v.verdict == Verdict.DIVERGENCE and v.importance == Importance.MAJOR:
            reasons.append(
                Text(
                    f"Divergence majeure sur « {row.item.label_fr} » : elle pèse lourd et "
                    f"doit être discutée avant d'aller plus loin.",
                    f"Major divergence on « {row.item.label_en} »: it weighs heavily and must "
                    f"be discussed before going further.",
                )
            )
    minor_divergences = sum(
        1 for _, v in pairs if v.verdict == Verdict.DIVERGENCE and v.importance == Importance.MINOR
    )
    if minor_divergences:
        reasons.append(
            Text(
                f"{minor_divergences} "
                + _fr(
                    minor_divergences,
                    "divergence mineure : un écart à connaître, sans être bloquant.",
                    "divergences mineures : des écarts à connaître, sans être bloquants.",
                ),
                f"{minor_divergences} "
                + _en(
                    minor_divergences,
                    "minor divergence: a gap to know about, not a blocker.",
                    "minor divergences: gaps to know about, not blockers.",
                ),
            )
        )
    to_discuss = counts[Verdict.TO_DISCUSS]
    if to_discuss:
        reasons.append(
            Text(
                f"{to_discuss} {_fr(to_discuss, 'élément reste', 'éléments restent')} à discuter.",
                f"{to_discuss} {_en(to_discuss, 'item remains', 'items remain')} to discuss.",
            )
        )
    if capped:
        reasons.append(
            Text(
                "Niveau plafonné à « moyen » : une divergence majeure touche l'identité.",
                "Level capped at « medium »: a major divergence touches identity.",
            )
        )
    to_review = sum(1 for _, v in pairs if v.state == State.TO_REVIEW)
    if to_review:
        reasons.append(
            Text(
                f"{to_review} {_fr(to_review, 'verdict confirmé', 'verdicts confirmés')} à "
                f"revoir : les portraits ont changé depuis.",
                f"{to_review} confirmed {_en(to_review, 'verdict', 'verdicts')} to review: the "
                f"portraits changed since.",
            )
        )
    pending = n - confirmed
    if pending:
        reasons.append(
            Text(
                f"Calculé sur {confirmed} "
                f"{_fr(confirmed, 'verdict confirmé', 'verdicts confirmés')} et {pending} "
                f"{_fr(pending, 'suggestion', 'suggestions')} en attente de confirmation.",
                f"Calculated on {confirmed} confirmed {_en(confirmed, 'verdict', 'verdicts')} and "
                f"{pending} {_en(pending, 'suggestion', 'suggestions')} awaiting confirmation.",
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
            best_title = titles.get(best[0], Text(best[0], best[0]))
            worst_title = titles.get(worst[0], Text(worst[0], worst[0]))
            overall = Assessment(
                overall.level,
                overall.percent,
                overall.reasons
                + (
                    Text(
                        f"Dimension la plus favorable : {best_title.fr} ({best[1].percent} %) ; "
                        f"la moins favorable : {worst_title.fr} ({worst[1].percent} %).",
                        f"Most favourable dimension: {best_title.en} ({best[1].percent} %); "
                        f"least favourable: {worst_title.en} ({worst[1].percent} %).",
                    ),
                ),
                overall.counts,
                overall.items,
                overall.confirmed,
                overall.capped,
            )
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
    return [opportunity for _, opportunity in found]


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
