"""The reminders (steps/followup/reminders.py): who is reminded of what, once; the
command; the hourly job; a query count that does not grow with the projects."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Delivery, Notification, NotificationPreference, OutgoingMail
from projects.models import Project, Role
from steps.followup import reminders, tasks
from steps.models import Answer, StepDeadline, StepStatus
from tests.factories import (
    ActionFactory,
    ConsentResponseFactory,
    ConsentRoundFactory,
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("small_catalogue")

TODAY = date(2026, 11, 16)  # a Monday


def _at(day=TODAY, hour=3):
    """A moment of `day`, local time; before DIGEST_HOUR unless told otherwise."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def _deadline(project, step, days, organisation=None):
    return StepDeadline.objects.create(
        project=project, step=step, organisation=organisation, due_date=TODAY + timedelta(days)
    )


def _keys(kind):
    return {(n.user, n.key) for n in Notification.objects.filter(kind=kind)}


# Questionnaires -----------------------------------------------------------------------


def test_questionnaire_due_in_two_days_reminds_the_organisations_not_submitted(world):
    _deadline(world.project, "impulsion", 2)
    StepStatus.objects.create(
        project=world.project, organisation=world.org_b, step="impulsion", status="submitted"
    )
    Answer.objects.create(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.besoin",
        value="Un camion",
    )
    counts = reminders.send_reminders(now=_at())
    assert counts["deadline_soon"] == 1
    notification = Notification.objects.get(kind=Kind.DEADLINE_SOON)
    assert notification.user == world.partner_a
    deadline = (TODAY + timedelta(2)).isoformat()
    assert notification.key == (
        f"deadline-soon:{world.project.pk}:impulsion:{world.org_a.pk}:{deadline}"
    )
    # The dashboard's share: 1 of the 4 questions of the organisation (small catalogue).
    assert notification.params == {
        "step": "impulsion",
        "organisation": world.org_a.name,
        "deadline": deadline,
        "percent": 25,
    }


def test_questionnaire_far_away_reminds_nobody(world):
    _deadline(world.project, "impulsion", 3)
    assert reminders.send_reminders(now=_at())["deadline_soon"] == 0


def test_organisation_date_wins_over_the_step_date(world):
    _deadline(world.project, "reflexion", -5)
    _deadline(world.project, "reflexion", 20, organisation=world.org_b)
    reminders.send_reminders(now=_at())
    assert {user for user, _key in _keys(Kind.DEADLINE_PASSED)} == {world.partner_a}


def test_late_questionnaire_is_reminded_once_a_week(world):
    _deadline(world.project, "reflexion", -1, organisation=world.org_a)
    first = reminders.send_reminders(now=_at())
    assert first["deadline_passed"] == 1
    for days in range(1, 7):  # the rest of the first week: nothing new
        assert reminders.send_reminders(now=_at(TODAY + timedelta(days)))["deadline_passed"] == 0
    assert reminders.send_reminders(now=_at(TODAY + timedelta(7)))["deadline_passed"] == 1
    keys = sorted(key for _user, key in _keys(Kind.DEADLINE_PASSED))
    assert [key.rsplit(":", 1)[1] for key in keys] == ["0", "1"]


def test_send_reminders_twice_sends_once(world):
    _deadline(world.project, "impulsion", -3)
    NotificationPreference.objects.create(
        user=world.partner_a, project=world.project, delivery=Delivery.IMMEDIATE
    )
    mail.outbox.clear()
    first = reminders.send_reminders(now=_at())
    second = reminders.send_reminders(now=_at(hour=5))
    assert first["deadline_passed"] == 2  # Paul (org A) and Béa (org B)
    assert second["deadline_passed"] == 0
    assert Notification.objects.count() == 2
    assert [message.to for message in mail.outbox] == [["paul@exemple.org"]]
    assert "Le questionnaire «\u00a0Impulsion\u00a0» était attendu le" in mail.outbox[0].subject


def test_paused_projects_are_not_reminded(world):
    Project.objects.filter(pk=world.project.pk).update(status=Project.Status.PAUSED)
    _deadline(world.project, "impulsion", 1)
    assert reminders.send_reminders(now=_at())["projects"] == 1  # the outsider's project
    assert not Notification.objects.exists()


# Consent rounds, actions, measurements ------------------------------------------------


