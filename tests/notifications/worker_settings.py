"""Settings of the `db_worker` subprocesses of tests/notifications/test_worker.py: the
test settings with the database queue and the file-per-message mail backend."""

from tests.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.notifications.mailtest_backend.EmailBackend"
