"""Login throttling helpers for django-axes (settings AXES_*)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """Return the e-mail a login attempt names, as the login form normalises it.

    Without this, « Alice@Exemple.ca » and « alice@exemple.ca » would count as two
    people and an attacker could multiply the allowed attempts by changing case.
    """
    if credentials and credentials.get("username"):
        raw = credentials["username"]
    else:
        raw = request.POST.get("username", "")
    return str(raw).strip().lower()


def client_ip(request: HttpRequest) -> str | None:
    """Return the address django-axes counts failed logins against.

    REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT (N) says the app runs behind N
    reverse proxies that each append the address they received the request from to
    X-Forwarded-For: then the N-th entry from the right, the last one a client cannot
    forge. A missing, short or malformed header falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote
