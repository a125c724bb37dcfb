"""Reports built by the job engine: the kinds of report, the build, its progress.

`KINDS` says, for each PDF report, how its context is built, what its file is called and
where it renders when no cached file exists (`Mode`):

- INLINE: in the request (portrait, cost sheet, agreement, evaluation: well under 2 s at
  30 organisations, measured with `manage.py bench`'s synthetic project);
- JOB: always by a worker, the person waits on the « Préparation… » page (the dossier:
  10–30 s at 30 organisations; no web worker ever renders it);
- ADAPTIVE: by a worker, unless this project's last build of that report took under
  `INLINE_SECONDS` (the grid and the action plan: 2–5 s at 30 organisations with 200
  actions, half a second on the demo).

`build_report` (the task) claims its `GeneratedReport` row with one conditional UPDATE
(queued, or running past its lease: a worker that died), builds the PDF under
`REPORT_JOB_TIME_LIMIT_SECONDS`, stores it through the default storage and marks the row
done; any failure marks it failed with a French message (and logs the exception). Run
twice, it builds once.

Progress is counted in real steps, written to the row as they finish: reading the
project's data, the document's HTML, WeasyPrint's styles and boxes, then each page as
WeasyPrint lays it out (its `weasyprint.progress` log), then writing the PDF, then
storing it. The number of pages is known only at the end of the layout: the total starts
from the pages of this report's previous build (or ~5 kB of HTML a page) and is raised
as soon as the layout passes it, so the count never goes backwards nor lies about what
is left.
"""

import logging
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from mutualisation.pdf import ReportTooLong, bounded_time, html_to_pdf, render_html
from projects.models import Membership
from steps.resources.selectors import resource_for

from . import agreement, cache, costs, dossier, evaluation, grid, plan, portrait
from .common import file_name
from .models import GeneratedReport

logger = logging.getLogger(__name__)

# A report whose last build took less than this renders in the request (ADAPTIVE kinds).
INLINE_SECONDS = 2.0
# Fallback estimate of the page count before the layout: bytes of HTML per page (the
# dossier, the grid and the plan lay out 3.5 to 10 kB a page, 5 kB on average).
HTML_BYTES_PER_PAGE = 5_000
# Seconds between two progress UPDATEs while pages are laid out (each phase change is
# written at once).
PROGRESS_INTERVAL = 0.25


class Mode(StrEnum):
    INLINE = "inline"
    JOB = "job"
    ADAPTIVE = "adaptive"


class Target(StrEnum):
    """What a report is about, besides the project (its id is in the key)."""

    ORGANISATION = "organisation"
    RESOURCE = "resource"


@dataclass(frozen=True)
class ReportKind:
    name: str  # « dossier »: the template pdf/<name>.html and the key
    title: str  # what the « Préparation… » page calls it
    preparing: str  # that page's heading
    build: Callable  # (viewer, project, target object or None) -> context
    mode: Mode
    target: Target | None = None
    prefix: str = ""  # of the file name, when not the name

    def key(self, target=None) -> str:
        """« dossier », « portrait:12 »: what the report shows, in GeneratedReport.key."""
        return self.name if target is None else f"{self.name}:{target.pk}"

    def subject(self, project, target) -> str:
        return target.name if target is not None else project.slug

    def file_name(self, project, target) -> str:
        return file_name(self.prefix or self.name, self.subject(project, target))

    def find_target(self, project, identifier: str):
        """The organisation or resource of a key, or None when it is gone."""
        if self.target is None:
            return None
        if not identifier.isdigit():
            return None
        if self.target == Target.ORGANISATION:
            return project.organisations.filter(pk=int(identifier)).first()
        try:
            return resource_for(project, int(identifier))
        except Http404:
            return None


