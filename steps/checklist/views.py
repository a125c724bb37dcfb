"""The checklist of conditions of success and pitfalls: the page, and one item's tick."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_datetime
from projects.access import Access, project_view

from . import selectors, services
from .catalogue import ITEMS_BY_CODE
from .forms import EntryForm


def _checklist_url(project) -> str:
    return reverse("steps:checklist", kwargs={"project_slug": project.slug})


def _next_url(request, project) -> str:
    """Back where the form was (the checklist or a step page of this project)."""
    value = request.POST.get("next", "")
    prefix = f"/projets/{project.slug}/"
    if (
        value.startswith(prefix)
        and "#" not in value
        and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        return value
    return _checklist_url(project)


@project_view(Access.READ)
def checklist_page(request, membership):
    """Every step's conditions of success and pitfalls, with the group's ticks."""
    project = membership.project
    steps = selectors.checklist(project)
    return render(
        request,
        "steps/checklist/page.html",
        {
            "project": project,
            "membership": membership,
            "checklist_steps": steps,
            "checked": sum(s.checked for s in steps),
            "total": sum(s.total for s in steps),
            "can_tick": not membership.is_advisor,
            "here": request.path,
        },
    )


@project_view(Access.CONTRIBUTE)
@require_POST
def checklist_save(request, membership, checklist_code):
    """Tick or untick one item and keep its comment; a conflict when someone was first."""
    project = membership.project
    item = ITEMS_BY_CODE.get(checklist_code)
    if item is None:
        raise Http404
    next_url = f"{_next_url(request, project)}#item-{item.code}"
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("L'élément n'a pas été enregistré : %(errors)s")
            % {"errors": " ".join(e for errors in form.errors.values() for e in errors)},
        )
        return redirect(next_url)
    data = form.cleaned_data
    try:
        services.entry_save(
            project=project,
            code=item.code,
            checked=data["checked"],
            note=data["note"].strip(),
            version=data["version"],
            user=request.user,
        )
    except services.ChecklistConflict as conflict:
        current = conflict.current
        messages.error(
            request,
            _(
                "%(who)s a modifié « %(item)s » le %(when)s, pendant que vous le consultiez : "
                "votre changement n'a pas été enregistré. Voici l'état actuel ; votre "
                "commentaire était : « %(note)s »."
            )
            % {
                "who": current.updated_by or _("Quelqu'un"),
                "item": item.text,
                "when": format_datetime(current.updated_at),
                "note": data["note"].strip() or "—",
            },
        )
        return redirect(next_url)
    messages.success(request, _("« %(item)s » : enregistré.") % {"item": item.text})
    return redirect(next_url)
