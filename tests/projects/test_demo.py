"""`python manage.py demo`: a realistic demo project, rebuilt identically on every run."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from projects.demo import (
    ADVISOR_EMAIL,
    COORDINATOR_EMAIL,
    DEMO_ORGANISATIONS,
    DEMO_PASSWORD,
    DEMO_PROJECT_NAME,
    DEMO_PROJECT_SLUG,
)
from projects.models import Membership, Project, Role, User
from steps.demo import build_demo_project


def _run_demo(**options):
    out = io.StringIO()
    call_command("demo", stdout=out, **options)
    return out.getvalue()


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_demo_builds_the_cast(db, debug):
    """The demo has a coordinator, one partner per organisation and an advisor."""
    output = _run_demo()
    project = Project.objects.get(slug=DEMO_PROJECT_SLUG)
    assert project.name == DEMO_PROJECT_NAME
    assert project.territory == "Montérégie-Ouest"
    assert "camion réfrigéré" in project.scope.lower()
    roles = {m.user.email: m for m in project.memberships.select_related("user")}
    assert roles[COORDINATOR_EMAIL].role == Role.COORDINATOR
    assert roles[ADVISOR_EMAIL].role == Role.ADVISOR
    for data in DEMO_ORGANISATIONS.values():
        membership = roles[data["partner_email"]]
        assert membership.role == Role.PARTNER
        assert membership.organisation.name == data["name"]
        assert membership.organisation.region == "Montérégie"
        assert membership.organisation.mission
        assert membership.user.full_name == data["partner_name"]
    assert project.organisations.count() == 4
    for email in roles:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
        assert email in output
    assert DEMO_PASSWORD in output


def test_demo_is_idempotent(db, debug):
    """Running the demo twice leaves the same number of rows in every table."""
    _run_demo()
    first = _counts()
    _run_demo()
    assert _counts() == first


def test_demo_rebuilds_project_and_resets_passwords(db, debug):
    """Changes made in the demo project are undone and demo passwords restored."""
    build_demo_project()
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    coordinator.set_password("autre-chose")
    coordinator.save()
    Membership.objects.filter(user__email=ADVISOR_EMAIL).delete()
    project = build_demo_project()
    assert project.memberships.filter(user__email=ADVISOR_EMAIL).exists()
    coordinator.refresh_from_db()
    assert coordinator.check_password(DEMO_PASSWORD)


def test_demo_keeps_other_projects(world, debug):
    """Rebuilding the demo touches no other project."""
    _run_demo()
    _run_demo()
    assert Project.objects.filter(pk=world.project.pk).exists()
    assert world.project.memberships.count() == 4


def test_demo_refuses_without_debug(db, settings):
    """With DEBUG off, the demo refuses in French unless --force is given."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé.*--force"):
        _run_demo()
    assert not Project.objects.exists()


def test_demo_runs_with_force(db, settings):
    """--force builds the demo even with DEBUG off."""
    settings.DEBUG = False
    _run_demo(force=True)
    assert Project.objects.filter(slug=DEMO_PROJECT_SLUG).exists()
