"""Target dates of a project's steps, and how a page says them.

``project_deadlines(project)`` reads every StepDeadline of a project in one query;
``Deadlines.for_step`` then gives the date that applies to a step, or to one
organisation's questionnaire (impulsion, réflexion) when it has a date of its own.
``describe(due_date, today)`` says how far the date is: « dans 5 jours », « demain »,
« aujourd'hui », « en retard de 3 jours », with a level for the badge.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, ngettext

from mutualisation.formats import format_date, plural_count
from steps.models import StepDeadline, StepStatus

# The steps whose questionnaire each organisation answers: they may have a date per
# organisation (the step's date otherwise).
ORGANISATION_STEPS = ("impulsion", "reflexion")
# Within this many days, a date is « bientôt » (a yellow badge, an item of the to-do).
SOON_DAYS = 7
# Past this many days, the distance reads in months (« dans 4 mois »).
MONTHS_FROM_DAYS = 60


class Level:
    OK = "ok"  # far enough, or done
    SOON = "soon"  # within SOON_DAYS
    LATE = "late"  # past and not done


@dataclass(frozen=True)
class Due:
    """A target date as a page shows it."""

    date: date
    text: str  # « dans 5 jours », « en retard de 3 jours »; empty once done
    level: str
    done: bool = False

    @property
    def date_display(self) -> str:
        return format_date(self.date)

    @property
    def is_late(self) -> bool:
        return self.level == Level.LATE

    @property
    def is_soon(self) -> bool:
        return self.level == Level.SOON


def _months(days: int) -> int:
    return max(round(days / 30.44), 1)


def distance(due_date: date, today: date) -> str:
    """« dans 5 jours », « demain », « aujourd'hui », « hier »… from today to due_date."""
    days = (due_date - today).days
    if days == 0:
        return gettext("aujourd'hui")
    if days == 1:
        return gettext("demain")
    if days > MONTHS_FROM_DAYS:
        months = _months(days)
        return ngettext("dans %(count)s mois", "dans %(count)s mois", plural_count(months)) % {
            "count": months
        }
    if days > 0:
        return ngettext("dans %(count)s jour", "dans %(count)s jours", plural_count(days)) % {
            "count": days
        }
    late = -days
    if late > MONTHS_FROM_DAYS:
        months = _months(late)
        return ngettext(
            "en retard de %(count)s mois", "en retard de %(count)s mois", plural_count(months)
        ) % {"count": months}
    return ngettext(
        "en retard de %(count)s jour", "en retard de %(count)s jours", plural_count(late)
    ) % {"count": late}


def level_of(due_date: date, today: date, done: bool = False) -> str:
    if done:
        return Level.OK
    days = (due_date - today).days
    if days < 0:
        return Level.LATE
    if days <= SOON_DAYS:
        return Level.SOON
    return Level.OK


def describe(due_date: date | None, today: date, done: bool = False) -> Due | None:
    """How a target date reads today: None without a date; no distance once done."""
    if due_date is None:
        return None
    text = "" if done else distance(due_date, today)
    return Due(due_date, text, level_of(due_date, today, done), done)


class Deadlines:
    """A project's target dates: one per step, and per organisation for the questionnaires."""

    def __init__(self, rows: Iterable[tuple[str, int | None, date]] = ()):
        self.steps: dict[str, date] = {}
        self.organisations: dict[tuple[str, int], date] = {}
        for step, organisation_id, due_date in rows:
            if organisation_id is None:
                self.steps[step] = due_date
            else:
                self.organisations[(step, organisation_id)] = due_date

    def __bool__(self) -> bool:
        return bool(self.steps or self.organisations)

    def step_date(self, step_code: str) -> date | None:
        return self.steps.get(step_code)

    def own_date(self, step_code: str, organisation) -> date | None:
        """The organisation's own date for a step, None when it follows the step's."""
        if organisation is None:
            return None
        organisation_id = getattr(organisation, "pk", organisation)
        return self.organisations.get((step_code, organisation_id))

    def for_step(self, step_code: str, organisation=None) -> date | None:
        """The date that applies: the organisation's own (impulsion, réflexion), else the
        step's. `organisation` is an Organisation, an id or None."""
        if step_code in ORGANISATION_STEPS:
            own = self.own_date(step_code, organisation)
            if own is not None:
                return own
        return self.steps.get(step_code)


def project_deadlines(project) -> Deadlines:
    """Every target date of a project, in one query."""
    return Deadlines(
        StepDeadline.objects.filter(project=project)
        .order_by()
        .values_list("step", "organisation_id", "due_date")
    )


def step_is_done(step_code: str, status_of, organisation_ids, *, organisation_scope: bool):
    """Whether every scope answering a step has submitted: the project's questions and,
    for the questionnaires of the organisations, each of them. `status_of(step,
    organisation id or None)` gives a status."""
    submitted = StepStatus.Status.SUBMITTED
    if status_of(step_code, None) != submitted:
        return False
    if organisation_scope:
        return all(status_of(step_code, org_id) == submitted for org_id in organisation_ids)
    return True
