"""Test data of the réalisation and évaluation tools: plans, actions, logic model,
indicators and evaluation rounds."""

from datetime import date
from decimal import Decimal

import factory

from steps.models import (
    Action,
    Axis,
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    Orientation,
    Strategy,
)
from tests.factories import OrganisationFactory, ProjectFactory


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Axe d'intervention {n}")
    order = factory.Sequence(lambda n: n + 1)


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    axis = factory.SubFactory(AxisFactory)
    title = factory.Sequence(lambda n: f"Orientation {n}")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    orientation = factory.SubFactory(OrientationFactory)
    title = factory.Sequence(lambda n: f"Stratégie {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = date(2026, 3, 1)
    due_date = date(2026, 5, 15)


class LogicElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogicElement

    project = factory.SubFactory(ProjectFactory)
    kind = LogicElement.Kind.ACTIVITY
    text = factory.Sequence(lambda n: f"Élément {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "livraisons"
    baseline = Decimal("10")
    target = Decimal("40")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = date(2026, 3, 1)
    value = Decimal("12")


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationRound

    project = factory.SubFactory(ProjectFactory)
    date = date(2026, 6, 1)
    title = factory.Sequence(lambda n: f"Bilan {n}")


class ImprovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Improvement

    evaluation_round = factory.SubFactory(EvaluationRoundFactory)
    text = factory.Sequence(lambda n: f"Amélioration {n}")
