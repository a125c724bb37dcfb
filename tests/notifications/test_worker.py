"""The real job engine: mails queued in the database, sent by `db_worker`, on both databases.

On PostgreSQL the worker runs as it does in production, `manage.py db_worker` in
subprocesses that share the queue (SELECT … FOR UPDATE SKIP LOCKED) and connect to the
test database; one of them can be killed in the middle of a batch. On SQLite the suite's
database lives in memory, out of reach of another process: the worker's own loop (the
Worker class of `db_worker`) runs in the test's process instead.

Mails go through tests/notifications/mailtest_backend.py: one file per message sent,
counted by Message-ID (made from the mail's id, the same at each attempt).
"""

import email
import os
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications import delivery
from notifications.models import OutgoingMail
from tests.workers import run_worker_in_process

POSTGRES = connection.vendor == "postgresql"
MAIL_BACKEND = "tests.notifications.mailtest_backend.EmailBackend"
# A killed worker's claim on its mail lasts this long in the subprocesses.
CLAIM_SECONDS = 1
BATCH = 50
MESSAGE_ID = re.compile(r"<mutualisation-mail-(\d+)@")

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outbox(settings, tmp_path, monkeypatch):
    """The database queue instead of the immediate backend; the folder mails land in."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAIL_BATCH_SIZE = BATCH
    settings.EMAIL_BACKEND = MAIL_BACKEND
    folder = tmp_path / "outbox"
    folder.mkdir()
    monkeypatch.setenv("MAILTEST_DIR", str(folder))
    return folder


def _database_url():
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    host = quote(db["HOST"] or "localhost", safe="")
    return f"postgres://{user}:{password}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


def start_worker(outbox, **env):
    """`manage.py db_worker --batch` in a subprocess on the test database (PostgreSQL)."""
    log = (outbox.parent / f"worker-{time.monotonic_ns()}.log").open("w")
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": _database_url(),
        "MAILTEST_DIR": str(outbox),
        "MAIL_CLAIM_SECONDS": str(CLAIM_SECONDS),
        **{name: str(value) for name, value in env.items()},
    }
    process = subprocess.Popen(  # noqa: S603 — fixed arguments, our own manage.py
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=django_settings.BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def wait(process):
    """The worker's exit code; its output is in the failure message of the callers."""
    try:
        process.wait(timeout=120)
    finally:
        process.log.close()
    return process.returncode


def output(process):
    return open(process.log.name, encoding="utf-8").read()[-3000:]  # noqa: SIM115


def run_workers(outbox, count=1, **env):
    """Run `count` workers until the queue is empty: subprocesses sharing the queue on
    PostgreSQL, the worker's loop in this process on SQLite (one worker)."""
    if not POSTGRES:
        assert count == 1
        with mock.patch.dict(os.environ, {k: str(v) for k, v in env.items()}):
            run_worker_in_process("test-worker")
        return
    if count > 1:
        env = {"MAILTEST_BARRIER": count} | env
    processes = [start_worker(outbox, **env) for _ in range(count)]
    for process in processes:
        assert wait(process) == 0, output(process)


def delivered(outbox):
    """{mail id: number of messages written for it} over every message sent."""
    counts = Counter()
    for path in outbox.glob("*.eml"):
        message_id = email.message_from_bytes(path.read_bytes())["Message-ID"]
        counts[int(MESSAGE_ID.match(message_id).group(1))] += 1
    return counts


def senders(outbox):
    """{process id: number of messages it wrote}."""
    return Counter(int(path.name.split("-")[0]) for path in outbox.glob("*.eml"))


def queue(count, *, enqueue=True):
    """Queue `count` mails; with enqueue=False, one job per MAIL_BATCH_SIZE mails."""
    mails = [
        delivery.queue_mail(
            key=f"test-worker:{number}",
            to=f"personne-{number}@exemple.org",
            subject=f"Rappel {number}",
            text=f"Bonjour, voici le rappel {number}.",
            html=f"<p>Bonjour, voici le rappel {number}.</p>",
            enqueue=enqueue,
        )
        for number in range(count)
    ]
    ids = [mail.pk for mail in mails]
    if not enqueue:
        delivery.enqueue_delivery(ids)
    return ids


