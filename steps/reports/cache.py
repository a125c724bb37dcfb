"""The cache of generated reports: find, store, serve, queue, requeue and prune them.

A report is one `GeneratedReport` row per version of what it shows (project, key,
language, audience, content version: unique). Asking for it:

- a DONE row of the project's current version → its stored file, served at once;
- no row → rendered in the request and stored (`store_rendered`), or queued for a
  worker (`request_build`: one row, one job; a second request, tab or person joins it);
- a queued, running or failed row → the « Préparation… » page of that row.

Files go through Django's default storage (a local folder, or an S3-compatible bucket:
settings.STORAGES), so every app server and worker sees the same files; they are only
ever sent through the report views, after the access check. `prune` removes old rows and
their files (`manage.py prune_reports`, and the hourly job).
"""

import logging
import mimetypes
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.http import FileResponse
from django.utils import timezone, translation

from .models import GeneratedReport

logger = logging.getLogger(__name__)

Status = GeneratedReport.Status

# A running build holds its row this long past the job's own time limit (storage write,
# a slow start); after that a request, or another worker, may take it over.
LEASE_MARGIN = timedelta(seconds=60)
# A queued row nobody has taken for this long (its job lost with a killed worker) is
# queued again when someone looks at it.
QUEUED_PATIENCE = timedelta(minutes=15)
# Files are kept under this folder of the storage (GeneratedReport.file's upload_to).
FOLDER = "rapports"


def lease() -> timedelta:
    return timedelta(seconds=settings.REPORT_JOB_TIME_LIMIT_SECONDS) + LEASE_MARGIN


def audience_of(membership) -> str:
    """Whose drafts the member's reports may show: « all » (coordination, advisors) or
    « org:<id> » (a partner sees its own organisation's drafts only:
    Membership.can_see_drafts_of)."""
    if membership.is_partner:
        return f"org:{membership.organisation_id}"
    return "all"


@dataclass(frozen=True)
class Identity:
    """What a report shows: the fields of GeneratedReport's unique constraint."""

    project: object
    key: str
    language: str
    audience: str
    content_version: int

    @classmethod
    def of(cls, membership, key: str) -> "Identity":
        """The report `key` as `membership` reads it now (the project as loaded by the
        access check, the language of the request)."""
        project = membership.project
        return cls(
            project=project,
            key=key,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            audience=audience_of(membership),
            content_version=project.content_version,
        )

    def fields(self) -> dict:
        return {
            "project": self.project,
            "key": self.key,
            "language": self.language,
            "audience": self.audience,
            "content_version": self.content_version,
        }


def find(identity: Identity) -> GeneratedReport | None:
    """The row of this version of the report, whatever its status (one query)."""
    return GeneratedReport.objects.filter(**identity.fields()).first()


def _content_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def serve(report: GeneratedReport) -> FileResponse | None:
    """The stored file of a DONE report, as an attachment; None (and the row removed, so
    that it can be built again) when the storage no longer has it."""
    if report.status != Status.DONE or not report.file:
        return None
    try:
        handle = report.file.open("rb")
    except OSError:
        logger.warning("Stored report %s is missing (%s)", report.pk, report.file.name)
        GeneratedReport.objects.filter(pk=report.pk, status=Status.DONE).delete()
        return None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=report.filename,
        content_type=_content_type(report.filename),
    )


def _storage_name(filename: str) -> str:
    """« rapports/2026/11/3f9c….pdf »: random, so that no name can be guessed nor
    collide, and short (GeneratedReport.file holds 100 characters); the name people see
    is `filename`."""
    suffix = PurePosixPath(filename).suffix[:10]
    return f"{FOLDER}/{timezone.localtime():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def store(mine, report: GeneratedReport, result, filename: str, *, total: int) -> bool:
    """Store a job's PDF and mark its row DONE, if the job still holds the row (`mine`:
    the row filtered on the job's claim); otherwise the file is removed again."""
    name = default_storage.save(_storage_name(filename), ContentFile(result.content))
    updated = mine.update(
        status=Status.DONE,
        file=name,
        filename=filename,
        size=len(result.content),
        pages=result.page_count,
        progress_done=total,
        progress_total=total,
        finished_at=timezone.now(),
    )
    if not updated:
        default_storage.delete(name)
    return bool(updated)


def store_rendered(identity: Identity, result, filename: str, *, user, started) -> None:
    """Keep a PDF rendered in the request as the DONE report of its version. If another
    request stored (or queued) the same version meanwhile, that one stays."""
    name = default_storage.save(_storage_name(filename), ContentFile(result.content))
    try:
        with transaction.atomic():
            GeneratedReport.objects.create(
                **identity.fields(),
                status=Status.DONE,
                file=name,
                filename=filename,
                size=len(result.content),
                pages=result.page_count,
                progress_done=1,
                progress_total=1,
                requested_by=user,
                started_at=started,
                finished_at=timezone.now(),
            )
    except IntegrityError:
        default_storage.delete(name)


def _enqueue(report_id: int, membership) -> None:
    from .jobs import build_report

    build_report.enqueue(report_id, membership.pk)


