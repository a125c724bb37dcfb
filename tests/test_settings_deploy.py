"""Production settings pass Django's deployment checks; bad settings fail loudly."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from mutualisation import checks

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]


def production_env(**overrides: str) -> dict[str, str]:
    """Return a bare environment like a server's: no DEBUG, no test settings."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "mutualisation.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "mutualisation.example",
        "SITE_URL": "https://mutualisation.example",
    }
    env |= overrides
    return {key: value for key, value in env.items() if value is not None}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 — fixed arguments, our own manage.py
        [*MANAGE, *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_check_deploy_production_settings_are_clean():
    """`check --deploy` with production variables reports no issue at all."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    output = result.stdout + result.stderr
    # Only the font-subsetting warning may show, and only on a machine without the library.
    expected = set() if checks.harfbuzz_subset_available() else {"mutualisation.W001"}
    assert set(re.findall(r"\(([\w.]+\.[WE]\d{3})\)", output)) == expected, output
    assert (result.returncode == 0) == (not expected), output


@pytest.mark.slow
def test_check_deploy_warns_without_site_url():
    """Links in the mails of the jobs need SITE_URL: `check --deploy` says so."""
    result = manage("check", "--deploy", env=production_env(SITE_URL=None))

    assert "mutualisation.W003" in result.stdout + result.stderr


def test_settings_without_secret_key_fail_when_debug_is_off():
    """DEBUG off and no SECRET_KEY: the app refuses to start and says why."""
    result = manage("check", env=production_env(SECRET_KEY=None))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


@pytest.mark.slow
def test_settings_debug_runs_without_secret_key():
    """DEBUG=1 works without a SECRET_KEY, for a newcomer's laptop."""
    result = manage("check", env=production_env(SECRET_KEY=None, DEBUG="1"))

    assert result.returncode == 0, result.stderr


def test_settings_database_follows_database_url():
    """The suite runs on the database DATABASE_URL names (SQLite when unset)."""
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


@pytest.mark.parametrize(
    ("library", "expected_ids"),
    [("libharfbuzz-subset.so.0", []), (None, [checks.HARFBUZZ_SUBSET_MISSING])],
)
def test_check_harfbuzz_subset_warns_only_when_missing(monkeypatch, library, expected_ids):
    """A missing libharfbuzz-subset gives the start-up warning mutualisation.W001."""
    monkeypatch.setattr(checks.ctypes.util, "find_library", lambda name: library)

    assert [message.id for message in checks.check_harfbuzz_subset()] == expected_ids


def test_check_harfbuzz_subset_is_registered(monkeypatch):
    """The check runs with Django's system checks (runserver, check, migrate)."""
    from django.core.checks import run_checks

    monkeypatch.setattr(checks.ctypes.util, "find_library", lambda name: None)

    assert checks.HARFBUZZ_SUBSET_MISSING in [message.id for message in run_checks()]
