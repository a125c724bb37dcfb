"""Create forms send once: each carries a token (`{% submit_once %}`, projects.templatetags
.submit_once) that the save claims in its transaction; a second send of the same form
(double click, two tabs, a resend after a slow answer) finds it taken and creates nothing.

    with transaction.atomic():
        if not claim_once(request):
            return already_sent(request, success_url)
        ...create...
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SubmittedForm

FIELD = "envoi_unique"
# Tokens older than this are forgotten (a form is not sent again after a day).
KEEP = timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def claim_once(request) -> bool:
    """True the first time this form's token is seen (or when the form has none)."""
    token = request.POST.get(FIELD, "")
    if not token or len(token) > 64:
        return True
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(token=token, user=request.user)
    except IntegrityError:
        return False
    SubmittedForm.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return True


def already_sent(request, url: str):
    """Where a second send of the same form goes: the list, with a word of explanation."""
    messages.info(request, _("Ce formulaire avait déjà été envoyé : rien n'a été créé en double."))
    return redirect(url)
