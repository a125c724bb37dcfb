"""Self sign-up (settings.SIGNUP_OPEN) and the requests to create projects.

A new account is inactive (it cannot log in) until its owner follows the signed link
mailed to the address and types the account's password again: the link proves the
mailbox, the password proves the person who signed up, so nobody can open an account
under someone else's address. The link expires after SIGNUP_LINK_MAX_AGE_HOURS.

Under PROJECT_CREATION="approved", a confirmed account asks to create projects
(`creation_requested_at`) and the staff accounts are told by e-mail; the admin's action
« Approuver » grants the permission projects.add_project (`creation_approve`).

The sign-up page always answers « check your mailbox », whether the address has an
account or not (an existing account gets a mail saying so instead), so the page does not
tell who has an account here. One address receives at most one such mail every
SIGNUP_MAIL_INTERVAL (per process: the cache is local unless CACHES says otherwise).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mutualisation.typography import one_line

from .services import absolute_url

logger = logging.getLogger(__name__)

SALT = "projects.signup"
SIGNUP_MAIL_INTERVAL = timedelta(minutes=5)


class SignupLinkError(Exception):
    """The confirmation link is forged, expired or no longer needed; says which."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "done"


def _send(*, template: str, context: dict, to: list[str]) -> bool:
    subject = one_line(render_to_string(f"emails/{template}_subject.txt", context))
    message = EmailMessage(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Mail %s could not be sent", template)
        return False
    return True


def confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def user_for_token(token: str):
    """The inactive account a confirmation link names; SignupLinkError otherwise."""
    max_age = timedelta(hours=settings.SIGNUP_LINK_MAX_AGE_HOURS)
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise SignupLinkError("expired") from error
    except signing.BadSignature as error:
        raise SignupLinkError("invalid") from error
    if not isinstance(data, dict):
        raise SignupLinkError("invalid")
    user = get_user_model().objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None or user.signed_up_at is None:
        raise SignupLinkError("invalid")
    if user.is_active:
        raise SignupLinkError("done")
    return user


def signup_request(*, email: str, full_name: str, password: str, request) -> None:
    """Open (or renew) an inactive account and mail its confirmation link.

    An address with an active account receives a reminder that it has one; an account
    that staff deactivated receives nothing.
    """
    User = get_user_model()
    email = email.strip().lower()
    if not cache.add(f"signup-mail:{email}", 1, SIGNUP_MAIL_INTERVAL.total_seconds()):
        logger.info("Sign-up mail to one address skipped: sent less than 5 minutes ago")
        return
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is not None and user.is_active:
            _send(
                template="signup_exists",
                context={
                    "user": user,
                    "login_url": absolute_url(request, reverse("login")),
                    "reset_url": absolute_url(request, reverse("password_reset")),
                },
                to=[user.email],
            )
            return
        if user is not None and user.signed_up_at is None:
            return  # deactivated by staff: not reopened from outside
        if user is None:
            user = User(email=email, is_active=False)
        user.full_name = full_name.strip()
        user.set_password(password)
        user.signed_up_at = timezone.now()
        user.save()
    path = reverse("signup_confirm", args=[confirmation_token(user)])
    _send(
        template="signup_confirm",
        context={
            "user": user,
            "confirm_url": absolute_url(request, path),
            "hours": settings.SIGNUP_LINK_MAX_AGE_HOURS,
        },
        to=[user.email],
    )


def signup_confirm(*, user, request):
    """Activate the account; under "approved" it asks to create projects."""
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        if not user.can_create_projects:
            creation_request(user=user, request=request)
    return user


def creation_request(*, user, request) -> None:
    """Record the request to create projects and tell the staff (once per request)."""
    if user.creation_requested_at is not None or user.can_create_projects:
        return
    user.creation_requested_at = timezone.now()
    user.save(update_fields=["creation_requested_at"])
    staff = list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .values_list("email", flat=True)
    )
    recipients = sorted(set(staff) | {email for _name, email in settings.MANAGERS})
    if recipients:
        _send(
            template="creation_request",
            context={
                "person": user,
                "admin_url": absolute_url(
                    request, reverse("admin:projects_user_changelist") + "?demande=attente"
                ),
            },
            to=recipients,
        )


def creation_approve(*, users, request) -> int:
    """Let these accounts create projects; each is told by e-mail. Return how many."""
    permission = Permission.objects.get(content_type__app_label="projects", codename="add_project")
    approved = 0
    for user in users:
        user.user_permissions.add(permission)
        user.creation_requested_at = None
        user.save(update_fields=["creation_requested_at"])
        approved += 1
        _send(
            template="creation_approved",
            context={
                "person": user,
                "create_url": absolute_url(request, reverse("projects:create")),
            },
            to=[user.email],
        )
    return approved
