"""The coordination's backup page, the JSON download of the whole project, and
restoring a backup as a new project (upload, preview, confirmation).

Restoring creates a project, so it is not an action inside one: its pages live under
/projets/restaurer/ and are open to the accounts that may create projects
(settings.PROJECT_CREATION). The command `import_project` does the same for admins.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from projects.access import Access, project_view
from projects.creation import creation_view
from projects.submissions import already_sent

from . import restore as restoring
from .archive import write_archive
from .export import archive_filename, export_project, project_filename
from .forms import RestoreForm
from .importer import ImportProblems
from .schema import FORMAT_VERSION


@project_view(Access.COORDINATE)
def project_transfer(request, membership):
    project = membership.project
    return render(
        request,
        "steps/transfer/transfer.html",
        {
            "project": project,
            "membership": membership,
            "format_version": FORMAT_VERSION,
            # A project with shared documents is saved as a ZIP (steps/transfer/archive.py).
            "filename": (
                archive_filename(project)
                if project.documents.exists()
                else project_filename(project)
            ),
        },
    )


@project_view(Access.COORDINATE)
def project_export(request, membership):
    """The project's JSON document; with shared documents, a ZIP of it and their files."""
    project = membership.project
    document = export_project(project)
    if document["documents"]:
        return FileResponse(
            write_archive(document, project),
            as_attachment=True,
            filename=archive_filename(project),
            content_type="application/zip",
        )
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{project_filename(project)}"'
    return response


# Restoring a backup ---------------------------------------------------------------------


def _too_big_message():
    return _(
        "Ce fichier dépasse la taille permise (%(max)s) : il n’a pas été lu. Une sauvegarde "
        "plus grosse se restaure par la personne qui administre le site."
    ) % {"max": filesizeformat(settings.RESTORE_MAX_BYTES)}


def _render_upload(request, form, problems=(), status=200):
    return render(
        request,
        "steps/transfer/restore_upload.html",
        {"form": form, "problems": problems, "max_bytes": settings.RESTORE_MAX_BYTES},
        status=status,
    )


@csrf_exempt  # checked by csrf_protect below, once the size is known to be acceptable
@creation_view
def project_restore(request):
    """Upload a backup (GET: the form); a valid file is kept and its preview shown."""
    if request.method == "POST":
        # The announced size is checked before the body is read (see RestoreSizeLimit).
        if restoring.announced_too_big(request):
            return _render_upload(
                request, RestoreForm(), problems=[_too_big_message()], status=413
            )
    return _restore_upload(request)


@csrf_protect
def _restore_upload(request):
    form = RestoreForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render_upload(request, form)
    uploaded = form.cleaned_data["file"]
    if uploaded.size > settings.RESTORE_MAX_BYTES:
        return _render_upload(request, RestoreForm(), problems=[_too_big_message()], status=413)
    try:
        backup = restoring.read_backup(uploaded)
        problems = restoring.check(backup.document, backup.files)
    except ImportProblems as error:
        problems = error.problems
    if problems:
        return _render_upload(request, RestoreForm(), problems=problems)
    token = restoring.keep_upload(request, uploaded)
    return redirect("restore:preview", token)


def _gone(request):
    messages.error(
        request,
        _(
            "Ce fichier n’est plus disponible (le délai est passé, ou il a déjà servi) : "
            "envoyez-le de nouveau."
        ),
    )
    return redirect("restore:upload")


@creation_view
def project_restore_preview(request, upload_token):
    """What the kept file will create, with the button that creates it."""
    try:
        entry = restoring.kept_upload(request, upload_token)
        backup = restoring.read_kept(entry)
    except (restoring.UploadGone, ImportProblems):
        return _gone(request)
    return render(
        request,
        "steps/transfer/restore_preview.html",
        {
            "preview": restoring.preview(backup.document, request.user),
            "filename": entry["filename"],
            "upload_token": upload_token,
        },
    )


@creation_view
@require_POST
def project_restore_confirm(request, upload_token):
    """Create the project from the kept file (checked again), then forget the file."""
    try:
        entry = restoring.kept_upload(request, upload_token)
        backup = restoring.read_kept(entry)
        result = restoring.restore(
            document=backup.document,
            files=backup.files,
            user=request.user,
            upload_token=upload_token,
        )
    except restoring.UploadGone:
        return _gone(request)
    except restoring.AlreadyRestored:
        return already_sent(request, reverse("projects:list"))
    except ImportProblems as error:
        restoring.discard_upload(request, upload_token)
        form = RestoreForm()
        problems = [restoring.readable_problem(problem) for problem in error.problems]
        return _render_upload(request, form, problems=problems)
    restoring.discard_upload(request, upload_token)
    project = result.project
    messages.success(
        request,
        _("Le projet « %(name)s » est restauré ; vous en êtes coordonnateur·rice.")
        % {"name": project.name},
    )
    if result.created_users:
        messages.info(
            request,
            _(
                "Les personnes qui n’avaient pas de compte ici en ont un sans mot de passe : "
                "elles en choisissent un avec « Mot de passe oublié ? » sur la page de "
                "connexion."
            ),
        )
    return redirect(project)
