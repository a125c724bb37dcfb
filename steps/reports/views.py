"""Download URLs of the PDF reports: READ access, the report's own visibility rule, then
the cache (steps/reports/cache.py) and the job engine (steps/reports/jobs.py).

A GET on a report's address:

1. its file for the project's current version is stored → sent at once;
2. a build of that version is queued, running or has failed → its « Préparation… » page;
3. otherwise a small report renders in the request (jobs.renders_in_request), is stored
   and sent; any other (the dossier) is queued, and the person goes to the
   « Préparation… » page, which follows the build (static/js/report-progress.js polls
   `report_status`) and then offers the file (`report_file`).

The pages of a build answer only the members of its project who share its audience
(cache.audience_of): 404 for anyone else, like a project one is not in.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as render_page
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import format_number, plural_count
from mutualisation.pdf import ReportTooLong
from projects.access import Access, allowed_when_archived, project_view
from steps.resources.selectors import resource_for

from . import cache, jobs
from .common import pdf_response, render
from .models import GeneratedReport

Status = GeneratedReport.Status


def _too_long(error: ReportTooLong, project) -> HttpResponse:
    page = render_to_string(
        "errors/report_too_long.html",
        {"message": str(error), "back_url": project.get_absolute_url()},
    )
    return HttpResponse(page, status=503)


def _progress_url(report: GeneratedReport) -> str:
    return reverse("steps:report_progress", args=[report.project.slug, report.pk])


def _render_here(request, membership, kind, target, identity):
    """Render in the request, keep the file for the next request, send it."""
    project = membership.project
    started = timezone.now()
    context = kind.build(membership, project, target)
    if context.get("visible") is False:
        raise PermissionDenied  # a portrait of which the viewer may see nothing
    try:
        result = render(kind.name, context, time_limit=settings.PDF_TIME_LIMIT_SECONDS)
    except ReportTooLong as error:
        return _too_long(error, project)
    filename = kind.file_name(project, target)
    cache.store_rendered(identity, result, filename, user=request.user, started=started)
    return pdf_response(result, filename)


def _report(request, membership, name: str, target=None):
    kind = jobs.KINDS[name]
    identity = cache.Identity.of(membership, kind.key(target))
    report = cache.find(identity)
    if report is not None and report.status == Status.DONE:
        response = cache.serve(report)
        if response is not None:
            return response
        report = None  # its file is gone: built again below
    if report is not None:
        cache.requeue_if_stale(report, membership)
        return redirect(_progress_url(report))
    if jobs.renders_in_request(kind, membership.project, identity.key):
        return _render_here(request, membership, kind, target, identity)
    report = cache.request_build(identity, membership, request.user)
    return redirect(_progress_url(report))


@project_view(Access.READ)
def report_dossier(request, membership):
    return _report(request, membership, "dossier")


@project_view(Access.READ)
def report_portrait(request, membership, organisation_id):
    organisation = get_object_or_404(membership.project.organisations, pk=organisation_id)
    return _report(request, membership, "portrait", organisation)


@project_view(Access.READ)
def report_grille(request, membership):
    return _report(request, membership, "grille")


@project_view(Access.READ)
def report_couts(request, membership, resource_id):
    resource = resource_for(membership.project, resource_id)
    return _report(request, membership, "couts", resource)


@project_view(Access.READ)
def report_plan(request, membership):
    return _report(request, membership, "plan")


@project_view(Access.READ)
def report_entente(request, membership):
    return _report(request, membership, "entente")


@project_view(Access.READ)
def report_evaluation(request, membership):
    return _report(request, membership, "evaluation")


# --- A build: its page, its status, its retry, its file ---------------------------------


def _own_report(membership, report_id) -> GeneratedReport:
    """A build of the member's project for the member's audience, or 404 (another
    project's, or a report that shows drafts the member may not see)."""
    return get_object_or_404(
        GeneratedReport.objects.select_related("project"),
        pk=report_id,
        project=membership.project,
        audience=cache.audience_of(membership),
    )


def _fresh_url(report: GeneratedReport) -> str | None:
    """The report's own address (to ask for it again), if its kind and target still
    exist."""
    kind, identifier = jobs.kind_of(report.key)
    if kind is None:
        return None
    args = [report.project.slug] + ([int(identifier)] if identifier.isdigit() else [])
    try:
        return reverse(f"steps:report_{kind.name}", args=args)
    except NoReverseMatch:
        return None


def _step(report: GeneratedReport) -> str:
    """What the build is doing, from its steps (jobs.Progress)."""
    if report.status == Status.QUEUED:
        return _("En file d’attente : la préparation commence dès qu’un processus est libre.")
    if report.status != Status.RUNNING:
        return ""
    done, total = report.progress_done, report.progress_total
    if done == 0:
        return _("Lecture des données du projet…")
    if done == 1:
        return _("Mise en forme du document…")
    if done == jobs.STEPS_BEFORE - 1:
        return _("Préparation de la mise en page…")
    if total and done >= total - 1:
        return _("Enregistrement du fichier…")
    if total and done == total - jobs.STEPS_AFTER:
        return _("Écriture du PDF…")
    return _("Mise en page : page %(page)s…") % {"page": done - jobs.STEPS_BEFORE + 1}


def _counted(report: GeneratedReport) -> str:
    done, total = report.progress_done, report.progress_total
    if not total:
        return ""
    return ngettext(
        "%(done)s étape terminée sur %(total)s",
        "%(done)s étapes terminées sur %(total)s",
        plural_count(done),
    ) % {"done": done, "total": total}


def _size(size: int) -> str:
    """« 1,2 Mo », « 350 ko » (a non-breaking space before the unit)."""
    if size >= 1_000_000:
        return _("%(size)s Mo") % {"size": format_number(size / 1_000_000, 1)}
    return _("%(size)s ko") % {"size": format_number(max(1, round(size / 1000)))}


def _status(report: GeneratedReport) -> dict:
    done, total = report.progress_done, report.progress_total
    payload = {
        "status": report.status,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "counted": _counted(report),
        "step": _step(report),
    }
    if report.status == Status.DONE:
        payload["download_url"] = reverse(
            "steps:report_file", args=[report.project.slug, report.pk]
        )
    if report.status == Status.FAILED:
        payload["error"] = report.error
    return payload


@project_view(Access.READ)
def report_progress(request, membership, report_id):
    """« Préparation du dossier… »: the build's progress, then its file, or its failure
    with « Réessayer ». Works without JavaScript (« Actualiser »)."""
    report = _own_report(membership, report_id)
    cache.requeue_if_stale(report, membership)
    kind, _identifier = jobs.kind_of(report.key)
    status = _status(report)
    pages = report.pages
    context = {
        "project": membership.project,
        "membership": membership,
        "report": report,
        "title": kind.title if kind else _("Rapport"),
        "preparing": kind.preparing if kind else _("Préparation du rapport…"),
        "status": status,
        "building": report.status in (Status.QUEUED, Status.RUNNING),
        "pages": ngettext("%(count)s page", "%(count)s pages", plural_count(pages))
        % {"count": pages},
        "size": _size(report.size),
        "outdated": report.content_version < membership.project.content_version,
        "fresh_url": _fresh_url(report),
    }
    return render_page(request, "steps/reports/progress.html", context)


@project_view(Access.READ)
def report_status(request, membership, report_id):
    """The build's progress as JSON, for report-progress.js."""
    report = _own_report(membership, report_id)
    return JsonResponse(_status(report))


@project_view(Access.READ)
@allowed_when_archived
def report_retry(request, membership, report_id):
    """« Réessayer » (POST): queue a failed build again, then back to its page. The
    build is looked up first: someone who may not see it gets 404, not 405."""
    report = _own_report(membership, report_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    cache.retry(report, membership)
    return redirect(_progress_url(report))


@project_view(Access.READ)
def report_file(request, membership, report_id):
    """The file of a finished build (the button of its page)."""
    report = _own_report(membership, report_id)
    response = cache.serve(report)
    if response is None:
        raise Http404
    return response
