"""The break-even chart: full cost per use against uses per year, as server-drawn SVG.

`cost_curve` computes where everything goes; the template SVG_TEMPLATE draws it, as
markup usable as it is in a page and in a PDF (no script, no external font, no CSS
needed): the curve is a solid line, the alternative price a dashed line, the break-even
a dotted line with a circle and a label, the planned uses a dash-dot line; every text is
escaped by the template. `Chart.text` is the same information in one French paragraph,
for the page's text alternative.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import format_money, format_number
from steps.resources import costing

SVG_TEMPLATE = "steps/resources/_chart_svg.html"
WIDTH, HEIGHT = 640, 370
LEFT, RIGHT, TOP, BOTTOM = 78, 24, 28, 92  # margins around the plot area
SAMPLES = 120
INK, CURVE, ALTERNATIVE, GRID = "#212529", "#1f4e79", "#9c2a00", "#d9dee3"
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class Frame:
    """The fixed positions of the chart: its size, the plot area, the axes' titles."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = TOP + PLOT_HEIGHT
    tick_end: int = TOP + PLOT_HEIGHT + 5  # the x axis' ticks…
    tick_label_y: int = TOP + PLOT_HEIGHT + 18  # …and their numbers
    amount_x: int = LEFT - 6  # the y axis' amounts, right-aligned
    x_title: tuple = ()  # (x, y, text) of each axis' title
    y_title: tuple = ()
    ink: str = INK
    grid: str = GRID
    curve: str = CURVE
    alternative: str = ALTERNATIVE


@dataclass(frozen=True)
class Mark:
    """A point of the chart (x, y as SVG text) and its label."""

    x: str
    y: str
    label: str
    anchor: str = "start"
    shift: int = 0  # how far the label stands from the point (break-even)
    box: tuple[str, str] = ()  # (x, y) of the square on the point (planned uses)


@dataclass(frozen=True)
class LegendItem:
    x: int
    y: int
    dash: str
    colour: str
    width: str
    label: str


@dataclass(frozen=True)
class Chart:
    text: str
    x_max: int
    y_max: Decimal
    ids: str = "graphique-cout"  # of the <title> and <desc>: "<ids>-titre", "<ids>-desc"
    title: str = ""
    frame: Frame = Frame()
    # (y, amount) of a horizontal grid line and (x, uses) of a tick of the x axis, by 5ths.
    ticks: tuple[tuple[str, str, str, str], ...] = ()
    curve: str = ""  # the polyline's points; empty when the curve stays above the plot
    alternative: Mark | None = None
    break_even: Mark | None = None
    planned: Mark | None = None
    legend: tuple[LegendItem, ...] = ()

    @property
    def svg(self) -> SafeString:
        """The chart drawn by SVG_TEMPLATE: one <svg> element, every text escaped."""
        return render_to_string(SVG_TEMPLATE, {"chart": self})


