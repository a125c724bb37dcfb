"""The events of the steps that tell people something happened, one function each.

Each is called by the service that makes the change, inside its transaction: the
notification exists if and only if the change does. Each names its recipients by their
role in the project (and their organisation), never tells the person who acted
(`actor`), and gives the event a stable key: a key reaches a person once
(notifications.models.Notification is the sent-log), so the key says what makes a second
event worth telling (a second submission of a portrait has its own timestamp).

The invitation accepted is told by projects.services itself (projects never imports
steps); the reminders (deadlines, rounds closing, actions due…) are computed in bulk by
steps/followup/reminders.py.
"""

import hashlib

from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.services import notify
from projects.models import Membership, Role
from steps.diagnostic import grid
from steps.diagnostic import selectors as diagnostic_selectors
from steps.models import DiagnosticVerdict

REFLEXION = "reflexion"


def members(project, *roles, organisation=None) -> list:
    """The users of the project with one of `roles` (all roles if none), in one query;
    only the partners of `organisation` when it is given."""
    memberships = Membership.objects.filter(project=project).select_related("user")
    if roles:
        memberships = memberships.filter(role__in=roles)
    if organisation is not None:
        memberships = memberships.filter(role=Role.PARTNER, organisation=organisation)
    return [membership.user for membership in memberships.order_by("pk")]


def _stamp(moment) -> str:
    """A moment as a key's part: the same submission always gives the same key."""
    return f"{moment.timestamp():.6f}"


def _answers_url(project, step: str, organisation) -> str:
    return reverse("steps:org_answers", args=[project.slug, step, organisation.pk])


def portrait_submitted(*, project, organisation, status, actor) -> int:
    """An organisation submitted its answers to a step: the coordinators are told; for
    the réflexion portrait, also the confirmed verdicts it put « à revoir »."""
    step = status.step
    told = notify(
        project=project,
        users=members(project, Role.COORDINATOR),
        kind=Kind.PORTRAIT_SUBMITTED,
        key=(
            f"portrait-submitted:{project.pk}:{step}:{organisation.pk}:"
            f"{_stamp(status.submitted_at)}"
        ),
        url=_answers_url(project, step, organisation),
        params={"organisation": organisation.name, "step": step},
        actor=actor,
    )
    if step == REFLEXION:
        told += verdicts_to_review(project=project, actor=actor)
    return told


def portrait_reopened(*, project, organisation, status, actor) -> int:
    """The coordination reopened an organisation's answers: its partners are told."""
    step = status.step
    return notify(
        project=project,
        users=members(project, organisation=organisation),
        kind=Kind.PORTRAIT_REOPENED,
        key=(
            f"portrait-reopened:{project.pk}:{step}:{organisation.pk}:{_stamp(status.reopened_at)}"
        ),
        url=_answers_url(project, step, organisation),
        params={"organisation": organisation.name, "step": step},
        actor=actor,
    )


def verdicts_to_review(*, project, actor=None) -> int:
    """Confirmed verdicts whose portraits changed since (« à revoir », as the grid reads
    them): the coordinators are told how many. The key holds the codes of those items,
    so the same set is told once and a new one again."""
    if not DiagnosticVerdict.objects.filter(
        project=project, status=DiagnosticVerdict.Status.CONFIRMED
    ).exists():
        return 0
    codes = sorted(
        line.code
        for line in diagnostic_selectors.build_grid(project).lines
        if line.verdict.state == grid.State.TO_REVIEW
    )
    if not codes:
        return 0
    digest = hashlib.sha256("\n".join(codes).encode()).hexdigest()[:16]
    url = reverse("steps:grid", args=[project.slug])
    return notify(
        project=project,
        users=members(project, Role.COORDINATOR),
        kind=Kind.VERDICTS_TO_REVIEW,
        key=f"verdicts:{project.pk}:{digest}",
        url=f"{url}?dimension=toutes&verdict={diagnostic_selectors.TO_REVIEW_FILTER}",
        params={"count": len(codes)},
        actor=actor,
    )


def _round_url(consent_round) -> str:
    return reverse("steps:consent_round", args=[consent_round.project.slug, consent_round.pk])


def consent_opened(*, consent_round, actor) -> int:
    """A consent round is open: the partners of every organisation are asked to answer."""
    params = {}
    if consent_round.closes_on:
        params["closes_on"] = consent_round.closes_on.isoformat()
    return notify(
        project=consent_round.project,
        users=members(consent_round.project, Role.PARTNER),
        kind=Kind.CONSENT_OPENED,
        key=f"consent-opened:{consent_round.pk}",
        url=_round_url(consent_round),
        params=params,
        actor=actor,
    )


def consent_closed(*, consent_round, actor) -> int:
    """A consent round is closed: every member learns its outcome."""
    return notify(
        project=consent_round.project,
        users=members(consent_round.project),
        kind=Kind.CONSENT_CLOSED,
        key=f"consent-closed:{consent_round.pk}",
        url=_round_url(consent_round),
        params={"outcome": consent_round.outcome},
        actor=actor,
    )


def action_url(action) -> str:
    return reverse("steps:actions", args=[action.project.slug]) + f"#action-{action.pk}"


def action_assigned(*, action, actor) -> int:
    """An action was given to an organisation (created so, or changed to it): its partners
    are told. Given back to an organisation told before, it is not told again."""
    organisation = action.organisation
    if organisation is None:
        return 0
    params = {"organisation": organisation.name, "action": action.title}
    if action.due_date:
        params["due_date"] = action.due_date.isoformat()
    return notify(
        project=action.project,
        users=members(action.project, organisation=organisation),
        kind=Kind.ACTION_ASSIGNED,
        key=f"action-assigned:{action.pk}:{organisation.pk}",
        url=action_url(action),
        params=params,
        actor=actor,
    )


def evaluation_scheduled(*, evaluation_round, actor, today=None) -> int:
    """A new evaluation round with a date to come: every member is told when it is."""
    today = today or timezone.localdate()
    if evaluation_round.date <= today:
        return 0
    project = evaluation_round.project
    return notify(
        project=project,
        users=members(project),
        kind=Kind.EVALUATION_SCHEDULED,
        key=f"evaluation:{evaluation_round.pk}",
        url=reverse("steps:evaluation_rounds", args=[project.slug])
        + f"#bilan-{evaluation_round.pk}",
        params={"date": evaluation_round.date.isoformat(), "title": evaluation_round.title},
        actor=actor,
    )
