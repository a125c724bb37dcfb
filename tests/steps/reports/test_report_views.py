"""Reports through the job engine and the cache, seen from the browser's side: the report
addresses, the « Préparation… » page, its JSON status, « Réessayer », the file.

Jobs run at once in the tests (ImmediateBackend); a few tests put the database queue back
to see a build waiting for a worker."""

import io
import logging
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from steps.models import Answer, GeneratedReport
from steps.reports import cache, jobs, views
from tests.steps.reports.conftest import SMALL_PAGES

Status = GeneratedReport.Status
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Session, user, membership, the report, the bell's unread count.
PROGRESS_PAGE_QUERIES = 5


def dossier_url(project):
    return reverse("steps:report_dossier", args=[project.slug])


def progress_url(report):
    return reverse("steps:report_progress", args=[report.project.slug, report.pk])


def status_url(report):
    return reverse("steps:report_status", args=[report.project.slug, report.pk])


def file_url(report):
    return reverse("steps:report_file", args=[report.project.slug, report.pk])


def retry_url(report):
    return reverse("steps:report_retry", args=[report.project.slug, report.pk])


def current(project):
    project.refresh_from_db()
    return project


def the_report(**lookup) -> GeneratedReport:
    return GeneratedReport.objects.get(**lookup)


def no_rendering(monkeypatch):
    """Any layout from here on fails the test: what follows must come from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("rendered instead of served from the cache")

    monkeypatch.setattr(jobs, "html_to_pdf", refuse)
    monkeypatch.setattr(views, "render", refuse)


def save_an_answer(world):
    Answer.objects.create(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.motivations.autres",
        value="Une réponse de plus",
    )


# --- The dossier: queued, prepared, served ----------------------------------------------


def test_dossier_goes_to_its_preparation_page_then_offers_the_file(
    world, client_as, small_documents
):
    """The advisor asks for the dossier: a job builds it, the « Préparation… » page
    offers the file, which is the PDF with the usual name."""
    client = client_as(world.advisor)
    response = client.get(dossier_url(world.project))

    report = the_report(key="dossier")
    assert response.status_code == 302
    assert response["Location"] == progress_url(report)
    assert report.status == Status.DONE
    assert (report.audience, report.language) == ("all", "fr-ca")
    assert report.content_version == current(world.project).content_version
    assert report.pages == SMALL_PAGES
    assert report.requested_by == world.advisor
    page = client.get(progress_url(report)).content.decode()
    assert "Télécharger le PDF" in page and file_url(report) in page
    assert re.search(rf"Le document est prêt\u00a0: {SMALL_PAGES}\u00a0pages, \d+\u00a0ko\.", page)
    download = client.get(file_url(report))
    assert download["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        rf'attachment; filename="dossier-{world.project.slug}-\d{{4}}-\d{{2}}-\d{{2}}\.pdf"',
        download["Content-Disposition"],
    )
    assert download["Cache-Control"] == "private, no-store"
    pdf = download.getvalue()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == SMALL_PAGES
    assert report.size == len(pdf)


def test_dossier_asked_again_comes_from_the_cache_at_once(
    world, client_as, small_documents, monkeypatch, django_assert_num_queries
):
    """Second request, same version: the same bytes, no new row, no rendering, and a
    fixed, small number of queries: session, user, membership, the report."""
    client = client_as(world.coordinator)
    client.get(dossier_url(world.project))
    report = the_report(key="dossier")
    first = client.get(file_url(report)).getvalue()
    no_rendering(monkeypatch)

    with django_assert_num_queries(4):
        again = client.get(dossier_url(world.project))

    assert again.status_code == 200
    assert again.getvalue() == first
    assert GeneratedReport.objects.count() == 1


def test_a_change_to_the_project_builds_a_new_version(world, client_as, small_documents):
    """An answer saved raises the project's version: the next request builds again."""
    client = client_as(world.coordinator)
    client.get(dossier_url(world.project))
    save_an_answer(world)
    world.project.refresh_from_db()

    response = client.get(dossier_url(world.project))

    versions = sorted(GeneratedReport.objects.values_list("content_version", flat=True))
    assert response.status_code == 302
    assert len(versions) == 2 and versions[1] == world.project.content_version
    assert the_report(content_version=versions[1]).status == Status.DONE


