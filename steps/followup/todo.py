"""« À faire pour vous »: the open items of a member, computed here and only here.

``todo_for(membership)`` gives one member's items (the top of the project home);
``todo_for_user(user)`` those of all the person's projects (« Mes projets »). Both read
the database in a fixed number of queries, whatever the number of organisations, items
or projects: one query gathers every small fact (target dates, statuses, organisations,
open consent rounds and their answers, actions, indicators, counts, confirmed verdicts)
as one UNION of same-shaped rows, and a second one reads the answers that the
percentages and the verdicts « à revoir » need (skipped when none is needed).

What each role sees:

- a partner: its organisation's impulsion and réflexion questionnaires still to fill or
  submit (% and target date; « Commencez par… » for a newcomer), an open consent round
  its organisation has not answered, its organisation's actions due within 7 days or
  overdue, the measures due of the indicators it owns;
- a coordinator: the project's questions of a step whose target date is near or past,
  the organisations late on their questionnaire, pending invitations, portraits
  submitted since the last visit, verdicts « à revoir », a consent round every
  organisation answered (ready to close), overdue actions, e-mails that failed;
- an advisor: what is late or near, read only, and the first step for a newcomer.

The percentages come from the questionnaire's own ``ProjectState.progress`` and the
verdicts « à revoir » from the diagnostic's own ``grid.fingerprint``: only the reading
of the database is done here.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import plural_count
from notifications.models import OutgoingMail
from projects.method import STEPS, STEPS_BY_CODE
from projects.models import Invitation, Membership, Project, Role
from steps.catalogue.base import PORTRAIT_PARTS
from steps.diagnostic import grid
from steps.diagnostic import selectors as diagnostic
from steps.models import (
    Action,
    Answer,
    ConsentResponse,
    ConsentRound,
    DiagnosticVerdict,
    ExtraPortraitItem,
    Indicator,
    Measurement,
    ProjectDimension,
    StepDeadline,
    StepStatus,
)
from steps.questionnaire import fields as answer_fields
from steps.questionnaire import selectors as questionnaire

from .deadlines import ORGANISATION_STEPS, Deadlines, Due, Level, describe, step_is_done

Status = StepStatus.Status

LATE, SOON, INFO = "late", "soon", "info"
LEVEL_ORDER = {LATE: 0, SOON: 1, INFO: 2}
# Actions listed one by one before the rest are summed up in one item.
ACTIONS_LISTED = 3
# Portraits named one by one before they are counted.
PORTRAITS_LISTED = 3
# Projects whose to-do is empty: nothing moves any more.
RESTING = (Project.Status.COMPLETED, Project.Status.ARCHIVED)


@dataclass(frozen=True)
class TodoItem:
    text: str
    url: str
    level: str = INFO  # late / soon / info
    due: date | None = None
    due_text: str = ""  # « dans 5 jours », « en retard de 3 jours »
    percent: int | None = None
    post: bool = False  # the link is a button posting to `url`
    button: str = ""  # the button's words, for a post
    first: bool = False  # the first step of a newcomer: shown before the rest

    @property
    def sort_key(self):
        return (
            not self.first,
            LEVEL_ORDER[self.level],
            self.due or date.max,
            self.text,
        )


@dataclass
class Followup:
    """What the pages of a project read of its follow-up, for one member."""

    items: list
    deadlines: Deadlines
    step_dues: dict  # step code -> Due or None, as this member sees it


def _level(due: Due | None) -> str:
    if due is None:
        return INFO
    return {Level.LATE: LATE, Level.SOON: SOON}.get(due.level, INFO)


def _item(text, url, due: Due | None = None, **kwargs) -> TodoItem:
    kwargs.setdefault("level", _level(due))
    return TodoItem(
        text,
        url,
        due=due.date if due else None,
        due_text=due.text if due else "",
        **kwargs,
    )


# --- Reading --------------------------------------------------------------------------

# Every row of the facts query has these columns; each kind of fact fills some of them.
COLUMNS = ("f_project", "f_ref", "f_org", "f_text", "f_extra", "f_day", "f_moment", "f_number")
NULLS = {
    "f_ref": IntegerField(),
    "f_org": IntegerField(),
    "f_text": CharField(),
    "f_extra": CharField(),
    "f_day": DateField(),
    "f_moment": DateTimeField(),
    "f_number": IntegerField(),
}


def _rows(kind: str, queryset, **columns):
    """The queryset's rows in the facts' shape: (kind, project, ref, org, text, extra,
    day, moment, number), the missing columns NULL."""
    values = {"f_kind": Value(kind, output_field=CharField())}
    for name in COLUMNS:
        given = columns.get(name[2:])
        # A typed NULL: PostgreSQL matches the types of a UNION two by two.
        values[name] = given if given is not None else Cast(Value(None), NULLS[name])
    return queryset.order_by().values(**values)


def _count(queryset):
    """The number of rows of `queryset` (filtered on project=OuterRef("pk")), 0 if none."""
    counted = queryset.order_by().values("project").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _pairs(pairs, organisation_field: str = "organisation_id") -> Q:
    """(project id, organisation id) pairs as one condition (none: nothing matches)."""
    condition = Q(pk__in=[])
    for project_id, organisation_id in pairs:
        condition |= Q(project_id=project_id, **{organisation_field: organisation_id})
    return condition


@dataclass
class ProjectFacts:
    project: object
    deadline_rows: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)  # (org id | None, step) -> status
    submitted_at: dict = field(default_factory=dict)  # (org id | None, step) -> datetime
    organisations: dict = field(default_factory=dict)  # org id -> name
    dimensions: list = field(default_factory=list)
    extra_items: dict = field(default_factory=lambda: defaultdict(list))  # org id -> items
    rounds: list = field(default_factory=list)  # (round id, closes_on)
    responses: dict = field(default_factory=lambda: defaultdict(set))  # round id -> org ids
    actions: list = field(default_factory=list)  # (id, title, due, org id)
    indicators: list = field(default_factory=list)  # (id, name, every months, last date)
    overdue_actions: int = 0
    pending_invitations: int = 0
    failed_mails: int = 0
    verdicts: list = field(default_factory=list)  # (item code, fingerprint)
    answered: set = field(default_factory=set)  # (org id | None, question code)
    portraits: dict = field(default_factory=dict)  # item code -> org id -> {part: text}

    def status(self, step, organisation_id) -> str:
        return self.statuses.get((organisation_id, step), Status.NOT_STARTED)

    def deadlines(self) -> Deadlines:
        return Deadlines(self.deadline_rows)

    def state(self) -> questionnaire.ProjectState:
        """The questionnaire's state of the project, for its `progress`."""
        state = questionnaire.ProjectState(project=self.project, organisations=[])
        state.answered = self.answered
        state.statuses = self.statuses
        state.dimensions = questionnaire.chosen_dimensions(self.dimensions)
        state.extra_items = dict(self.extra_items)
        return state

    def submitted_portraits(self) -> list[int]:
        """The organisations of the project whose réflexion is submitted (the grid's)."""
        return [
            org_id
            for org_id in self.organisations
            if self.status(questionnaire.REFLEXION, org_id) == Status.SUBMITTED
        ]


