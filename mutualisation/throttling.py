"""Login throttling helpers for django-axes (settings AXES_*)."""

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