def nice_ceiling(value: Decimal) -> Decimal:
    """The next round number at or above `value` (1, 2, 2.5, 5 × 10ⁿ)."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    while magnitude > value:
        magnitude /= 10
    for step in (1, 2, Decimal("2.5"), 5, 10):
        candidate = magnitude * step
        if candidate >= value:
            return candidate
    return magnitude * 10


def _uses(value) -> str:
    return format_number(value, 0)


def _f(value) -> str:
    return f"{float(value):.1f}"


def cost_curve(
    *,
    inputs: costing.CostInputs,
    usage: costing.Usage,
    alternative: Decimal | None = None,
    uses_per_year: int | None = None,
    name: str = "",
    id_prefix: str = "graphique-cout",
) -> Chart:
    """Draw the full cost per use from 1 use a year to a little past the break-even."""
    variable = costing.variable_cost_per_use(inputs, usage)
    fixed = costing.annual_fixed_charges(inputs)
    break_even = (
        costing.break_even_uses_per_year(inputs, usage, alternative)
        if alternative is not None
        else None
    )

    def cost(n) -> Decimal:
        return variable + fixed / Decimal(n)

    x_max = int(
        nice_ceiling(
            Decimal(max(10, 2 * (break_even or 0), (uses_per_year or 0) * Decimal("1.5")))
        )
    )
    y_candidates = [variable * 2, cost(x_max) * Decimal("1.5")]
    if alternative is not None:
        y_candidates.append(alternative * 2)
    if uses_per_year:
        y_candidates.append(cost(uses_per_year) * Decimal("1.3"))
    y_max = nice_ceiling(max(y_candidates))

    def x_of(n) -> Decimal:
        return LEFT + Decimal(n) / x_max * PLOT_WIDTH

    def y_of(amount) -> Decimal:
        amount = min(max(Decimal(amount), Decimal(0)), y_max)
        return TOP + PLOT_HEIGHT - amount / y_max * PLOT_HEIGHT

    ids = slugify(id_prefix) or "graphique-cout"
    title = (
        _("Coût complet par utilisation selon le nombre d'utilisations par année : %(name)s")
        % {"name": name}
        if name
        else _("Coût complet par utilisation selon le nombre d'utilisations par année")
    )
    text = _describe(cost, x_max, alternative, break_even, uses_per_year, variable)
    middle = _f(TOP + PLOT_HEIGHT / 2)  # of the y axis, turned a quarter around this point
    frame = Frame(
        x_title=(_f(LEFT + PLOT_WIDTH / 2), TOP + PLOT_HEIGHT + 36, _("Utilisations par année")),
        y_title=(middle, middle, _("Coût complet par utilisation")),
    )
    ticks = tuple(
        (_f(y_of(y_max * i / 5)), format_money(y_max * i / 5, 0))
        + (_f(x_of(x_max * i // 5)), _uses(x_max * i // 5))
        for i in range(6)
    )

    # The curve starts where it enters the plot (below y_max).
    curve = ""
    start = Decimal(1)
    if variable < y_max and cost(1) > y_max:
        start = fixed / (y_max - variable)
    if start < x_max:
        step = (Decimal(x_max) - start) / SAMPLES
        points = [start + step * i for i in range(SAMPLES + 1)]
        curve = " ".join(f"{_f(x_of(n))},{_f(y_of(cost(n)))}" for n in points)

    alternative_mark = None
    if alternative is not None and alternative <= y_max:
        alternative_mark = Mark(
            x=str(WIDTH - RIGHT),
            y=_f(y_of(alternative)),
            label=_("Alternative : %(price)s") % {"price": format_money(alternative)},
        )

    break_even_mark = None
    if break_even is not None and break_even <= x_max:
        anchor = "start" if break_even < x_max * 0.7 else "end"
        break_even_mark = Mark(
            x=_f(x_of(break_even)),
            y=_f(y_of(cost(break_even))),
            label=ngettext(
                "Seuil : %(uses)s utilisation", "Seuil : %(uses)s utilisations", break_even
            )
            % {"uses": _uses(break_even)},
            anchor=anchor,
            shift=8 if anchor == "start" else -8,
        )

    planned = None
    if uses_per_year and uses_per_year <= x_max:
        x, y = x_of(uses_per_year), y_of(cost(uses_per_year))
        planned = Mark(
            x=_f(x),
            y=_f(y),
            label=_("Prévu : %(uses)s") % {"uses": _uses(uses_per_year)},
            box=(_f(Decimal(_f(x)) - 4), _f(Decimal(_f(y)) - 4)),
        )

    # Legend: line styles, so that colour is never needed.
    items = [
        ("", CURVE, "2.5", _("coût complet par utilisation")),
        ("8 5", ALTERNATIVE, "2", _("prix de l'alternative")),
        ("2 3", INK, "1.5", _("seuil de rentabilité")),
        ("10 3 2 3", INK, "1.2", _("utilisations prévues")),
    ]
    legend = tuple(
        LegendItem(
            x=LEFT + (index % 2) * 270,
            y=HEIGHT - 38 + (index // 2) * 20,
            dash=dash,
            colour=colour,
            width=width,
            label=label,
        )
        for index, (dash, colour, width, label) in enumerate(items)
    )
    return Chart(
        text=text,
        x_max=x_max,
        y_max=y_max,
        ids=ids,
        title=title,
        frame=frame,
        ticks=ticks,
        curve=curve,
        alternative=alternative_mark,
        break_even=break_even_mark,
        planned=planned,
        legend=legend,
    )


def _describe(cost, x_max, alternative, break_even, uses_per_year, variable) -> str:
    """The chart in words, for readers who do not see it."""
    low = max(1, x_max // 10)
    sentences = [
        _(
            "Le coût complet par utilisation baisse à mesure que les utilisations augmentent : "
            "%(low_cost)s à %(low)s utilisations par année, %(high_cost)s à %(high)s, sans "
            "jamais descendre sous le coût variable de %(variable)s."
        )
        % {
            "low_cost": format_money(costing.to_cents(cost(low))),
            "low": _uses(low),
            "high_cost": format_money(costing.to_cents(cost(x_max))),
            "high": _uses(x_max),
            "variable": format_money(costing.to_cents(variable)),
        }
    ]
    if alternative is not None:
        sentences.append(
            _("L'alternative coûte %(price)s par utilisation.")
            % {"price": format_money(alternative)}
        )
        if break_even is None:
            sentences.append(
                _("Le coût variable atteint déjà ce prix : il n'y a pas de seuil de rentabilité.")
            )
        else:
            sentences.append(
                ngettext(
                    "Seuil de rentabilité : %(uses)s utilisation par année "
                    "(coût complet de %(cost)s).",
                    "Seuil de rentabilité : %(uses)s utilisations par année "
                    "(coût complet de %(cost)s).",
                    break_even,
                )
                % {
                    "uses": _uses(break_even),
                    "cost": format_money(costing.to_cents(cost(break_even))),
                }
            )
    if uses_per_year:
        sentences.append(
            _("Avec les %(uses)s utilisations prévues, le coût complet est de %(cost)s.")
            % {
                "uses": _uses(uses_per_year),
                "cost": format_money(costing.to_cents(cost(uses_per_year))),
            }
        )
    return " ".join(str(s) for s in sentences)


def resource_chart(analysis) -> Chart | None:
    """The chart of a selectors.Analysis (None when the resource cannot be priced)."""
    if not analysis.priced:
        return None
    return cost_curve(
        inputs=analysis.inputs,
        usage=analysis.usage,
        alternative=analysis.alternative,
        uses_per_year=analysis.uses_per_year,
        name=analysis.resource.name,
        id_prefix=f"graphique-cout-{analysis.resource.pk or 'apercu'}",
    )