def _facts_query(memberships, today):
    """The one UNION query of the small facts of these memberships' projects."""
    projects = {m.project_id for m in memberships}
    partners = {(m.project_id, m.organisation_id) for m in memberships if m.is_partner}
    overseen = {m.project_id for m in memberships if not m.is_partner}
    coordinated = {m.project_id for m in memberships if m.is_coordinator}
    # Dimensions and extra items: a partner's progress, and the grid for a coordinator.
    portrait_projects = {p for p, _o in partners} | coordinated
    in_projects = Q(project_id__in=projects)
    open_rounds = ConsentRound.objects.filter(in_projects, closed_at__isnull=True)
    queries = [
        _rows(
            "deadline",
            StepDeadline.objects.filter(in_projects),
            project=F("project_id"),
            org=F("organisation_id"),
            text=F("step"),
            day=F("due_date"),
        ),
        _rows(
            "status",
            StepStatus.objects.filter(
                Q(project_id__in=overseen)
                | Q(in_projects, organisation__isnull=True)
                | _pairs(partners)
            ),
            project=F("project_id"),
            org=F("organisation_id"),
            text=F("step"),
            extra=F("status"),
            moment=F("submitted_at"),
        ),
        _rows(
            "round",
            open_rounds,
            project=F("project_id"),
            ref=F("pk"),
            day=F("closes_on"),
        ),
        _rows(
            "response",
            ConsentResponse.objects.filter(consent_round__in=open_rounds.values("pk")),
            project=F("consent_round__project_id"),
            ref=F("consent_round_id"),
            org=F("organisation_id"),
        ),
    ]
    if overseen:
        through = Project.organisations.through
        queries.append(
            _rows(
                "organisation",
                through.objects.filter(project_id__in=overseen),
                project=F("project_id"),
                org=F("organisation_id"),
                text=F("organisation__name"),
            )
        )
    if portrait_projects:
        queries += [
            _rows(
                "dimension",
                ProjectDimension.objects.filter(project_id__in=portrait_projects),
                project=F("project_id"),
                text=F("code"),
            ),
            _rows(
                "extra",
                ExtraPortraitItem.objects.filter(Q(project_id__in=coordinated) | _pairs(partners)),
                project=F("project_id"),
                ref=F("pk"),
                org=F("organisation_id"),
                text=F("dimension"),
            ),
        ]
    if partners:
        last_measure = (
            Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date").values("date")
        )
        queries += [
            _rows(
                "action",
                Action.objects.filter(
                    _pairs(partners), due_date__lte=today + timedelta(days=7)
                ).exclude(status__in=Action.CLOSED_STATUSES),
                project=F("project_id"),
                ref=F("pk"),
                org=F("organisation_id"),
                text=F("title"),
                day=F("due_date"),
            ),
            _rows(
                "indicator",
                Indicator.objects.filter(
                    _pairs(partners, "owner_organisation_id"),
                    measure_every_months__isnull=False,
                ),
                project=F("project_id"),
                ref=F("pk"),
                org=F("owner_organisation_id"),
                text=F("name"),
                number=F("measure_every_months"),
                day=Subquery(last_measure[:1], output_field=DateField()),
            ),
        ]
    if coordinated:
        mine = Project.objects.filter(pk__in=coordinated)
        now = timezone.now()
        queries += [
            _rows(
                "invitations",
                mine,
                project=F("pk"),
                number=_count(
                    Invitation.objects.filter(
                        project=OuterRef("pk"),
                        accepted_at__isnull=True,
                        revoked_at__isnull=True,
                        expires_at__gt=now,
                    )
                ),
            ),
            _rows(
                "overdue",
                mine,
                project=F("pk"),
                number=_count(
                    Action.objects.filter(project=OuterRef("pk"), due_date__lt=today).exclude(
                        status__in=Action.CLOSED_STATUSES
                    )
                ),
            ),
            _rows(
                "failed",
                mine,
                project=F("pk"),
                number=_count(
                    OutgoingMail.objects.filter(
                        project=OuterRef("pk"), status=OutgoingMail.Status.FAILED
                    )
                ),
            ),
            _rows(
                "verdict",
                DiagnosticVerdict.objects.filter(
                    project_id__in=coordinated, status=DiagnosticVerdict.Status.CONFIRMED
                ),
                project=F("project_id"),
                text=F("item_code"),
                extra=F("inputs_fingerprint"),
            ),
        ]
    first, *others = queries
    return first.union(*others, all=True)


