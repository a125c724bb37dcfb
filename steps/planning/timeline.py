"""The geometry of the action plan's timeline (a Gantt chart by months), ORM-free.

`build_timeline(spans, today=…, zoom=…)` turns dated spans into month columns, one row
per span with its bar's position, and the x of the « today » marker. The template draws
it as SVG with plain presentation attributes, so it prints and needs no script or inline
style. The zoom sets the header's columns: months, or quarters (narrower months) so that a
long plan fits the page; « auto » picks months while they fit `FIT_WIDTH` at a readable
scale.
"""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mutualisation.typography import one_line

LABEL_WIDTH = 280  # the column of action titles, at its narrowest
LABEL_MAX_WIDTH = 420  # …and at its widest: longer titles wrap on two lines
LABEL_PADDING = 16  # room before and after a title in its column
CHAR_WIDTH = 6.6  # a generous average width of a character at the chart's font size
MONTH_WIDTH = 64
QUARTER_MONTH_WIDTH = 28  # a month when the header counts quarters (84 per quarter)
FIT_WIDTH = 1110  # the page's content box at 1366 px
# « auto » keeps months while the chart, scaled down to FIT_WIDTH, keeps its text readable.
MIN_SCALE = 0.8
MONTHS, QUARTERS, AUTO = "months", "quarters", "auto"
ZOOMS = (MONTHS, QUARTERS)
ROW_HEIGHT = 30
BAR_HEIGHT = 16
HEADER_HEIGHT = 46  # a line of years, a line of months
TRAILING_WIDTH = 110  # room after the last month for the status written after a bar
LABEL_MAX_CHARS = 40


@dataclass(frozen=True)
class Span:
    """Something to draw: `key` is handed back untouched (e.g. the action itself)."""

    key: Any
    label: str
    start: date
    end: date
    progress: int = 0  # 0–100, drawn as a darker part of the bar


