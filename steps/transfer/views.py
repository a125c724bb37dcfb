"""The coordination's backup page and the JSON download of the whole project.

Import stays a management command (`import_project`): it creates a new project, which
is not an action inside an existing one, and it belongs to whoever runs the installation.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render

from projects.access import Access, project_view

from .export import export_project, project_filename
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
            "filename": project_filename(project),
        },
    )


@project_view(Access.COORDINATE)
def project_export(request, membership):
    project = membership.project
    document = export_project(project)
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{project_filename(project)}"'
    return response