def _read_facts(memberships, today) -> dict[int, ProjectFacts]:
    facts = {m.project_id: ProjectFacts(m.project) for m in memberships}
    for row in _facts_query(memberships, today):
        project = facts[row["f_project"]]
        kind = row["f_kind"]
        org, text = row["f_org"], row["f_text"]
        if kind == "deadline":
            project.deadline_rows.append((text, org, row["f_day"]))
        elif kind == "status":
            project.statuses[(org, text)] = row["f_extra"]
            project.submitted_at[(org, text)] = row["f_moment"]
        elif kind == "organisation":
            project.organisations[org] = text
        elif kind == "dimension":
            project.dimensions.append(text)
        elif kind == "extra":
            item = ExtraPortraitItem(pk=row["f_ref"], organisation_id=org, dimension=text)
            project.extra_items[org].append(item)
        elif kind == "round":
            project.rounds.append((row["f_ref"], row["f_day"]))
        elif kind == "response":
            project.responses[row["f_ref"]].add(org)
        elif kind == "action":
            project.actions.append((row["f_ref"], text, row["f_day"], org))
        elif kind == "indicator":
            project.indicators.append((row["f_ref"], text, row["f_number"], row["f_day"], org))
        elif kind == "invitations":
            project.pending_invitations = row["f_number"]
        elif kind == "overdue":
            project.overdue_actions = row["f_number"]
        elif kind == "failed":
            project.failed_mails = row["f_number"]
        elif kind == "verdict":
            project.verdicts.append((text, row["f_extra"]))
    for project in facts.values():
        project.organisations = dict(sorted(project.organisations.items(), key=lambda i: i[1]))
        project.rounds.sort(key=lambda r: r[0])
        for items in project.extra_items.values():
            items.sort(key=lambda item: item.pk)
    return facts


