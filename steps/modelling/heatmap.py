"""The risk heat map: probability × impact, from plain values (no ORM, no request)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

SCALE = (1, 2, 3, 4)


class Level(StrEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    CRITICAL = "critical"


def level_of(probability: int, impact: int) -> Level:
    """Criticality of a cell: the product of both ratings, cut into four bands."""
    if probability not in SCALE or impact not in SCALE:
        raise ValueError(f"ratings go from 1 to 4: {probability} × {impact}")
    score = probability * impact
    if score >= 12:
        return Level.CRITICAL
    if score >= 8:
        return Level.HIGH
    if score >= 4:
        return Level.MODERATE
    return Level.LOW


@dataclass(frozen=True)
class RiskPoint:
    probability: int
    impact: int
    title: str


@dataclass
class Cell:
    probability: int
    impact: int
    level: Level
    titles: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.titles)


@dataclass
class HeatMap:
    rows: list[list[Cell]]  # probability 4 (top) down to 1; impact 1 to 4 left to right

    @property
    def total(self) -> int:
        return sum(cell.count for row in self.rows for cell in row)

    def cell(self, probability: int, impact: int) -> Cell:
        return self.rows[len(SCALE) - probability][impact - 1]


def heat_map(points: Iterable[RiskPoint]) -> HeatMap:
    """Place each risk in its cell; the most probable row comes first, as it is drawn."""
    rows = [
        [Cell(probability, impact, level_of(probability, impact)) for impact in SCALE]
        for probability in reversed(SCALE)
    ]
    grid = HeatMap(rows)
    for point in points:
        grid.cell(point.probability, point.impact).titles.append(point.title)
    return grid
