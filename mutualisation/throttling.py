"""Login throttling: helpers for django-axes (settings AXES_*) and the per-address ceiling.

django-axes locks one account from one address after AXES_FAILURE_LIMIT failures.
Password spraying (a few guesses on many accounts from one address) stays under that
limit: `address_ceiling_reached` counts the failures of all accounts from one address
over the same cool-off period against LOGIN_FAILURES_PER_ADDRESS.
"""

import ipaddress

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


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


def address_failures(request: HttpRequest) -> int:
    """Failed logins (and old-password guesses) from this client's address, all accounts,
    within the cool-off period."""
    from axes.models import AccessAttempt  # an app model: imported once apps are ready

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(
        ip_address=client_ip(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def address_ceiling_reached(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.LOGIN_FAILURES_PER_ADDRESS
