"""The demo data of the réalisation and évaluation tools."""

import pytest
from django.utils import timezone

from projects.demo import DEMO_ORGANISATIONS
from projects.models import Role
from steps.evaluation import demo as evaluation_demo
from steps.models import (
    Action,
    Axis,
    EvaluationRound,
    Indicator,
    LogicElement,
    StrategicVision,
    Strategy,
)
from steps.planning import demo as planning_demo
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory


@pytest.fixture
def demo_project(db):
    project = ProjectFactory()
    for data in DEMO_ORGANISATIONS.values():
        project.organisations.add(OrganisationFactory(name=data["name"]))
    MembershipFactory(project=project, role=Role.COORDINATOR)
    planning_demo.populate(project)
    evaluation_demo.populate(project)
    return project


def test_demo_strategic_plan(demo_project):
    """A vision, values and three axes, each with orientations and strategies."""
    vision = StrategicVision.objects.get(project=demo_project)
    assert vision.vision and len(vision.values_list) >= 3
    axes = Axis.objects.filter(project=demo_project)
    assert axes.count() == 3
    for axis in axes:
        assert axis.orientations.exists()
    assert Strategy.objects.filter(orientation__axis__project=demo_project).count() >= 6


def test_demo_action_plan_is_lively(demo_project):
    """About twelve actions across the four organisations, some overdue, some done."""
    actions = list(Action.objects.filter(project=demo_project))
    assert len(actions) >= 12
    assert len({a.organisation_id for a in actions}) == 4
    today = timezone.localdate()
    assert sum(a.is_overdue(today) for a in actions) >= 2
    assert sum(a.status == Action.Status.DONE for a in actions) >= 2


def test_demo_evaluation(demo_project):
    """A logic model with every kind, four measured indicators, and a round whose
    improvement became an action of the plan."""
    kinds = set(LogicElement.objects.filter(project=demo_project).values_list("kind", flat=True))
    assert kinds == set(LogicElement.Kind.values)
    assert LogicElement.objects.filter(
        project=demo_project, origin=LogicElement.Origin.DISCOVERED
    ).exists()
    indicators = Indicator.objects.filter(project=demo_project)
    assert indicators.count() == 4
    assert all(indicator.measurements.count() >= 3 for indicator in indicators)
    evaluation_round = EvaluationRound.objects.get(project=demo_project)
    turned = [i for i in evaluation_round.improvements.all() if i.action_id]
    assert len(turned) == 1
    assert turned[0].action.created_from == turned[0]
    assert turned[0].action.organisation is not None
