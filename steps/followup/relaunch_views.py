"""« Relancer »: the coordination reminds late organisations by e-mail, now; and
« Réessayer » for the mails that kept failing.

The page is for one organisation (``?organisation=<id>``) or, without it, for every
organisation late on its questionnaire (impulsion or réflexion not submitted past its
target date). It lists who will receive the mail (the partners of those organisations),
shows the mail as one of them will read it (« Prévisualiser »), then sends it
(« Envoyer »): each partner gets it at once by e-mail, even one who chose the daily
digest (but not one who chose no e-mail). An organisation is relaunched at most once a
day: its key, ``relaunch:<project>:<organisation>:<day>``, is in the sent-log.
The page reads a fixed number of queries whatever the number of organisations.
"""

import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mutualisation.formats import plural_count
from notifications import delivery
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import (
    Event,
    notify_many,
    render_mail,
    site_url,
)
from projects.access import Access, project_view
from projects.method import STEPS
from projects.submissions import already_sent, claim_once

from . import deadlines, reminders
from .relaunch_forms import RelaunchForm


@dataclass
class Late:
    """A questionnaire an organisation has not submitted, as the page says it."""

    step: str
    title: str
    deadline: object  # deadlines.Due: the date and « en retard de 3 jours »
    percent: int


@dataclass
class Target:
    """An organisation to relaunch: its late questionnaires and its partners."""

    organisation: object
    key: str
    url: str  # where the mail leads: its first late questionnaire, else the project
    recipients: list = field(default_factory=list)
    late: list = field(default_factory=list)
    already: bool = False  # relaunched today: nothing leaves again


def relaunch_key(project, organisation, day) -> str:
    return f"relaunch:{project.pk}:{organisation.pk}:{day.isoformat()}"


def _targets(project, organisation_id: str, today) -> list[Target]:
    """The organisations the page is about, with what the page and the mail need."""
    projects = {project.pk: project}
    organisations = reminders.project_organisations([project.pk])
    own = organisations.get(project.pk, [])
    dues = reminders.questionnaire_dues(projects, organisations, today, within_days=-1)
    if organisation_id:
        chosen = [o for o in own if str(o.pk) == organisation_id]
        if not chosen:
            raise Http404
    else:
        late_ids = {due.organisation.pk for due in dues}
        chosen = [o for o in own if o.pk in late_ids]
    chosen_ids = {o.pk for o in chosen}
    dues = [due for due in dues if due.organisation.pk in chosen_ids]
    shares = reminders.percents(dues, organisations)
    people = reminders.People([project.pk])
    home = reverse("projects:home", args=[project.slug])
    targets = {
        o.pk: Target(
            o, relaunch_key(project, o, today), home, recipients=people.of(project.pk, o.pk)
        )
        for o in chosen
    }
    titles = {step.code: str(step.title) for step in STEPS}
    for due in dues:
        target = targets[due.organisation.pk]
        if not target.late:
            target.url = reminders.answers_url(project, due.step, due.organisation)
        target.late.append(
            Late(
                due.step,
                titles.get(due.step, due.step),
                deadlines.describe(due.deadline, today),
                shares[(project.pk, due.organisation.pk, due.step)],
            )
        )
    sent = set(
        Notification.objects.filter(
            project=project, key__in=[t.key for t in targets.values()]
        ).values_list("key", flat=True)
    )
    for target in targets.values():
        target.already = target.key in sent
    return list(targets.values())


def _params(target: Target, form: RelaunchForm) -> dict:
    params = {
        "subject": form.cleaned_data["subject"],
        "message": form.cleaned_data["message"],
        "organisation": target.organisation.name,
    }
    if target.late:
        params["step"] = target.late[0].step
    return params


def _unsubscribe_links():
    """The unsubscribe links of the mails (a signed token ends each; it is not shown)."""
    marker = "MARKER"
    prefix = site_url(reverse("notifications:unsubscribe", args=[marker])).split(marker)[0]
    return re.compile(re.escape(prefix) + r"\S+")


