"""Benchmark rows of the PDF reports (steps.reports.bench), checked for shape and sanity;
the timings themselves are never asserted."""

import pytest

from steps.reports.bench import measure_reports, report_jobs

KEYS = {
    "kind",
    "label",
    "seconds",
    "bare_seconds",
    "overhead",
    "html_seconds",
    "pages",
    "pages_per_second",
    "peak_mb",
}


def test_pdf_bench_jobs_skip_what_the_project_lacks(world):
    """Without a pooled resource, the cost sheet is left out; every other report is there."""
    kinds = [job.kind for job in report_jobs(world.project)]
    assert kinds == ["dossier", "portrait", "grille", "plan", "entente", "evaluation"]


@pytest.mark.slow
def test_pdf_bench_measure_reports_rows(world):
    """One row per report with positive figures, the overhead computed from both medians."""
    rows = measure_reports(world.project, runs=1)
    assert [row["kind"] for row in rows] == [job.kind for job in report_jobs(world.project)]
    for row in rows:
        assert set(row) == KEYS
        assert row["label"] and isinstance(row["label"], str)
        assert row["seconds"] > 0 and row["bare_seconds"] > 0
        assert row["overhead"] == pytest.approx(row["seconds"] / row["bare_seconds"] - 1)
        assert 0 < row["html_seconds"] < row["seconds"]
        assert row["pages"] >= 1
        assert row["pages_per_second"] == pytest.approx(row["pages"] / row["seconds"])
        assert 0 < row["peak_mb"] < 2048