KINDS = {
    kind.name: kind
    for kind in (
        ReportKind(
            "dossier",
            _("Dossier complet du projet"),
            _("Préparation du dossier…"),
            lambda who, project, _target: dossier.build_dossier_context(who, project),
            Mode.JOB,
        ),
        ReportKind(
            "portrait",
            _("Portrait d’une organisation"),
            _("Préparation du portrait…"),
            lambda who, project, organisation: portrait.build_portrait_context(
                who, project, organisation=organisation
            ),
            Mode.INLINE,
            target=Target.ORGANISATION,
        ),
        ReportKind(
            "grille",
            _("Grille du diagnostic"),
            _("Préparation de la grille du diagnostic…"),
            lambda who, project, _target: grid.build_grid_context(who, project),
            Mode.ADAPTIVE,
        ),
        ReportKind(
            "couts",
            _("Fiche coût d’utilisation"),
            _("Préparation de la fiche coût d’utilisation…"),
            lambda who, project, resource: costs.build_costs_context(
                who, project, resource=resource
            ),
            Mode.INLINE,
            target=Target.RESOURCE,
        ),
        ReportKind(
            "plan",
            _("Plan d’action"),
            _("Préparation du plan d’action…"),
            lambda who, project, _target: plan.build_plan_context(who, project),
            Mode.ADAPTIVE,
            prefix="plan-action",
        ),
        ReportKind(
            "entente",
            _("Projet d’entente"),
            _("Préparation du projet d’entente…"),
            lambda who, project, _target: agreement.build_agreement_context(who, project),
            Mode.INLINE,
        ),
        ReportKind(
            "evaluation",
            _("Bilan d’évaluation"),
            _("Préparation du bilan d’évaluation…"),
            lambda who, project, _target: evaluation.build_evaluation_context(who, project),
            Mode.INLINE,
        ),
    )
}


def kind_of(key: str) -> tuple[ReportKind | None, str]:
    """The kind of a key and the id of its target (« portrait:12 » → portrait, "12")."""
    name, _separator, identifier = key.partition(":")
    return KINDS.get(name), identifier


def renders_in_request(kind: ReportKind, project, key: str) -> bool:
    """Whether a cold report renders in the request (see Mode); one query for ADAPTIVE."""
    if kind.mode != Mode.ADAPTIVE:
        return kind.mode == Mode.INLINE
    last = (
        GeneratedReport.objects.filter(
            project=project,
            key=key,
            status=GeneratedReport.Status.DONE,
            started_at__isnull=False,
            finished_at__isnull=False,
        )
        .order_by("-finished_at")
        .values_list("started_at", "finished_at")
        .first()
    )
    return last is not None and (last[1] - last[0]).total_seconds() < INLINE_SECONDS


@dataclass(frozen=True)
class AudienceView:
    """Stands in for the member who asked when the job no longer finds their membership
    as it was: the drafts the report's audience may see, and no other (see
    cache.audience_of)."""

    organisation_id: int | None = None

    @property
    def is_partner(self) -> bool:
        return self.organisation_id is not None

    @property
    def is_coordinator(self) -> bool:
        return False

    @property
    def is_advisor(self) -> bool:
        return not self.is_partner

    def can_see_drafts_of(self, organisation) -> bool:
        if self.is_partner:
            return organisation is not None and organisation.pk == self.organisation_id
        return True

    @classmethod
    def of(cls, audience: str) -> "AudienceView":
        _all, _separator, organisation = audience.partition("org:")
        if organisation:
            return cls(int(organisation) if organisation.isdigit() else 0)
        return cls()


