"""A test-only e-mail backend: each message sent becomes one file, written atomically.

tests/notifications/test_worker.py runs the real worker (`db_worker` in a subprocess on
PostgreSQL, its Worker class in the test's process on SQLite) with this backend, then
counts what went out by Message-ID. It is driven by the environment, so that each worker
process can be told apart:

  MAILTEST_DIR       folder receiving one .eml file per message sent (written under a
                     temporary name, then renamed: a file is there whole or not at all);
  MAILTEST_DIE_AT    N: the process kills itself with SIGKILL when about to send its Nth
                     message, before writing it (a worker dying in the middle of a batch);
  MAILTEST_FAIL      1: every send raises SMTPException (the mail server refuses);
  MAILTEST_DELAY_MS  each message takes this long, so that two workers overlap;
  MAILTEST_BARRIER   K: before its first message, the process waits (30 s at most) until
                     K processes have reached that point, so that K workers start sending
                     together whatever their start-up times.
"""

import itertools
import os
import signal
import smtplib
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

# Messages this process was about to send, across every connection it opened.
_sent = itertools.count(1)
_waited = False


def _env_int(name: str) -> int:
    return int(os.environ.get(name) or 0)


def _barrier(folder: Path) -> None:
    global _waited  # noqa: PLW0603 — once per process
    parties = _env_int("MAILTEST_BARRIER")
    if _waited or parties < 2:
        return
    _waited = True
    gate = folder / "barrier"
    gate.mkdir(exist_ok=True)
    (gate / str(os.getpid())).touch()
    deadline = time.monotonic() + 30
    while len(list(gate.iterdir())) < parties and time.monotonic() < deadline:
        time.sleep(0.01)


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["MAILTEST_DIR"])
        sent = 0
        for message in email_messages:
            _barrier(folder)
            number = next(_sent)
            if number == _env_int("MAILTEST_DIE_AT"):
                os.kill(os.getpid(), signal.SIGKILL)
            if os.environ.get("MAILTEST_FAIL") == "1":
                raise smtplib.SMTPException("MAILTEST_FAIL : le serveur refuse le message")
            if delay := _env_int("MAILTEST_DELAY_MS"):
                time.sleep(delay / 1000)
            name = f"{os.getpid()}-{number:06d}-{uuid.uuid4().hex}.eml"
            temporary = folder / f".{name}.tmp"
            temporary.write_bytes(message.message().as_bytes())
            os.rename(temporary, folder / name)
            sent += 1
        return sent