def _grid_items(project: ProjectFacts) -> dict[str, str]:
    """The items of the project's diagnostic grid: code -> dimension (as build_grid)."""
    codes = set(project.dimensions)
    submitted = set(project.submitted_portraits())
    items = {}
    for dimension in diagnostic.default_dimensions():
        if codes and dimension.code not in codes:
            continue
        for item in dimension.items:
            items[item.code] = dimension.code
        for org_id in submitted:
            for extra in project.extra_items.get(org_id, ()):
                if extra.dimension == dimension.code:
                    items[extra.code] = dimension.code
    return items


def _answers_needed(memberships, facts, today) -> Q | None:
    """Which answers the items need: a partner's questionnaires (their %), the project's
    questions of a step due soon (the coordinator's %), the portraits' answers on the
    items of a confirmed verdict (« à revoir »)."""
    condition = Q(pk__in=[])
    needed = False
    for membership in memberships:
        project = facts[membership.project_id]
        if membership.is_partner:
            condition |= Q(
                Q(question_code__startswith="impulsion.")
                | Q(question_code__startswith="reflexion."),
                project_id=membership.project_id,
                organisation_id=membership.organisation_id,
            )
            needed = True
        elif membership.is_coordinator:
            steps = _project_steps_due(project, today)
            if steps:
                starts = Q(pk__in=[])
                for step in steps:
                    starts |= Q(question_code__startswith=f"{step}.")
                condition |= Q(starts, project_id=membership.project_id, organisation=None)
                needed = True
            items = _grid_items(project) if project.verdicts else {}
            codes = [
                f"{code}.{part}"
                for code, _fingerprint in project.verdicts
                if code in items
                for part in PORTRAIT_PARTS
            ]
            submitted = project.submitted_portraits()
            if codes and submitted:
                condition |= Q(
                    project_id=membership.project_id,
                    organisation_id__in=submitted,
                    question_code__in=codes,
                )
                needed = True
    return condition if needed else None


