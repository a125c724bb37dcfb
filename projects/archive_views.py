"""Archiving a finished project: read-only, hidden from « Mes projets », still exportable."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import Access, allowed_when_archived, project_view
from .history import record_change, snapshot
from .models import Project


def _set_archived(*, project: Project, user, archived: bool) -> None:
    """Archive or unarchive the project, kept in its history."""
    with transaction.atomic():
        stored = Project.objects.select_for_update().get(pk=project.pk)
        before = snapshot(stored)
        project.archived_at = timezone.now() if archived else None
        project.archived_by = user if archived else None
        project.save(update_fields=["archived_at", "archived_by"])
        record_change(instance=project, before=before, user=user, project=project)


@project_view(Access.COORDINATE)
def project_archive(request, membership):
    """Ask for confirmation (GET), then archive the project (POST); an archived project
    is refused the POST by `project_view` and its page says it is archived already."""
    project = membership.project
    if request.method == "POST" and not project.is_archived:
        _set_archived(project=project, user=request.user, archived=True)
        messages.success(
            request,
            _("Le projet « %(project)s » est archivé : il ne se modifie plus.")
            % {"project": project.name},
        )
        return redirect("projects:list")
    return render(request, "projects/archive_confirm.html", {"project": project})


@project_view(Access.COORDINATE)
@allowed_when_archived
def project_unarchive(request, membership):
    """Ask for confirmation (GET), then make the project editable again (POST); for a
    project that is not archived, the page says so and a POST changes nothing."""
    project = membership.project
    if request.method == "POST" and project.is_archived:
        _set_archived(project=project, user=request.user, archived=False)
        messages.success(
            request,
            _("Le projet « %(project)s » est désarchivé : il se modifie de nouveau.")
            % {"project": project.name},
        )
        return redirect(project)
    if request.method == "POST":
        messages.info(request, _("Ce projet n’est pas archivé."))
        return redirect(project)
    return render(request, "projects/archive_undo.html", {"project": project})