def test_partner_and_coordination_get_different_builds(world, client_as, small_documents):
    """A partner's dossier shows its own drafts only: a build of its own (« org:<id> »);
    the advisor shares the coordinator's (« all »), built once."""
    client_as(world.partner_a).get(dossier_url(world.project))
    client_as(world.coordinator).get(dossier_url(world.project))
    client_as(world.advisor).get(dossier_url(world.project))

    audiences = sorted(GeneratedReport.objects.values_list("audience", flat=True))
    assert audiences == ["all", f"org:{world.org_a.pk}"]
    viewers = [context["project"] for _template, context in small_documents]
    assert len(viewers) == 2  # the advisor's request built nothing


def test_a_partner_build_is_made_for_its_membership(world, client_as, small_documents):
    """The job builds the partner's dossier with the partner's own membership."""
    seen = []
    original = jobs.KINDS["dossier"].build

    def spy(who, project, target):
        seen.append(who)
        return original(who, project, target)

    kind = jobs.KINDS["dossier"]
    jobs.KINDS["dossier"] = jobs.ReportKind(**{**kind.__dict__, "build": spy})
    try:
        client_as(world.partner_b).get(dossier_url(world.project))
    finally:
        jobs.KINDS["dossier"] = kind
    assert seen[0].organisation_id == world.org_b.pk and seen[0].is_partner


# --- Waiting for a worker: the page, its status, joining a build ------------------------


@pytest.fixture
def database_queue(settings):
    """The real queue: a request queues the build, no worker runs it."""
    settings.TASKS = DATABASE_QUEUE


def test_queued_dossier_page_shows_progress_and_refresh_link(world, client_as, database_queue):
    """While no worker has taken it: « Préparation du dossier… », a progress bar, the
    script that polls the status, and « Actualiser » for a browser without JavaScript."""
    client = client_as(world.advisor)
    response = client.get(dossier_url(world.project), follow=True)

    page = response.content.decode()
    report = the_report(key="dossier")
    assert report.status == Status.QUEUED
    assert "<h1>Préparation du dossier…</h1>" in page
    assert '<progress class="w-100" id="report-progress-bar" max="1" value="0">' in page
    assert "En file d’attente" in page
    assert f'data-status-url="{status_url(report)}"' in page
    assert "js/report-progress.js" in page
    assert f'href="{progress_url(report)}" data-progress-refresh>Actualiser</a>' in page
    assert "<script>" not in page and 'style="' not in page


def test_second_request_joins_the_queued_build(world, client_as, database_queue):
    """Two requests, two people, one row and one job."""
    from django_tasks_db.models import DBTaskResult

    first = client_as(world.advisor).get(dossier_url(world.project))
    second = client_as(world.coordinator).get(dossier_url(world.project))

    assert first["Location"] == second["Location"]
    assert GeneratedReport.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=jobs.build_report.module_path).count() == 1


def test_status_json_follows_the_build(
    world, client_as, database_queue, small_documents, django_assert_num_queries
):
    """Queued, then done (with the file's address) after the worker's run; polled every
    second, it costs the session, the user, the membership and the report."""
    client = client_as(world.coordinator)
    client.get(dossier_url(world.project))
    report = the_report(key="dossier")

    url = status_url(report)
    with django_assert_num_queries(4):
        queued = client.get(url).json()
    jobs.run_build(report.pk, None)
    done = client.get(status_url(report)).json()

    assert queued["status"] == "queued" and queued["done"] == 0
    assert "download_url" not in queued
    assert done["status"] == "done"
    assert done["done"] == done["total"] == jobs.STEPS_BEFORE + SMALL_PAGES + jobs.STEPS_AFTER
    assert done["percent"] == 100
    assert done["download_url"] == file_url(report)
    assert done["counted"] == f"{done['total']} étapes terminées sur {done['total']}"


def test_status_words_of_a_running_build(world):
    """The step a running build is at, from its counts (3 steps, pages, 2 steps)."""
    report = GeneratedReport(project=world.project, status=Status.RUNNING, progress_total=10)
    words = []
    for done in range(11):
        report.progress_done = done
        words.append(views._step(report))
    assert words[:3] == [
        "Lecture des données du projet…",
        "Mise en forme du document…",
        "Préparation de la mise en page…",
    ]
    assert words[3:8] == [f"Mise en page\u00a0: page {n}…" for n in range(1, 6)]
    assert words[8:] == ["Écriture du PDF…", "Enregistrement du fichier…"] + [
        "Enregistrement du fichier…"
    ]


