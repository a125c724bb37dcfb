"""The hourly job: the reminders, run by the workers themselves (no cron needed).

`ensure_hourly_scheduled()` queues the job once (`manage.py send_reminders --schedule`,
`make run`); each run then queues the next one an hour later. Only one run waits in the
queue at a time: a run, or a second `--schedule`, that finds one waiting queues nothing.
If two are ever queued (two hosts scheduling at the same instant), the reminders are still
sent once: `send_reminders` is idempotent.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from steps.reports.cache import prune_quietly

from .reminders import send_reminders

INTERVAL = timedelta(hours=1)


@task()
def hourly() -> dict:
    """Send the reminders, then come back in an hour (even if this run failed: the next
    one sends what this one could not)."""
    try:
        prune_quietly()  # old generated reports and their files (never raises)
        return send_reminders()
    finally:
        schedule_next(timezone.now() + INTERVAL)


def _waiting() -> bool:
    """Whether a run of `hourly` is already queued (READY) in the database queue."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=hourly.module_path, status=TaskResultStatus.READY
    ).exists()


def schedule_next(when) -> bool:
    """Queue `hourly` at `when` unless one is waiting; False when the backend cannot
    defer a job (the immediate backend of the tests) or one is already queued."""
    if not hourly.get_backend().supports_defer or _waiting():
        return False
    hourly.using(run_after=when).enqueue()
    return True


def ensure_hourly_scheduled() -> bool:
    """Make sure the hourly job is queued (to run now if none waits); True if queued."""
    return schedule_next(timezone.now())