def _read_answers(memberships, facts, today) -> None:
    condition = _answers_needed(memberships, facts, today)
    if condition is None:
        return
    rows = (
        Answer.objects.filter(condition)
        .annotate(text=Cast("value", TextField()))
        .order_by()
        .values_list("project_id", "organisation_id", "question_code", "text")
    )
    for project_id, organisation_id, code, text in rows:
        project = facts[project_id]
        if answer_fields.is_answered_json(text):
            project.answered.add((organisation_id, code))
        item_code, _dot, part = code.rpartition(".")
        if code.startswith("reflexion.") and part in PORTRAIT_PARTS and organisation_id:
            parts = project.portraits.setdefault(item_code, {}).setdefault(organisation_id, {})
            parts[part] = diagnostic._text(diagnostic._from_json(text))


# --- Items ----------------------------------------------------------------------------


def _project_steps_due(project: ProjectFacts, today) -> list[str]:
    """Steps whose project questions are not submitted and whose date is near or past."""
    deadlines = project.deadlines()
    steps = []
    for step in STEPS:
        if not questionnaire.has_project_scope(step.code):
            continue
        if project.status(step.code, None) == Status.SUBMITTED:
            continue
        due = describe(deadlines.step_date(step.code), today)
        if due is not None and due.level in (Level.SOON, Level.LATE):
            steps.append(step.code)
    return steps


def _organisation_url(slug, step_code, organisation_id) -> str:
    return reverse("steps:org_answers", args=[slug, step_code, organisation_id])


def _partner_items(membership, project: ProjectFacts, today) -> list[TodoItem]:
    slug = membership.project.slug
    org_id = membership.organisation_id
    deadlines = project.deadlines()
    state = project.state()
    items = []
    progress = {
        step: state.progress(step, org_id)
        for step in ORGANISATION_STEPS
        if questionnaire.has_organisation_scope(step)
    }
    newcomer = all(p.answered == 0 and p.status == Status.NOT_STARTED for p in progress.values())
    for step_code, step_progress in progress.items():
        if step_progress.is_submitted:
            continue
        step = STEPS_BY_CODE[step_code]
        due = describe(deadlines.for_step(step_code, org_id), today)
        url = _organisation_url(slug, step_code, org_id)
        first = newcomer and step_code == ORGANISATION_STEPS[0]
        if first:
            text = _("Commencez par le questionnaire %(step)s de votre organisation")
        elif step_progress.is_complete:
            text = _(
                "Soumettre le questionnaire %(step)s de votre organisation : tout est répondu"
            )
        elif step_progress.status == Status.REOPENED:
            text = _(
                "Revoir et soumettre de nouveau le questionnaire %(step)s de votre organisation"
            )
        else:
            text = _("Remplir et soumettre le questionnaire %(step)s de votre organisation")
        text = text % {"step": step.title}
        items.append(_item(text, url, due, percent=step_progress.percent, first=first))

    for round_id, closes_on in project.rounds:
        if org_id in project.responses.get(round_id, ()):
            continue
        due = describe(closes_on, today)
        items.append(
            _item(
                _("Donner la réponse de votre organisation à la ronde de consentement"),
                reverse("steps:consent_round", args=[slug, round_id]),
                due,
                level=_level(due) if due else SOON,
            )
        )

    actions = sorted(
        (a for a in project.actions if a[3] == org_id), key=lambda a: (a[2], a[1], a[0])
    )
    actions_url = reverse("steps:actions", args=[slug])
    for action_id, title, due_date, _org in actions[:ACTIONS_LISTED]:
        items.append(
            _item(
                _("Action de votre organisation : %(title)s") % {"title": title},
                f"{actions_url}?action={action_id}#action-{action_id}",
                describe(due_date, today),
            )
        )
    rest = actions[ACTIONS_LISTED:]
    if rest:
        count = len(rest)
        due = describe(rest[0][2], today)
        items.append(
            _item(
                ngettext(
                    "%(count)s autre action de votre organisation arrive à échéance",
                    "%(count)s autres actions de votre organisation arrivent à échéance",
                    plural_count(count),
                )
                % {"count": count},
                f"{actions_url}?organisation={org_id}",
                due,
            )
        )

    indicators_url = reverse("steps:indicators", args=[slug])
    for indicator_id, name, months, last, owner in project.indicators:
        if owner != org_id:
            continue
        url = f"{indicators_url}#indicateur-{indicator_id}"
        if last is None:
            items.append(
                _item(
                    _("Saisir la première mesure de l'indicateur « %(name)s »") % {"name": name},
                    url,
                    level=SOON,
                )
            )
            continue
        next_due = add_months(last, months)
        if next_due > today:
            continue
        items.append(
            _item(
                _("Saisir la mesure de l'indicateur « %(name)s »") % {"name": name},
                url,
                describe(next_due, today),
            )
        )
    return items


def _late_organisations(membership, project: ProjectFacts, today) -> list[TodoItem]:
    """Per questionnaire, the organisations late, or due within the week, not submitted."""
    deadlines = project.deadlines()
    dashboard = reverse("steps:dashboard", args=[membership.project.slug])
    items = []
    for step_code in ORGANISATION_STEPS:
        step = STEPS_BY_CODE[step_code]
        late, soon = [], []
        for org_id in project.organisations:
            if project.status(step_code, org_id) == Status.SUBMITTED:
                continue
            due = describe(deadlines.for_step(step_code, org_id), today)
            if due is None:
                continue
            if due.level == Level.LATE:
                late.append(due)
            elif due.level == Level.SOON:
                soon.append(due)
        if late:
            count = len(late)
            items.append(
                _item(
                    ngettext(
                        "%(step)s : %(count)s organisation en retard",
                        "%(step)s : %(count)s organisations en retard",
                        plural_count(count),
                    )
                    % {"step": step.title, "count": count},
                    dashboard,
                    min(late, key=lambda d: d.date),
                )
            )
        if soon:
            count = len(soon)
            first_due = min(soon, key=lambda d: d.date)
            items.append(
                _item(
                    ngettext(
                        "%(step)s : %(count)s organisation n'a pas encore soumis",
                        "%(step)s : %(count)s organisations n'ont pas encore soumis",
                        plural_count(count),
                    )
                    % {"step": step.title, "count": count},
                    dashboard,
                    first_due,
                )
            )
    return items


def _project_questions(membership, project: ProjectFacts, today) -> list[TodoItem]:
    """The coordinator's own answers: the project's questions of a step due soon."""
    deadlines = project.deadlines()
    state = project.state()
    items = []
    for step_code in _project_steps_due(project, today):
        step = STEPS_BY_CODE[step_code]
        url = reverse("steps:step", args=[membership.project.slug, step_code])
        items.append(
            _item(
                _("Répondre aux questions du projet de l'étape %(number)s, %(step)s")
                % {"number": step.number, "step": step.title},
                f"{url}#questionnaire-projet",
                describe(deadlines.step_date(step_code), today),
                percent=state.progress(step_code, None).percent,
            )
        )
    return items


def _to_review(project: ProjectFacts) -> int:
    """How many confirmed verdicts read « à revoir » on the grid: the fingerprint of the
    row's inputs now differs from the one stored at confirmation (grid.resolve)."""
    if not project.verdicts:
        return 0
    items = _grid_items(project)
    submitted = project.submitted_portraits()
    count = 0
    for code, stored in project.verdicts:
        if code not in items:
            continue
        answered = project.portraits.get(code, {})
        cells = []
        for org_id in submitted:
            parts = answered.get(org_id, {})
            appreciation = parts.get("appreciation", "")
            cells.append(
                grid.Cell(
                    organisation=grid.OrgRef(org_id, ""),
                    description=parts.get("description", ""),
                    appreciation=appreciation if appreciation in grid.APPRECIATIONS else "",
                    offre=parts.get("offre", ""),
                    besoin=parts.get("besoin", ""),
                )
            )
        row = grid.Row(grid.Item(code, "", "", items[code]), tuple(cells))
        if grid.fingerprint(row) != stored:
            count += 1
    return count


