"""Reads of the diagnostic: the database turned into the grid's plain inputs.

Only organisations whose réflexion step is SUBMITTED enter the grid: drafts (and reopened
portraits) never appear in the grid, its exports or the opportunities. Everything is
read in a constant number of queries, whatever the number of organisations.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.decoder import scanstring

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import translation

from steps.catalogue import DIMENSIONS
from steps.catalogue.base import PORTRAIT_PARTS, Dimension, Text
from steps.models import (
    Answer,
    DiagnosticVerdict,
    ExtraPortraitItem,
    PooledResource,
    ProjectDimension,
    StepStatus,
)

from . import grid
from .labels import IMPORTANCE_LABELS, STATE_LABELS, VERDICT_LABELS

REFLEXION = "reflexion"
SOURCE_LANGUAGE = "fr"  # the language of the msgids
TO_REVIEW_FILTER = "a_revoir"


def default_dimensions() -> Sequence[Dimension]:
    """The catalogue's réflexion dimensions (a function, so tests can pass their own)."""
    return DIMENSIONS


@dataclass
class Line:
    """A row of the grid as a page shows it: inputs, verdict now, and what is stored."""

    row: grid.Row
    verdict: grid.RowVerdict
    stored: DiagnosticVerdict | None = None

    @property
    def code(self) -> str:
        return self.row.item.code

    @property
    def anchor(self) -> str:
        return "item-" + self.code.replace(".", "-")

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict.verdict]

    @property
    def importance_label(self) -> str:
        return IMPORTANCE_LABELS[self.verdict.importance]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.verdict.state]


@dataclass
class Section:
    code: str
    title: Text
    lines: list[Line] = field(default_factory=list)


@dataclass
class Grid:
    organisations: tuple[grid.OrgRef, ...]
    sections: list[Section]  # the dimensions built (all, or the one asked for)
    resource_types: dict[str, str]
    # Every dimension the project retained, built or not: (code, title).
    dimensions: list[tuple[str, Text]] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]

    @property
    def rows(self) -> list[grid.Row]:
        return [line.row for line in self.lines]

    @property
    def verdicts(self) -> dict[str, grid.RowVerdict]:
        return {line.code: line.verdict for line in self.lines}

    @property
    def dimension_titles(self) -> dict[str, Text]:
        return {section.code: section.title for section in self.sections}

    def line(self, item_code: str) -> Line | None:
        return next((line for line in self.lines if line.code == item_code), None)

    def filtered(self, *, dimension: str = "", verdict: str = "") -> list[Section]:
        """The sections (and their lines) that match the page's filters."""
        result = []
        for section in self.sections:
            if dimension and section.code != dimension:
                continue
            lines = [line for line in section.lines if _matches(line, verdict)]
            if lines:
                result.append(Section(section.code, section.title, lines))
        return result


def _matches(line: Line, verdict: str) -> bool:
    if not verdict:
        return True
    if verdict == TO_REVIEW_FILTER:
        return line.verdict.state == grid.State.TO_REVIEW
    return line.verdict.verdict == verdict


def _text(value) -> str:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def submitted_organisations(project) -> tuple[grid.OrgRef, ...]:
    """The project's organisations whose réflexion portrait is submitted, by name."""
    statuses = (
        StepStatus.objects.filter(
            project=project,
            step=REFLEXION,
            status=StepStatus.Status.SUBMITTED,
            organisation__projects=project,
        )
        .order_by("organisation__name", "organisation_id")
        .values_list("organisation_id", "organisation__name")
    )
    return tuple(grid.OrgRef(pk, name) for pk, name in statuses)


def _portrait_parts(project, ids: list[int], prefix: str) -> dict[str, dict[int, dict]]:
    """item code → organisation id → {part: text} of the portrait answers under `prefix`.

    The stored JSON comes as text and is parsed here: a grid reads more than a thousand
    answers, and Django's per-value conversion cost more than the parsing itself.
    """
    rows = (
        Answer.objects.filter(
            project=project, organisation_id__in=ids, question_code__startswith=prefix
        )
        .annotate(raw=Cast("value", TextField()))
        .values_list("organisation_id", "question_code", "raw")
    )
    parts: dict[str, dict[int, dict]] = {}
    for organisation_id, code, raw in rows:
        item_code, _, part = code.rpartition(".")
        if part in PORTRAIT_PARTS:
            by_org = parts.setdefault(item_code, {})
            by_org.setdefault(organisation_id, {})[part] = _text(_from_json(raw))
    return parts


def _from_json(raw: str | None):
    """Stored JSON text → Python. Portrait answers are strings: the json module's own
    string scanner reads them without the parser around it, three times faster."""
    if raw is None:
        return None
    if raw[:1] == '"':
        value, end = scanstring(raw, 1)
        if end == len(raw):
            return value
    return json.loads(raw)


