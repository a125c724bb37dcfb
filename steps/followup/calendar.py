"""A project's dates as an iCalendar file, and the private addresses that serve it.

``project_calendar(project, membership)`` gives one member's calendar of a project in a
fixed number of queries (four, whatever the number of organisations, actions or rounds):
the target dates of the steps (a partner sees its organisation's own date for the
impulsion and réflexion questionnaires where it has one; coordinators and advisors see
every organisation's own date besides the step's), the closing of the open consent
round, the due dates of the actions not done nor abandoned (the action plan is shared:
every member sees all of it) and the evaluation rounds.

Every event lasts one whole day (DTSTART;VALUE=DATE), has a UID that stays the same from
one reading to the next (a calendar program updates the event instead of adding a copy),
a title in the active language starting with the project's name, a short sentence and
the address of the page it is about. The calendar says it lives in America/Montreal and
carries that zone (VTIMEZONE).

A person's private address (CalendarFeed) is created on request, revoked on request, and
stops working as soon as the person leaves the project.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from notifications.services import site_url
from projects.method import STEPS, STEPS_BY_CODE
from projects.models import Membership, Organisation
from steps.models import Action, CalendarFeed, ConsentRound, EvaluationRound, StepDeadline

from .deadlines import ORGANISATION_STEPS, Deadlines

PRODID = "-//Mutualisation//Agenda des projets//FR"
TIME_ZONE = "America/Montreal"
UID_DOMAIN = "mutualisation"
# How often a calendar program should read the address again.
REFRESH = timedelta(hours=6)
# The VTIMEZONE covers the events' years, and a year around them.
ZONE_MARGIN = timedelta(days=366)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    title: str  # the event's own words; the calendar's SUMMARY adds the project's name
    description: str
    path: str  # the page's path on the site, made absolute when written


def _uid(kind: str, *parts) -> str:
    return "-".join([kind, *(str(part) for part in parts)]) + f"@{UID_DOMAIN}"


# --- Reading --------------------------------------------------------------------------


def _deadline_events(project, membership) -> list[CalendarEvent]:
    """The steps' target dates as this member sees them (one query)."""
    rows = StepDeadline.objects.filter(project=project).filter(
        Q(organisation__isnull=True)
        | Q(organisation_id__in=Organisation.objects.filter(projects=project).values("pk"))
    )
    if membership.is_partner:
        rows = rows.filter(
            Q(organisation__isnull=True) | Q(organisation_id=membership.organisation_id)
        )
    rows = list(
        rows.order_by().values_list("step", "organisation_id", "organisation__name", "due_date")
    )
    events = []
    if membership.is_partner:
        deadlines = Deadlines((step, org_id, day) for step, org_id, _name, day in rows)
        organisation = membership.organisation
        for step in STEPS:
            day = deadlines.for_step(step.code, organisation.pk)
            if day is None:
                continue
            if deadlines.own_date(step.code, organisation.pk) is not None:
                events.append(_organisation_deadline(project, step, organisation.pk, day))
            else:
                events.append(_step_deadline(project, step, day))
        return events
    names = {org_id: name for _step, org_id, name, _day in rows if org_id is not None}
    for step_code, org_id, _name, day in rows:
        step = STEPS_BY_CODE.get(step_code)
        if step is None:
            continue
        if org_id is None:
            events.append(_step_deadline(project, step, day))
        elif step_code in ORGANISATION_STEPS:
            events.append(_organisation_deadline(project, step, org_id, day, name=names[org_id]))
    return events


def _step_deadline(project, step, day) -> CalendarEvent:
    return CalendarEvent(
        uid=_uid("deadline", project.pk, step.code),
        day=day,
        title=_("Étape %(number)s, %(step)s : date cible")
        % {"number": step.number, "step": step.title},
        description=_("Date cible de l'étape %(number)s (%(step)s). %(purpose)s")
        % {"number": step.number, "step": step.title, "purpose": step.purpose},
        path=reverse("steps:step", args=[project.slug, step.code]),
    )


def _organisation_deadline(project, step, org_id, day, *, name=None) -> CalendarEvent:
    """An organisation's own date for its questionnaire; `name` None: the member's own."""
    if name is None:
        title = _("Étape %(number)s, %(step)s : date cible de votre organisation")
        description = _(
            "Date cible propre à votre organisation pour son questionnaire %(step)s, "
            "à la place de celle de l'étape."
        )
    else:
        title = _("Étape %(number)s, %(step)s : date cible de %(organisation)s")
        description = _(
            "Date cible propre à %(organisation)s pour son questionnaire %(step)s, "
            "à la place de celle de l'étape."
        )
    values = {
        "number": step.number,
        "step": step.title,
        "organisation": name,
    }
    return CalendarEvent(
        uid=_uid("deadline", project.pk, step.code, org_id),
        day=day,
        title=title % values,
        description=description % values,
        path=reverse("steps:org_answers", args=[project.slug, step.code, org_id]),
    )


