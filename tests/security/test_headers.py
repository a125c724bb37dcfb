"""Security headers and cookies: CSP without inline scripts, HSTS, referrer, cookie flags."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "motdepasse-test"
# Pages served to browsers; e-mails and PDF templates never run under the site's CSP.
BROWSER_TEMPLATES = [
    path
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html")
    if path.relative_to(settings.BASE_DIR / "templates").parts[0] not in {"emails", "pdf"}
]


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def test_headers_csp_on_every_page_without_unsafe_inline(world, client_as):
    """A project page carries the CSP: self only, no 'unsafe-inline' nor 'unsafe-eval'."""
    response = client_as(world.partner_a).get(reverse("projects:home", args=[world.project.slug]))

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["login", "password_reset", "about_method"])
def test_headers_csp_on_anonymous_pages(db, client, name):
    """Pages seen before logging in carry the same policy."""
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def test_headers_hsts_referrer_nosniff_frames_over_https(db, client):
    """Over HTTPS: HSTS for a year with subdomains, same-origin referrer, nosniff, DENY."""
    response = client.get(reverse("login"), secure=True)

    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_headers_session_and_csrf_cookies_secure_and_httponly(db, client):
    """With DEBUG off, the session and CSRF cookies are Secure and HttpOnly."""
    UserFactory(email="claire@exemple.org")
    client.get(reverse("login"), secure=True)
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    response = client.post(
        reverse("login"),
        {"username": "claire@exemple.org", "password": PASSWORD},
        secure=True,
    )

    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert csrf["secure"] and csrf["httponly"]


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("inline <script>", r"<script(?![^>]*\bsrc=)[^>]*>"),
        ("on*= handler", r"<[^>]*\son[a-z]+\s*="),
        ("style attribute", r"<[^>]*\sstyle\s*="),
        ("javascript: URL", r"javascript:"),
    ],
)
def test_headers_templates_have_nothing_inline(what, pattern):
    """No browser template needs 'unsafe-inline': scripts and styles are static files."""
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in BROWSER_TEMPLATES
        if re.search(pattern, path.read_text(), flags=re.IGNORECASE)
    ]

    assert BROWSER_TEMPLATES
    assert offenders == [], f"{what} in {offenders}"
