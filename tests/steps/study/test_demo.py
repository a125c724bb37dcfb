"""The demo's opportunity study (issue 20's acceptance): the food bank saves from year 2,
the CDC des Seigneuries from year 4, the small CDC gains access to the communications
officer; the coordinator sees it all, downloads the board note and the spreadsheet."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from projects.demo import COORDINATOR_EMAIL, demo_organisation
from projects.models import User
from steps.demo import build_demo_project
from steps.study import computing, selectors


@pytest.fixture
def demo(db):
    return build_demo_project()


def _text(response) -> str:
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ").split())


def test_demo_study_paybacks_and_access(demo):
    loaded = selectors.load(demo)
    result = computing.study(loaded.inputs)
    by_name = {o.name: result.organisations[o.pk] for o in loaded.organisations}
    assert by_name["Banque alimentaire du Haut-Lac"].payback_year == 2
    assert by_name["CDC des Seigneuries"].payback_year == 4
    vallee = by_name["CDC de la Vallée-des-Moulins"]
    officer = next(r.pk for r in loaded.resources if r.name == "Agente de communication partagée")
    assert vallee.access_gained == (officer,)
    assert loaded.inputs.loan.amount == Decimal("50000.00") and loaded.inputs.grant
    assert all(not r.missing_alone for r in result.organisations.values())
    assert selectors.status_of(loaded) == selectors.Status.HYPOTHESES


def test_demo_coordinator_sees_savings_sensitivity_and_downloads(demo, client):
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    slug = demo.slug
    text = _text(client.get(reverse("steps:opportunity_study", args=[slug])))
    assert "à partir de l'année 2" in text and "à partir de l'année 4" in text
    text = _text(client.get(reverse("steps:opportunity_study_sensitivity", args=[slug])))
    for label in ("Utilisations −30 %", "Coûts de démarrage +20 %", "Départ de"):
        assert label in text
    detail = _text(client.get(reverse("steps:opportunity_study_detail", args=[slug])))
    assert "utilisations × 130,08 $" not in detail  # a share is never written from a rounded rate
    assert "160 utilisations × 74,45 $ + 8 900,00 $ de frais fixes = 20 812,00 $" in detail
    bank = demo_organisation(demo, "banque_alimentaire")
    note = client.get(reverse("steps:opportunity_study_note", args=[slug, bank.pk]))
    assert note.status_code == 200 and note.content.startswith(b"%PDF")
    xlsx = client.get(reverse("steps:opportunity_study_xlsx", args=[slug]))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_demo_xlsx_recalculated_equals_the_study(demo, client, tmp_path):
    """Four organisations, a loan, a key by share of cost: the sheet gives our amounts."""
    formulas = pytest.importorskip("formulas")
    from openpyxl import load_workbook

    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    path = tmp_path / "demo.xlsx"
    path.write_bytes(client.get(reverse("steps:opportunity_study_xlsx", args=[demo.slug])).content)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    cells = {}
    for key, value in solution.items():
        match = re.search(r"!([A-Z]+\d+)$", key)
        if match:
            cells[match.group(1)] = value.value[0, 0]
    sheet = load_workbook(path).active
    loaded = selectors.load(demo)
    result = computing.study(loaded.inputs)
    group_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Groupe")
    for year in result.group:
        row = group_row + year.year
        values = [round(Decimal(str(cells[f"{c}{row}"])), 2) for c in "BCDE"]
        assert values == [year.together, year.alone, year.saving, year.cumulative]


def test_demo_dossier_has_the_study_section(demo):
    """The dossier's modélisation part carries the study, with the sensitivity table."""
    from mutualisation.pdf import render_html
    from steps.reports.dossier import build_dossier_context

    html = render_html("pdf/dossier.html", build_dossier_context(None, demo))
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ").split())
    assert 'id="etude"' in html
    assert "Économie nette cumulée du groupe" in text
    assert "Utilisations −30 %" in text


def test_dossier_sensitivity_has_one_row_per_organisation_and_one_column_per_scenario(demo):
    """On paper the table is turned: the scenarios across (a handful), the group then
    each organisation down, so that 30 organisations still fit the page's width."""
    from mutualisation.pdf import render_html
    from steps.reports.dossier import build_dossier_context

    html = render_html("pdf/dossier.html", build_dossier_context(None, demo))
    table = html[html.index("Sensibilité") :]
    table = table[: table.index("</table>")]
    head = table[table.index("<thead>") : table.index("</thead>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table, re.S)
    loaded = selectors.load(demo)
    scenarios = computing.sensitivity(loaded.inputs, loaded.departure)
    assert head.count('scope="col"') == 1 + len(scenarios)
    assert "Utilisations −30\u00a0%" in head
    names = [unescape(re.sub(r"<[^>]+>", "", name)) for name, _cells in rows]
    assert names == ["Groupe"] + [o.name for o in loaded.organisations]
    assert all(cells.count("<td") == len(scenarios) for _name, cells in rows)


def test_dossier_toc_links_to_the_study_section_only_when_there_is_one(demo, world):
    """The table of contents names the study, right after the year's balance; a project
    without a study has neither the section nor its entry."""
    from mutualisation.pdf import render_html
    from steps.reports.dossier import build_dossier_context

    html = render_html("pdf/dossier.html", build_dossier_context(None, demo))
    toc = html.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#etude">Étude d’opportunité</a>' in toc
    assert toc.index('href="#bilan-annee"') < toc.index('href="#etude"')
    assert toc.index('href="#etude"') < toc.index('href="#fonctionnement"')

    empty = render_html("pdf/dossier.html", build_dossier_context(None, world.project))
    assert 'id="etude"' not in empty
    assert 'href="#etude"' not in empty
