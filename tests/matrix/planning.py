"""Strategic plan, action plan and communication plan (steps/planning)."""

from steps.models import Action, Axis, CommunicationItem, Orientation, Strategy

from . import COORDINATE, POST, READ, profile

# A partner updates the actions of its own organisation (world.org_a); POST-only.
ACTION_STATUS = profile(302, 404, 200, 403, 403, 200)


def _axis(world):
    return Axis.objects.create(project=world.project, title="Logistique partagée")


def _orientation(world):
    return Orientation.objects.create(axis=_axis(world), title="Un camion pour tous")


def _strategy(world):
    return Strategy.objects.create(orientation=_orientation(world), title="Réserver en ligne")


def _communication_item(world):
    item, _created = CommunicationItem.objects.get_or_create(
        project=world.project,
        audience="Conseils d'administration",
        defaults={"message": "Présenter l'entente.", "period": "Printemps"},
    )
    return item.pk


def _action(world):
    return Action.objects.create(
        project=world.project, title="Acheter le camion", organisation=world.org_a
    )


MATRIX = {
    "steps:strategic_plan": (READ, None),
    "steps:strategic_vision_edit": (COORDINATE, None),
    "steps:axis_create": (COORDINATE, None),
    "steps:axis_edit": (COORDINATE, None),
    "steps:axis_delete": (COORDINATE, POST),
    "steps:orientation_create": (COORDINATE, None),
    "steps:orientation_edit": (COORDINATE, None),
    "steps:orientation_delete": (COORDINATE, POST),
    "steps:strategy_create": (COORDINATE, None),
    "steps:strategy_edit": (COORDINATE, None),
    "steps:strategy_delete": (COORDINATE, POST),
    "steps:actions": (READ, None),
    "steps:action_timeline": (READ, None),
    "steps:action_create": (COORDINATE, None),
    "steps:action_edit": (COORDINATE, None),
    "steps:action_delete": (COORDINATE, POST),
    "steps:action_status": (ACTION_STATUS, POST),
    "steps:communication": (READ, None),
    "steps:communication_item_create": (COORDINATE, None),
    "steps:communication_item_edit": (COORDINATE, None),
    "steps:communication_item_delete": (COORDINATE, POST),
}

URL_KWARGS = {
    "axis_id": lambda world: _axis(world).pk,
    "orientation_id": lambda world: _orientation(world).pk,
    "strategy_id": lambda world: _strategy(world).pk,
    "action_id": lambda world: _action(world).pk,
    "communication_item_id": _communication_item,
}