def _preview(project, targets, form):
    """The mail as the first partner to relaunch will read it: (recipient, subject, text)."""
    for target in targets:
        if target.recipients and not target.already:
            recipient = target.recipients[0]
            subject, text, _html, _headers = render_mail(
                user=recipient,
                project=project,
                items=[(Kind.RELAUNCH, _params(target, form), target.url)],
            )
            # The recipient's own unsubscribe link is theirs only: not shown to the coordination.
            text = _unsubscribe_links().sub(_("(son lien personnel de désabonnement)"), text)
            return {"recipient": recipient, "target": target, "subject": subject, "text": text}
    return None


def _default_subject(targets) -> str:
    if any(target.late for target in targets):
        return _("Votre questionnaire est attendu")
    return _("Votre participation au projet est attendue")


def _names(targets) -> str:
    return ", ".join(target.organisation.name for target in targets)


def _send(request, project, targets, form):
    """Relaunch every target not relaunched today and with partners; say what was done."""
    to_send = [t for t in targets if t.recipients and not t.already]
    events = [
        Event(user, project, Kind.RELAUNCH, target.key, target.url, _params(target, form))
        for target in to_send
        for user in target.recipients
        if user.pk != request.user.pk
    ]
    sent = notify_many(events, urgent=True)
    if sent:
        messages.success(
            request,
            ngettext(
                "Relance envoyée à %(count)s personne : %(organisations)s.",
                "Relance envoyée à %(count)s personnes : %(organisations)s.",
                plural_count(sent),
            )
            % {"count": sent, "organisations": _names(to_send)},
        )
    skipped = [t for t in targets if t.already]
    if skipped:
        messages.info(
            request,
            ngettext(
                "Déjà relancée aujourd'hui, donc pas de nouveau courriel : %(organisations)s.",
                "Déjà relancées aujourd'hui, donc pas de nouveau courriel : %(organisations)s.",
                plural_count(len(skipped)),
            )
            % {"organisations": _names(skipped)},
        )
    nobody = [t for t in targets if not t.recipients]
    if nobody:
        messages.warning(
            request,
            _("Aucun·e partenaire inscrit·e, personne à relancer : %(organisations)s.")
            % {"organisations": _names(nobody)},
        )
    if not sent and not skipped and not nobody:
        messages.info(request, _("Personne à relancer : aucun courriel n'est parti."))


@project_view(Access.COORDINATE)
def relaunch(request, membership):
    project = membership.project
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    organisation_id = source.get("organisation", "").strip()
    targets = _targets(project, organisation_id, today)
    dashboard = reverse("steps:dashboard", args=[project.slug])
    form = RelaunchForm(
        request.POST if request.method == "POST" else None,
        initial={"subject": _default_subject(targets)},
    )
    preview = None
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif "preview" in request.POST:
            preview = _preview(project, targets, form)
        else:
            with transaction.atomic():
                if not claim_once(request):
                    return already_sent(request, dashboard)
                _send(request, project, targets, form)
            return redirect(dashboard)
    context = {
        "project": project,
        "membership": membership,
        "organisation_id": organisation_id,
        "targets": targets,
        "sendable": [t for t in targets if t.recipients and not t.already],
        "form": form,
        "preview": preview,
        "failed_mails": delivery.failed_count(project),
    }
    return render(request, "steps/followup/relaunch.html", context, status=status)


@project_view(Access.COORDINATE)
@require_POST
def retry_failed_mails(request, membership):
    """« Réessayer »: the project's mails that kept failing go back in the queue."""
    project = membership.project
    count = delivery.retry_failed(project=project)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s courriel en échec est remis en file : il repart dans un instant.",
                "%(count)s courriels en échec sont remis en file : ils repartent dans un instant.",
                plural_count(count),
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Aucun courriel en échec : rien à renvoyer."))
    return redirect("steps:dashboard", project_slug=project.slug)
