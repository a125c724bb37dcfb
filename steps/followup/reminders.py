"""The reminders of every active project, computed in one pass: `send_reminders`.

Run every hour (cron or a systemd timer: `manage.py send_reminders`; or the worker's
periodic job, steps/followup/tasks.py). Running it again changes nothing: each reminder
has a key, and a key reaches a person once (the Notification table is the sent-log), so
two runs, or two hosts running it at once, send each reminder once.

What is reminded, and to whom (the partners of an organisation: its members with the
partner role in that project):

- a questionnaire (impulsion, réflexion) not submitted whose target date is in two days
  or less: its organisation's partners, once per target date
  (`deadline-soon:<project>:<step>:<organisation>:<date>`); once the date has passed, once
  a week (`deadline-late:<project>:<step>:<organisation>:<date>:<weeks late>`: days 1–7
  late are week 0, days 8–14 week 1…). The organisation's own date, if set, wins over the
  step's. The share answered is the dashboard's (steps.questionnaire.selectors.Progress);
- an open consent round whose `closes_on` is in two days or less: the partners of the
  organisations that have not answered (`consent-closing:<round>`);
- an action not done nor abandoned, due in 7 days or less: its organisation's partners
  (`action-due:<action>:<date>`); past its date, them and the coordinators
  (`action-overdue:<action>:<date>`);
- an indicator with an organisation that measures it and a frequency: when the last
  measure (or, before any, the indicator's creation) is that many months old, the
  organisation's partners and the coordinators (`measurement-due:<indicator>:<date due>`).

The keys name the project where an organisation could make two reminders look alike:
one organisation may take part in several projects.

The query count does not depend on the number of projects, organisations or people: each
kind of fact is read for all the projects at once, then one `notify_many` records them
all; then the day's digests are queued and the mails due are queued again.
"""

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from notifications import delivery, digest
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import Event, notify_many
from projects.models import Membership, Project, Role
from steps.models import (
    Action,
    Answer,
    ConsentResponse,
    ConsentRound,
    ExtraPortraitItem,
    Indicator,
    ProjectDimension,
    StepDeadline,
    StepStatus,
)
from steps.questionnaire import fields
from steps.questionnaire.selectors import ProjectState, chosen_dimensions

QUESTIONNAIRE_STEPS = ("impulsion", "reflexion")
REMIND_DAYS_BEFORE = 2  # questionnaires and consent rounds
ACTION_DAYS_BEFORE = 7
Status = StepStatus.Status


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def measurement_due_on(*, last_measured: date | None, created_on: date, every_months: int) -> date:
    """When an indicator's next measure is expected: `every_months` after the last one
    (after the indicator's creation when it has none yet)."""
    return add_months(last_measured or created_on, every_months)


class People:
    """The members of the projects, read once: partners by organisation, coordinators."""

    def __init__(self, project_ids):
        self.partners = defaultdict(list)  # (project id, organisation id) -> [user]
        self.coordinators = defaultdict(list)  # project id -> [user]
        memberships = (
            Membership.objects.filter(
                project_id__in=project_ids, role__in=[Role.PARTNER, Role.COORDINATOR]
            )
            .select_related("user")
            .order_by("pk")
        )
        for membership in memberships:
            if membership.role == Role.PARTNER:
                self.partners[(membership.project_id, membership.organisation_id)].append(
                    membership.user
                )
            else:
                self.coordinators[membership.project_id].append(membership.user)

    def of(self, project_id, organisation_id) -> list:
        return self.partners.get((project_id, organisation_id), [])


def project_organisations(project_ids) -> dict:
    """project id -> its organisations by name, in one query."""
    links = (
        Project.organisations.through.objects.filter(project_id__in=project_ids)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    )
    result = defaultdict(list)
    for link in links:
        result[link.project_id].append(link.organisation)
    return result


@dataclass(frozen=True)
class Due:
    """A questionnaire an organisation has not submitted, and its target date."""

    project: Project
    organisation: object
    step: str
    deadline: date
    status: str

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


