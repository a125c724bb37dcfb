"""The benchmark's tables, its JSON results and the PostgreSQL / SQLite comparison.

Figures are never checked (no timed test): only what is printed, flagged and written.
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from steps.management.commands import bench
from steps.management.commands.bench_compare import compare


def report(label, seconds, bare, pages):
    """A row as steps.reports.bench.measure_reports returns it."""
    return {
        "label": label,
        "seconds": seconds,
        "bare_seconds": bare,
        "overhead": seconds / bare - 1,
        "pages": pages,
        "pages_per_second": pages / seconds,
        "peak_mb": 42.0,
    }


def results(vendor, pages, references=(0.2, 2.0)):
    """A `bench --json` document with the given {label: ms} pages."""
    return {
        "format": bench.JSON_FORMAT,
        "version": bench.JSON_VERSION,
        "database": {"vendor": vendor},
        "references": [
            {"label": "Référence : vue nue", "ms": references[0], "best_ms": references[0]},
            {"label": "Référence : tableau 50 × 8", "ms": references[1], "best_ms": references[1]},
        ],
        "pages": [
            {"label": label, "ms": ms, "best_ms": ms * 0.9, "cpu_ms": ms * 0.5}
            for label, ms in pages.items()
        ],
        "downloads": [],
    }


@pytest.mark.parametrize(
    ("row", "flags"),
    [
        (report("Dossier complet", 2.0, 1.9, 40), []),
        (report("Dossier complet", 2.5, 2.0, 40), ["surcoût ≥ 20 %"]),
        (report("Dossier complet", 5.0, 4.8, 20), ["< 15 pages/s"]),
        ({**report("Dossier complet", 2.0, 1.9, 40), "html_seconds": 0.11}, ["notre part > 5 %"]),
        ({**report("Dossier complet", 2.0, 1.9, 40), "html_seconds": 0.09}, []),
        ({**report("Plan d'action", 2.0, 1.9, 4), "html_seconds": 0.5}, []),
        (report("Grille de diagnostic", 1.0, 0.95, 2), []),
        (report("Plan d'action", 1.3, 1.0, 4), ["surcoût ≥ 20 %"]),
    ],
)
def test_bench_report_row_flags_the_pdf_targets(row, flags):
    """Overhead ≥ 20 % is flagged on every report; < 15 pages/s and our own share (context
    and template) above 5 % of the time on the dossier only."""
    assert bench.report_row(row)["flags"] == flags


def test_bench_report_row_computes_overhead_from_both_times():
    """The overhead is the report's time over bare WeasyPrint's, minus one."""
    row = bench.report_row(report("Plan d'action", 1.5, 1.2, 3))

    assert row["overhead"] == pytest.approx(0.25)
    assert row["pages_per_second"] == pytest.approx(2.0)


def printed(**sections):
    """The tables the bench prints for a results document."""
    document = results("sqlite", {"Tableau de bord": 9.0}) | {
        "organisations": 30,
        "runs": 3,
        "reports": None,
        "reports_skipped": "--no-reports",
        "round_trip_us": 25.0,
        "connections_opened": 0,
    }
    document["pages"][0] |= {
        "ratio": 4.5,
        "queries_small": 8,
        "queries": 8,
        "flags": bench.page_flags(4.5, 8, 8),
    }
    for row in document["references"]:
        row |= {"queries": 2, "queries_small": 2}
    backup = {"label": "Sauvegarde JSON", "ms": 90.0, "best_ms": 80.0}
    document["downloads"] = [backup | {"queries": 36, "queries_small": 36}]
    document |= sections
    out = StringIO()
    bench.Command(stdout=out).print_tables(document)
    return out.getvalue()


def test_bench_tables_put_the_backup_among_downloads_without_page_target():
    """The JSON backup is listed under « Téléchargements », without the 4 × flag."""
    out = printed()
    pages, downloads = out.split("Téléchargements")

    assert "Tableau de bord" in pages and "> 4 × réf." in pages
    assert "Sauvegarde JSON" not in pages
    assert "Sauvegarde JSON" in downloads and "réf." not in downloads


def test_bench_tables_say_when_the_pdf_measurements_are_absent():
    """With --no-reports, a line says the PDF reports were not measured."""
    assert "Rapports PDF : non mesurés (--no-reports)." in printed()


def test_bench_tables_print_the_pdf_reports_with_their_flags():
    """The PDF table shows time, bare WeasyPrint, overhead, pages, pages/s and peak MB."""
    rows = [
        bench.report_row(report("Dossier complet", 5.0, 4.8, 20)),
        bench.report_row(report("Grille de diagnostic", 0.5, 0.45, 2)),
    ]
    out = printed(reports=rows)
    table = out.split("Rapports PDF")[1]

    assert "WeasyPrint s" in table and "pic Mo" in table and "pages/s" in table
    dossier = next(line for line in table.splitlines() if line.startswith("Dossier"))
    assert "4.2 %" in dossier and "< 15 pages/s" in dossier and "42.0" in dossier
    grid = next(line for line in table.splitlines() if line.startswith("Grille"))
    assert "11.1 %" in grid and "pages/s" not in grid


@pytest.mark.slow
@pytest.mark.django_db
def test_bench_writes_json_with_pages_downloads_and_reports(tmp_path, monkeypatch):
    """A small run writes every section to --json; PDF rows come from measure_reports."""
    measured = []

    def measure_reports(project, runs=3):
        measured.append(project.organisations.count())
        return [report("Dossier complet", 5.0, 4.9, 20)]

    monkeypatch.setattr(bench, "measure_reports", measure_reports)
    path = tmp_path / "bench.json"

    call_command(
        "bench", runs=1, organisations=3, json_file=str(path), projects=4, stdout=StringIO()
    )

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == bench.JSON_FORMAT
    assert document["database"]["vendor"] in ("sqlite", "postgresql")
    labels = [row["label"] for row in document["pages"]]
    assert "Plan d'action" in labels and "Sauvegarde JSON" not in labels
    assert [row["label"] for row in document["downloads"]] == ["Sauvegarde JSON"]
    assert all(row["queries_small"] == row["queries"] for row in document["pages"])
    assert document["connections_opened"] == 0  # one connection, kept for every request
    if document["database"]["vendor"] == "sqlite":  # all the work is in this process
        assert all(row["cpu_ms"] > 0 for row in document["pages"])
    assert document["round_trip_us"] > 0
    assert measured == [3]
    assert document["reports"][0]["flags"] == ["< 15 pages/s"]
    assert [row["label"] for row in document["todo"]] == ["coordination"] * 2 + ["partenaire"] * 2
    assert document["workers"]["skipped"]
    one, every, again = document["reminders"]["rows"]
    assert (one["projects"], every["projects"]) == (1, 4)
    assert one["queries"] == every["queries"] and every["flags"] == []
    assert again["reminders"] == 0  # a second pass sends nothing new


def test_bench_statements_count_a_split_bulk_insertion_once():
    """Consecutive INSERTs into one table are one insertion; anything between splits."""
    queries = [
        {"sql": 'SELECT "a" FROM "t"'},
        {"sql": 'INSERT INTO "n" ("a") VALUES (1)'},
        {"sql": 'INSERT INTO "n" ("a") VALUES (2)'},
        {"sql": 'INSERT INTO "m" ("a") VALUES (3)'},
        {"sql": 'UPDATE "n" SET "a" = 1'},
        {"sql": 'INSERT INTO "n" ("a") VALUES (4)'},
    ]
    assert bench.statements(queries) == 5


def test_bench_follow_up_tables_print_flags_and_skipped_workers():
    """The « À faire » rows flag more than 3 added queries, the reminders a query count
    that differs with the number of projects; absent workers say why."""
    todo = {
        "label": "partenaire",
        "organisations": 30,
        "queries": 12,
        "queries_without": 8,
        "added": 4,
        "ms": 9.0,
        "ms_without": 7.0,
        "flags": ["> 3 requêtes"],
    }
    rows = [
        {"label": label, "projects": n, "seconds": 0.5, "queries": q, "raw_queries": q + 2}
        | {"reminders": 10, "digests": 3}
        for label, n, q in (("1 projet", 1, 20), ("200 projets", 200, 22))
    ]
    rows[1]["flags"] = ["requêtes variables"]
    document = {
        "todo": [todo],
        "workers": {"skipped": "--no-workers"},
        "reminders": {"rows": rows, "setup_seconds": 12.0},
    }
    out = StringIO()
    bench.Command(stdout=out).print_followup(document)
    text = out.getvalue()

    partner = next(line for line in text.splitlines() if line.startswith("partenaire"))
    assert "> 3 requêtes" in partner
    assert "Workers db_worker : non mesurés (--no-workers)." in text
    many = next(line for line in text.splitlines() if line.startswith("200 projets"))
    assert "requêtes variables" in many and "(24)" in many


def test_bench_compare_flags_pages_over_the_target():
    """PostgreSQL / SQLite per page; only pages over 1.15 × are flagged, not references."""
    sqlite = results("sqlite", {"Tableau de bord": 10.0, "Grille": 20.0})
    postgres = results("postgresql", {"Tableau de bord": 11.0, "Grille": 24.0}, (0.4, 3.0))

    rows = {row["label"]: row for row in compare(sqlite, postgres)}

    assert rows["Tableau de bord"]["ratio"] == pytest.approx(1.1)
    assert rows["Tableau de bord"]["cpu_ratio"] == pytest.approx(1.1)
    assert not rows["Tableau de bord"]["over"]
    assert rows["Grille"]["over"]
    assert rows["Référence : vue nue"]["ratio"] == pytest.approx(2.0)
    assert not rows["Référence : vue nue"]["over"]


def test_bench_compare_command_prints_ratios_and_can_fail(tmp_path):
    """The command prints the table and, with --fail, errs when a page is over."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(results("sqlite", {"Grille": 20.0})), encoding="utf-8")
    b.write_text(json.dumps(results("postgresql", {"Grille": 30.0})), encoding="utf-8")
    out = StringIO()

    call_command("bench_compare", str(a), str(b), stdout=out)

    assert "postgresql / sqlite" in out.getvalue()
    assert "1.50" in out.getvalue() and "> 1.15 ×" in out.getvalue()
    with pytest.raises(CommandError, match="Grille"):
        call_command("bench_compare", str(a), str(b), fail=True, stdout=StringIO())


def test_bench_compare_refuses_a_file_that_is_not_a_bench_result(tmp_path):
    """Any other JSON file gets a clear message."""
    other = tmp_path / "autre.json"
    other.write_text(json.dumps({"format": "mutualisation.projet"}), encoding="utf-8")

    with pytest.raises(CommandError, match="bench --json"):
        call_command("bench_compare", str(other), str(other))
