"""The cost-of-use calculator: everyone in the project reads, the coordination edits."""

from datetime import date
from decimal import Decimal

from . import COORDINATE, POST, READ

MATRIX = {
    "steps:resources": (READ, None),
    "steps:resource_create": (COORDINATE, None),
    "steps:resource_preview": (COORDINATE, POST),
    "steps:resource_detail": (READ, None),
    "steps:resource_edit": (COORDINATE, None),
    "steps:resource_delete": (COORDINATE, None),
    "steps:commitments": (COORDINATE, None),
    "steps:usage": (READ, None),
    "steps:usage_add": (COORDINATE, POST),
    "steps:usage_delete": (COORDINATE, POST),
}


def _resource(world):
    from steps.models import PooledResource

    resource, _created = PooledResource.objects.get_or_create(
        project=world.project,
        name="Camion de la matrice",
        defaults={
            "usage_unit": "km",
            "consumable_cost_per_unit": Decimal("0.30"),
            "units_per_use": Decimal(100),
            "hours_per_use": Decimal(4),
            "alternative_price_per_use": Decimal(250),
        },
    )
    return resource


def _usage(world):
    from steps.models import UsageRecord

    record, _created = UsageRecord.objects.get_or_create(
        resource=_resource(world), organisation=world.org_a, date=date(2026, 3, 1), uses=2
    )
    return record


URL_KWARGS = {
    "resource_id": lambda world: _resource(world).pk,
    "usage_id": lambda world: _usage(world).pk,
}