def test_consent_round_closing_reminds_organisations_that_have_not_answered(world):
    consent_round = ConsentRoundFactory(project=world.project, closes_on=TODAY + timedelta(2))
    ConsentResponseFactory(consent_round=consent_round, organisation=world.org_a)
    counts = reminders.send_reminders(now=_at())
    assert counts["consent_closing"] == 1
    assert _keys(Kind.CONSENT_CLOSING) == {
        (world.partner_b, f"consent-closing:{consent_round.pk}")
    }
    assert reminders.send_reminders(now=_at(TODAY + timedelta(1)))["consent_closing"] == 0


def test_consent_round_closing_later_or_closed_reminds_nobody(world):
    ConsentRoundFactory(project=world.project, closes_on=TODAY + timedelta(3))
    ConsentRoundFactory(
        project=ProjectFactory(), closes_on=TODAY + timedelta(1), closed_at=timezone.now()
    )
    assert reminders.send_reminders(now=_at())["consent_closing"] == 0


def test_actions_due_soon_and_overdue(world):
    soon = ActionFactory(
        project=world.project, organisation=world.org_a, due_date=TODAY + timedelta(7)
    )
    late = ActionFactory(
        project=world.project, organisation=world.org_b, due_date=TODAY - timedelta(1)
    )
    ActionFactory(project=world.project, organisation=world.org_a, due_date=TODAY + timedelta(8))
    ActionFactory(project=world.project, organisation=world.org_a, due_date=TODAY, status="done")
    counts = reminders.send_reminders(now=_at())
    assert (counts["action_due_soon"], counts["action_overdue"]) == (1, 2)
    assert _keys(Kind.ACTION_DUE_SOON) == {
        (world.partner_a, f"action-due:{soon.pk}:{soon.due_date.isoformat()}")
    }
    overdue_key = f"action-overdue:{late.pk}:{late.due_date.isoformat()}"
    assert _keys(Kind.ACTION_OVERDUE) == {
        (world.partner_b, overdue_key),
        (world.coordinator, overdue_key),
    }


def test_measurement_due_after_the_chosen_number_of_months(world):
    monthly = IndicatorFactory(
        project=world.project, owner_organisation=world.org_a, measure_every_months=1
    )
    MeasurementFactory(indicator=monthly, date=date(2026, 10, 16))
    quarterly = IndicatorFactory(
        project=world.project, owner_organisation=world.org_b, measure_every_months=3
    )
    MeasurementFactory(indicator=quarterly, date=date(2026, 9, 1))
    IndicatorFactory(project=world.project, owner_organisation=world.org_b)  # no frequency
    counts = reminders.send_reminders(now=_at())
    assert counts["measurement_due"] == 2
    assert _keys(Kind.MEASUREMENT_DUE) == {
        (world.partner_a, f"measurement-due:{monthly.pk}:2026-11-16"),
        (world.coordinator, f"measurement-due:{monthly.pk}:2026-11-16"),
    }


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert reminders.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert reminders.add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert reminders.add_months(date(2026, 12, 1), 12) == date(2027, 12, 1)


# Digests and queued mails -------------------------------------------------------------


def test_reminders_end_with_the_digests_and_the_mails_due(world):
    _deadline(world.project, "impulsion", 1)
    mail.outbox.clear()
    counts = reminders.send_reminders(now=_at(hour=9))
    assert counts["digests"] == 2  # Paul and Béa, who kept the daily digest
    assert sorted(m.to[0] for m in mail.outbox) == ["bea@exemple.org", "paul@exemple.org"]
    assert reminders.send_reminders(now=_at(hour=10))["digests"] == 0


# The command and the hourly job -------------------------------------------------------


def test_command_prints_the_counts_in_french(world):
    _deadline(world.project, "impulsion", -2)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    text = out.getvalue()
    assert "Rappels\u00a0: questionnaire en retard\u00a0: 2" in text
    assert "Projets en cours examinés\u00a0: 2" in text
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Rappels\u00a0: questionnaire en retard\u00a0: 0" in out.getvalue()


def test_hourly_job_sends_the_reminders(world):
    _deadline(world.project, "impulsion", -2)
    result = tasks.hourly.enqueue()  # the immediate backend of the tests: runs now
    assert result.return_value["deadline_passed"] == 2
    # The immediate backend cannot defer a job: nothing to schedule.
    assert tasks.ensure_hourly_scheduled() is False


