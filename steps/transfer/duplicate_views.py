"""« Dupliquer comme modèle »: a new project from this one's set-up (duplicate.py)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.access import Access, allowed_when_archived, project_view
from projects.models import Project

from .duplicate import duplicate_project


class DuplicateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nom du nouveau projet"),
        max_length=Project._meta.get_field("name").max_length,
        help_text=gettext_lazy("Son adresse Web en est tirée ; vous pourrez le renommer."),
    )


@project_view(Access.COORDINATE)
@allowed_when_archived  # copying reads the source only: an archived project is a template
def project_duplicate(request, membership):
    """A form with the new name (GET), then the copy (POST): its creator coordinates it."""
    project = membership.project
    # A copy is a new project: the site's creation policy applies (the page says so).
    may_create = request.user.can_create_projects
    if request.method == "POST" and not may_create:
        return render(request, "projects/creation_denied.html", status=403)
    initial = {"name": _("%(name)s (modèle)") % {"name": project.name}}
    form = DuplicateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        copy = duplicate_project(source=project, name=form.cleaned_data["name"], user=request.user)
        messages.success(
            request,
            _(
                "Le projet « %(name)s » est créé à partir de « %(source)s », sans réponses "
                "ni membres : invitez maintenant les organisations partenaires."
            )
            % {"name": copy.name, "source": project.name},
        )
        return redirect(copy)
    return render(
        request,
        "projects/duplicate.html",
        {"project": project, "form": form, "may_create": may_create},
    )