def viewer_for(report: GeneratedReport, membership_id: int | None):
    """The membership that asked, if it still gives the report's audience."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(pk=membership_id, project_id=report.project_id)
        .first()
    )
    if membership is not None and cache.audience_of(membership) == report.audience:
        return membership
    return AudienceView.of(report.audience)


# --- Progress --------------------------------------------------------------------------

# Steps before the layout (data, HTML, styles and boxes) and after it (PDF, storage).
STEPS_BEFORE = 3
STEPS_AFTER = 2


class Progress:
    """Steps done out of the total, written to the report's row (small UPDATEs)."""

    def __init__(self, report_id: int, pages: int | None):
        self.report_id = report_id
        # The estimate (None: unknown until the HTML is there), raised by the layout.
        self.pages = pages
        self.done = 0
        self.written_at = 0.0

    @property
    def total(self) -> int:
        return STEPS_BEFORE + (self.pages or 1) + STEPS_AFTER

    def set(self, done: int, *, pages: int | None = None, force: bool = True) -> None:
        if pages is not None:
            self.pages = max(1, pages)
        self.done = min(done, self.total)
        now = time.monotonic()
        if force or now - self.written_at >= PROGRESS_INTERVAL:
            self.written_at = now
            GeneratedReport.objects.filter(pk=self.report_id).update(
                progress_done=self.done, progress_total=self.total
            )

    def laying_out(self, page: int) -> None:
        """WeasyPrint starts laying out `page` (1, 2…): the pages before it are done."""
        if page > (self.pages or 0):
            self.pages = page  # at least this many; the end is not known yet
        self.set(STEPS_BEFORE + page - 1, force=page == 1)

    def laid_out(self, pages: int) -> None:
        """The layout is over: the exact page count."""
        self.set(STEPS_BEFORE + pages, pages=pages)


class _LayoutListener(logging.Handler):
    """Hears WeasyPrint's progress log in one thread, and tells `progress`.

    WeasyPrint logs « Step 5 - Creating layout - Page %d » as it lays out each page of
    the first pass (a repagination, for the table of contents' page numbers, lays some
    out again: not counted twice), then « Step 6 - Creating PDF ».
    """

    def __init__(self, progress: Progress):
        super().__init__(logging.INFO)
        self.progress = progress
        self.thread = threading.get_ident()
        self.repaginating = False
        self.pages = 0

    def emit(self, record):
        if threading.get_ident() != self.thread:
            return
        message = record.msg
        if not isinstance(message, str) or not message.startswith("Step "):
            return
        if message.startswith("Step 5") and "Repagination" in message:
            self.repaginating = True
        elif message == "Step 5 - Creating layout - Page %d" and not self.repaginating:
            self.pages = record.args[0] if record.args else self.pages + 1
            self.progress.laying_out(self.pages)
        elif message.startswith("Step 6"):
            self.progress.laid_out(self.pages or 1)


class listening_to_layout:
    """Attach a _LayoutListener to WeasyPrint's progress logger for the block.

    The logger is made to emit INFO records for the block only, and not to pass them on
    to the root logger (a worker's console would print a line per page)."""

    LOGGER = "weasyprint.progress"

    def __init__(self, progress: Progress):
        self.listener = _LayoutListener(progress)

    def __enter__(self):
        logger_ = logging.getLogger(self.LOGGER)
        self.previous = (logger_.level, logger_.propagate)
        logger_.addHandler(self.listener)
        logger_.setLevel(logging.INFO)
        logger_.propagate = False
        return self.listener

    def __exit__(self, *exc_info):
        logger_ = logging.getLogger(self.LOGGER)
        logger_.removeHandler(self.listener)
        if not any(isinstance(h, _LayoutListener) for h in logger_.handlers):
            logger_.setLevel(self.previous[0])
            logger_.propagate = self.previous[1]


def previous_pages(report: GeneratedReport) -> int | None:
    """Pages of this report's previous build (another version or audience), if any."""
    return (
        GeneratedReport.objects.filter(
            project_id=report.project_id, key=report.key, status=GeneratedReport.Status.DONE
        )
        .exclude(pk=report.pk)
        .order_by("-finished_at")
        .values_list("pages", flat=True)
        .first()
    ) or None


# --- The job ---------------------------------------------------------------------------


class ReportGone(Exception):
    """The organisation or resource the report was about no longer exists."""