def request_build(identity: Identity, membership, user) -> GeneratedReport:
    """The row of this version, created and queued if there is none.

    Two requests at once: the unique constraint lets one create the row (and queue its
    job); the other's INSERT fails and `get_or_create` returns the winner's row. The row
    and its job are written in one transaction: a worker never sees one without the
    other.
    """
    with transaction.atomic():
        report, created = GeneratedReport.objects.get_or_create(
            **identity.fields(), defaults={"requested_by": user}
        )
        if created:
            _enqueue(report.pk, membership)
    return report


def requeue_if_stale(report: GeneratedReport, membership) -> bool:
    """Queue again a build whose worker died: running past its lease, or queued and
    never taken for QUEUED_PATIENCE. One conditional UPDATE: of two requests, one
    queues it."""
    now = timezone.now()
    running_since = now - lease()
    queued_since = now - QUEUED_PATIENCE
    looks_stale = (
        report.status == Status.RUNNING
        and report.started_at is not None
        and report.started_at < running_since
    ) or (report.status == Status.QUEUED and report.created_at < queued_since)
    if not looks_stale:  # as read: no query for a live build
        return False
    stale = Q(status=Status.RUNNING, started_at__lt=running_since) | Q(
        status=Status.QUEUED, created_at__lt=queued_since
    )
    return _requeue(report, membership, stale, now)


def retry(report: GeneratedReport, membership) -> bool:
    """« Réessayer »: a failed report (or a stale one) is queued again."""
    now = timezone.now()
    again = (
        Q(status=Status.FAILED)
        | Q(status=Status.RUNNING, started_at__lt=now - lease())
        | Q(status=Status.QUEUED, created_at__lt=now - QUEUED_PATIENCE)
    )
    return _requeue(report, membership, again, now)


def _requeue(report, membership, condition, now) -> bool:
    with transaction.atomic():
        updated = GeneratedReport.objects.filter(condition, pk=report.pk).update(
            status=Status.QUEUED,
            error="",
            progress_done=0,
            progress_total=0,
            created_at=now,
            started_at=None,
            finished_at=None,
        )
        if updated:
            _enqueue(report.pk, membership)
    if updated:
        report.refresh_from_db()
    return bool(updated)


# --- Pruning ---------------------------------------------------------------------------


@dataclass
class Pruned:
    reports: int = 0
    files: int = 0
    orphans: int = 0


def prunable(now=None):
    """Rows to delete: older than REPORTS_KEEP_DAYS days, or of a superseded version
    (the project has changed since) for more than a day; never a build in progress."""
    now = now or timezone.now()
    old = now - timedelta(days=settings.REPORTS_KEEP_DAYS)
    day = now - timedelta(days=1)
    in_progress = Q(status=Status.RUNNING, started_at__gte=now - lease()) | Q(
        status=Status.QUEUED, created_at__gte=now - QUEUED_PATIENCE
    )
    superseded = Q(content_version__lt=F("project__content_version")) & Q(
        Q(finished_at__lt=day) | Q(finished_at__isnull=True, created_at__lt=day)
    )
    return GeneratedReport.objects.filter(Q(created_at__lt=old) | superseded).exclude(in_progress)


def _delete_file(name: str) -> bool:
    try:
        default_storage.delete(name)
    except Exception:  # noqa: BLE001 — a storage error must not stop the pruning
        logger.exception("Could not delete the stored report %s", name)
        return False
    return True


def _orphans(referenced: set[str], before) -> list[str]:
    """Files of the reports folder that no row points to, last written before `before`
    (a build that crashed between the file and its row)."""
    found = []
    stack = [FOLDER]
    while stack:
        folder = stack.pop()
        try:
            folders, files = default_storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        stack += [f"{folder}/{name}" for name in folders]
        for name in files:
            path = f"{folder}/{name}"
            if path in referenced:
                continue
            try:
                if default_storage.get_modified_time(path) < before:
                    found.append(path)
            except (OSError, NotImplementedError):
                continue
    return found


def prune(now=None, *, dry_run: bool = False) -> Pruned:
    """Delete old and superseded reports with their files, and files left by no row."""
    now = now or timezone.now()
    pruned = Pruned()
    rows = list(prunable(now).values_list("pk", "file"))
    pruned.reports = len(rows)
    if not dry_run:
        # Filtered again: a row queued again meanwhile (« Réessayer ») stays.
        prunable(now).filter(pk__in=[pk for pk, _name in rows]).delete()
    for _pk, name in rows:
        if name and (dry_run or _delete_file(name)):
            pruned.files += 1
    referenced = set(GeneratedReport.objects.exclude(file="").values_list("file", flat=True))
    for name in _orphans(referenced, now - timedelta(days=1)):
        if dry_run or _delete_file(name):
            pruned.orphans += 1
    return pruned


def prune_quietly() -> None:
    """`prune` for the hourly job: a storage or database error is logged, never raised
    (the reminders run next)."""
    savepoint = transaction.atomic if connection.in_atomic_block else nullcontext
    try:
        with savepoint():
            prune()
    except Exception:  # noqa: BLE001
        logger.exception("Pruning the generated reports failed")
