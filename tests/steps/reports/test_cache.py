"""The cache of generated reports (steps/reports/cache.py): one row per version under
concurrency, files through the storage, pruning; the storage settings."""

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from mutualisation.pdf import PdfResult
from projects.models import Membership
from steps.models import GeneratedReport
from steps.reports import cache

Status = GeneratedReport.Status


def identity(world, key="dossier", audience="all"):
    world.project.refresh_from_db()
    return cache.Identity(world.project, key, "fr-ca", audience, world.project.content_version)


def coordinator(world):
    return Membership.objects.get(project=world.project, user=world.coordinator)


def report(world, *, version=None, status=Status.DONE, age=timedelta(0), content=b"%PDF-x"):
    """A stored report `age` old (created, started and finished then)."""
    world.project.refresh_from_db()
    when = timezone.now() - age
    row = GeneratedReport.objects.create(
        project=world.project,
        key="dossier",
        language="fr-ca",
        audience="all",
        content_version=world.project.content_version if version is None else version,
        status=status,
        filename="dossier.pdf",
    )
    if content:
        row.file.save("x.pdf", ContentFile(content), save=True)
    finished = when if status in (Status.DONE, Status.FAILED) else None
    GeneratedReport.objects.filter(pk=row.pk).update(
        created_at=when, started_at=when, finished_at=finished
    )
    row.refresh_from_db()
    return row


# --- One row per version ----------------------------------------------------------------


def test_request_build_creates_one_row_and_one_job(world):
    enqueued = []
    with mock.patch.object(cache, "_enqueue", lambda pk, m: enqueued.append(pk)):
        first = cache.request_build(identity(world), coordinator(world), world.coordinator)
        second = cache.request_build(identity(world), coordinator(world), world.advisor)
    assert first.pk == second.pk
    assert enqueued == [first.pk]
    assert first.requested_by == world.coordinator


def test_request_build_race_joins_the_row_the_other_request_created(world):
    """The other request's INSERT wins between our lookup and ours: the unique constraint
    refuses ours, `get_or_create` returns the winner's row, no second job."""
    winner = GeneratedReport.objects.create(**identity(world).fields())
    original_get = QuerySet.get
    calls = []

    def get_missing_first(self, *args, **kwargs):
        if self.model is GeneratedReport:
            calls.append(kwargs)
            if len(calls) == 1:
                raise GeneratedReport.DoesNotExist
        return original_get(self, *args, **kwargs)

    enqueued = []
    member = coordinator(world)
    with (
        mock.patch.object(QuerySet, "get", get_missing_first),
        mock.patch.object(cache, "_enqueue", lambda pk, m: enqueued.append(pk)),
    ):
        joined = cache.request_build(identity(world), member, world.coordinator)

    assert joined.pk == winner.pk
    assert enqueued == []
    assert len(calls) == 2  # looked up, INSERT refused, looked up again


def test_store_rendered_race_keeps_the_first_file(world):
    """Two requests render the same small report at once: the first one's row stays,
    the second one's file is removed from the storage."""
    result = PdfResult(b"%PDF-premier", "", None, 1)
    cache.store_rendered(
        identity(world, "entente"), result, "entente.pdf", user=None, started=timezone.now()
    )
    second = PdfResult(b"%PDF-second", "", None, 1)
    cache.store_rendered(
        identity(world, "entente"), second, "entente.pdf", user=None, started=timezone.now()
    )

    row = GeneratedReport.objects.get()
    assert row.file.read() == b"%PDF-premier"
    _folders, files = default_storage.listdir(os.path.dirname(row.file.name))
    assert len(files) == 1


def test_audience_of_each_role(world):
    members = {m.user_id: m for m in Membership.objects.filter(project=world.project)}
    assert cache.audience_of(members[world.coordinator.pk]) == "all"
    assert cache.audience_of(members[world.advisor.pk]) == "all"
    assert cache.audience_of(members[world.partner_a.pk]) == f"org:{world.org_a.pk}"


def test_serve_sends_only_a_done_report(world):
    done = report(world)
    failed = report(world, version=done.content_version + 1, status=Status.FAILED, content=b"")
    assert cache.serve(done).getvalue() == b"%PDF-x"
    assert cache.serve(failed) is None


# --- Pruning ----------------------------------------------------------------------------


def test_prune_removes_old_and_superseded_reports_with_their_files(world, settings):
    settings.REPORTS_KEEP_DAYS = 7
    version = identity(world).content_version
    old = report(world, version=version - 3, age=timedelta(days=8))
    superseded = report(world, version=version - 2, age=timedelta(days=2))
    superseded_today = report(world, version=version - 1, age=timedelta(hours=2))
    current = report(world, version=version, age=timedelta(days=3))
    names = [row.file.name for row in (old, superseded, superseded_today, current)]

    pruned = cache.prune()

    kept = set(GeneratedReport.objects.values_list("pk", flat=True))
    assert kept == {superseded_today.pk, current.pk}
    assert (pruned.reports, pruned.files) == (2, 2)
    assert [default_storage.exists(name) for name in names] == [False, False, True, True]


