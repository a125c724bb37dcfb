"""Pages of the projects app: my projects, creating a project, a project's home."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from steps.method import STEPS

from .access import Access, project_view
from .forms import ProjectForm
from .models import Membership, Role


@login_required
def project_list(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("project", "organisation")
        .annotate(organisation_count=Count("project__organisations", distinct=True))
        .order_by("project__name")
    )
    return render(request, "projects/list.html", {"memberships": memberships})


@login_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save(commit=False)
            project.created_by = request.user
            project.save()
            Membership.objects.create(user=request.user, project=project, role=Role.COORDINATOR)
        messages.success(
            request, _("Projet créé. Invitez maintenant les organisations partenaires.")
        )
        return redirect(project)
    return render(request, "projects/create.html", {"form": form})


@project_view(Access.READ)
def project_home(request, membership):
    project = membership.project
    organisations = project.organisations.order_by("name")
    return render(
        request,
        "projects/home.html",
        {
            "project": project,
            "membership": membership,
            "steps": STEPS,
            "organisations": organisations,
        },
    )