def _coordinator_items(membership, project: ProjectFacts, today) -> list[TodoItem]:
    slug = membership.project.slug
    items = _project_questions(membership, project, today)
    items += _late_organisations(membership, project, today)

    if not project.organisations and not project.pending_invitations:
        items.append(
            TodoItem(
                _("Invitez les organisations partenaires du projet"),
                reverse("projects:invite", args=[slug]),
                first=True,
            )
        )
    if project.pending_invitations:
        count = project.pending_invitations
        items.append(
            TodoItem(
                ngettext(
                    "%(count)s invitation attend une réponse",
                    "%(count)s invitations attendent une réponse",
                    plural_count(count),
                )
                % {"count": count},
                reverse("projects:members", args=[slug]),
            )
        )
    if not project.deadline_rows:
        items.append(
            TodoItem(
                _("Fixer les dates cibles des étapes"),
                reverse("steps:deadlines", args=[slug]),
            )
        )

    since = membership.last_seen_at or membership.joined_at
    submitted = [
        (org_id, name)
        for org_id, name in project.organisations.items()
        if project.status(questionnaire.REFLEXION, org_id) == Status.SUBMITTED
        and since is not None
        and (project.submitted_at.get((org_id, questionnaire.REFLEXION)) or since) > since
    ]
    if len(submitted) > PORTRAITS_LISTED:
        count = len(submitted)
        items.append(
            TodoItem(
                ngettext(
                    "%(count)s portrait soumis depuis votre dernière visite",
                    "%(count)s portraits soumis depuis votre dernière visite",
                    plural_count(count),
                )
                % {"count": count},
                reverse("steps:step", args=[slug, questionnaire.REFLEXION]),
            )
        )
    else:
        for org_id, name in submitted:
            items.append(
                TodoItem(
                    _("Portrait de %(organisation)s soumis depuis votre dernière visite")
                    % {"organisation": name},
                    _organisation_url(slug, questionnaire.REFLEXION, org_id),
                )
            )

    to_review = _to_review(project)
    if to_review:
        items.append(
            TodoItem(
                ngettext(
                    "%(count)s verdict du diagnostic à revoir : les portraits ont changé",
                    "%(count)s verdicts du diagnostic à revoir : les portraits ont changé",
                    plural_count(to_review),
                )
                % {"count": to_review},
                reverse("steps:grid", args=[slug])
                + f"?dimension=toutes&verdict={diagnostic.TO_REVIEW_FILTER}",
                SOON,
            )
        )

    for round_id, _closes_on in project.rounds:
        answered = project.responses.get(round_id, set())
        if project.organisations and all(org in answered for org in project.organisations):
            items.append(
                TodoItem(
                    _(
                        "Toutes les organisations ont répondu à la ronde de consentement : "
                        "vous pouvez la fermer"
                    ),
                    reverse("steps:consent_round", args=[slug, round_id]),
                    SOON,
                )
            )

    if project.overdue_actions:
        count = project.overdue_actions
        items.append(
            TodoItem(
                ngettext(
                    "%(count)s action du plan d'action est en retard",
                    "%(count)s actions du plan d'action sont en retard",
                    plural_count(count),
                )
                % {"count": count},
                reverse("steps:actions", args=[slug]) + "?overdue=1",
                LATE,
            )
        )
    if project.failed_mails:
        count = project.failed_mails
        items.append(
            TodoItem(
                ngettext(
                    "%(count)s courriel n'a pas pu être envoyé",
                    "%(count)s courriels n'ont pas pu être envoyés",
                    plural_count(count),
                )
                % {"count": count},
                reverse("steps:mails_retry", args=[slug]),
                LATE,
                post=True,
                button=_("Réessayer l’envoi"),
            )
        )
    return items


