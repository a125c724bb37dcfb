"""Invitations in bulk (« Inviter en lot ») and reminders of pending invitations
(« Relancer »), for coordinators (issue 21)."""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mutualisation.params import int_param

from . import bulk, services
from .access import Access, project_view
from .forms import BulkInvitationForm
from .models import Invitation, Membership, Organisation
from .submissions import already_sent, claim_once
from .tasks import send_invitations

DEFAULT_DAYS = 7
MAX_DAYS = 365
# The most invitations one « Relancer » may name (a project holds far fewer).
MAX_REMIND = 1_000


def _check(project, user, text: str) -> tuple[bulk.BulkResult, int]:
    """The lines of `text` checked against the project as it stands, and how many
    invitations the limits still allow. Five queries, however long the list."""
    organisations = (
        Organisation.objects.filter(Q(projects=project) | Q(invitations__project=project))
        .values_list("pk", "name")
        .distinct()
    )
    members = Membership.objects.filter(project=project).values_list("user__email", flat=True)
    now = timezone.now()
    pending = Invitation.objects.filter(
        project=project, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).values_list("email", flat=True)
    result = bulk.parse(
        text,
        organisations={bulk.normalise(name): pk for pk, name in organisations},
        members={email.lower() for email in members},
        pending={email.lower() for email in pending},
    )
    capacity = services.invitation_capacity(project=project, sent_by=user, now=now)
    return result, capacity


def _too_many_message() -> str:
    return _("La liste dépasse %(max)s lignes : envoyez-la en plusieurs fois.") % {
        "max": bulk.MAX_LINES
    }


def _preview(request, project, form, result=None, capacity=0, error=""):
    if result is not None and not error and len(result.valid) > capacity:
        error = services.over_capacity_message(wanted=len(result.valid), capacity=capacity)
    return render(
        request,
        "projects/bulk_invite.html",
        {
            "project": project,
            "form": form,
            "result": result,
            "error": error,
            "max_lines": bulk.MAX_LINES,
        },
    )


@project_view(Access.COORDINATE)
def bulk_invite(request, membership):
    """Paste or upload the list; a POST shows each line checked, nothing is sent yet."""
    project = membership.project
    form = BulkInvitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result, capacity = _check(project, request.user, form.cleaned_data["text"])
        if result.too_many:
            form.add_error("text", _too_many_message())
            return _preview(request, project, form)
        return _preview(request, project, form, result, capacity)
    return _preview(request, project, form)


@project_view(Access.COORDINATE)
@require_POST
def bulk_invite_send(request, membership):
    """Create the invitations of the valid lines (checked again) and queue their e-mails
    in one job; the lines in error are skipped and listed."""
    project = membership.project
    form = BulkInvitationForm(request.POST)
    if not form.is_valid():
        return _preview(request, project, form)
    with transaction.atomic():
        # First, so that a double click lands on the members page, not on a list whose
        # addresses the first click has just invited.
        if not claim_once(request):
            return already_sent(request, reverse("projects:members", args=[project.slug]))
        result, capacity = _check(project, request.user, form.cleaned_data["text"])
        invitations, error = _create(request, project, form, result)
        if not invitations:
            transaction.set_rollback(True)  # the form may be sent again
    if result.too_many:
        form.add_error("text", _too_many_message())
        return _preview(request, project, form)
    if not invitations:
        return _preview(request, project, form, result, capacity, error=error)
    return render(
        request,
        "projects/bulk_result.html",
        {
            "project": project,
            "created": len(invitations),
            "new_organisations": result.new_organisations,
            "skipped": result.invalid,
        },
    )


def _create(request, project, form, result) -> tuple[list[Invitation], str]:
    """The invitations created and their job queued, or none and why."""
    if result.too_many or not result.valid:
        return [], ""
    try:
        invitations = services.invitations_create_bulk(
            project=project,
            lines=result.valid,
            message=form.cleaned_data["message"].strip(),
            sent_by=request.user,
        )
    except services.InvitationError as error:
        return [], str(error)
    send_invitations.enqueue(
        [invitation.pk for invitation in invitations],
        services.site_root(request),
        translation.get_language() or "",
    )
    return invitations, ""


def _days(value) -> int:
    days = int_param(value, maximum=MAX_DAYS)
    return DEFAULT_DAYS if days is None else days


@project_view(Access.COORDINATE)
def invitations_pending(request, membership):
    """Invitations without an answer N days after their last e-mail, to « Relancer »."""
    project = membership.project
    days = _days(request.GET.get("jours"))
    now = timezone.now()
    invitations = list(
        Invitation.objects.filter(
            project=project, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .annotate(last_sent=Coalesce("sent_at", "created_at"))
        .filter(last_sent__lte=now - timedelta(days=days))
        .select_related("organisation")
        .order_by("last_sent", "email")
    )
    return render(
        request,
        "projects/bulk_pending.html",
        {"project": project, "invitations": invitations, "days": days, "max_days": MAX_DAYS},
    )


@project_view(Access.COORDINATE)
@require_POST
def invitations_remind(request, membership):
    """« Relancer »: one invitation or all those listed; their e-mails go in one job."""
    project = membership.project
    ids = [
        pk
        for value in request.POST.getlist("invitation")[:MAX_REMIND]
        if (pk := int_param(value)) is not None
    ]
    with transaction.atomic():
        sent = services.invitations_remind(project=project, invitation_ids=ids)
        if sent:
            send_invitations.enqueue(
                sent, services.site_root(request), translation.get_language() or ""
            )
    if sent:
        messages.success(
            request,
            ngettext(
                "%(count)s invitation relancée : le courriel part dans un instant.",
                "%(count)s invitations relancées : les courriels partent dans un instant.",
                len(sent),
            )
            % {"count": len(sent)},
        )
    if len(sent) < len(ids):
        skipped = len(ids) - len(sent)
        messages.warning(
            request,
            ngettext(
                "%(count)s invitation n'a pas été relancée : acceptée, annulée ou tout "
                "juste envoyée.",
                "%(count)s invitations n'ont pas été relancées : acceptées, annulées ou tout "
                "juste envoyées.",
                skipped,
            )
            % {"count": skipped},
        )
    url = reverse("projects:invitations_pending", args=[project.slug])
    return redirect(f"{url}?jours={_days(request.POST.get('jours'))}")
