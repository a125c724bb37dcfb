"""The build job (steps/reports/jobs.py): claiming, idempotence, progress, viewers,
languages, failures; and the real worker of the database queue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import Membership
from steps.models import Answer, GeneratedReport, PooledResource
from steps.reports import cache, jobs
from tests.steps.reports.conftest import SMALL_PAGES
from tests.workers import run_worker_in_process

Status = GeneratedReport.Status


def queued(project, key="dossier", audience="all", language="fr-ca", **fields):
    project.refresh_from_db()
    return GeneratedReport.objects.create(
        project=project,
        key=key,
        language=language,
        audience=audience,
        content_version=project.content_version,
        **fields,
    )


def membership_of(world, user):
    return Membership.objects.get(project=world.project, user=user)


# --- Claiming and idempotence -----------------------------------------------------------


def test_job_builds_stores_and_records_pages_and_size(world, small_documents):
    report = queued(world.project)

    assert jobs.run_build(report.pk, membership_of(world, world.advisor).pk) == "done"

    report.refresh_from_db()
    assert report.status == Status.DONE
    assert report.pages == SMALL_PAGES
    assert report.file.name.startswith("rapports/") and report.file.name.endswith(".pdf")
    assert len(report.file.name) <= 100
    assert report.size == report.file.size
    assert report.filename.startswith(f"dossier-{world.project.slug}-")
    assert report.started_at <= report.finished_at
    assert report.file.read(5) == b"%PDF-"


def test_a_done_report_is_not_built_again(world, small_documents):
    report = queued(world.project)
    jobs.run_build(report.pk)
    report.refresh_from_db()
    name = report.file.name

    assert jobs.run_build(report.pk) == "skipped"
    assert jobs.build_report.enqueue(report.pk, None).return_value == "skipped"

    report.refresh_from_db()
    assert report.file.name == name
    assert len(small_documents) == 1


def test_a_running_report_is_left_to_its_worker_until_its_lease_ends(world, small_documents):
    """Within the lease another worker holds it; past it (a dead worker), it is retaken."""
    report = queued(world.project, status=Status.RUNNING, started_at=timezone.now())
    assert jobs.run_build(report.pk) == "skipped"

    GeneratedReport.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - cache.lease() - timedelta(seconds=1)
    )
    assert jobs.run_build(report.pk) == "done"


def test_a_failed_report_is_not_rebuilt_by_a_stray_job(world, small_documents):
    """Only « Réessayer » (cache.retry) queues a failed report again."""
    report = queued(world.project, status=Status.FAILED, error="Échec")
    assert jobs.run_build(report.pk) == "skipped"
    assert cache.retry(report, membership_of(world, world.coordinator))
    report.refresh_from_db()
    assert report.status == Status.DONE


def test_a_worker_that_lost_its_claim_keeps_nothing(world, small_documents, monkeypatch):
    """Taken over past its lease while it was still working, a job's file is removed
    and the row left to the worker that holds it now."""
    report = queued(world.project)
    stored = []
    original = cache.store

    def taken_over(mine, report_, result, filename, *, total):
        GeneratedReport.objects.filter(pk=report_.pk).update(started_at=timezone.now())
        stored.append(original(mine, report_, result, filename, total=total))
        return stored[-1]

    monkeypatch.setattr(cache, "store", taken_over)

    assert jobs.run_build(report.pk) == "skipped"
    report.refresh_from_db()
    assert stored == [False]
    assert report.status == Status.RUNNING and not report.file
    _folders, files = report.file.storage.listdir(cache.FOLDER + timezone.now().strftime("/%Y/%m"))
    assert files == []


# --- Progress ---------------------------------------------------------------------------


def record_progress(monkeypatch):
    """Every (done, total) the job counts, and every one written to the row."""
    counted, written = [], []
    original = jobs.Progress.set

    def spy(self, done, *, pages=None, force=True):
        before = self.written_at
        original(self, done, pages=pages, force=force)
        counted.append((self.done, self.total))
        if self.written_at != before:
            row = GeneratedReport.objects.get(pk=self.report_id)
            written.append((row.progress_done, row.progress_total))

    monkeypatch.setattr(jobs.Progress, "set", spy)
    return counted, written


def test_progress_counts_data_html_each_page_pdf_and_storage(world, small_documents, monkeypatch):
    """Real steps: data, HTML, styles, one per page as WeasyPrint lays it out, the PDF,
    the storage; never backwards, and done = total at the end."""
    counted, written = record_progress(monkeypatch)
    report = queued(world.project)

    jobs.run_build(report.pk)

    report.refresh_from_db()
    total = jobs.STEPS_BEFORE + SMALL_PAGES + jobs.STEPS_AFTER
    assert (report.progress_done, report.progress_total) == (total, total)
    dones = [done for done, _total in counted]
    assert dones == sorted(dones)
    # 0, data, HTML, then page 1, 2, 3 begun, laid out, written: every step seen.
    assert set(range(total)) <= set(dones)
    assert counted[-1] == (total - 1, total)
    assert written[0] == (0, jobs.STEPS_BEFORE + 1 + jobs.STEPS_AFTER)  # no estimate yet
    assert all(done <= row_total for done, row_total in written)


def test_progress_estimate_comes_from_the_previous_build(world, small_documents, monkeypatch):
    """The second version starts from the first one's pages: the total is right from
    the first step."""
    jobs.run_build(queued(world.project).pk)
    Answer.objects.create(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.motivations.autres",
        value="Changement",
    )
    counted, _written = record_progress(monkeypatch)

    jobs.run_build(queued(world.project).pk)

    total = jobs.STEPS_BEFORE + SMALL_PAGES + jobs.STEPS_AFTER
    assert {row_total for _done, row_total in counted} == {total}


def test_progress_total_grows_when_the_layout_passes_the_estimate(world, monkeypatch):
    """Estimated at one page, laid out over more: the total follows the layout, one
    page ahead at most, and never shows more done than there is."""
    pages = 5
    html = "".join(f'<p style="break-before: page">{n}</p>' for n in range(pages))
    monkeypatch.setattr(jobs, "render_html", lambda name, context: html)
    monkeypatch.setattr(jobs, "HTML_BYTES_PER_PAGE", 10_000_000)
    counted, _written = record_progress(monkeypatch)

    jobs.run_build(queued(world.project).pk)

    totals = [total for _done, total in counted]
    assert totals == sorted(totals)
    assert totals[0] < totals[-1] == jobs.STEPS_BEFORE + pages + jobs.STEPS_AFTER
    assert all(done < total for done, total in counted)


def test_layout_listener_does_not_leak_weasyprint_lines(world, small_documents, capsys):
    """The progress log is heard, not printed (a worker's console would get a line per
    page), and the logger is left as it was."""
    import logging

    logger = logging.getLogger("weasyprint.progress")
    before = (logger.level, logger.propagate, list(logger.handlers))

    jobs.run_build(queued(world.project).pk)

    assert (logger.level, logger.propagate, list(logger.handlers)) == before
    assert "Creating layout" not in capsys.readouterr().err


# --- Who the report is built for, in which language -------------------------------------


def test_a_partner_report_shows_that_organisation_drafts_only(world, small_documents):
    """Membership gone or changed: the job builds for the audience, not for a role."""
    view = jobs.AudienceView.of(f"org:{world.org_a.pk}")
    assert view.can_see_drafts_of(world.org_a)
    assert not view.can_see_drafts_of(world.org_b)
    assert jobs.AudienceView.of("all").can_see_drafts_of(world.org_b)

    report = queued(world.project, audience=f"org:{world.org_a.pk}")
    coordinator = membership_of(world, world.coordinator)
    assert isinstance(jobs.viewer_for(report, coordinator.pk), jobs.AudienceView)
    partner = membership_of(world, world.partner_a)
    assert jobs.viewer_for(report, partner.pk) == partner
    assert isinstance(jobs.viewer_for(report, None), jobs.AudienceView)


def test_report_is_built_in_its_language(world, small_documents, monkeypatch):
    """A report asked for in English is built in English (the worker has no request)."""
    from django.utils import translation

    languages = []
    original = jobs.KINDS["dossier"].build
    kind = jobs.KINDS["dossier"]

    def spy(who, project, target):
        languages.append(translation.get_language())
        return original(who, project, target)

    monkeypatch.setitem(jobs.KINDS, "dossier", jobs.ReportKind(**{**kind.__dict__, "build": spy}))

    jobs.run_build(queued(world.project, language="en").pk)

    assert languages == ["en"]


def test_report_about_something_removed_fails_in_french(world, small_documents):
    resource = PooledResource.objects.create(project=world.project, name="Camion")
    report = queued(world.project, key=f"couts:{resource.pk}")
    resource.delete()

    assert jobs.run_build(report.pk) == "failed"

    report.refresh_from_db()
    assert report.status == Status.FAILED
    assert report.error.startswith("Ce rapport ne peut plus être produit")


def test_every_kind_has_its_report_address(world):
    """The « Préparation… » page links back to each kind's own address."""
    from django.urls import reverse

    for name, kind in jobs.KINDS.items():
        args = [world.project.slug] + ([1] if kind.target else [])
        assert reverse(f"steps:report_{name}", args=args)
    assert jobs.kind_of("portrait:12") == (jobs.KINDS["portrait"], "12")
    assert jobs.kind_of("inconnu") == (None, "")


# --- The real worker --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_db_worker_builds_the_queued_report(settings, client_as, world, small_documents):
    """Asked with the database queue, the dossier waits; `db_worker` (its loop, in this
    process) builds it, and the next request gets the file at once."""
    from django.urls import reverse

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_as(world.coordinator)
    url = reverse("steps:report_dossier", args=[world.project.slug])
    assert client.get(url).status_code == 302
    assert GeneratedReport.objects.get().status == Status.QUEUED

    run_worker_in_process("rapports")

    assert GeneratedReport.objects.get().status == Status.DONE
    response = client.get(url)
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