def questionnaire_dues(projects: dict, organisations: dict, today: date, *, within_days: int):
    """The questionnaires not submitted whose target date is at most `within_days` away
    (negative: passed by at least that many days), for all the projects in two queries."""
    step_dates, organisation_dates = {}, {}
    for project_id, step, organisation_id, due_date in StepDeadline.objects.filter(
        project_id__in=list(projects), step__in=QUESTIONNAIRE_STEPS
    ).values_list("project_id", "step", "organisation_id", "due_date"):
        if organisation_id is None:
            step_dates[(project_id, step)] = due_date
        else:
            organisation_dates[(project_id, step, organisation_id)] = due_date
    if not step_dates and not organisation_dates:
        return []
    statuses = {
        (project_id, organisation_id, step): status
        for project_id, organisation_id, step, status in StepStatus.objects.filter(
            project_id__in=list(projects), step__in=QUESTIONNAIRE_STEPS, organisation__isnull=False
        ).values_list("project_id", "organisation_id", "step", "status")
    }
    dues = []
    for project_id, project in projects.items():
        for step in QUESTIONNAIRE_STEPS:
            for organisation in organisations.get(project_id, ()):
                deadline = organisation_dates.get(
                    (project_id, step, organisation.pk), step_dates.get((project_id, step))
                )
                if deadline is None or (deadline - today).days > within_days:
                    continue
                status = statuses.get((project_id, organisation.pk, step), Status.NOT_STARTED)
                if status != Status.SUBMITTED:
                    dues.append(Due(project, organisation, step, deadline, status))
    return dues


def percents(dues, organisations: dict) -> dict:
    """(project id, organisation id, step) -> the share answered, as the dashboard counts
    it (ProjectState.progress), for all the dues in three queries."""
    if not dues:
        return {}
    project_ids = {due.project.pk for due in dues}
    organisation_ids = {due.organisation.pk for due in dues}
    prefixes = Q()
    for step in {due.step for due in dues}:
        prefixes |= Q(question_code__startswith=f"{step}.")
    answers = (
        Answer.objects.filter(
            prefixes, project_id__in=project_ids, organisation_id__in=organisation_ids
        )
        .annotate(text=Cast("value", TextField()))
        .values_list("project_id", "organisation_id", "question_code", "text")
    )
    answered = defaultdict(set)
    for project_id, organisation_id, code, text in answers:
        if fields.is_answered_json(text):
            answered[project_id].add((organisation_id, code))
    dimensions, extra_items = defaultdict(list), defaultdict(lambda: defaultdict(list))
    if any(due.step == "reflexion" for due in dues):
        for project_id, code in ProjectDimension.objects.filter(
            project_id__in=project_ids
        ).values_list("project_id", "code"):
            dimensions[project_id].append(code)
        for item in ExtraPortraitItem.objects.filter(
            project_id__in=project_ids, organisation_id__in=organisation_ids
        ).order_by("created_at", "pk"):
            extra_items[item.project_id][item.organisation_id].append(item)
    states = {}
    for due in dues:
        project_id = due.project.pk
        if project_id not in states:
            states[project_id] = ProjectState(
                project=due.project,
                organisations=organisations.get(project_id, []),
                answered=answered[project_id],
                dimensions=chosen_dimensions(dimensions[project_id]),
                extra_items=dict(extra_items[project_id]),
            )
        states[project_id].statuses[(due.organisation.pk, due.step)] = due.status
    return {
        (due.project.pk, due.organisation.pk, due.step): states[due.project.pk]
        .progress(due.step, due.organisation.pk)
        .percent
        for due in dues
    }


def answers_url(project, step: str, organisation) -> str:
    return reverse("steps:org_answers", args=[project.slug, step, organisation.pk])


def _questionnaire_events(projects, organisations, people, today):
    dues = questionnaire_dues(projects, organisations, today, within_days=REMIND_DAYS_BEFORE)
    shares = percents(
        [due for due in dues if people.of(due.project.pk, due.organisation.pk)], organisations
    )
    for due in dues:
        project, organisation = due.project, due.organisation
        recipients = people.of(project.pk, organisation.pk)
        if not recipients:
            continue
        deadline = due.deadline.isoformat()
        scope = f"{project.pk}:{due.step}:{organisation.pk}:{deadline}"
        if due.days_left(today) >= 0:
            kind, key = Kind.DEADLINE_SOON, f"deadline-soon:{scope}"
        else:
            weeks_late = (-due.days_left(today) - 1) // 7
            kind, key = Kind.DEADLINE_PASSED, f"deadline-late:{scope}:{weeks_late}"
        params = {
            "step": due.step,
            "organisation": organisation.name,
            "deadline": deadline,
            "percent": shares[(project.pk, organisation.pk, due.step)],
        }
        url = answers_url(project, due.step, organisation)
        for user in recipients:
            yield Event(user, project, kind, key, url, params)


def _consent_events(projects, organisations, people, today):
    rounds = list(
        ConsentRound.objects.filter(
            project_id__in=list(projects),
            closed_at__isnull=True,
            closes_on__gte=today,
            closes_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        )
    )
    if not rounds:
        return
    answered = set(
        ConsentResponse.objects.filter(consent_round__in=rounds).values_list(
            "consent_round_id", "organisation_id"
        )
    )
    for consent_round in rounds:
        project = projects[consent_round.project_id]
        url = reverse("steps:consent_round", args=[project.slug, consent_round.pk])
        params = {"closes_on": consent_round.closes_on.isoformat()}
        for organisation in organisations.get(project.pk, ()):
            if (consent_round.pk, organisation.pk) in answered:
                continue
            for user in people.of(project.pk, organisation.pk):
                yield Event(
                    user,
                    project,
                    Kind.CONSENT_CLOSING,
                    f"consent-closing:{consent_round.pk}",
                    url,
                    {**params, "organisation": organisation.name},
                )


