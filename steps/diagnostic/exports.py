"""The grid as CSV and XLSX: the same content as the page, for spreadsheets.

Text that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
carriage return) is neutralised with a leading apostrophe, in both formats.
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .grid import FAIBLESSE, FORCE, NEUTRE, Verdict
from .labels import APPRECIATION_LABELS, IMPORTANCE_LABELS, STATE_LABELS, VERDICT_LABELS
from .selectors import Grid, Line

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PARTS = ("appreciation", "description", "offre", "besoin")

VERDICT_FILLS = {
    Verdict.CONVERGENCE: "D1E7DD",
    Verdict.COMPLEMENTARITY: "CFE2FF",
    Verdict.DIVERGENCE: "F8D7DA",
    Verdict.TO_DISCUSS: "FFF3CD",
}
APPRECIATION_FILLS = {FORCE: "D1E7DD", FAIBLESSE: "F8D7DA", NEUTRE: "E9ECEF"}
HEADER_FILL = "1F4E79"


def safe(value) -> str:
    """The text of a cell, neutralised if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _part_names():
    return {
        "appreciation": _("Appréciation"),
        "description": _("Description"),
        "offre": _("Offre"),
        "besoin": _("Besoin"),
    }


def header(grid: Grid) -> list[str]:
    names = _part_names()
    columns = [_("Élément")]
    for org in grid.organisations:
        columns += [f"{org.name} — {names[part]}" for part in PARTS]
    columns += [_("Verdict"), _("Statut"), _("Importance"), _("Explication"), _("Note")]
    return [safe(column) for column in columns]


def values(line: Line) -> list[str]:
    """One grid line as the exported cells (same order as `header`)."""
    result = [str(line.row.item.label)]
    for cell in line.row.cells:
        result += [
            str(APPRECIATION_LABELS[cell.appreciation]),
            cell.description,
            cell.offre,
            cell.besoin,
        ]
    verdict = line.verdict
    result += [
        str(VERDICT_LABELS[verdict.verdict]),
        str(STATE_LABELS[verdict.state]),
        str(IMPORTANCE_LABELS[verdict.importance]),
        str(verdict.suggestion.reason),
        verdict.note,
    ]
    return [safe(value) for value in result]


def grid_csv(grid: Grid) -> str:
    """The whole grid in one table, a « Dimension » column first; `;` as in fr-CA Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe(_("Dimension"))] + header(grid))
    for section in grid.sections:
        for line in section.lines:
            writer.writerow([safe(section.title)] + values(line))
    return "\ufeff" + buffer.getvalue()  # the BOM makes Excel read UTF-8


def _sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or _("Grille")
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _xlsx(values: list[str]) -> list[str]:
    # Control characters are not allowed in an XLSX file: drop them.
    return [ILLEGAL_CHARACTERS_RE.sub("", value) for value in values]


def grid_xlsx(grid: Grid) -> bytes:
    """One sheet per dimension, header row and item column frozen, verdicts coloured."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    columns = _xlsx(header(grid))
    verdict_column = len(columns) - 4  # 1-based index of « Verdict »
    for section in grid.sections:
        sheet = workbook.create_sheet(_sheet_title(str(section.title), taken))
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for line in section.lines:
            sheet.append(_xlsx(values(line)))
            row = sheet.max_row
            for cell in sheet[row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for index, org_cell in enumerate(line.row.cells):
                fill = APPRECIATION_FILLS.get(org_cell.appreciation)
                if fill:
                    column = 2 + index * len(PARTS)
                    sheet.cell(row, column).fill = PatternFill("solid", fgColor=fill)
            sheet.cell(row, verdict_column).fill = PatternFill(
                "solid", fgColor=VERDICT_FILLS[line.verdict.verdict]
            )
        sheet.freeze_panes = "B2"
        sheet.column_dimensions["A"].width = 32
        for column in range(2, len(columns) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 24
    if not workbook.worksheets:
        workbook.create_sheet(_("Grille")).append(columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
