"""The strategic plan: vision and values, axes, orientations and strategies."""

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord
from steps.models import Axis, Orientation, StrategicVision, Strategy
from steps.planning.selectors import strategic_plan
from tests.factories import AxisFactory, OrientationFactory, StrategyFactory


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def test_strategic_plan_page_shows_the_three_parts(world, client_as):
    """Vision, values, numbered axes with orientations and strategies, for any member."""
    StrategicVision.objects.create(
        project=world.project, vision="Nourrir mieux ensemble.", values="Solidarité\nÉquité"
    )
    axis = AxisFactory(project=world.project, title="Logistique partagée")
    orientation = OrientationFactory(axis=axis, title="Un camion pour tous")
    StrategyFactory(orientation=orientation, title="Un calendrier commun")
    html = client_as(world.partner_b).get(_url(world, "strategic_plan")).content.decode()
    for text in [
        "Nourrir mieux ensemble.",
        "<li>Solidarité</li>",
        "<li>Équité</li>",
        "Axe 1 : Logistique partagée",
        "Orientation 1.1 : Un camion pour tous",
        "Un calendrier commun",
    ]:
        assert text in html
    assert _url(world, "axis_create") not in html  # partners read only


def test_strategic_plan_page_says_when_empty(world, client_as):
    """An empty plan says so and offers the coordinator to start it."""
    html = client_as(world.coordinator).get(_url(world, "strategic_plan")).content.decode()
    assert "n'ont pas encore été écrites" in html.replace("&#x27;", "'")
    assert "Aucun axe d'intervention pour l'instant." in html.replace("&#x27;", "'")
    assert _url(world, "axis_create") in html


def test_strategic_vision_edit_creates_then_updates_with_history(world, client_as):
    """The first save creates the vision, the next one records what changed."""
    client = client_as(world.coordinator)
    url = _url(world, "strategic_vision_edit")
    assert client.post(url, {"vision": "Première", "values": "Solidarité"}).status_code == 302
    assert client.post(url, {"vision": "Seconde", "values": "Solidarité"}).status_code == 302
    vision = StrategicVision.objects.get(project=world.project)
    assert vision.vision == "Seconde"
    kinds = [record.kind for record in history_for(vision)]
    assert kinds == [ChangeRecord.Kind.UPDATED, ChangeRecord.Kind.CREATED]


def test_axis_create_is_numbered_after_the_last(world, client_as):
    """A new axis is proposed at the next position and saved in the project."""
    AxisFactory(project=world.project, order=4)
    client = client_as(world.coordinator)
    response = client.get(_url(world, "axis_create"))
    assert response.context["form"].initial["order"] == 5
    response = client.post(
        _url(world, "axis_create"), {"title": "Communication", "description": "", "order": 5}
    )
    assert response.status_code == 302
    assert Axis.objects.filter(project=world.project, title="Communication").exists()


@pytest.mark.parametrize(
    ("name", "make_args", "message"),
    [
        ("axis_create", lambda world: [], "Donnez un titre à l'axe."),
        (
            "orientation_create",
            lambda world: [AxisFactory(project=world.project).pk],
            "Donnez un titre à l'orientation.",
        ),
        (
            "strategy_create",
            lambda world: [OrientationFactory(axis__project=world.project).pk],
            "Décrivez la stratégie.",
        ),
    ],
)
def test_plan_forms_require_a_title_in_french(world, client_as, name, make_args, message):
    """Every part of the plan needs a title; the message says so in French."""
    response = client_as(world.coordinator).post(
        _url(world, name, *make_args(world)), {"title": "", "description": "Gardé", "order": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [message]


def test_orientation_and_strategy_create_attach_to_their_parent(world, client_as):
    """An orientation goes under its axis, a strategy under its orientation."""
    axis = AxisFactory(project=world.project)
    client = client_as(world.coordinator)
    client.post(_url(world, "orientation_create", axis.pk), {"title": "O", "order": 1})
    orientation = Orientation.objects.get(axis=axis)
    client.post(_url(world, "strategy_create", orientation.pk), {"title": "S", "order": 1})
    strategy = Strategy.objects.get(orientation=orientation)
    assert history_for(strategy).get().project == world.project


def test_plan_objects_of_another_project_are_404(world, client_as):
    """Axes, orientations and strategies of another project are not reachable."""
    strategy = StrategyFactory()
    client = client_as(world.coordinator)
    orientation, axis = strategy.orientation, strategy.orientation.axis
    for name, pk in [
        ("axis_edit", axis.pk),
        ("orientation_edit", orientation.pk),
        ("orientation_create", axis.pk),
        ("strategy_edit", strategy.pk),
        ("strategy_create", orientation.pk),
    ]:
        assert client.get(_url(world, name, pk)).status_code == 404, name


def test_axis_delete_removes_its_orientations_and_strategies(world, client_as):
    """Deleting an axis deletes what hangs under it and keeps a trace."""
    strategy = StrategyFactory(orientation__axis__project=world.project)
    axis = strategy.orientation.axis
    response = client_as(world.coordinator).post(_url(world, "axis_delete", axis.pk))
    assert response.status_code == 302
    assert not Strategy.objects.exists() and not Orientation.objects.exists()
    assert ChangeRecord.objects.get(kind=ChangeRecord.Kind.DELETED).object_label == axis.title


def test_strategy_edit_records_the_change(world, client_as):
    """Editing a strategy keeps its old text in the history of the project."""
    strategy = StrategyFactory(orientation__axis__project=world.project, title="Avant")
    client_as(world.coordinator).post(
        _url(world, "strategy_edit", strategy.pk), {"title": "Après", "order": 1}
    )
    record = history_for(strategy).get()
    assert record.changes["title"] == ["Avant", "Après"]
    assert record.project == world.project


def test_strategic_plan_selector_query_count(world, django_assert_num_queries):
    """The whole plan is read in four queries, however many axes and orientations."""
    for _ in range(4):
        orientation = OrientationFactory(axis__project=world.project)
        StrategyFactory.create_batch(3, orientation=orientation)
    with django_assert_num_queries(4):
        plan = strategic_plan(world.project)
        titles = [
            s.title for a in plan.axes for o in a.orientations.all() for s in o.strategies.all()
        ]
    assert len(titles) == 12
