"""Shared documents: the list of a project's documents, the upload, the download (the
only way a file leaves the storage, after the access check) and the deletion.

Who sees what: a document of the whole project, every member; a document of one
organisation, its partners, the coordination and the advisors (like its drafts).
Partners and the coordination upload (a partner for its own organisation or for the
project); the person who uploaded a document and the coordination delete it.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from mutualisation.params import int_param
from projects.access import Access, get_project_object, project_view
from projects.method import STEPS_BY_CODE
from projects.submissions import already_sent, claim_once

from . import selectors, services, validation
from .forms import DocumentForm
from .models import Document


def _list_url(project) -> str:
    return reverse("steps:attachment_list", args=[project.slug])


def _too_big_message() -> str:
    return _("Ce fichier dépasse la taille permise (%(max)s) : il n’a pas été enregistré.") % {
        "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)
    }


@project_view(Access.READ)
def attachment_list(request, membership):
    project = membership.project
    visible = selectors.visible_documents(membership)
    step = request.GET.get("etape", "")
    step = step if step in STEPS_BY_CODE else ""
    organisation_id = int_param(request.GET.get("organisation", ""))
    documents = list(visible.order_by("-uploaded_at", "-pk"))
    total = len(documents)
    counts = {code: 0 for code in STEPS_BY_CODE}
    for document in documents:
        counts[document.step] += 1
    if step:
        documents = [d for d in documents if d.step == step]
    if organisation_id is not None:
        documents = [d for d in documents if d.organisation_id == organisation_id]
    for document in documents:
        document.can_delete = document.deletable_by(membership)
    organisations = list(project.organisations.order_by("name"))
    form = None
    if not membership.is_advisor:
        form = DocumentForm(membership=membership, initial={"step": step or None})
    return render(
        request,
        "steps/attachments/list.html",
        {
            "project": project,
            "membership": membership,
            "groups": selectors.by_step(documents),
            "shown": len(documents),
            "total": total,
            "step_counts": [(s, counts[s.code]) for s in STEPS_BY_CODE.values()],
            "organisations": organisations,
            "current_step": step,
            "current_organisation": organisation_id,
            "form": form,
            "max_bytes": settings.ATTACHMENT_MAX_BYTES,
        },
    )


def _render_upload(request, membership, form, status=200, problem=""):
    return render(
        request,
        "steps/attachments/upload.html",
        {
            "project": membership.project,
            "membership": membership,
            "form": form,
            "max_bytes": settings.ATTACHMENT_MAX_BYTES,
            "problem": problem,
        },
        status=status,
    )


@csrf_exempt  # checked by csrf_protect below, once the size is known to be acceptable
@project_view(Access.CONTRIBUTE)
def attachment_upload(request, membership):
    """Upload a document; one announced or streaming above the limit is refused unread."""
    if request.method == "POST":
        # Parsing the body runs AttachmentSizeLimit, which marks a file above the limit.
        request.POST  # noqa: B018
    if getattr(request, "attachment_too_big", False):
        form = DocumentForm(membership=membership)
        return _render_upload(request, membership, form, status=413, problem=_too_big_message())
    return _upload(request, membership)


@csrf_protect
def _upload(request, membership):
    form = DocumentForm(request.POST or None, request.FILES or None, membership=membership)
    if request.method != "POST":
        return _render_upload(request, membership, form)
    if not form.is_valid():
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
        return _render_upload(request, membership, form)
    project = membership.project
    with transaction.atomic():
        if not claim_once(request):
            return already_sent(request, _list_url(project))
        document = services.document_create(
            form=form,
            upload=form.cleaned_data["upload"],
            file_type=form.file_type,
            user=request.user,
        )
    messages.success(request, _("Document « %(title)s » déposé.") % {"title": document.title})
    return redirect(_list_url(project))


def _visible_document(membership, document_id) -> Document:
    document = get_project_object(
        membership, Document.objects.select_related("organisation"), pk=document_id
    )
    if not document.visible_to(membership):
        raise PermissionDenied
    return document


@project_view(Access.READ)
def attachment_download(request, membership, attachment_id):
    document = _visible_document(membership, attachment_id)
    try:
        file = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = document.content_type
    if content_type not in validation.BY_CONTENT_TYPE:
        content_type = "application/octet-stream"
    inline = content_type in validation.INLINE_TYPES
    response = FileResponse(
        file,
        as_attachment=not inline,
        filename=document.original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even a PDF shown in the browser runs no script and reaches nothing of the site.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@project_view(Access.CONTRIBUTE)
def attachment_delete(request, membership, attachment_id):
    document = _visible_document(membership, attachment_id)
    if not document.deletable_by(membership):
        raise PermissionDenied
    return _delete(request, membership, document)


@require_POST
def _delete(request, membership, document):
    title = document.title
    services.document_delete(document=document, user=request.user)
    messages.success(request, _("Document « %(title)s » supprimé.") % {"title": title})
    return redirect(_list_url(membership.project))
