"""Every model change of our apps comes with its migration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

# Our own apps: those whose code lives in this repository, not in the virtualenv.
LOCAL_APPS = sorted(
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR)
    and not Path(config.path).is_relative_to(settings.BASE_DIR / ".venv")
)


@pytest.mark.slow
@pytest.mark.parametrize("app_label", LOCAL_APPS)
def test_migrations_none_missing(app_label):
    """`makemigrations --check --dry-run` finds nothing to write for the app."""
    # A subprocess: the test run itself disables migrations (--nomigrations).
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "sqlite://:memory:",
    }
    result = subprocess.run(  # noqa: S603 — fixed arguments, our own manage.py
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run", app_label],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
