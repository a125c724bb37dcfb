"""Who may do what in a project: the one place every project view checks access.

A view declares the least role it needs with ``@project_view(Access.X)``:

- ``READ``: any member (coordinator, partner, advisor);
- ``CONTRIBUTE``: coordinators and partners (advisors only read); views that act on
  one organisation's data also call ``membership.can_edit(organisation)``;
- ``COORDINATE``: coordinators only.

A non-member gets 404 for anything in a project (the project's existence is not
revealed); a member without the needed role gets 403. The level is recorded on the
view so the permission-matrix test can check that every URL declares one.
"""

from enum import StrEnum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models import Membership, Role


class Access(StrEnum):
    READ = "read"
    CONTRIBUTE = "contribute"
    COORDINATE = "coordinate"


ROLES_ALLOWED = {
    Access.READ: {Role.COORDINATOR, Role.PARTNER, Role.ADVISOR},
    Access.CONTRIBUTE: {Role.COORDINATOR, Role.PARTNER},
    Access.COORDINATE: {Role.COORDINATOR},
}


def get_membership(user, project_slug: str) -> Membership:
    """Return the user's membership in the project, or raise 404 for anyone else."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("project", "organisation")
        .filter(user=user, project__slug=project_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def require(membership: Membership, level: Access) -> None:
    if membership.role not in ROLES_ALLOWED[level]:
        raise PermissionDenied


def require_edit(membership: Membership, organisation) -> None:
    """403 unless the member may write this organisation's (or the project's) data."""
    if not membership.can_edit(organisation):
        raise PermissionDenied


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def allowed_when_archived(view):
    """Mark a writing view that still works on an archived project (unarchive, export),
    above or under ``@project_view``."""
    view.allowed_when_archived = True
    return view


def _archived_response(request, wrapper, membership):
    """403 for a write on an archived project: JSON for scripts (the autosave shows its
    « read-only » message), a page saying why for people."""
    message = _("Ce projet est archivé : il se consulte et s'exporte, mais ne se modifie plus.")
    if getattr(wrapper, "answers_json", False) or "application/json" in request.headers.get(
        "Accept", ""
    ):
        return JsonResponse({"status": "readonly", "errors": [message]}, status=403)
    return render(
        request,
        "projects/archived.html",
        {"project": membership.project, "membership": membership, "message": message},
        status=403,
    )


def project_view(level: Access):
    """Decorate a view taking ``project_slug``: it receives ``(request, membership, …)``.

    The project is ``membership.project``; ``request.membership`` is set for templates.
    An archived project is read-only: any view answers a write (POST…) with 403 — a
    comment is a write too — unless it is marked ``@allowed_when_archived`` (unarchive,
    duplicate, a report's retry, one's own calendar link).
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, project_slug, *args, **kwargs):
            membership = get_membership(request.user, project_slug)
            require(membership, level)
            request.membership = membership
            if (
                membership.project.archived_at is not None
                and request.method not in SAFE_METHODS
                and not getattr(wrapper, "allowed_when_archived", False)
            ):
                return _archived_response(request, wrapper, membership)
            return view(request, membership, *args, **kwargs)

        wrapper.access_level = level
        return wrapper

    return decorator


def get_project_object(membership: Membership, model, **lookup):
    """Fetch an object of `model` that belongs to the member's project, or 404."""
    return get_object_or_404(model, project=membership.project, **lookup)
