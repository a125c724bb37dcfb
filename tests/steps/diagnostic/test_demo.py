"""The demo's diagnostic: every verdict kind, confirmed and suggested rows, opportunities."""

import pytest

from projects.demo import demo_organisation
from projects.models import ChangeRecord, Role
from steps.demo import build_demo_project
from steps.diagnostic import demo, grid, selectors
from steps.models import DiagnosticVerdict, StepStatus
from tests.factories import fill_grid


def _check_grid(project):
    lines = selectors.build_grid(project).lines
    kinds = {line.verdict.verdict for line in lines}
    assert kinds == set(grid.Verdict)
    states = {line.verdict.state for line in lines}
    assert {grid.State.SUGGESTED, grid.State.CONFIRMED} <= states
    overridden = [
        line
        for line in lines
        if line.verdict.is_confirmed and line.verdict.verdict != line.verdict.suggestion.verdict
    ]
    assert overridden and all(line.verdict.note for line in overridden)
    return lines


@pytest.mark.usefixtures("test_dimensions")
def test_demo_populate_shows_each_verdict_kind(world):
    """On any filled grid, the demo confirms some rows and overrides at least one."""
    fill_grid(world.project, 3)
    demo.populate(world.project)
    lines = _check_grid(world.project)
    stored = DiagnosticVerdict.objects.filter(project=world.project)
    assert 0 < stored.count() < len(lines)
    assert all(v.confirmed_by == world.coordinator for v in stored)
    assert ChangeRecord.objects.filter(project=world.project).count() == stored.count()


@pytest.mark.usefixtures("test_dimensions")
def test_demo_populate_without_portraits_does_nothing(world):
    """No submitted portrait: nothing to confirm."""
    demo.populate(world.project)
    assert not DiagnosticVerdict.objects.exists()


def test_demo_project_grid_opportunities_and_privacy(db):
    """The demo project: each verdict kind, at least three opportunities, no draft."""
    project = build_demo_project()
    lines = _check_grid(project)
    assert len(lines) > 20
    data = selectors.build_grid(project)
    found = grid.opportunities(data.rows, data.resource_types)
    assert len(found) >= 3
    submitted = {org.id for org in data.organisations}
    drafts = StepStatus.objects.filter(project=project, step="reflexion").exclude(
        status=StepStatus.Status.SUBMITTED
    )
    assert drafts.exists()
    assert not submitted & set(drafts.values_list("organisation_id", flat=True))
    food_bank = demo_organisation(project, "banque_alimentaire")
    kitchen = demo_organisation(project, "cuisine_collective")
    assert any(
        o.offerer.id == food_bank.pk and o.needer.id == kitchen.pk and o.resource_type
        for o in found
    )
    coordinator = project.memberships.get(role=Role.COORDINATOR).user
    assert DiagnosticVerdict.objects.filter(project=project, confirmed_by=coordinator).exists()


@pytest.mark.parametrize("name", ["grid", "potential", "opportunities", "grid_xlsx"])
def test_demo_pages_render(db, client, name):
    """The coordinator opens every diagnostic page of the demo project."""
    from django.urls import reverse

    project = build_demo_project()
    client.force_login(project.memberships.get(role=Role.COORDINATOR).user)
    response = client.get(reverse(f"steps:{name}", kwargs={"project_slug": project.slug}))
    assert response.status_code == 200
