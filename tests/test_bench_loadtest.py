"""The load test's preparation: accounts, reopened portraits and the URLs people visit.

(loadtest/locustfile.py itself is not imported here: importing locust patches the
standard library with gevent, which the test process must not have.)
"""

import importlib.util
import json
from pathlib import Path

import pytest
from django.conf import settings

from projects.models import Project, User
from steps.models import StepStatus

pytestmark = pytest.mark.django_db


def load_prepare():
    path = Path(settings.BASE_DIR) / "loadtest" / "prepare.py"
    spec = importlib.util.spec_from_file_location("loadtest_prepare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_loadtest_prepare_lists_every_member_with_a_working_password(tmp_path, client):
    """Each member of both projects is listed and logs in with the generated password."""
    output = tmp_path / "users.json"

    load_prepare().main(["--organisations", "3", "-o", str(output)])

    document = json.loads(output.read_text(encoding="utf-8"))
    assert output.stat().st_mode & 0o777 == 0o600
    personas = document["personas"]
    assert {p["project"] for p in personas} == set(Project.objects.values_list("slug", flat=True))
    assert {p["role"] for p in personas} == {"coordinator", "partner", "advisor"}
    emails = {p["email"] for p in personas}
    assert emails == set(
        User.objects.filter(memberships__isnull=False).values_list("email", flat=True)
    )
    user = User.objects.get(email=personas[0]["email"])
    assert user.check_password(document["password"])
    for persona in personas:
        assert client.get(persona["dashboard"]).status_code == 302  # not logged in: login page


def test_loadtest_prepare_reopens_every_other_portrait(tmp_path):
    """Half the portraits are editable again (autosaves), the rest stay submitted (grid)."""
    load_prepare().main(["--organisations", "4", "-o", str(tmp_path / "users.json")])

    for project in Project.objects.all():
        statuses = StepStatus.objects.filter(
            project=project, step="reflexion", organisation__isnull=False
        ).order_by("organisation_id")
        states = [status.status for status in statuses]
        assert StepStatus.Status.SUBMITTED not in states[1::2]
        assert StepStatus.Status.REOPENED in states[1::2]
        assert StepStatus.Status.SUBMITTED in states[0::2]


def test_loadtest_prepare_refuses_a_database_with_projects(world, tmp_path):
    """Passwords are changed: only a fresh database is accepted."""
    with pytest.raises(SystemExit, match="base neuve"):
        load_prepare().main(["--organisations", "0", "-o", str(tmp_path / "users.json")])