def _consent_events(project) -> list[CalendarEvent]:
    """The closing day of the open consent round (one query)."""
    rounds = (
        ConsentRound.objects.filter(
            project=project, closed_at__isnull=True, closes_on__isnull=False
        )
        .order_by()
        .values_list("pk", "closes_on")
    )
    return [
        CalendarEvent(
            uid=_uid("consent", project.pk, round_id),
            day=closes_on,
            title=_("Ronde de consentement : dernier jour pour répondre"),
            description=_(
                "La ronde de consentement sur le modèle de fonctionnement attend les "
                "réponses des organisations au plus tard ce jour-là : chacune donne son "
                "accord ou fait part d'une objection."
            ),
            path=reverse("steps:consent_round", args=[project.slug, round_id]),
        )
        for round_id, closes_on in rounds
    ]


def _action_events(project) -> list[CalendarEvent]:
    """The due dates of the actions still to finish (one query)."""
    actions = (
        Action.objects.filter(project=project, due_date__isnull=False)
        .exclude(status__in=Action.CLOSED_STATUSES)
        .order_by()
        .values_list("pk", "title", "due_date", "organisation__name")
    )
    actions_url = reverse("steps:actions", args=[project.slug])
    events = []
    for action_id, title, due_date, organisation in actions:
        if organisation:
            description = _(
                "Échéance de l'action « %(title)s » du plan d'action, confiée à %(organisation)s."
            ) % {"title": title, "organisation": organisation}
        else:
            description = _("Échéance de l'action « %(title)s » du plan d'action.") % {
                "title": title
            }
        events.append(
            CalendarEvent(
                uid=_uid("action", project.pk, action_id),
                day=due_date,
                title=_("Échéance de l'action : %(title)s") % {"title": title},
                description=description,
                path=f"{actions_url}?action={action_id}#action-{action_id}",
            )
        )
    return events


def _evaluation_events(project) -> list[CalendarEvent]:
    """The evaluation rounds (one query)."""
    rounds = (
        EvaluationRound.objects.filter(project=project)
        .order_by()
        .values_list("pk", "title", "date")
    )
    rounds_url = reverse("steps:evaluation_rounds", args=[project.slug])
    return [
        CalendarEvent(
            uid=_uid("evaluation", project.pk, round_id),
            day=day,
            title=_("Bilan d'évaluation : %(title)s") % {"title": title},
            description=_(
                "Bilan d'évaluation : les partenaires font le point sur les cibles, les "
                "effets observés et ce qu'il faut améliorer."
            ),
            path=f"{rounds_url}#bilan-{round_id}",
        )
        for round_id, title, day in rounds
    ]


def calendar_events(project, membership) -> list[CalendarEvent]:
    """Every dated event of the project for this member, by day (four queries)."""
    events = (
        _deadline_events(project, membership)
        + _consent_events(project)
        + _action_events(project)
        + _evaluation_events(project)
    )
    return sorted(events, key=lambda event: (event.day, event.uid))


# --- Writing --------------------------------------------------------------------------


def _zone(days: list[date], today: date) -> Timezone:
    """America/Montreal's VTIMEZONE over the years of the events (and today's)."""
    first, last = min([*days, today]), max([*days, today])
    return Timezone.from_tzid(
        TIME_ZONE, first_date=first - ZONE_MARGIN, last_date=last + ZONE_MARGIN
    )


def project_calendar(
    project,
    membership,
    *,
    absolute: Callable[[str], str] = site_url,
    now: datetime | None = None,
) -> Calendar:
    """One member's calendar of a project. `absolute` turns a path into a full address
    (the site's for a feed read by a calendar program, the request's for a download)."""
    now = now or timezone.now()
    stamp = now.astimezone(UTC).replace(microsecond=0)
    events = calendar_events(project, membership)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", project.name)
    calendar.add(
        "x-wr-caldesc",
        _("Les dates du projet %(project)s : étapes, consentement, actions et bilans.")
        % {"project": project.name},
    )
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # The older name of the same hint (Outlook); an X- property is written as given.
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())
    calendar.add_component(_zone([event.day for event in events], timezone.localdate(now)))
    for item in events:
        url = absolute(item.path)
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", f"{project.name} — {item.title}")
        event.add("description", f"{item.description}\n\n{url}")
        event.add("url", url)
        # A date to keep in mind, not a meeting: the day stays free.
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar


def file_name(project) -> str:
    """« agenda-camion-partage.ics »."""
    return f"agenda-{slugify(project.name)[:60] or 'projet'}.ics"


# --- Private addresses ----------------------------------------------------------------


def live_feed(user, project) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, project=project, revoked_at__isnull=True).first()


def create_feed(user, project) -> CalendarFeed:
    """The person's live address for the project, created if there is none (a double
    click creates only one)."""
    feed = live_feed(user, project)
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, project=project)
    except IntegrityError:
        return CalendarFeed.objects.get(user=user, project=project, revoked_at__isnull=True)


def revoke_feed(user, project) -> int:
    """Revoke the person's live address for the project; the number revoked (0 or 1)."""
    return CalendarFeed.objects.filter(user=user, project=project, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def feed_membership(token: str) -> Membership | None:
    """The membership a live address serves, None when the address is unknown, revoked,
    or its person has left the project (one query)."""
    if not token:
        return None
    feed = CalendarFeed.objects.filter(
        token=token,
        revoked_at__isnull=True,
        user_id=OuterRef("user_id"),
        project_id=OuterRef("project_id"),
    )
    return (
        Membership.objects.select_related("project", "organisation", "user")
        .filter(Exists(feed), user__is_active=True)
        .first()
    )
