"""The break-even chart (steps/resources/chart.py): server-built SVG, readable without colour."""

import html
import re
from decimal import Decimal

import pytest

from steps.resources.chart import cost_curve, nice_ceiling
from steps.resources.costing import CostInputs, Usage

TRUCK = CostInputs(
    consumable_cost_per_unit=Decimal("0.30"),
    purchase_price=Decimal(60000),
    residual_value=Decimal(12000),
    amortisation_years=Decimal(8),
    admin_fee_per_use=Decimal(10),
    other_costs_per_year=Decimal(3000),
)
TRIP = Usage(units=Decimal(100), hours=Decimal(4))


def plain(value: str) -> str:
    return value.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "1"), ("0.3", "0.5"), ("1", "1"), ("7", "10"), ("12", "20"), ("164", "200"),
     ("225", "250"), ("2500", "2500"), ("2501", "5000")],
)  # fmt: skip
def test_nice_ceiling_rounds_up_to_a_round_number(value, expected):
    """Axis bounds are 1, 2, 2,5 or 5 times a power of ten."""
    assert nice_ceiling(Decimal(value)) == Decimal(expected)


def test_cost_curve_is_accessible_svg():
    """role=img, a <title> and a <desc> referenced by aria-labelledby, no script."""
    chart = cost_curve(
        inputs=TRUCK, usage=TRIP, alternative=Decimal(150), uses_per_year=150, name="Camion"
    )
    svg = str(chart.svg)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for element_id in ids:
        assert f'id="{element_id}"' in svg
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org", "")
    assert "@font-face" not in svg


def test_cost_curve_marks_break_even_and_alternative_without_colour():
    """The break-even and the alternative carry labels and dash patterns, not just colour."""
    chart = cost_curve(inputs=TRUCK, usage=TRIP, alternative=Decimal(150), uses_per_year=150)
    svg = plain(str(chart.svg))
    assert "Seuil : 82 utilisations" in svg
    assert "Alternative : 150,00 $" in svg
    assert 'stroke-dasharray="8 5"' in svg  # alternative
    assert 'stroke-dasharray="2 3"' in svg  # break-even
    assert "Prévu : 150" in svg
    assert chart.x_max == 250  # at least twice the break-even and 1,5 times the uses


def test_cost_curve_text_alternative_gives_the_figures():
    """The paragraph says what the chart shows, to the cent."""
    chart = cost_curve(inputs=TRUCK, usage=TRIP, alternative=Decimal(150), uses_per_year=150)
    text = plain(chart.text)
    assert "Seuil de rentabilité : 82 utilisations par année (coût complet de 149,76 $)." in text
    assert "Avec les 150 utilisations prévues, le coût complet est de 100,00 $." in text
    assert "coût variable de 40,00 $" in text
    assert plain(chart.text) in plain(html.unescape(str(chart.svg)))  # the same words in <desc>


def test_cost_curve_without_break_even_says_so():
    """When the variable cost reaches the alternative, the text says there is no threshold."""
    chart = cost_curve(inputs=TRUCK, usage=TRIP, alternative=Decimal(35))
    assert "il n'y a pas de seuil de rentabilité" in chart.text
    assert "Seuil :" not in str(chart.svg)


def test_cost_curve_without_alternative_has_no_line():
    """No alternative price: no dashed line, no break-even."""
    chart = cost_curve(inputs=TRUCK, usage=TRIP)
    svg = str(chart.svg)
    assert 'class="alternative"' not in svg and 'class="seuil"' not in svg
    assert 'class="courbe"' in svg


def test_cost_curve_escapes_the_name():
    """The resource's name is user text: escaped in <title>."""
    chart = cost_curve(inputs=TRUCK, usage=TRIP, name='<script>alert("x")</script>')
    svg = str(chart.svg)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_cost_curve_handles_a_free_resource():
    """No cost at all: a flat line at zero, no error."""
    chart = cost_curve(inputs=CostInputs(), usage=Usage(), alternative=Decimal(10))
    assert "Seuil : 1 utilisation<" in plain(str(chart.svg))
