"""Benchmark rows of the PDF reports (used by `manage.py bench`).

For each kind of report, `measure_reports` times our whole path (context with its
queries, template, WeasyPrint) and, as the reference, WeasyPrint alone laying out the
very same final HTML string with the same fetcher, base URL, image cache, PDF options
and garbage-collector setting (`mutualisation.pdf`): the gap between the two is our
overhead. Peak Python memory is measured apart, on one more run under tracemalloc,
which slows everything down and must not touch the timings.
"""

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from weasyprint import HTML

from mutualisation.pdf import (
    BASE_URL,
    IMAGE_CACHE,
    PDF_OPTIONS,
    StaticOnlyFetcher,
    gc_relaxed,
    html_to_pdf,
    render_html,
)
from steps.models import PooledResource

from . import agreement, costs, dossier, evaluation, grid, plan, portrait


@dataclass(frozen=True)
class Job:
    kind: str
    label: str
    build: Callable[[], dict]  # the report's context, read from the database


def report_jobs(project) -> list[Job]:
    """One job per kind of report, as the management command exports it (full view).

    The portrait is the first organisation's (by name), the cost sheet the first pooled
    resource's; both are left out when the project has none.
    """
    organisation = project.organisations.order_by("name", "pk").first()
    resource = (
        PooledResource.objects.select_related("responsible_organisation")
        .filter(project=project)
        .order_by("pk")
        .first()
    )
    jobs = [
        Job("dossier", "Dossier complet", lambda: dossier.build_dossier_context(None, project))
    ]
    if organisation is not None:
        jobs.append(
            Job(
                "portrait",
                "Portrait d'une organisation",
                lambda: portrait.build_portrait_context(None, project, organisation=organisation),
            )
        )
    jobs.append(
        Job("grille", "Grille du diagnostic", lambda: grid.build_grid_context(None, project))
    )
    if resource is not None:
        jobs.append(
            Job(
                "couts",
                "Fiche coût d'utilisation",
                lambda: costs.build_costs_context(None, project, resource=resource),
            )
        )
    jobs += [
        Job("plan", "Plan d'action", lambda: plan.build_plan_context(None, project)),
        Job(
            "entente", "Projet d'entente", lambda: agreement.build_agreement_context(None, project)
        ),
        Job(
            "evaluation",
            "Bilan d'évaluation",
            lambda: evaluation.build_evaluation_context(None, project),
        ),
    ]
    return jobs


def _ours(job: Job):
    """Our whole path: context (queries), template, then HTML → PDF."""
    return html_to_pdf(render_html(f"pdf/{job.kind}.html", job.build()))


def _html(job: Job) -> str:
    """Our part alone: the context (queries) and the template, up to the final HTML."""
    return render_html(f"pdf/{job.kind}.html", job.build())


def _bare(html: str) -> bytes:
    """WeasyPrint alone on a final HTML string, as `html_to_pdf` calls it."""
    with gc_relaxed():
        return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf(
            cache=IMAGE_CACHE, **PDF_OPTIONS
        )


def _timed(function, *args) -> tuple[float, object]:
    """Elapsed time of one call, after a full garbage collection: a run must not pay for
    the hundreds of megabytes a previous WeasyPrint run left behind (a collection of that
    heap landing in one measurement and not in another took up to 2 s)."""
    gc.collect()
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def _peak_mb(job: Job) -> float:
    tracemalloc.start()
    try:
        _ours(job)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure_reports(project, runs: int = 3) -> list[dict]:
    """One dict per report of `project`: label, seconds (median of `runs`, ours),
    bare_seconds (median, WeasyPrint alone on the same HTML), overhead
    (seconds / bare_seconds − 1), html_seconds (median of our part alone: context and
    template, timed directly, so that it can be read apart from WeasyPrint's own swings
    of a few per cent on long documents), pages, pages_per_second, peak_mb (Python
    memory)."""
    runs = max(1, runs)
    jobs = report_jobs(project)
    rows = []
    for job in jobs:
        # Ours and the bare render alternate, so that a busy machine slows both alike.
        ours, bare, html = [], [], []
        result = _ours(job)  # the HTML string of the reference
        for _run in range(runs):
            seconds, result = _timed(_ours, job)
            ours.append(seconds)
            bare.append(_timed(_bare, result.html)[0])
            html.append(_timed(_html, job)[0])
        seconds = statistics.median(ours)
        bare_seconds = statistics.median(bare)
        rows.append(
            {
                "kind": job.kind,
                "label": job.label,
                "seconds": seconds,
                "bare_seconds": bare_seconds,
                "overhead": seconds / bare_seconds - 1,
                "html_seconds": statistics.median(html),
                "pages": result.page_count,
                "pages_per_second": result.page_count / seconds,
                "peak_mb": _peak_mb(job),
            }
        )
    return rows
