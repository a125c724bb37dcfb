"""Reads of the évaluation tools, each in a fixed number of queries.

Used by the pages and by the reports (PDF): `logic_model(project)`,
`indicators_with_charts(project)`, `evaluation_rounds(project)`.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import format_date, format_number, format_short_date
from steps.models import (
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    TargetAssessment,
)

from .charts import IndicatorChart, indicator_chart
from .diagram import Diagram, Node, layout


@dataclass(frozen=True)
class LogicColumn:
    kind: str
    label: str
    elements: list[LogicElement]


@dataclass(frozen=True)
class LogicModel:
    columns: list[LogicColumn]
    diagram: Diagram
    by_pk: dict[int, LogicElement]

    @property
    def is_empty(self) -> bool:
        return not self.by_pk


def logic_model(project) -> LogicModel:
    """The elements of the logic model by column, and their diagram (2 queries)."""
    elements = list(
        LogicElement.objects.filter(project=project).prefetch_related(
            Prefetch("leads_to", queryset=LogicElement.objects.only("pk", "text", "kind"))
        )
    )
    kinds = list(LogicElement.Kind.choices)
    nodes = []
    for element in elements:
        note = ""
        if element.is_effect:
            note = _("découvert en cours de route") if element.is_discovered else _("anticipé")
        nodes.append(
            Node(
                key=element.pk,
                column=element.kind,
                text=element.text,
                note=note,
                dashed=element.is_discovered,
                leads_to=tuple(target.pk for target in element.leads_to.all()),
            )
        )
    columns = [
        LogicColumn(kind, str(label), [e for e in elements if e.kind == kind])
        for kind, label in kinds
    ]
    diagram = layout([(kind, str(label)) for kind, label in kinds], nodes)
    return LogicModel(columns=columns, diagram=diagram, by_pk={e.pk: e for e in elements})


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    measurements: list[Measurement]
    chart: IndicatorChart
    # The chart's words, written once here rather than by filters in its template.
    description: str = ""  # the chart in a sentence, for screen readers
    ticks: tuple[tuple[float, str], ...] = ()  # (y, value label) of each value tick
    first_label: str = ""  # the first and last dates, under the chart
    last_label: str = ""

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None


def _chart_words(indicator, measurements, chart) -> dict:
    """The sentence and labels of an indicator's chart."""
    if chart.is_empty:
        description = _("Aucune mesure pour l'instant.")
    else:
        total = len(chart.points)
        description = ngettext(
            "%(total)s mesure : %(first_value)s le %(first_date)s.",
            "%(total)s mesures, de %(first_value)s le %(first_date)s à %(last_value)s le "
            "%(last_date)s.",
            total,
        ) % {
            "total": total,
            "first_value": measurements[0].value_display,
            "first_date": format_date(chart.first.day),
            "last_value": measurements[-1].value_display,
            "last_date": format_date(chart.last.day),
        }
    if indicator.target is not None:
        description += " " + _("Cible : %(target)s.") % {"target": indicator.target_display}
    return {
        "description": description,
        "ticks": tuple((tick.y, format_number(tick.value, tick.places)) for tick in chart.ticks),
        "first_label": format_short_date(chart.first.day) if chart.first else "",
        "last_label": format_short_date(chart.last.day) if chart.last else "",
    }


def indicators_with_charts(project) -> list[IndicatorView]:
    """The indicators, their effect, action, measurements and chart (2 queries)."""
    indicators = (
        Indicator.objects.filter(project=project)
        .select_related("effect", "action")
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("date")))
    )
    views = []
    for indicator in indicators:
        measurements = list(indicator.measurements.all())
        chart = indicator_chart(
            [(m.date, m.value) for m in measurements],
            target=indicator.target,
            baseline=indicator.baseline,
        )
        words = _chart_words(indicator, measurements, chart)
        views.append(IndicatorView(indicator, measurements, chart, **words))
    return views


def evaluation_rounds(project) -> list[EvaluationRound]:
    """Rounds, newest first, with their assessments (and indicators), improvements and
    the actions these became (3 queries)."""
    return list(
        EvaluationRound.objects.filter(project=project).prefetch_related(
            Prefetch(
                "assessments",
                queryset=TargetAssessment.objects.select_related("indicator"),
            ),
            Prefetch("improvements", queryset=Improvement.objects.select_related("action")),
        )
    )
