"""Logic model, indicators and measurements, evaluation rounds (steps/evaluation)."""

from datetime import date
from decimal import Decimal

from steps.models import EvaluationRound, Improvement, Indicator, LogicElement, Measurement

from . import COORDINATE, POST, READ


def _indicator(world):
    return Indicator.objects.create(project=world.project, name="Livraisons", unit="livraisons")


def _measurement(world):
    return Measurement.objects.create(
        indicator=_indicator(world), date=date(2026, 3, 1), value=Decimal("12")
    )


def _round(world):
    return EvaluationRound.objects.create(
        project=world.project, date=date(2026, 6, 1), title="Bilan de mi-année"
    )


def _improvement(world):
    return Improvement.objects.create(evaluation_round=_round(world), text="Mieux planifier")


MATRIX = {
    "steps:logic_model": (READ, None),
    "steps:logic_element_create": (COORDINATE, None),
    "steps:logic_element_edit": (COORDINATE, None),
    "steps:logic_element_delete": (COORDINATE, POST),
    "steps:indicators": (READ, None),
    "steps:indicator_create": (COORDINATE, None),
    "steps:indicator_edit": (COORDINATE, None),
    "steps:indicator_delete": (COORDINATE, POST),
    "steps:measurement_add": (COORDINATE, POST),
    "steps:measurement_delete": (COORDINATE, POST),
    "steps:evaluation_rounds": (READ, None),
    "steps:evaluation_round_create": (COORDINATE, None),
    "steps:evaluation_round_edit": (COORDINATE, None),
    "steps:evaluation_round_delete": (COORDINATE, POST),
    "steps:improvement_to_action": (COORDINATE, POST),
}

URL_KWARGS = {
    "logic_element_id": lambda world: (
        LogicElement.objects.create(
            project=world.project, kind=LogicElement.Kind.ACTIVITY, text="Livrer les denrées"
        ).pk
    ),
    "indicator_id": lambda world: _indicator(world).pk,
    "measurement_id": lambda world: _measurement(world).pk,
    "evaluation_round_id": lambda world: _round(world).pk,
    "improvement_id": lambda world: _improvement(world).pk,
}
