"""The target dates page: the coordination sets a date per step, and per organisation for
the impulsion and réflexion questionnaires (the step's date otherwise)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.access import Access, project_view
from projects.history import delete_with_history, record_change, snapshot
from steps.models import StepDeadline

from .deadlines import project_deadlines
from .forms import DeadlinesForm


@project_view(Access.COORDINATE)
def deadlines_edit(request, membership):
    project = membership.project
    organisations = list(project.organisations.order_by("name", "pk"))
    form = DeadlinesForm(
        request.POST if request.method == "POST" else None,
        project=project,
        organisations=organisations,
        deadlines=project_deadlines(project),
        today=timezone.localdate(),
    )
    if request.method == "POST":
        if form.is_valid():
            count = _save(project, organisations, form.changes(), request.user)
            if count:
                messages.success(request, _("Dates cibles enregistrées."))
            else:
                messages.info(request, _("Aucune date n'a changé."))
            return redirect("steps:deadlines", project.slug)
        messages.error(request, _("Certaines dates n'ont pas été enregistrées : corrigez-les."))
    return render(
        request,
        "steps/followup/deadlines.html",
        {
            "project": project,
            "membership": membership,
            "form": form,
            "rows": form.steps(),
            "has_organisations": bool(organisations),
            "start": form.start,
        },
    )


def _save(project, organisations, changes, user) -> int:
    """Write the changed dates with their history; an emptied date removes its row."""
    if not changes:
        return 0
    by_id = {organisation.pk: organisation for organisation in organisations}
    with transaction.atomic():
        rows = {
            (row.step, row.organisation_id): row
            for row in StepDeadline.objects.select_for_update(of=("self",))
            .filter(project=project)
            .select_related("project", "organisation", "updated_by")
        }
        for change in changes:
            row = rows.get((change.step, change.organisation_id))
            if change.after is None:
                if row is not None:
                    delete_with_history(instance=row, user=user)
                continue
            if row is None:
                row = StepDeadline(
                    project=project,
                    step=change.step,
                    organisation=by_id.get(change.organisation_id),
                    due_date=change.after,
                    updated_by=user,
                )
                row.save()
                record_change(instance=row, user=user)
                continue
            before = snapshot(row)
            row.due_date = change.after
            row.updated_by = user
            row.save(update_fields=["due_date", "updated_by", "updated_at"])
            record_change(instance=row, before=before, user=user)
    return len(changes)
