"""Headers every response needs, and the log filter of refused requests.

Content-Security-Policy is built once from settings.CONTENT_SECURITY_POLICY: Django 5.2
has no CSP of its own; a policy is a fixed string here (no nonces: no page has inline
scripts), so a dozen lines replace a dependency.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def build_policy(directives: dict[str, list[str]]) -> str:
    """Return the header value of a {directive: [sources]} mapping."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    """Add the policy to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class PrivateCacheMiddleware:
    """A logged-in person's pages and exports (PDF, CSV, XLSX, JSON with e-mail
    addresses) are theirs alone: no browser or proxy cache may keep a copy of a response
    to a request that carries a session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The session cookie, not request.user: no query is added to a page that did not
        # need the user, and nothing here depends on the database.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RefusalsOnOneLine(logging.Filter):
    """Log a refused request (400, 403, 404…) as its one « Forbidden: /path » line: the
    traceback of a PermissionDenied or Http404 says nothing an operator needs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class RefuseNulMiddleware:
    """Refuse (400) a request whose query string or form data holds a NUL character: no
    text of ours may contain one, and PostgreSQL refuses them in text columns."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type
            in ("application/x-www-form-urlencoded", "multipart/form-data")
            and _has_nul(request.POST)
        ):
            raise SuspiciousOperation("NUL character in the request data")
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data
    )
