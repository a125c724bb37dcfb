"""Content-Security-Policy header, built once from settings.CONTENT_SECURITY_POLICY.

Django 5.2 has no CSP of its own; a policy is a fixed string here (no nonces: no page
has inline scripts), so a dozen lines replace a dependency.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