def test_hourly_job_is_scheduled_once_on_the_database_backend(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks.hourly.get_backend().supports_defer
    assert tasks.ensure_hourly_scheduled() is True
    assert tasks.ensure_hourly_scheduled() is False  # `--schedule` twice: one job
    waiting = DBTaskResult.objects.filter(task_path=tasks.hourly.module_path)
    assert waiting.count() == 1
    # A run queues the next one an hour later, unless one waits already.
    waiting.delete()
    assert tasks.schedule_next(timezone.now() + tasks.INTERVAL) is True
    assert tasks.schedule_next(timezone.now() + tasks.INTERVAL) is False
    assert waiting.get().run_after > timezone.now() + timedelta(minutes=59)


def test_command_schedule_option_queues_the_hourly_job(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = StringIO()
    call_command("send_reminders", "--schedule", stdout=out)
    call_command("send_reminders", "--schedule", stdout=out)
    assert DBTaskResult.objects.filter(task_path=tasks.hourly.module_path).count() == 1
    assert "Tâche horaire mise en file" in out.getvalue()
    assert "Tâche horaire déjà en file" in out.getvalue()


# Query count --------------------------------------------------------------------------


def _busy_project(number: int, organisations: int = 3, partners: int = 2) -> Project:
    """A project with, for each organisation, its partners, a late questionnaire, a
    consent round closing, an action overdue and a measurement due."""
    project = ProjectFactory(name=f"Projet {number}")
    MembershipFactory(project=project, role=Role.COORDINATOR, user=UserFactory())
    _deadline(project, "impulsion", -4)
    _deadline(project, "reflexion", 1)
    consent_round = ConsentRoundFactory(project=project, closes_on=TODAY + timedelta(1))
    for index in range(organisations):
        organisation = OrganisationFactory()
        project.organisations.add(organisation)
        for _ in range(partners):
            MembershipFactory(
                project=project, role=Role.PARTNER, organisation=organisation, user=UserFactory()
            )
        Answer.objects.create(
            project=project,
            organisation=organisation,
            question_code="impulsion.besoin",
            value="Un besoin",
        )
        ActionFactory(project=project, organisation=organisation, due_date=TODAY - timedelta(2))
        indicator = IndicatorFactory(
            project=project, owner_organisation=organisation, measure_every_months=1
        )
        MeasurementFactory(indicator=indicator, date=TODAY - timedelta(40))
        if index == 0:
            ConsentResponseFactory(consent_round=consent_round, organisation=organisation)
    return project


def _queries_of_a_run(projects) -> tuple[list[str], dict]:
    with CaptureQueriesContext(connection) as queries:
        counts = reminders.send_reminders(now=_at(), projects=projects)
    return [query["sql"] for query in queries.captured_queries], counts


def _new(counts) -> int:
    return sum(counts[str(kind)] for kind in reminders.REMINDER_KINDS)


def test_query_count_does_not_grow_with_projects_and_organisations(db):
    """1 project of 2 organisations (2 partners each) or 5 projects of 3 organisations:
    the same queries."""
    queries_one, counts_one = _queries_of_a_run([_busy_project(1, organisations=2)])
    many = [_busy_project(n, organisations=3, partners=1) for n in range(2, 7)]
    queries_many, counts_many = _queries_of_a_run(many)
    # Questionnaires due soon and late, rounds closing, overdue actions, measurements.
    assert [counts_one[str(kind)] for kind in reminders.REMINDER_KINDS] == [4, 4, 2, 0, 6, 6]
    assert [counts_many[str(kind)] for kind in reminders.REMINDER_KINDS] == [
        5 * 3,
        5 * 3,
        5 * 2,
        0,
        5 * 3 * 2,
        5 * 3 * 2,
    ]
    assert len(queries_one) == len(queries_many)
    # A second run finds everything sent: nothing new.
    assert _new(_queries_of_a_run(many)[1]) == 0
    assert not OutgoingMail.objects.exists()  # before the digest hour; nobody immediate


def test_only_the_insert_batches_grow_with_hundreds_of_reminders(db):
    """SQLite inserts at most ~110 notifications a statement (its 999 parameters);
    PostgreSQL inserts them in one: every read stays one query."""
    queries_one, _counts = _queries_of_a_run([_busy_project(1, organisations=2)])
    many = [_busy_project(n, organisations=6, partners=3) for n in range(2, 6)]
    queries_many, counts_many = _queries_of_a_run(many)
    assert _new(counts_many) > 300

    def reads(queries):
        return [sql.split(" ")[0:3] for sql in queries if not sql.startswith("INSERT")]

    assert reads(queries_one) == reads(queries_many)