def _claim(report_id: int):
    """Take the report (queued, or running past its lease): the start time, or None."""
    now = timezone.now()
    claimable = Q(status=GeneratedReport.Status.QUEUED) | Q(
        status=GeneratedReport.Status.RUNNING, started_at__lt=now - cache.lease()
    )
    claimed = GeneratedReport.objects.filter(claimable, pk=report_id).update(
        status=GeneratedReport.Status.RUNNING,
        started_at=now,
        finished_at=None,
        progress_done=0,
        progress_total=0,
        error="",
    )
    return now if claimed else None


def build_pdf(report: GeneratedReport, who, progress: Progress):
    """The report's PDF, counting its steps: (PdfResult, file name)."""
    kind, identifier = kind_of(report.key)
    if kind is None:
        raise ReportGone
    project = report.project
    target = kind.find_target(project, identifier)
    if kind.target is not None and target is None:
        raise ReportGone
    context = kind.build(who, project, target)
    progress.set(1)
    html = render_html(f"pdf/{kind.name}.html", context)
    if progress.pages is None:
        progress.pages = max(1, len(html.encode()) // HTML_BYTES_PER_PAGE)
    progress.set(2)
    with listening_to_layout(progress):
        result = html_to_pdf(html)
    progress.set(STEPS_BEFORE + result.page_count + 1, pages=result.page_count)
    return result, kind.file_name(project, target)


FAILED_MESSAGE = _(
    "La préparation du rapport a échoué. Réessayez ; si l’échec se répète, signalez-le "
    "à la coordination du projet."
)
GONE_MESSAGE = _("Ce rapport ne peut plus être produit : ce dont il parle a été retiré du projet.")


def _fail(mine, message: str) -> None:
    """Mark the report failed; a connection left broken by an interrupted query (the time
    limit rings anywhere) is replaced once, outside a transaction."""
    fields = {
        "status": GeneratedReport.Status.FAILED,
        "error": str(message)[:500],
        "finished_at": timezone.now(),
    }
    try:
        mine.update(**fields)
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        connection.close()
        mine.update(**fields)


def run_build(report_id: int, membership_id: int | None = None) -> str:
    """Build one report (see the module's docstring): « done », « failed » or « skipped »."""
    started = _claim(report_id)
    if started is None:
        return "skipped"  # done, failed, or being built by a live worker
    report = GeneratedReport.objects.select_related("project").get(pk=report_id)
    mine = GeneratedReport.objects.filter(
        pk=report_id, status=GeneratedReport.Status.RUNNING, started_at=started
    )
    # In a caller's transaction (the tests' immediate backend), a savepoint keeps a
    # failed query from breaking it; never a transaction of our own: the progress must
    # be seen by the « Préparation… » page while the job runs.
    savepoint = transaction.atomic if connection.in_atomic_block else nullcontext
    with translation.override(report.language):
        progress = Progress(report_id, previous_pages(report))
        progress.set(0)
        try:
            with savepoint(), bounded_time(settings.REPORT_JOB_TIME_LIMIT_SECONDS):
                who = viewer_for(report, membership_id)
                result, filename = build_pdf(report, who, progress)
        except ReportTooLong as error:
            logger.warning("Report %s (%s) too long", report_id, report.key)
            _fail(mine, str(error))
            return "failed"
        except ReportGone:
            _fail(mine, GONE_MESSAGE)
            return "failed"
        except Exception:
            logger.exception("Report %s (%s) failed", report_id, report.key)
            _fail(mine, FAILED_MESSAGE)
            return "failed"
    if not cache.store(mine, report, result, filename, total=progress.total):
        return "skipped"  # another worker took it over meanwhile (past the lease)
    return "done"


@task()
def build_report(report_id: int, membership_id: int | None = None) -> str:
    """Build a queued report (idempotent: a done report is not built again)."""
    return run_build(report_id, membership_id)
