"""The layout of the logic model as a diagram in columns with arrows, ORM-free.

`layout(columns, nodes)` stacks the boxes of each column (text wrapped to the box),
then draws a connector from every box to each box it leads to. The template draws the
result as SVG with presentation attributes, so it prints and needs no script.
"""

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mutualisation.typography import one_line

BOX_WIDTH = 172
COLUMN_GAP = 46
MARGIN = 12
HEADER_HEIGHT = 40
BOX_GAP = 14
LINE_HEIGHT = 15
BOX_PADDING = 8
CHARS_PER_LINE = 24
MAX_LINES = 6


@dataclass(frozen=True)
class Node:
    """An element to place: `column` is one of the column keys given to `layout`."""

    key: Any
    column: str
    text: str
    note: str = ""  # a short line under the text, e.g. « découvert en cours de route »
    dashed: bool = False
    leads_to: tuple = ()


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    x: float
    width: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Box:
    key: Any
    column: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    note: str = ""
    dashed: bool = False
    line_ys: tuple[float, ...] = field(default=())

    @property
    def placed_lines(self) -> tuple[tuple[float, str], ...]:
        """(baseline y, text) of each line of the box."""
        return tuple(zip(self.line_ys, self.lines, strict=True))

    @property
    def text_x(self) -> float:
        return self.x + BOX_PADDING

    @property
    def note_y(self) -> float:
        return self.y + self.height - BOX_PADDING


@dataclass(frozen=True)
class Connector:
    source: Any
    target: Any
    path: str


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    columns: tuple[Column, ...]
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]

    @property
    def is_empty(self) -> bool:
        return not self.boxes


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> list[str]:
    """Wrap text on word boundaries; the last kept line ends with « … » when cut."""
    lines = textwrap.wrap(one_line(text), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _curve(*points: tuple[float, float]) -> str:
    """An SVG cubic Bézier path: start, two control points, end."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    return f"M{x0:.1f},{y0:.1f} C{x1:.1f},{y1:.1f} {x2:.1f},{y2:.1f} {x3:.1f},{y3:.1f}"


def _connector_path(source: Box, target: Box) -> str:
    """A smooth curve from one box to another, ending where the arrowhead goes."""
    sy, ty = source.y + source.height / 2, target.y + target.height / 2
    if target.x > source.x:  # forward: right edge → left edge
        sx, tx = source.x + source.width, target.x - 2
        bend = max((tx - sx) / 2, 12)
        return _curve((sx, sy), (sx + bend, sy), (tx - bend, ty), (tx, ty))
    if target.x < source.x:  # backward: left edge → right edge
        sx, tx = source.x, target.x + target.width + 2
        bend = max((sx - tx) / 2, 12)
        return _curve((sx, sy), (sx - bend, sy), (tx + bend, ty), (tx, ty))
    # Same column: loop out on the right side.
    sx = source.x + source.width
    bulge = sx + COLUMN_GAP * 0.8
    return _curve((sx, sy), (bulge, sy), (bulge, ty), (sx + 2, ty))


def layout(columns: Sequence[tuple[str, str]], nodes: Sequence[Node]) -> Diagram:
    """Place `nodes` in `columns` ((key, label) pairs, left to right) and link them."""
    placed_columns = tuple(
        Column(key, label, MARGIN + i * (BOX_WIDTH + COLUMN_GAP), BOX_WIDTH)
        for i, (key, label) in enumerate(columns)
    )
    by_column = {column.key: column for column in placed_columns}
    next_y = {column.key: HEADER_HEIGHT for column in placed_columns}
    boxes: dict[Any, Box] = {}
    for node in nodes:
        column = by_column.get(node.column)
        if column is None:
            continue
        lines = wrap(node.text)
        extra = 1 if node.note else 0
        height = BOX_PADDING * 2 + (len(lines) + extra) * LINE_HEIGHT
        y = next_y[column.key]
        first_baseline = y + BOX_PADDING + LINE_HEIGHT - 4
        boxes[node.key] = Box(
            key=node.key,
            column=column.key,
            x=column.x,
            y=y,
            width=column.width,
            height=height,
            lines=tuple(lines),
            note=node.note,
            dashed=node.dashed,
            line_ys=tuple(first_baseline + i * LINE_HEIGHT for i in range(len(lines))),
        )
        next_y[column.key] = y + height + BOX_GAP

    connectors = tuple(
        Connector(node.key, target, _connector_path(boxes[node.key], boxes[target]))
        for node in nodes
        if node.key in boxes
        for target in node.leads_to
        if target in boxes and target != node.key
    )
    width = MARGIN * 2 + len(placed_columns) * BOX_WIDTH + (len(placed_columns) - 1) * COLUMN_GAP
    height = max([HEADER_HEIGHT + 20, *next_y.values()]) + MARGIN
    return Diagram(
        width=max(width, 0),
        height=height,
        columns=placed_columns,
        boxes=tuple(boxes.values()),
        connectors=connectors,
    )
