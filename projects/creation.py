"""Who may create projects: settings.PROJECT_CREATION, checked by `User.can_create_projects`.

Creating a project and restoring a backup (which creates one) both go through
`creation_view`, which explains a refusal instead of showing a bare « Accès refusé ».
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def creation_view(view):
    """Decorate a view reserved to the accounts that may create projects."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.can_create_projects:
            return render(request, "projects/creation_denied.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
