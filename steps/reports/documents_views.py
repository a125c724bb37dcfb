"""Word files and blank questionnaires: READ access, then the visibility rule of what they show.

- the agreement draft as .docx: every member, like its page and its PDF;
- a step's blank questionnaire and an organisation's blank portrait (PDF or .docx): every
  member (no answer in them; an organisation's own items only where its drafts are seen);
- an organisation's answers as .docx: exactly who may open its answers page (drafts to
  its partners, the coordination and the advisors; 403 to the other partners).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string

from mutualisation.pdf import ReportTooLong
from projects.access import Access, project_view
from projects.method import STEPS_BY_CODE
from steps.questionnaire.selectors import has_organisation_scope, load_state

from . import blank, docx
from .agreement_docx import build_agreement_docx
from .answers_docx import build_answers_docx
from .common import file_name, pdf_response, render

FORMATS = ("pdf", "docx")


def _require_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404


def _blank_response(project, document: blank.BlankDocument, fmt: str, prefix: str, subject: str):
    """The PDF rendered in the request (a few pages, one to three seconds), or the .docx."""
    if fmt == "docx":
        content = blank.build_blank_docx(project, document)
        return docx.docx_response(content, docx.docx_file_name(prefix, subject))
    context = blank.build_blank_context(project, document)
    try:
        result = render("blank_questionnaire", context, time_limit=settings.PDF_TIME_LIMIT_SECONDS)
    except ReportTooLong as error:
        page = render_to_string(
            "errors/report_too_long.html",
            {"message": str(error), "back_url": project.get_absolute_url()},
        )
        return HttpResponse(page, status=503)
    return pdf_response(result, file_name(prefix, subject))


@project_view(Access.READ)
def agreement_docx(request, membership):
    project = membership.project
    content = build_agreement_docx(project)
    return docx.docx_response(content, docx.docx_file_name("entente", project.slug))


@project_view(Access.READ)
def blank_questionnaire(request, membership, step_code, fmt):
    _require_format(fmt)
    project = membership.project
    document = blank.blank_step(project, step_code)
    if not document.parts:
        raise Http404
    return _blank_response(
        project, document, fmt, "questionnaire-vierge", f"{project.slug}-{step_code}"
    )


@project_view(Access.READ)
def blank_portrait(request, membership, organisation_id, fmt):
    _require_format(fmt)
    project = membership.project
    organisation = get_object_or_404(project.organisations, pk=organisation_id)
    document = blank.blank_portrait(project, organisation, membership)
    return _blank_response(project, document, fmt, "portrait-vierge", organisation.name)


@project_view(Access.READ)
def answers_docx(request, membership, step_code, organisation_id):
    project = membership.project
    organisation = get_object_or_404(project.organisations, pk=organisation_id)
    if not has_organisation_scope(step_code):
        raise Http404
    state = load_state(project, organisation_id=organisation.pk, step=step_code)
    if not state.visible(membership, step_code, organisation):
        raise PermissionDenied
    content = build_answers_docx(project, state, step_code, organisation)
    step = STEPS_BY_CODE[step_code]
    return docx.docx_response(
        content, docx.docx_file_name("reponses", f"{organisation.name}-{step.code}")
    )