def test_worker_sends_each_queued_mail_once(outbox):
    """Each mail queued with its own job goes out once, by two workers on PostgreSQL."""
    ids = queue(120)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 120

    run_workers(outbox, count=2 if POSTGRES else 1, MAILTEST_DELAY_MS=2)

    assert delivered(outbox) == dict.fromkeys(ids, 1)
    if POSTGRES:
        assert len(senders(outbox)) == 2  # both workers took jobs from the one queue
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }
    message = email.message_from_bytes(next(outbox.glob("*.eml")).read_bytes())
    assert message["Subject"].startswith("Rappel ")
    assert message.is_multipart()  # plain text and HTML


def test_failed_send_is_retried_with_backoff_then_sent(outbox):
    """The mail server refuses: the mail waits 1 minute (its job deferred, and the sweep
    would also find it); once due, the next worker sends it, once."""
    [mail_id] = queue(1)

    run_workers(outbox, MAILTEST_FAIL=1)

    mail = OutgoingMail.objects.get(pk=mail_id)
    assert (mail.status, mail.attempts) == ("pending", 1)
    assert "SMTPException" in mail.last_error
    assert timezone.now() < mail.next_attempt_at <= timezone.now() + timedelta(minutes=1)
    first = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert first.return_value == {"retry": 1}
    deferred = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert deferred.run_after == mail.next_attempt_at
    assert not delivered(outbox)
    # Not yet due: the sweep leaves it alone and a worker run sends nothing.
    assert delivery.requeue_due() == 0

    # Two minutes later (the database's clock moved back instead of the machine's).
    OutgoingMail.objects.filter(pk=mail_id).update(
        next_attempt_at=mail.next_attempt_at - timedelta(minutes=2)
    )
    DBTaskResult.objects.filter(pk=deferred.pk).update(
        run_after=deferred.run_after - timedelta(minutes=2)
    )
    assert delivery.requeue_due() == 1  # a second job for the same mail
    run_workers(outbox)

    assert delivered(outbox) == {mail_id: 1}
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == ("sent", 1, "")
    outcomes = sorted(
        str(result.return_value)
        for result in DBTaskResult.objects.exclude(pk=first.pk)
        if result.status == TaskResultStatus.SUCCESSFUL
    )
    assert outcomes == ["{'sent': 1}", "{'skipped': 1}"]


@pytest.mark.skipif(
    not POSTGRES,
    reason="Plusieurs processus db_worker sur une même base : PostgreSQL (make test-postgres).",
)
def test_worker_killed_mid_batch_loses_and_duplicates_nothing(outbox):
    """1 000 mails, 2 workers; one is killed (SIGKILL) about to send its 120th mail, in
    its third batch of 50. Once its claim has expired, the sweep and one more worker
    send the rest: every mail exactly once."""
    total, die_at = 1000, 120
    ids = queue(total, enqueue=False)
    assert DBTaskResult.objects.count() == total // BATCH

    doomed = start_worker(outbox, MAILTEST_DIE_AT=die_at, MAILTEST_BARRIER=2)
    survivor = start_worker(outbox, MAILTEST_BARRIER=2, MAILTEST_DELAY_MS=2)
    assert wait(doomed) == -9, output(doomed)
    assert wait(survivor) == 0, output(survivor)

    by_sender = senders(outbox)
    assert by_sender[doomed.pid] == die_at - 1
    assert by_sender[survivor.pid] > 0
    assert all(count == 1 for count in delivered(outbox).values())
    # The job the killed worker held stays « running »; its mails are still pending,
    # the one it had claimed until the claim expires.
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 1
    pending = OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING)
    left = pending.count()
    assert left == total - sum(by_sender.values()) > 0
    expiry = pending.aggregate(last=Max("next_attempt_at"))["last"]
    while timezone.now() <= expiry:
        time.sleep(0.1)

    assert delivery.requeue_due() == left
    run_workers(outbox)

    sent = delivered(outbox)
    assert sorted(sent) == sorted(ids)
    assert set(sent.values()) == {1}
    assert OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).count() == 0
