"""Download URLs of the PDF reports: READ access, then the report's own visibility rule.

The PDF is generated in the request (the demo's reports take well under two seconds).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from mutualisation.pdf import ReportTooLong
from projects.access import Access, project_view
from steps.resources.selectors import resource_for

from . import agreement, costs, dossier, evaluation, grid, plan, portrait
from .common import file_name, pdf_response, render


def _download(kind: str, context: dict, subject: str, prefix: str | None = None):
    try:
        result = render(kind, context, time_limit=settings.PDF_TIME_LIMIT_SECONDS)
    except ReportTooLong as error:
        page = render_to_string(
            "errors/report_too_long.html",
            {"message": str(error), "back_url": context["project"].get_absolute_url()},
        )
        return HttpResponse(page, status=503)
    return pdf_response(result, file_name(prefix or kind, subject))


@project_view(Access.READ)
def report_dossier(request, membership):
    project = membership.project
    context = dossier.build_dossier_context(membership, project)
    return _download("dossier", context, project.slug)


@project_view(Access.READ)
def report_portrait(request, membership, organisation_id):
    project = membership.project
    organisation = get_object_or_404(project.organisations, pk=organisation_id)
    context = portrait.build_portrait_context(membership, project, organisation=organisation)
    if not context["visible"]:
        raise PermissionDenied
    return _download("portrait", context, organisation.name)


@project_view(Access.READ)
def report_grille(request, membership):
    project = membership.project
    return _download("grille", grid.build_grid_context(membership, project), project.slug)


@project_view(Access.READ)
def report_couts(request, membership, resource_id):
    project = membership.project
    resource = resource_for(project, resource_id)
    context = costs.build_costs_context(membership, project, resource=resource)
    return _download("couts", context, resource.name)


@project_view(Access.READ)
def report_plan(request, membership):
    project = membership.project
    context = plan.build_plan_context(membership, project)
    return _download("plan", context, project.slug, prefix="plan-action")


@project_view(Access.READ)
def report_entente(request, membership):
    project = membership.project
    return _download(
        "entente", agreement.build_agreement_context(membership, project), project.slug
    )


@project_view(Access.READ)
def report_evaluation(request, membership):
    project = membership.project
    context = evaluation.build_evaluation_context(membership, project)
    return _download("evaluation", context, project.slug)