@dataclass(frozen=True)
class MonthColumn:
    year: int
    month: int
    x: float
    width: float

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def code(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def starts_year(self) -> bool:
        return self.month == 1


@dataclass(frozen=True)
class HeaderColumn:
    """A column of the header: a month, or a quarter (`quarter` 1–4) when zoomed out."""

    year: int
    month: int  # the first month of the column
    x: float
    width: float
    quarter: int | None = None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def code(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def starts_year(self) -> bool:
        return self.month == 1


@dataclass(frozen=True)
class YearBand:
    year: int
    x: float
    width: float


@dataclass(frozen=True)
class Row:
    key: Any
    label: str
    full_label: str
    start: date
    end: date
    y: float  # top of the row
    bar_x: float
    bar_y: float
    bar_width: float
    progress_width: float
    months: tuple[str, ...]  # the month columns the bar covers, as "YYYY-MM"
    label_lines: tuple[str, ...] = ()  # the title as drawn: one line, or two when long
    # The bar as shares (0–100) of the whole period: the phone's list draws it in % units.
    share_x: float = 0.0
    share_width: float = 0.0

    @property
    def text_y(self) -> float:
        return self.y + ROW_HEIGHT / 2 + 4

    @property
    def label_rows(self) -> tuple[tuple[float, str], ...]:
        """Each line of the title with the y of its baseline, centred in the row."""
        lines = self.label_lines or (self.label,)
        if len(lines) == 1:
            return ((self.text_y, lines[0]),)
        return tuple((self.y + 12.5 + 13 * index, line) for index, line in enumerate(lines))

    @property
    def after_bar_x(self) -> float:
        return self.bar_x + self.bar_width + 6


@dataclass(frozen=True)
class Timeline:
    months: tuple[MonthColumn, ...]
    years: tuple[YearBand, ...]
    rows: tuple[Row, ...]
    today: date
    today_x: float | None
    width: float
    height: float
    label_width: float = LABEL_WIDTH
    header_height: float = HEADER_HEIGHT
    zoom: str = MONTHS
    columns: tuple[HeaderColumn, ...] = ()  # the header's months or quarters
    today_share: float | None = None  # « today » as a share (0–100) of the period

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def first_month(self) -> date:
        return self.months[0].first_day

    @property
    def last_month(self) -> date:
        return self.months[-1].first_day


def _month_index(first: date, day: date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def _months_between(start: date, end: date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _x_of(
    first: date,
    day: date,
    *,
    label_width: float,
    end_of_day: bool = False,
    month_width: float = MONTH_WIDTH,
) -> float:
    """The x of the start (or the end) of a day, months being equally wide."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    fraction = (day.day - (0 if end_of_day else 1)) / days_in_month
    return label_width + (_month_index(first, day) + fraction) * month_width


def _zoom_for(zoom: str, label_width: float, month_count: int) -> str:
    """The zoom asked for, or for « auto » months when they fit, quarters otherwise."""
    if zoom in ZOOMS:
        return zoom
    months_width = label_width + month_count * MONTH_WIDTH + TRAILING_WIDTH
    return MONTHS if months_width * MIN_SCALE <= FIT_WIDTH else QUARTERS


def _header_columns(months, zoom: str) -> tuple[HeaderColumn, ...]:
    """One column per month, or per quarter (cut at the ends of the period)."""
    if zoom == MONTHS:
        return tuple(HeaderColumn(m.year, m.month, m.x, m.width) for m in months)
    columns: list[HeaderColumn] = []
    for m in months:
        quarter = (m.month - 1) // 3 + 1
        last = columns[-1] if columns else None
        if last and (last.year, last.quarter) == (m.year, quarter):
            columns[-1] = HeaderColumn(
                last.year, last.month, last.x, last.width + m.width, quarter=quarter
            )
        else:
            columns.append(HeaderColumn(m.year, m.month, m.x, m.width, quarter=quarter))
    return tuple(columns)


def _share(x: float, label_width: float, chart_width: float) -> float:
    return round(max(0.0, min(100.0, (x - label_width) * 100 / chart_width)), 2)


def shorten(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """Cut a label to `limit` characters, with an ellipsis when cut."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap_label(text: str, limit: int, max_lines: int = 2) -> tuple[str, ...]:
    """`text` in lines of at most `limit` characters, cut between words; the last line
    ends with an ellipsis when the text does not fit in `max_lines`."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        if len(lines) == max_lines - 1:
            lines.append(shorten(" ".join(words), limit))
            break
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= limit:
            line += " " + words.pop(0)
        lines.append(shorten(line, limit))
    return tuple(lines)


def label_column(labels: Sequence[str]) -> tuple[float, int]:
    """The width of the titles' column (what the longest title needs, within bounds)
    and how many characters fit on one of its lines."""
    longest = max((len(one_line(label)) for label in labels), default=0)
    width = min(max(LABEL_WIDTH, round(longest * CHAR_WIDTH + LABEL_PADDING)), LABEL_MAX_WIDTH)
    return width, int((width - LABEL_PADDING) / CHAR_WIDTH)


def build_timeline(spans: Sequence[Span], *, today: date, zoom: str = MONTHS) -> Timeline:
    """Lay out `spans` on month columns covering all of them and today; the titles'
    column is as wide as the longest title needs, up to a limit past which they wrap.
    `zoom` is « months », « quarters » or « auto » (months when they fit the page)."""
    spans = sorted(spans, key=lambda s: (s.start, s.end))
    label_width, chars = label_column([span.label for span in spans])
    first_day = min([today, *(s.start for s in spans)]).replace(day=1)
    last_day = max([today, *(s.end for s in spans)])
    calendar_months = _months_between(first_day, last_day)
    zoom = _zoom_for(zoom, label_width, len(calendar_months))
    month_width = MONTH_WIDTH if zoom == MONTHS else QUARTER_MONTH_WIDTH
    chart_width = len(calendar_months) * month_width
    months = tuple(
        MonthColumn(year, month, label_width + i * month_width, month_width)
        for i, (year, month) in enumerate(calendar_months)
    )
    years: list[YearBand] = []
    for column in months:
        if years and years[-1].year == column.year:
            last = years[-1]
            years[-1] = YearBand(last.year, last.x, last.width + column.width)
        else:
            years.append(YearBand(column.year, column.x, column.width))

    rows = []
    for i, span in enumerate(spans):
        start, end = (span.start, span.end) if span.start <= span.end else (span.end, span.start)
        x0 = _x_of(first_day, start, label_width=label_width, month_width=month_width)
        x1 = _x_of(
            first_day, end, label_width=label_width, end_of_day=True, month_width=month_width
        )
        width = max(x1 - x0, 4.0)
        y = HEADER_HEIGHT + i * ROW_HEIGHT
        progress = min(max(span.progress, 0), 100)
        rows.append(
            Row(
                key=span.key,
                label=shorten(span.label, chars),
                full_label=span.label,
                start=start,
                end=end,
                y=y,
                bar_x=round(x0, 1),
                bar_y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                bar_width=round(width, 1),
                progress_width=round(width * progress / 100, 1),
                months=tuple(f"{y_:04d}-{m:02d}" for y_, m in _months_between(start, end)),
                label_lines=wrap_label(span.label, chars),
                share_x=_share(x0, label_width, chart_width),
                # At least 1 % wide: a one-day action still shows a bar on a phone.
                share_width=max(round(width * 100 / chart_width, 2), 1.0),
            )
        )
    today_x = round(
        _x_of(first_day, today, label_width=label_width, month_width=month_width)
        + month_width / 60,
        1,
    )
    width = label_width + chart_width + TRAILING_WIDTH
    height = HEADER_HEIGHT + max(len(rows), 1) * ROW_HEIGHT + 26  # room for « today »
    return Timeline(
        months=months,
        years=tuple(years),
        rows=tuple(rows),
        today=today,
        today_x=today_x,
        width=width,
        height=height,
        label_width=label_width,
        zoom=zoom,
        columns=_header_columns(months, zoom),
        today_share=_share(today_x, label_width, chart_width),
    )
