"""Pages of the notifications: the list (the bell), « Mes notifications », unsubscribing.

Not project pages: each person sees only their own notifications and preferences (another
person's notification is a 404). Unsubscribing needs no login: the signed link of the
e-mail is the credential, and mail clients post to it without a session (RFC 8058).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mutualisation.params import int_param
from projects.models import Membership, Project, User

from . import kinds
from .forms import LanguageForm, ProjectPreferenceForm
from .models import Delivery, Notification, NotificationPreference
from .services import read_unsubscribe_token

PAGE_SIZE = 25


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).select_related("project")
    page = Paginator(notifications, PAGE_SIZE).get_page(
        int_param(request.GET.get("page"), minimum=1) or 1
    )
    rows = [
        {
            "notification": notification,
            # In the language of the page: the e-mails follow User.language instead.
            "title": _title(notification),
        }
        for notification in page
    ]
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


def _title(notification) -> str:
    """The notification's sentence; its kind's name if its facts no longer fit the sentence
    (a notification recorded before a sentence changed must not break the list)."""
    try:
        return kinds.title(notification.kind, notification.params)
    except (KeyError, TypeError, ValueError):
        return str(notification.get_kind_display())


@login_required
@require_POST
def mark_all_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


def _is_local_path(url: str) -> bool:
    """A path of this site (« /projets/… »), never another site (« //ailleurs », « https:… »)."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


@login_required
def notification_open(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    if not _is_local_path(notification.url):
        messages.warning(
            request, _("Le lien de cette notification ne mène pas à une page du site.")
        )
        return redirect("notifications:list")
    return redirect(notification.url)


@login_required
def preferences(request):
    user = request.user
    memberships = list(
        Membership.objects.filter(user=user).select_related("project").order_by("project__name")
    )
    stored = {row.project_id: row for row in NotificationPreference.objects.filter(user=user)}
    data = request.POST if request.method == "POST" else None
    language_form = LanguageForm(data, instance=user)
    forms = [
        ProjectPreferenceForm(
            data, membership=membership, preference=stored.get(membership.project_id)
        )
        for membership in memberships
    ]
    if request.method == "POST" and language_form.is_valid() and all(f.is_valid() for f in forms):
        _save_preferences(user, language_form, forms)
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "language_form": language_form,
            "forms": forms,
            "digest_hour": settings.DIGEST_HOUR,
        },
    )


def _save_preferences(user, language_form, forms) -> None:
    """At most two queries, however many projects: the language, then one upsert."""
    changed = [form for form in forms if form.differs()]
    with transaction.atomic():
        if "language" in language_form.changed_data:
            User.objects.filter(pk=user.pk).update(language=language_form.cleaned_data["language"])
        if changed:
            NotificationPreference.objects.bulk_create(
                [
                    NotificationPreference(
                        user=user,
                        project=form.project,
                        delivery=form.cleaned_data["delivery"],
                        muted_kinds=form.muted_kinds(),
                    )
                    for form in changed
                ],
                update_conflicts=True,
                unique_fields=["user", "project"],
                update_fields=["delivery", "muted_kinds", "updated_at"],
            )


@csrf_exempt  # mail clients post « List-Unsubscribe=One-Click » without a session (RFC 8058)
def unsubscribe(request, unsubscribe_token):
    try:
        signed = read_unsubscribe_token(unsubscribe_token)
    except signing.SignatureExpired:
        return _unsubscribe_refused(request, expired=True)
    except signing.BadSignature:
        return _unsubscribe_refused(request, expired=False)
    user = User.objects.filter(pk=signed.get("u")).first()
    project = Project.objects.filter(pk=signed.get("p")).first()
    if user is None or project is None:
        return _unsubscribe_refused(request, expired=False)
    if request.method == "POST":
        NotificationPreference.objects.update_or_create(
            user=user, project=project, defaults={"delivery": Delivery.NONE}
        )
        return render(request, "notifications/unsubscribed.html", {"project": project})
    return render(request, "notifications/unsubscribe.html", {"project": project})


def _unsubscribe_refused(request, *, expired):
    return render(
        request, "notifications/unsubscribe_invalid.html", {"expired": expired}, status=400
    )