def test_a_build_whose_worker_died_is_queued_again(world, client_as, small_documents):
    """Running past its lease (a killed worker): the next request queues it again."""
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - cache.lease() - timedelta(seconds=1)
    report = GeneratedReport.objects.create(
        project=world.project,
        key="dossier",
        language="fr-ca",
        audience="all",
        content_version=current(world.project).content_version,
        status=Status.RUNNING,
        started_at=long_ago,
    )

    response = client_as(world.advisor).get(dossier_url(world.project))

    report.refresh_from_db()
    assert response["Location"] == progress_url(report)
    assert report.status == Status.DONE
    assert report.started_at > long_ago


def test_a_live_build_is_joined_not_restarted(
    world, client_as, small_documents, django_assert_num_queries
):
    """Running within its lease: the request waits on its page, nothing is queued."""
    from django.utils import timezone

    report = GeneratedReport.objects.create(
        project=world.project,
        key="dossier",
        language="fr-ca",
        audience="all",
        content_version=current(world.project).content_version,
        status=Status.RUNNING,
        started_at=timezone.now(),
        progress_done=4,
        progress_total=10,
    )
    client = client_as(world.advisor)

    response = client.get(dossier_url(world.project))
    url = progress_url(report)
    with django_assert_num_queries(PROGRESS_PAGE_QUERIES):
        page = client.get(url).content.decode()

    assert response["Location"] == progress_url(report)
    assert the_report(pk=report.pk).status == Status.RUNNING
    assert small_documents == []
    assert 'max="10" value="4"' in page
    assert "Mise en page\u00a0: page 2…" in page
    assert "4 étapes terminées sur 10" in page


# --- Failures ---------------------------------------------------------------------------


def test_failed_job_shows_french_message_and_retry(
    world, client_as, small_documents, monkeypatch, caplog
):
    """A job that fails: FAILED with a French message, logged; never served; the page
    offers « Réessayer », which queues it again."""
    client = client_as(world.coordinator)

    def broken(html):
        raise RuntimeError("WeasyPrint en panne")

    monkeypatch.setattr(jobs, "html_to_pdf", broken)
    with caplog.at_level(logging.ERROR, logger="steps.reports.jobs"):
        client.get(dossier_url(world.project))

    report = the_report(key="dossier")
    assert report.status == Status.FAILED
    assert report.error.startswith("La préparation du rapport a échoué.")
    assert "WeasyPrint en panne" in caplog.text
    page = client.get(progress_url(report)).content.decode()
    assert report.error in page
    assert f'action="{retry_url(report)}"' in page and "Réessayer" in page
    assert client.get(file_url(report)).status_code == 404
    assert client.get(dossier_url(world.project))["Location"] == progress_url(report)
    assert client.get(status_url(report)).json()["error"] == report.error

    monkeypatch.undo()
    monkeypatch.setattr(jobs, "render_html", lambda name, context: "<p>Réparé</p>")
    response = client.post(retry_url(report))

    report.refresh_from_db()
    assert response["Location"] == progress_url(report)
    assert report.status == Status.DONE and report.error == ""
    assert client.get(retry_url(report)).status_code == 405


def test_too_long_report_fails_in_french_in_the_job(world, client_as, settings):
    """Past PDF_MAX_HTML_BYTES (a 2 MB text, say): FAILED, « trop long »."""
    settings.PDF_MAX_HTML_BYTES = 1_000
    client_as(world.advisor).get(dossier_url(world.project))

    report = the_report(key="dossier")
    assert report.status == Status.FAILED
    assert report.error.startswith("Ce rapport est trop long pour être produit")


def test_job_time_limit_stops_a_long_build(world, client_as, settings, monkeypatch):
    """The job bounds its own time (REPORT_JOB_TIME_LIMIT_SECONDS): FAILED, in French."""
    settings.REPORT_JOB_TIME_LIMIT_SECONDS = 0.2
    long_html = "<table>" + "<tr><td>cellule</td><td>autre</td></tr>" * 40_000 + "</table>"
    monkeypatch.setattr(jobs, "render_html", lambda name, context: long_html)

    client_as(world.advisor).get(dossier_url(world.project))

    report = the_report(key="dossier")
    assert report.status == Status.FAILED
    assert "trop long" in report.error