def chosen_dimensions(project, dimensions: Sequence[Dimension] | None = None):
    """The dimensions the project retained (all of them when none is chosen)."""
    dimensions = default_dimensions() if dimensions is None else dimensions
    codes = set(ProjectDimension.objects.filter(project=project).values_list("code", flat=True))
    return [d for d in dimensions if not codes or d.code in codes]


def build_grid(
    project, *, dimensions: Sequence[Dimension] | None = None, dimension: str | None = None
) -> Grid:
    """The grid of the project: one row per item, one cell per submitted organisation.

    `dimension` builds only that dimension's rows, reading only its answers (an unknown
    code builds the first dimension retained); None builds them all.
    """
    organisations = submitted_organisations(project)
    retained = chosen_dimensions(project, dimensions)
    chosen = retained
    if dimension is not None and retained:
        chosen = [d for d in retained if d.code == dimension] or retained[:1]
    ids = [org.id for org in organisations]
    prefix = f"reflexion.{chosen[0].code}." if len(chosen) == 1 else "reflexion."

    values: dict[str, dict[int, dict]] = {}
    extras: list[ExtraPortraitItem] = []
    if ids:
        values = _portrait_parts(project, ids, prefix)
        extras = list(
            ExtraPortraitItem.objects.filter(
                project=project,
                organisation_id__in=ids,
                dimension__in=[d.code for d in chosen],
            ).order_by("created_at", "pk")
        )

    by_id = {org.id: org for org in organisations}
    decisions = {
        stored.item_code: stored
        for stored in DiagnosticVerdict.objects.filter(
            project=project, item_code__startswith=prefix
        ).select_related("confirmed_by")
    }

    # Most cells of a large grid are blank: they share one Cell per organisation.
    blank = {org.id: grid.Cell(organisation=org) for org in organisations}

    def cells(item_code: str) -> tuple[grid.Cell, ...]:
        answered = values.get(item_code, {})
        result = []
        for org in organisations:
            parts = answered.get(org.id)
            if parts is None:
                result.append(blank[org.id])
                continue
            appreciation = parts.get("appreciation", "")
            result.append(
                grid.Cell(
                    organisation=org,
                    description=parts.get("description", ""),
                    appreciation=appreciation if appreciation in grid.APPRECIATIONS else "",
                    offre=parts.get("offre", ""),
                    besoin=parts.get("besoin", ""),
                )
            )
        return tuple(result)

    def line(item: grid.Item) -> Line:
        row = grid.Row(item, cells(item.code))
        stored = decisions.get(item.code)
        return Line(row, grid.resolve(row, _decision(stored)), stored)

    sections, resource_types = [], {}
    for dimension in chosen:
        section = Section(dimension.code, Text(dimension.title_fr, dimension.title_en))
        for portrait_item in dimension.items:
            if portrait_item.resource_type:
                resource_types[portrait_item.code] = portrait_item.resource_type
            item = grid.Item(
                portrait_item.code,
                portrait_item.label_fr,
                portrait_item.label_en,
                dimension.code,
            )
            section.lines.append(line(item))
        for extra in extras:
            if extra.dimension == dimension.code:
                owner = by_id[extra.organisation_id]
                item = grid.Item(extra.code, extra.label, extra.label, dimension.code, owner)
                section.lines.append(line(item))
        sections.append(section)
    titles = [(d.code, Text(d.title_fr, d.title_en)) for d in retained]
    return Grid(organisations, sections, resource_types, titles)


def _decision(stored: DiagnosticVerdict | None) -> grid.Decision | None:
    if stored is None:
        return None
    return grid.Decision(
        verdict=grid.Verdict(stored.verdict),
        importance=grid.Importance(stored.importance),
        confirmed=stored.is_confirmed,
        fingerprint=stored.inputs_fingerprint,
        note=stored.note,
    )


def opportunity_source(opportunity: grid.Opportunity) -> str:
    """What a pooled resource made from this opportunity stores as its origin.

    Always the French sentence, whatever the reader's language: the stored text is how
    `resources_from_opportunities` recognises the opportunity later.
    """
    with translation.override(SOURCE_LANGUAGE):
        text = str(opportunity.sentence)
    return text[: PooledResource._meta.get_field("source_opportunity").max_length]


def resources_from_opportunities(project, opportunities) -> dict[str, int]:
    """Pooled resources already made from these opportunities: opportunity key → resource id."""
    sources = {opportunity_source(o): o.key for o in opportunities}
    if not sources:
        return {}
    rows = PooledResource.objects.filter(project=project, source_opportunity__in=list(sources))
    return {sources[source]: pk for source, pk in rows.values_list("source_opportunity", "pk")}
