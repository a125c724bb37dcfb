"""Site-wide pages that belong to no app: health check, the method's sources, errors."""

import sys

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import bad_request as django_bad_request


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def about_method(request):
    return render(request, "about_method.html")


def _wants_json(request) -> bool:
    """A script's request: it asks for JSON, or its view only speaks JSON (`answers_json`)."""
    if "application/json" in request.headers.get("Accept", ""):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "answers_json", False)


def bad_request(request, exception):
    """400: our page, or JSON for scripts (the autosave shows « Non enregistré »)."""
    if _wants_json(request):
        message = _("La demande contient des caractères non permis ; retapez le texte.")
        return JsonResponse({"status": "invalid", "errors": [message]}, status=400)
    return django_bad_request(request, exception)


def server_error(request):
    """500, or 503 when the database is unreachable; JSON for scripts (autosave).

    Rendered without the request: no context processor, session or database is needed,
    so the page shows even when the database is down.
    """
    unavailable = isinstance(sys.exc_info()[1], DatabaseError)
    status = 503 if unavailable else 500
    if _wants_json(request):
        return JsonResponse(
            {"status": "unavailable" if unavailable else "error"},
            status=status,
            headers={"Retry-After": "10"} if unavailable else None,
        )
    response = HttpResponse(render_to_string(f"{status}.html"), status=status)
    if unavailable:
        response["Retry-After"] = "10"
    return response