def test_a_missing_file_is_built_again(world, client_as, small_documents):
    """The storage lost the file (another host's folder, a manual clean-up): the row goes
    and the report is built again instead of failing."""
    client = client_as(world.coordinator)
    client.get(dossier_url(world.project))
    report = the_report(key="dossier")
    report.file.storage.delete(report.file.name)

    response = client.get(dossier_url(world.project))

    rebuilt = the_report(key="dossier")
    assert response.status_code == 302
    assert rebuilt.pk != report.pk and rebuilt.status == Status.DONE
    assert rebuilt.file.storage.exists(rebuilt.file.name)


# --- Small reports: rendered in the request, then cached --------------------------------


@pytest.mark.slow
def test_small_report_renders_in_the_request_then_comes_from_the_cache(
    world, client_as, monkeypatch, django_assert_num_queries
):
    """The agreement renders at once and is kept; the second request sends the same
    bytes without rendering."""
    client = client_as(world.partner_a)
    url = reverse("steps:report_entente", args=[world.project.slug])
    first = client.get(url)
    report = the_report(key="entente")
    no_rendering(monkeypatch)

    with django_assert_num_queries(4):
        again = client.get(url)

    assert first.status_code == again.status_code == 200
    assert again.getvalue() == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert report.status == Status.DONE and report.audience == f"org:{world.org_a.pk}"
    assert report.started_at <= report.finished_at


def test_adaptive_report_renders_in_the_request_after_a_quick_build(
    world, client_as, small_documents, monkeypatch
):
    """The grid: first by a job (no history), then in the request once a build of this
    project took under INLINE_SECONDS; a slow history keeps it in the job."""
    client = client_as(world.coordinator)
    url = reverse("steps:report_grille", args=[world.project.slug])
    assert client.get(url).status_code == 302  # never built here: the job
    assert jobs.renders_in_request(jobs.KINDS["grille"], world.project, "grille")
    save_an_answer(world)

    response = client.get(url)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    monkeypatch.setattr(jobs, "INLINE_SECONDS", 0)
    assert not jobs.renders_in_request(jobs.KINDS["grille"], world.project, "grille")
    assert jobs.renders_in_request(jobs.KINDS["entente"], world.project, "entente")
    assert not jobs.renders_in_request(jobs.KINDS["dossier"], world.project, "dossier")


# --- Who may see a build ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["progress", "status", "file", "retry"])
def test_idor_a_build_of_another_audience_or_project_is_404(world, client_as, name):
    """The coordination's build is 404 to partners; another project's, to everyone."""
    from django.core.files.base import ContentFile

    def finished(project, audience):
        report = GeneratedReport.objects.create(
            project=project,
            key="dossier",
            language="fr-ca",
            audience=audience,
            content_version=project.content_version,
            status=Status.DONE,
            filename="dossier.pdf",
        )
        report.file.save("x.pdf", ContentFile(b"%PDF-1.7 secret"), save=True)
        return report

    coordination = finished(world.project, "all")
    elsewhere = finished(world.other_project, "all")
    mine = finished(world.project, f"org:{world.org_b.pk}")
    method = "post" if name == "retry" else "get"
    url = {"progress": progress_url, "status": status_url, "file": file_url, "retry": retry_url}[
        name
    ]

    partner_b = client_as(world.partner_b)
    assert getattr(partner_b, method)(url(coordination)).status_code == 404
    assert getattr(partner_b, method)(url(mine)).status_code in (200, 302)
    # The other project's id under this project's address: 404 as well.
    foreign = reverse(f"steps:report_{name}", args=[world.project.slug, elsewhere.pk])
    assert getattr(client_as(world.coordinator), method)(foreign).status_code == 404
    assert getattr(client_as(world.partner_a), method)(url(mine)).status_code == 404


def test_report_of_a_project_one_cannot_see_is_404(world, client_as):
    """As before the cache: the access check comes first."""
    response = client_as(world.outsider).get(dossier_url(world.project))
    assert response.status_code == 404
    assert not GeneratedReport.objects.exists()