def _action_events(projects, people, today):
    actions = (
        Action.objects.filter(
            project_id__in=list(projects),
            due_date__isnull=False,
            due_date__lte=today + timedelta(days=ACTION_DAYS_BEFORE),
        )
        .exclude(status__in=Action.CLOSED_STATUSES)
        .select_related("organisation")
        .order_by("due_date", "pk")
    )
    for action in actions:
        project = projects[action.project_id]
        url = reverse("steps:actions", args=[project.slug]) + f"#action-{action.pk}"
        params = {"action": action.title, "due_date": action.due_date.isoformat()}
        partners = []
        if action.organisation is not None:
            params["organisation"] = action.organisation.name
            partners = people.of(project.pk, action.organisation_id)
        if action.due_date >= today:
            kind, key, recipients = Kind.ACTION_DUE_SOON, "action-due", partners
        else:
            kind, key = Kind.ACTION_OVERDUE, "action-overdue"
            recipients = [*partners, *people.coordinators.get(project.pk, [])]
        key = f"{key}:{action.pk}:{action.due_date.isoformat()}"
        for user in recipients:
            yield Event(user, project, kind, key, url, params)


def _measurement_events(projects, people, today):
    indicators = (
        Indicator.objects.filter(
            project_id__in=list(projects),
            owner_organisation__isnull=False,
            measure_every_months__isnull=False,
        )
        .annotate(last_measured=Max("measurements__date"))
        .select_related("owner_organisation")
        .order_by("pk")
    )
    for indicator in indicators:
        due_on = measurement_due_on(
            last_measured=indicator.last_measured,
            created_on=timezone.localdate(indicator.created_at),
            every_months=indicator.measure_every_months,
        )
        if due_on > today:
            continue
        project = projects[indicator.project_id]
        url = reverse("steps:indicators", args=[project.slug]) + f"#indicateur-{indicator.pk}"
        params = {
            "indicator": indicator.name,
            "organisation": indicator.owner_organisation.name,
            "due_date": due_on.isoformat(),
        }
        recipients = [
            *people.of(project.pk, indicator.owner_organisation_id),
            *people.coordinators.get(project.pk, []),
        ]
        key = f"measurement-due:{indicator.pk}:{due_on.isoformat()}"
        for user in recipients:
            yield Event(user, project, Kind.MEASUREMENT_DUE, key, url, params)


REMINDER_KINDS = (
    Kind.DEADLINE_SOON,
    Kind.DEADLINE_PASSED,
    Kind.CONSENT_CLOSING,
    Kind.ACTION_DUE_SOON,
    Kind.ACTION_OVERDUE,
    Kind.MEASUREMENT_DUE,
)


def active_projects(projects=None) -> dict:
    """project id -> Project, the active ones (among `projects`, Projects or ids, if given);
    an archived project is never reminded of anything."""
    chosen = Project.objects.filter(status=Project.Status.ACTIVE, archived_at__isnull=True)
    if projects is not None:
        chosen = chosen.filter(pk__in=[getattr(p, "pk", p) for p in projects])
    return {project.pk: project for project in chosen.order_by("pk")}


def send_reminders(now=None, projects=None) -> dict:
    """Compute and send every reminder due at `now` for the active projects (all, or those
    of `projects`), then queue the day's digests and the mails due again.

    Return the counts: per reminder kind, the notifications new in this run (a second run
    at the same time finds 0); `digests`, the digests queued; `requeued`, the mails due
    queued again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    started = timezone.now()
    chosen = active_projects(projects)
    counts = dict.fromkeys([str(kind) for kind in REMINDER_KINDS], 0)
    if chosen:
        organisations = project_organisations(list(chosen))
        people = People(list(chosen))
        events = [
            *_questionnaire_events(chosen, organisations, people, today),
            *_consent_events(chosen, organisations, people, today),
            *_action_events(chosen, people, today),
            *_measurement_events(chosen, people, today),
        ]
        if notify_many(events):
            counts.update(
                Counter(
                    Notification.objects.filter(
                        key__in={event.key for event in events}, created_at__gte=started
                    ).values_list("kind", flat=True)
                )
            )
    counts["projects"] = len(chosen)
    counts["digests"] = digest.send_digests(now)
    counts["requeued"] = delivery.requeue_due(now)
    return counts
