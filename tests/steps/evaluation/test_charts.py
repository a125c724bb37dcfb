"""The geometry of the indicator charts and of the logic model diagram (ORM-free)."""

from datetime import date
from decimal import Decimal

import pytest

from steps.evaluation.charts import HEIGHT, LEFT, TOP, WIDTH, indicator_chart, nice_ceiling
from steps.evaluation.diagram import BOX_WIDTH, COLUMN_GAP, Node, layout, wrap

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "1"),
        ("0.3", "0.5"),
        ("7", "10"),
        ("40", "50"),
        ("100", "100"),
        ("101", "200"),
        ("230", "250"),
        ("1234", "2000"),
        ("4620", "5000"),
    ],
)
def test_chart_nice_ceiling(value, expected):
    """The axis tops out at the next 1, 2, 2.5 or 5 × 10^n."""
    assert nice_ceiling(D(value)) == D(expected)


def test_chart_places_points_by_date_and_value():
    """The first measurement is at the left, the last at the right, higher is higher."""
    chart = indicator_chart(
        [(date(2026, 7, 1), D("30")), (date(2026, 1, 1), D("10"))], target=D("40")
    )
    first, last = chart.points
    assert first.day == date(2026, 1, 1)  # sorted by date
    assert first.x == LEFT and last.x == WIDTH - 12
    assert last.y < first.y
    assert chart.polyline == f"{first.x:.1f},{first.y:.1f} {last.x:.1f},{last.y:.1f}"


def test_chart_target_line_is_placed_on_the_scale():
    """With a target of 40 on a 0–50 scale, the dashed line is at 80 % of the height."""
    chart = indicator_chart([(date(2026, 1, 1), D("10"))], target=D("40"))
    plot_height = HEIGHT - 28 - TOP
    assert chart.target_y == pytest.approx(HEIGHT - 28 - 0.8 * plot_height, abs=0.1)
    assert [t.value for t in chart.ticks] == [D("0"), D("12.5"), D("25"), D("37.5"), D("50")]
    assert [t.places for t in chart.ticks] == [0, 1, 0, 1, 0]


@pytest.mark.parametrize(
    ("values", "target", "baseline", "low", "high"),
    [
        (["5", "8"], None, None, "0", "10"),
        (["5"], "40", "2", "0", "50"),
        (["-3", "4"], None, None, "-5", "5"),
        (["0"], None, None, "0", "1"),
    ],
)
def test_chart_scale_includes_values_target_and_zero(values, target, baseline, low, high):
    """The scale covers zero, every value, the target and the baseline."""
    chart = indicator_chart(
        [(date(2026, 1, i + 1), D(v)) for i, v in enumerate(values)],
        target=D(target) if target else None,
        baseline=D(baseline) if baseline else None,
    )
    assert (chart.ticks[0].value, chart.ticks[-1].value) == (D(low), D(high))
    for point in chart.points:
        assert TOP <= point.y <= HEIGHT - 28


def test_chart_single_measurement_is_centred():
    """One measurement is drawn in the middle of the chart."""
    chart = indicator_chart([(date(2026, 1, 1), D("3"))])
    assert chart.points[0].x == pytest.approx((LEFT + WIDTH - 12) / 2)


def test_chart_without_measurements_is_empty():
    """No measurement: an empty chart that still shows the target."""
    chart = indicator_chart([], target=D("10"))
    assert chart.is_empty and chart.polyline == "" and chart.target_y is not None


COLUMNS = [("resource", "Ressources"), ("activity", "Activités"), ("output", "Réalisations")]


def test_diagram_stacks_boxes_in_their_columns():
    """Boxes go in their kind's column, one under the other."""
    diagram = layout(
        COLUMNS,
        [
            Node(1, "resource", "Camion"),
            Node(2, "resource", "Locaux"),
            Node(3, "output", "Livraisons"),
        ],
    )
    boxes = {box.key: box for box in diagram.boxes}
    assert boxes[1].x == boxes[2].x == diagram.columns[0].x
    assert boxes[2].y > boxes[1].y + boxes[1].height
    assert (
        boxes[3].x == diagram.columns[2].x == diagram.columns[0].x + 2 * (BOX_WIDTH + COLUMN_GAP)
    )


def test_diagram_connectors_go_from_source_to_target():
    """A link becomes a curve from the source's right edge to the target's left edge."""
    diagram = layout(
        COLUMNS,
        [Node(1, "resource", "Camion", leads_to=(2, 99, 1)), Node(2, "activity", "Tournées")],
    )
    assert [(c.source, c.target) for c in diagram.connectors] == [(1, 2)]  # unknown and self out
    boxes = {box.key: box for box in diagram.boxes}
    path = diagram.connectors[0].path
    assert path.startswith(f"M{boxes[1].x + boxes[1].width:.1f},")
    assert path.endswith(f"{boxes[2].x - 2:.1f},{boxes[2].y + boxes[2].height / 2:.1f}")


def test_diagram_backward_and_same_column_links_are_drawn():
    """Links to an earlier or the same column still get a connector."""
    diagram = layout(
        COLUMNS,
        [
            Node(1, "activity", "A", leads_to=(2, 3)),
            Node(2, "resource", "R"),
            Node(3, "activity", "B"),
        ],
    )
    assert len(diagram.connectors) == 2


def test_diagram_note_and_dashed_flag_are_kept():
    """A discovered effect keeps its note line and dashed border, and a taller box."""
    plain, noted = layout(
        COLUMNS,
        [
            Node(1, "output", "Effet"),
            Node(2, "output", "Effet", note="découvert en cours de route", dashed=True),
        ],
    ).boxes
    assert noted.dashed and noted.note and noted.height > plain.height


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Camion", ["Camion"]),
        (
            "Camion réfrigéré partagé entre quatre organismes",
            ["Camion réfrigéré partagé", "entre quatre organismes"],
        ),
        ("  espaces   en\ntrop ", ["espaces en trop"]),
    ],
)
def test_diagram_wrap(text, lines):
    """Text wraps on word boundaries into lines of 24 characters at most."""
    assert wrap(text) == lines


def test_diagram_wrap_cuts_long_text():
    """Overly long text keeps six lines, the last one ending with « … »."""
    wrapped = wrap("mot " * 100)
    assert len(wrapped) == 6
    assert wrapped[-1].endswith("…") and all(len(line) <= 24 for line in wrapped)
