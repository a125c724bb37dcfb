"""Grille de diagnostic: verdicts, the portraits crossed in readable column groups,
the potential with its reasons and the pair matrix."""

from dataclasses import dataclass

from projects.method import STEPS_BY_CODE
from steps.diagnostic import grid, selectors
from steps.diagnostic.labels import APPRECIATION_LABELS, LEVEL_LABELS

from .common import base_context

# Organisation columns per table: five short cells on a portrait Letter page (the
# dossier), six detailed ones on a landscape page (the grid report); more organisations
# make more tables, one after another.
ORGANISATIONS_PER_TABLE = 5
ORGANISATIONS_PER_LANDSCAPE_TABLE = 6
# Beyond this many organisations, the pair matrix is shown as a ranked list instead.
MATRIX_MAX_ORGANISATIONS = 10
SHORT_TEXT = 140


@dataclass(frozen=True)
class CellView:
    appreciation: str
    appreciation_label: str
    description: str
    offre: str
    besoin: str
    is_empty: bool


@dataclass(frozen=True)
class ColumnGroup:
    organisations: tuple
    sections: list  # [(section title, [(line, [CellView])])]
    first: int  # number of the first organisation of the group (1-based)

    @property
    def last(self) -> int:
        return self.first + len(self.organisations) - 1

    @property
    def span(self) -> int:
        """Columns of the table: the item, then one per organisation."""
        return len(self.organisations) + 1


def _short(text: str) -> str:
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def _cell(cell: grid.Cell) -> CellView:
    return CellView(
        cell.appreciation,
        str(APPRECIATION_LABELS.get(cell.appreciation, "")),
        _short(cell.description),
        _short(cell.offre),
        _short(cell.besoin),
        cell.is_empty,
    )


def column_groups(data: selectors.Grid, size: int = ORGANISATIONS_PER_TABLE) -> list:
    organisations = data.organisations
    groups = []
    for start in range(0, len(organisations), size):
        stop = start + size
        sections = [
            (
                section.title,
                [(line, [_cell(c) for c in line.row.cells[start:stop]]) for line in section.lines],
            )
            for section in data.sections
            if section.lines
        ]
        groups.append(ColumnGroup(organisations[start:stop], sections, start + 1))
    return groups


def diagnostic_parts(project, *, per_table: int = ORGANISATIONS_PER_TABLE) -> dict:
    """The grid, its potential and the pair matrix, read once."""
    data = selectors.build_grid(project)
    result = grid.potential(data.rows, data.verdicts, data.dimension_titles)
    matrix = grid.pair_matrix(data.rows, data.resource_types)
    titles = {section.code: section.title for section in data.sections}
    dimensions = [
        (titles[code], assessment, LEVEL_LABELS.get(assessment.level, ""))
        for code, assessment in result.by_dimension.items()
        if code in titles
    ]
    full_matrix = 1 < len(matrix.organisations) <= MATRIX_MAX_ORGANISATIONS
    return {
        "grid": data,
        "groups": column_groups(data, per_table),
        "overall": result.overall,
        "overall_label": LEVEL_LABELS.get(result.overall.level, ""),
        "dimensions": dimensions,
        "matrix": matrix,
        "matrix_rows": [
            (
                org,
                [
                    matrix.get(org.id, o.id) if org.id != o.id else None
                    for o in matrix.organisations
                ],
            )
            for org in matrix.organisations
        ]
        if full_matrix
        else [],
        "top_pairs": [pair for pair in matrix.ranked() if pair.score > 0][:10],
    }


def build_grid_context(membership, project) -> dict:
    context = base_context(project, step=STEPS_BY_CODE["diagnostic"])
    context.update(diagnostic_parts(project, per_table=ORGANISATIONS_PER_LANDSCAPE_TABLE))
    return context