def _advisor_items(membership, project: ProjectFacts, today) -> list[TodoItem]:
    """Read only: the organisations late, and the steps whose date is near or past."""
    slug = membership.project.slug
    items = _late_organisations(membership, project, today)
    deadlines = project.deadlines()
    for step in STEPS:
        if step.code in ORGANISATION_STEPS:
            continue
        if project.status(step.code, None) == Status.SUBMITTED:
            continue
        due = describe(deadlines.step_date(step.code), today)
        if due is None or due.level == Level.OK:
            continue
        items.append(
            _item(
                _("Étape %(number)s, %(step)s : réponses du projet attendues")
                % {"number": step.number, "step": step.title},
                reverse("steps:step", args=[slug, step.code]),
                due,
            )
        )
    if membership.last_seen_at is None:
        first = STEPS[0]
        items.append(
            TodoItem(
                _("Commencez par découvrir l'étape %(number)s, %(step)s")
                % {"number": first.number, "step": first.title},
                reverse("steps:step", args=[slug, first.code]),
                first=True,
            )
        )
    return items


def _step_dues(membership, project: ProjectFacts, today) -> dict:
    """Each step's date as this member sees it: a partner, its organisation's own."""
    deadlines = project.deadlines()
    organisation_id = membership.organisation_id if membership.is_partner else None
    dues = {}
    for step in STEPS:
        organisation_scope = questionnaire.has_organisation_scope(step.code)
        if organisation_id is not None and step.code in ORGANISATION_STEPS:
            done = project.status(step.code, organisation_id) == Status.SUBMITTED
        elif membership.is_partner:
            done = project.status(step.code, None) == Status.SUBMITTED
        else:
            done = step_is_done(
                step.code,
                project.status,
                project.organisations,
                organisation_scope=organisation_scope,
            )
        dues[step.code] = describe(deadlines.for_step(step.code, organisation_id), today, done)
    return dues


ROLE_ITEMS = {
    Role.PARTNER: _partner_items,
    Role.COORDINATOR: _coordinator_items,
    Role.ADVISOR: _advisor_items,
}


def _followups(memberships, now=None) -> dict[int, Followup]:
    """membership id -> Followup, in two queries at most whatever their number."""
    memberships = list(memberships)
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not memberships:
        return {}
    facts = _read_facts(memberships, today)
    _read_answers(memberships, facts, today)
    result = {}
    for membership in memberships:
        project = facts[membership.project_id]
        items = []
        if membership.project.status not in RESTING:
            items = ROLE_ITEMS[membership.role](membership, project, today)
        items.sort(key=lambda item: item.sort_key)
        result[membership.pk] = Followup(
            items, project.deadlines(), _step_dues(membership, project, today)
        )
    return result


def followup_for(membership, now=None) -> Followup:
    """The member's to-do and the dates of its project's steps; remembered on the
    membership, so that a page reading both pays once."""
    cached = getattr(membership, "_followup", None)
    if cached is None:
        cached = _followups([membership], now)[membership.pk]
        membership._followup = cached
    return cached


def todo_for(membership, now=None) -> list[TodoItem]:
    """The member's open items, the most urgent first."""
    return followup_for(membership, now).items


def todo_for_user(user, now=None, memberships=None) -> dict[int, list[TodoItem]]:
    """project id -> the person's open items there, for all their projects at once
    (`memberships`, with their project, when the page already has them)."""
    if memberships is None:
        memberships = Membership.objects.filter(user=user).select_related("project")
    memberships = list(memberships)
    followups = _followups(memberships, now)
    return {
        membership.project_id: followups[membership.pk].items
        for membership in memberships
        if membership.pk in followups
    }


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
