"""Running the real job worker inside a test."""

from django_tasks_db.management.commands.db_worker import Worker


def run_worker_in_process(worker_id: str = "tests") -> None:
    """What `manage.py db_worker --batch` does, in the test's process and database: run
    every job of the database queue, then return."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()
