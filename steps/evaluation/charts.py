"""The geometry of an indicator's small chart (values over time, target), ORM-free.

`indicator_chart(points, target=…, baseline=…)` returns positions the template draws as
SVG: the line of measurements, a dashed line for the target, a dotted one for the
baseline, a few value ticks and the first and last dates. Values stay Decimal for the
labels; positions are plain floats (pixels).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

WIDTH = 360
HEIGHT = 170
LEFT = 52  # room for the value ticks
RIGHT = 12
TOP = 12
BOTTOM = 28  # room for the dates


@dataclass(frozen=True)
class Point:
    day: date
    value: Decimal
    x: float
    y: float


@dataclass(frozen=True)
class Tick:
    value: Decimal
    y: float

    @property
    def places(self) -> int:
        """Decimals worth showing in the label: 50 → 0, 12.5 → 1, 0.25 → 2."""
        return min(max(-self.value.normalize().as_tuple().exponent, 0), 2)


@dataclass(frozen=True)
class IndicatorChart:
    width: int
    height: int
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    target: Decimal | None
    target_y: float | None
    baseline: Decimal | None
    baseline_y: float | None
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def is_empty(self) -> bool:
        return not self.points

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def date_label_y(self) -> int:
        return self.height - 8


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 × 10^n at least `value` (for a readable axis)."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        candidate = step * Decimal(10) ** exponent
        if candidate >= value:
            return candidate
    return Decimal(10) ** (exponent + 1)  # not reached: 10 × 10^n ≥ value


def indicator_chart(
    points: Sequence[tuple[date, Decimal]],
    *,
    target: Decimal | None = None,
    baseline: Decimal | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> IndicatorChart:
    """Place measurements (date, value), the target and the baseline in a small chart."""
    points = sorted(points, key=lambda p: p[0])
    values = [Decimal(v) for _d, v in points]
    references = [v for v in (target, baseline) if v is not None]
    low = min([Decimal(0), *values, *references])
    high = max([Decimal(0), *values, *references])
    top = nice_ceiling(high) if high > 0 else Decimal(0)
    bottom = -nice_ceiling(-low) if low < 0 else Decimal(0)
    if top == bottom:
        top = bottom + 1
    plot_top, plot_bottom = TOP, height - BOTTOM
    plot_left, plot_right = LEFT, width - RIGHT

    def y_of(value: Decimal) -> float:
        share = float((Decimal(value) - bottom) / (top - bottom))
        return round(plot_bottom - share * (plot_bottom - plot_top), 1)

    placed = []
    if points:
        first_day, last_day = points[0][0], points[-1][0]
        span = (last_day - first_day).days
        for day, value in points:
            if span == 0:
                x = (plot_left + plot_right) / 2
            else:
                x = plot_left + (day - first_day).days / span * (plot_right - plot_left)
            placed.append(Point(day, Decimal(value), round(x, 1), y_of(value)))

    step = (top - bottom) / 4
    ticks = tuple(Tick(bottom + step * i, y_of(bottom + step * i)) for i in range(5))
    return IndicatorChart(
        width=width,
        height=height,
        points=tuple(placed),
        ticks=ticks,
        target=target,
        target_y=y_of(target) if target is not None else None,
        baseline=baseline,
        baseline_y=y_of(baseline) if baseline is not None else None,
        right_edge=plot_right,
        plot_bottom=plot_bottom,
    )