def test_prune_never_touches_a_report_being_built(world, settings):
    settings.REPORTS_KEEP_DAYS = 0
    version = identity(world).content_version
    running = report(world, version=version - 1, status=Status.RUNNING, content=b"")
    GeneratedReport.objects.filter(pk=running.pk).update(
        created_at=timezone.now() - timedelta(days=30), started_at=timezone.now()
    )
    waiting = report(world, version=version, status=Status.QUEUED, content=b"")
    GeneratedReport.objects.filter(pk=waiting.pk).update(created_at=timezone.now())

    cache.prune(now=timezone.now() + timedelta(seconds=1))

    assert set(GeneratedReport.objects.values_list("pk", flat=True)) == {running.pk, waiting.pk}


def test_prune_removes_a_dead_build_and_orphan_files(world, settings):
    """A build whose worker died days ago, and files no row points to any more (written
    more than a day ago), go too; a file written a minute ago (its row is being saved)
    stays."""
    settings.REPORTS_KEEP_DAYS = 7
    dead = report(world, status=Status.RUNNING, age=timedelta(days=9), content=b"")
    orphan = default_storage.save("rapports/2020/01/orphelin.pdf", ContentFile(b"%PDF"))
    fresh = default_storage.save("rapports/2020/01/tout-neuf.pdf", ContentFile(b"%PDF"))
    old = (timezone.now() - timedelta(days=2)).timestamp()
    os.utime(default_storage.path(orphan), (old, old))

    out = StringIO()
    call_command("prune_reports", "--dry-run", stdout=out)
    assert "Rapports à supprimer\u00a0: 1" in out.getvalue()
    assert "fichiers orphelins à supprimer\u00a0: 1" in out.getvalue()
    assert GeneratedReport.objects.filter(pk=dead.pk).exists()

    out = StringIO()
    call_command("prune_reports", stdout=out)

    assert not GeneratedReport.objects.filter(pk=dead.pk).exists()
    assert not default_storage.exists(orphan)
    assert default_storage.exists(fresh)
    assert "Rapports supprimés\u00a0: 1" in out.getvalue()


def test_hourly_job_prunes_reports(world, settings):
    """The hourly job of the reminders prunes too, and a pruning error stops nothing."""
    from steps.followup.tasks import hourly

    settings.REPORTS_KEEP_DAYS = 7
    old = report(world, age=timedelta(days=8))
    hourly.call()
    assert not GeneratedReport.objects.filter(pk=old.pk).exists()

    with mock.patch.object(cache, "prune", side_effect=OSError("stockage indisponible")):
        assert isinstance(hourly.call(), dict)  # the reminders still ran


# --- Storage settings -------------------------------------------------------------------


def _settings_storage(**env) -> subprocess.CompletedProcess:
    code = (
        "import json, mutualisation.settings as s;"
        "print(json.dumps({'default': s.STORAGES['default'], 'media': str(s.MEDIA_ROOT)}))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "MEDIA_ROOT", "DJANGO_SETTINGS"))
    }
    environment |= {"SECRET_KEY": "x", **env}
    return subprocess.run(  # noqa: S603 — our own settings module, fixed arguments
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_storage_is_a_local_folder_by_default():
    import json

    result = _settings_storage()
    settings_ = json.loads(result.stdout)
    assert settings_["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings_["media"].endswith("/media")


def test_storage_is_an_s3_bucket_when_one_is_named():
    """AWS_STORAGE_BUCKET_NAME: django-storages' S3Storage, private, endpoint and region
    from the environment; a clear error when the `s3` extra is not installed."""
    import importlib.util
    import json

    result = _settings_storage(
        AWS_STORAGE_BUCKET_NAME="rapports-mutualisation",
        AWS_S3_ENDPOINT_URL="https://s3.exemple.org",
        AWS_S3_REGION_NAME="ca-central-1",
    )
    if importlib.util.find_spec("storages") is None:
        assert "pip install -e '.[s3]'" in result.stderr
        return
    storage = json.loads(result.stdout)["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (
        storage["OPTIONS"]
        | {
            "bucket_name": "rapports-mutualisation",
            "endpoint_url": "https://s3.exemple.org",
            "region_name": "ca-central-1",
            "default_acl": None,
            "file_overwrite": False,
        }
        == storage["OPTIONS"]
    )


@pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("storages") is None,
    reason="django-storages (extra s3) absent",
)
def test_s3_storage_accepts_the_options():
    """The options are those S3Storage knows (no network: nothing is sent)."""
    from storages.backends.s3 import S3Storage

    storage = S3Storage(
        bucket_name="rapports",
        endpoint_url="https://s3.exemple.org",
        region_name="ca-central-1",
        location="",
        default_acl=None,
        file_overwrite=False,
        querystring_auth=True,
    )
    assert storage.bucket_name == "rapports" and storage.file_overwrite is False
