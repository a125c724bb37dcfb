"""Exports of the grid: opened back and read cell by cell, formulas neutralised."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from steps.diagnostic.exports import safe
from steps.models import DiagnosticVerdict, StepStatus
from tests.factories import (
    MISSION,
    PREMISES,
    TRANSPORT,
    portrait,
    set_reflexion,
    submitted_organisation,
)

pytestmark = pytest.mark.usefixtures("test_dimensions")

MISSION_REASON = (
    "Pas assez de portraits remplis pour comparer\u00a0: "
    "0 organisation sur 2 a donné une appréciation."
)


@pytest.fixture
def exported(world):
    """Two submitted portraits (one with hostile text), a confirmed verdict, and a draft."""
    project = world.project
    hostile = submitted_organisation(project, "=Organisme malin")
    set_reflexion(project, world.org_a)
    portrait(
        project,
        world.org_a,
        TRANSPORT,
        appreciation="force",
        description="Deux camions",
        offre="Camion réfrigéré libre le lundi",
    )
    portrait(project, hostile, TRANSPORT, appreciation="faiblesse", besoin="+33 livraisons")
    portrait(project, hostile, PREMISES, description="@SUM(A1)", offre="-2+3")
    portrait(project, world.org_a, PREMISES, appreciation="neutre", besoin='=HYPERLINK("x")')
    DiagnosticVerdict.objects.create(
        project=project,
        item_code=MISSION,
        verdict="divergence",
        importance="majeure",
        note="=1+1 à discuter en comité",
        status=DiagnosticVerdict.Status.CONFIRMED,
        confirmed_by=world.coordinator,
        inputs_fingerprint="ancienne",
    )
    draft = submitted_organisation(project, "Organisme en brouillon")
    set_reflexion(project, draft, StepStatus.Status.IN_PROGRESS)
    portrait(project, draft, TRANSPORT, offre="Brouillon secret")
    return world.org_a, hostile


def _get(client, project, name):
    response = client.get(reverse(f"steps:{name}", kwargs={"project_slug": project.slug}))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcaché", "'\tcaché"),
        ("\r=1", "'\r=1"),
        ("Camion = oui", "Camion = oui"),
        ("", ""),
        (None, ""),
        (12, "12"),
    ],
)
def test_safe_neutralises_formulas(value, expected):
    """Cells a spreadsheet would run as formulas get a leading apostrophe."""
    assert safe(value) == expected


def test_xlsx_export_cell_by_cell(world, client_as, exported):
    """One sheet per dimension, frozen header, the grid's content, colours and no formula."""
    org_a, hostile = exported
    response = _get(client_as(world.advisor), world.project, "grid_xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "grille-diagnostic-" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Identité",
        "Gouvernance",
        "Installations et équipements",
        "Communication",
    ]

    sheet = book["Installations et équipements"]
    assert sheet.freeze_panes == "B2"
    header = [cell.value for cell in sheet[1]]
    # Organisations by name: « =Organisme malin » sorts before « Banque alimentaire… ».
    assert header == [
        "Élément",
        "'=Organisme malin — Appréciation",
        "'=Organisme malin — Description",
        "'=Organisme malin — Offre",
        "'=Organisme malin — Besoin",
        f"{org_a.name} — Appréciation",
        f"{org_a.name} — Description",
        f"{org_a.name} — Offre",
        f"{org_a.name} — Besoin",
        "Verdict",
        "Statut",
        "Importance",
        "Explication",
        "Note",
    ]
    rows = {row[0].value: [cell.value for cell in row] for row in sheet.iter_rows(min_row=2)}
    assert list(rows) == [
        "Locaux",
        "Lieu de production",
        "Espace d'entreposage",
        "Moyens de transport",
    ]
    assert rows["Moyens de transport"] == [
        "Moyens de transport",
        "Faiblesse",
        None,
        None,
        "'+33 livraisons",
        "Force",
        "Deux camions",
        "Camion réfrigéré libre le lundi",
        None,
        "Complémentarité",
        "Suggéré",
        "Mineure",
        f"{org_a.name} peut offrir ce dont =Organisme malin a besoin.",
        None,
    ]
    assert rows["Locaux"][1:9] == [
        "Non précisée",
        "'@SUM(A1)",
        "'-2+3",
        None,
        "Neutre",
        None,
        None,
        '\'=HYPERLINK("x")',
    ]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate

    transport = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Moyens de transport")
    assert transport[9].fill.fgColor.rgb == "00CFE2FF"  # complémentarité: blue
    assert transport[1].fill.fgColor.rgb == "00F8D7DA"  # faiblesse: red
    assert transport[5].fill.fgColor.rgb == "00D1E7DD"  # force: green

    identity = book["Identité"]
    mission = [cell.value for cell in identity[2]]
    assert mission[0] == "Mission, vision, valeurs"
    assert mission[9:] == [
        "Divergence",
        "À revoir",
        "Majeure",
        MISSION_REASON,
        "'=1+1 à discuter en comité",
    ]
    assert identity.cell(2, 10).fill.fgColor.rgb == "00F8D7DA"


def test_csv_export_cell_by_cell(world, client_as, exported):
    """The CSV has the same content in one table, `;`-separated, formulas neutralised."""
    org_a, hostile = exported
    response = _get(client_as(world.partner_a), world.project, "grid_csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:]), delimiter=";"))
    assert rows[0][:3] == ["Dimension", "Élément", "'=Organisme malin — Appréciation"]
    assert len(rows) == 1 + 9  # header + every item of the four dimensions
    assert all(len(row) == len(rows[0]) == 2 + 4 * 2 + 5 for row in rows)
    by_item = {row[1]: row for row in rows[1:]}
    assert by_item["Moyens de transport"] == [
        "Installations et équipements",
        "Moyens de transport",
        "Faiblesse",
        "",
        "",
        "'+33 livraisons",
        "Force",
        "Deux camions",
        "Camion réfrigéré libre le lundi",
        "",
        "Complémentarité",
        "Suggéré",
        "Mineure",
        f"{org_a.name} peut offrir ce dont =Organisme malin a besoin.",
        "",
    ]
    assert by_item["Mission, vision, valeurs"][-5:] == [
        "Divergence",
        "À revoir",
        "Majeure",
        MISSION_REASON,
        "'=1+1 à discuter en comité",
    ]
    assert "Brouillon secret" not in content
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value


def test_exports_without_portraits(world, client_as):
    """With nothing submitted, exports still open: the item rows with their suggestions."""
    book = load_workbook(
        io.BytesIO(_get(client_as(world.coordinator), world.project, "grid_xlsx").content)
    )
    assert book["Identité"]["A1"].value == "Élément"
    assert book["Identité"]["B1"].value == "Verdict"
