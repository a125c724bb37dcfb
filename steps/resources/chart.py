"""The break-even chart: full cost per use against uses per year, as server-built SVG.

One function, `cost_curve`, gives markup usable as it is in a page and in a PDF
(no script, no external font, no CSS needed): the curve is a solid line, the
alternative price a dashed line, the break-even a dotted line with a circle and a label,
the planned uses a dash-dot line; every text is escaped. `Chart.text` is the same
information in one French paragraph, for the page's text alternative.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import format_money, format_number
from steps.resources import costing

WIDTH, HEIGHT = 640, 370
LEFT, RIGHT, TOP, BOTTOM = 78, 24, 28, 92  # margins around the plot area
SAMPLES = 120
INK, CURVE, ALTERNATIVE, GRID = "#212529", "#1f4e79", "#9c2a00", "#d9dee3"


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    text: str
    x_max: int
    y_max: Decimal


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
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(n) -> Decimal:
        return LEFT + Decimal(n) / x_max * plot_w

    def y_of(amount) -> Decimal:
        amount = min(max(Decimal(amount), Decimal(0)), y_max)
        return TOP + plot_h - amount / y_max * plot_h

    parts: list[SafeString] = []
    ids = slugify(id_prefix) or "graphique-cout"
    title = (
        _("Coût complet par utilisation selon le nombre d'utilisations par année : %(name)s")
        % {"name": name}
        if name
        else _("Coût complet par utilisation selon le nombre d'utilisations par année")
    )
    text = _describe(cost, x_max, alternative, break_even, uses_per_year, variable)
    parts.append(format_html('<title id="{}-titre">{}</title>', ids, title))
    parts.append(format_html('<desc id="{}-desc">{}</desc>', ids, text))
    parts.append(
        format_html('<rect x="0" y="0" width="{}" height="{}" fill="#fff"/>', WIDTH, HEIGHT)
    )

    # Grid and axes.
    for i in range(6):
        amount = y_max * i / 5
        y = _f(y_of(amount))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" dy="4" text-anchor="end">{}</text>',
                LEFT, y, WIDTH - RIGHT, y, GRID, LEFT - 6, y, format_money(amount, 0),
            )
        )  # fmt: skip
        uses = x_max * i // 5
        x = _f(x_of(uses))
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                x, TOP + plot_h, x, TOP + plot_h + 5, INK, x, TOP + plot_h + 18, _uses(uses),
            )
        )  # fmt: skip
    parts.append(
        format_html(
            '<path d="M{} {} V{} H{}" fill="none" stroke="{}" stroke-width="1.2"/>',
            LEFT, TOP, TOP + plot_h, WIDTH - RIGHT, INK,
        )
    )  # fmt: skip
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle">{}</text>'
            '<text x="14" y="{}" text-anchor="middle" transform="rotate(-90 14 {})">{}</text>',
            _f(LEFT + plot_w / 2), TOP + plot_h + 36, _("Utilisations par année"),
            _f(TOP + plot_h / 2), _f(TOP + plot_h / 2), _("Coût complet par utilisation"),
        )
    )  # fmt: skip

    # The curve starts where it enters the plot (below y_max).
    start = Decimal(1)
    if variable < y_max and cost(1) > y_max:
        start = fixed / (y_max - variable)
    if start < x_max:
        step = (Decimal(x_max) - start) / SAMPLES
        points = [start + step * i for i in range(SAMPLES + 1)]
        path = " ".join(f"{_f(x_of(n))},{_f(y_of(cost(n)))}" for n in points)
        parts.append(
            format_html(
                '<polyline class="courbe" points="{}" fill="none" stroke="{}" '
                'stroke-width="2.5"/>',
                path,
                CURVE,
            )
        )

    if alternative is not None and alternative <= y_max:
        y = _f(y_of(alternative))
        parts.append(
            format_html(
                '<line class="alternative" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="2" stroke-dasharray="8 5"/>'
                '<text x="{}" y="{}" dy="-6" text-anchor="end" fill="{}">{}</text>',
                LEFT, y, WIDTH - RIGHT, y, ALTERNATIVE, WIDTH - RIGHT, y, ALTERNATIVE,
                _("Alternative : %(price)s") % {"price": format_money(alternative)},
            )
        )  # fmt: skip

    if break_even is not None and break_even <= x_max:
        threshold = ngettext(
            "Seuil : %(uses)s utilisation", "Seuil : %(uses)s utilisations", break_even
        ) % {"uses": _uses(break_even)}
        x, y = _f(x_of(break_even)), _f(y_of(cost(break_even)))
        anchor = "start" if break_even < x_max * 0.7 else "end"
        shift = 8 if anchor == "start" else -8
        parts.append(
            format_html(
                '<line class="seuil" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="1.5" stroke-dasharray="2 3"/>'
                '<circle cx="{}" cy="{}" r="5" fill="#fff" stroke="{}" stroke-width="2"/>'
                '<text x="{}" y="{}" dx="{}" dy="-10" text-anchor="{}" '
                'font-weight="bold">{}</text>',
                x, TOP + plot_h, x, y, INK, x, y, INK, x, y, shift, anchor,
                threshold,
            )
        )  # fmt: skip

    if uses_per_year and uses_per_year <= x_max:
        x, y = _f(x_of(uses_per_year)), _f(y_of(cost(uses_per_year)))
        parts.append(
            format_html(
                '<line class="prevu" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="1.2" stroke-dasharray="10 3 2 3"/>'
                '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>'
                '<text x="{}" y="{}" dx="6" dy="16" text-anchor="start">{}</text>',
                x, TOP, x, TOP + plot_h, INK, _f(Decimal(x) - 4), _f(Decimal(y) - 4), INK,
                x, TOP,
                _("Prévu : %(uses)s") % {"uses": _uses(uses_per_year)},
            )
        )  # fmt: skip

    # Legend: line styles, so that colour is never needed.
    items = [
        ("", CURVE, "2.5", _("coût complet par utilisation")),
        ("8 5", ALTERNATIVE, "2", _("prix de l'alternative")),
        ("2 3", INK, "1.5", _("seuil de rentabilité")),
        ("10 3 2 3", INK, "1.2", _("utilisations prévues")),
    ]
    for index, (dash, colour, width, label) in enumerate(items):
        x = LEFT + (index % 2) * 270
        y = HEIGHT - 38 + (index // 2) * 20
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>'
                '<text x="{}" y="{}" dy="4">{}</text>',
                x, y, x + 26, y, colour, width,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
                x + 32, y, label,
            )
        )  # fmt: skip

    body = format_html("{}" * len(parts), *parts)
    svg = format_html(
        '<svg class="cost-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{ids}-titre {ids}-desc" '
        'font-family="sans-serif" font-size="12" fill="{ink}">{body}</svg>',
        w=WIDTH,
        h=HEIGHT,
        ids=ids,
        ink=INK,
        body=body,
    )
    return Chart(svg=svg, text=text, x_max=x_max, y_max=y_max)


def _describe(cost, x_max, alternative, break_even, uses_per_year, variable) -> str:
    """The chart in words, for readers who do not see it."""
    low = max(1, x_max // 10)
    sentences = [
        _(
            "Le coût complet par utilisation baisse à mesure que les utilisations augmentent : "
            "%(low_cost)s à %(low)s utilisations par année, %(high_cost)s à %(high)s, sans "
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
                _("Le coût variable atteint déjà ce prix : il n'y a pas de seuil de rentabilité.")
            )
        else:
            sentences.append(
                ngettext(
                    "Seuil de rentabilité : %(uses)s utilisation par année "
                    "(coût complet de %(cost)s).",
                    "Seuil de rentabilité : %(uses)s utilisations par année "
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
            _("Avec les %(uses)s utilisations prévues, le coût complet est de %(cost)s.")
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
