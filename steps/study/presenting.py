"""The study as the pages, the PDF and the spreadsheet show it: every amount with the
formula that gives it, written with its numbers (« 160 utilisations × 208,43 $ = … »),
charts of cumulative cost alone vs together, and the sensitivity table."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mutualisation.formats import format_money, format_number, format_percent

from . import computing
from .selectors import Loaded

ZERO = Decimal(0)


def _qty(value) -> str:
    value = Decimal(value)
    return format_number(value, 0 if value == value.to_integral() else 2)


def _rate(value) -> str:
    exponent = Decimal(value).normalize().as_tuple().exponent
    return format_money(value, max(2, min(4, -exponent)))


def explain(item: computing.Item, names: dict) -> str:
    """The formula of one amount, with its numbers."""
    b = item.basis
    name = names.get(item.resource, "")
    amount = format_money(item.amount)
    if item.kind == "resource":
        return _(
            "%(name)s : coût du groupe (%(total)s utilisations × %(per_use)s + %(fixed)s de "
            "frais fixes = %(group)s) × %(uses)s / %(total)s utilisations = %(amount)s"
        ) % {
            "name": name,
            "total": _qty(b["total_uses"]),
            "per_use": _rate(b["variable_per_use"]),
            "fixed": format_money(b["fixed_per_year"]),
            "group": format_money(b["group_cost"]),
            "uses": _qty(b["uses"]),
            "amount": amount,
        }
    shared = {
        "group": format_money(b.get("group_cost", ZERO)),
        "weight": _qty(b.get("weight", ZERO)),
        "total": _qty(b.get("total_weight", ZERO)),
        "amount": amount,
    }
    if item.kind == "coordination":
        return _("Coordination : %(group)s × %(weight)s / %(total)s = %(amount)s") % shared
    if item.kind == "own_funds":
        return _(
            "Fonds propres au démarrage : (%(startup)s − subvention %(grant)s − prêt %(loan)s "
            "= %(group)s) × %(weight)s / %(total)s = %(amount)s"
        ) % {
            **shared,
            "startup": format_money(b["startup_total"]),
            "grant": format_money(b["grant"]),
            "loan": format_money(b["loan"]),
        }
    if item.kind == "loan":
        return _(
            "Remboursement du prêt (%(loan)s à %(rate)s sur %(term)s ans, annuité %(group)s) "
            "× %(weight)s / %(total)s = %(amount)s"
        ) % {
            **shared,
            "loan": format_money(b["loan"]),
            "rate": format_percent(b["rate"], 2),
            "term": b["term"],
        }
    if item.kind == "after_exit":
        if b["source"] == "alone_one_off":
            return _("%(name)s, achat seul après le départ : %(amount)s") % {
                "name": name,
                "amount": amount,
            }
        return _("%(name)s, seul après le départ : %(full)s × %(fraction)s = %(amount)s") % {
            "name": name,
            "full": format_money(b["full"]),
            "fraction": format_percent(b["fraction"], 1),
            "amount": amount,
        }
    if item.kind == "alone_one_off":
        return _("%(name)s, achat seul (année 1) : %(amount)s") % {"name": name, "amount": amount}
    if item.kind == "alone_per_year":
        return _("%(name)s, coût annuel seul : %(amount)s") % {"name": name, "amount": amount}
    if item.kind == "alone_per_use":
        return _("%(name)s : %(uses)s utilisations × %(per_use)s = %(amount)s") % {
            "name": name,
            "uses": _qty(b["uses"]),
            "per_use": _rate(b["per_use"]),
            "amount": amount,
        }
    return amount  # pragma: no cover — every kind is written above


def sum_formula(amounts, total) -> str:
    """« 6 500,00 $ + 2 000,00 $ = 8 500,00 $ »."""
    if not amounts:
        return format_money(ZERO)
    return f"{' + '.join(format_money(a) for a in amounts)} = {format_money(total)}"


@dataclass
class YearRow:
    year: int
    together: str
    alone: str
    saving: str
    cumulative: str
    saving_value: Decimal
    cumulative_value: Decimal
    together_lines: list
    alone_lines: list
    together_formula: str
    alone_formula: str
    saving_formula: str
    cumulative_formula: str


def year_rows(years, names) -> list[YearRow]:
    rows, previous = [], ZERO
    for y in years:
        rows.append(
            YearRow(
                year=y.year,
                together=format_money(y.together),
                alone=format_money(y.alone),
                saving=format_money(y.saving),
                cumulative=format_money(y.cumulative),
                saving_value=y.saving,
                cumulative_value=y.cumulative,
                together_lines=[explain(i, names) for i in y.together_items],
                alone_lines=[explain(i, names) for i in y.alone_items],
                together_formula=sum_formula([i.amount for i in y.together_items], y.together),
                alone_formula=sum_formula([i.amount for i in y.alone_items], y.alone),
                saving_formula=_("seul %(alone)s − ensemble %(together)s = %(saving)s")
                % {
                    "alone": format_money(y.alone),
                    "together": format_money(y.together),
                    "saving": format_money(y.saving),
                },
                cumulative_formula=f"{format_money(previous)} + {format_money(y.saving)} = "
                f"{format_money(y.cumulative)}",
            )
        )
        previous = y.cumulative
    return rows


def payback_text(year: int | None) -> str:
    if year is None:
        return _("pas de retour sur la période")
    if year == 1:
        return _("dès l'année 1")
    return _("à partir de l'année %(year)s") % {"year": year}


@dataclass
class Chart:
    """Cumulative cost alone vs together over the years, as SVG polylines."""

    width: int = 360
    height: int = 180
    together_points: str = ""
    alone_points: str = ""
    y_max: str = ""
    x_labels: list = field(default_factory=list)
    dots: list = field(default_factory=list)


def chart(years) -> Chart:
    together, alone, t, a = [ZERO], [ZERO], ZERO, ZERO
    for y in years:
        t += y.together
        a += y.alone
        together.append(t)
        alone.append(a)
    top = max([*together, *alone, Decimal(1)])
    c = Chart()
    left, bottom, plot_w, plot_h = 60, c.height - 24, c.width - 70, c.height - 40
    n = len(years)

    def point(i, value):
        x = left + plot_w * i / n
        y = bottom - plot_h * float(value / top)
        return round(x, 1), round(y, 1)

    c.together_points = " ".join(
        f"{x},{y}" for x, y in (point(i, v) for i, v in enumerate(together))
    )
    c.alone_points = " ".join(f"{x},{y}" for x, y in (point(i, v) for i, v in enumerate(alone)))
    c.y_max = format_money(top, 0)
    c.x_labels = [{"x": point(i, 0)[0], "label": str(i)} for i in range(n + 1)]
    c.left, c.bottom, c.top_y = left, bottom, bottom - plot_h
    c.rows = [
        {"year": y.year, "together": format_money(t), "alone": format_money(a)}
        for y, t, a in zip(years, together[1:], alone[1:], strict=True)
    ]
    return c


@dataclass
class OrganisationView:
    pk: int
    name: str
    payback: str
    payback_year: int | None
    total_saving: str
    total_saving_value: Decimal
    rows: list
    chart: Chart
    access_gained: list
    missing_alone: list

    @property
    def chart_id(self) -> str:
        return f"graphique-{self.pk}"


def organisation_views(loaded: Loaded, result, visible: set) -> list[OrganisationView]:
    names = loaded.resource_names
    views = []
    for org in loaded.organisations:
        if org.pk not in visible:
            continue
        r = result.organisations[org.pk]
        views.append(
            OrganisationView(
                pk=org.pk,
                name=org.name,
                payback=payback_text(r.payback_year),
                payback_year=r.payback_year,
                total_saving=format_money(r.total_saving),
                total_saving_value=r.total_saving,
                rows=year_rows(r.years, names),
                chart=chart(r.years),
                access_gained=[names[k] for k in r.access_gained],
                missing_alone=[names[k] for k in r.missing_alone],
            )
        )
    return views


def scenario_label(scenario: computing.Scenario, names: dict) -> str:
    labels = {
        "uses-30": _("Utilisations −30 %"),
        "uses-15": _("Utilisations −15 %"),
        "planned": _("Utilisations prévues"),
        "uses+15": _("Utilisations +15 %"),
        "startup+20": _("Coûts de démarrage +20 %"),
    }
    if scenario.code == "departure":
        return ngettext(
            "Départ de %(name)s en année 2 (préavis de %(days)s jour)",
            "Départ de %(name)s en année 2 (préavis de %(days)s jours)",
            scenario.departure.notice_days,
        ) % {
            "name": names[scenario.departure.organisation],
            "days": scenario.departure.notice_days,
        }
    return labels[scenario.code]


def sensitivity_rows(loaded: Loaded, scenarios, visible: set, show_group: bool) -> list[dict]:
    names = loaded.organisation_names
    rows = []
    for s in scenarios:
        cells = []
        for org in loaded.organisations:
            if org.pk in visible:
                r = s.result.organisations[org.pk]
                cells.append(
                    {
                        "saving": format_money(r.total_saving),
                        "negative": r.total_saving < 0,
                        "payback": payback_text(r.payback_year),
                    }
                )
        rows.append(
            {
                "code": s.code,
                "label": scenario_label(s, names),
                "group_saving": format_money(s.result.total_saving) if show_group else "",
                "group_negative": s.result.total_saving < 0,
                "group_payback": payback_text(s.result.payback_year) if show_group else "",
                "cells": cells,
            }
        )
    return rows


def sensitivity_by_organisation(rows: list[dict], columns: list, show_group: bool) -> list[dict]:
    """The sensitivity table turned a quarter: one row per organisation (the group
    first), one column per scenario. On paper the scenarios are few and the
    organisations many (30 columns of names do not fit across a page)."""
    turned = []
    if show_group:
        turned.append(
            {
                "name": _("Groupe"),
                "group": True,
                "cells": [
                    {
                        "saving": r["group_saving"],
                        "negative": r["group_negative"],
                        "payback": r["group_payback"],
                    }
                    for r in rows
                ],
            }
        )
    for index, organisation in enumerate(columns):
        turned.append(
            {"name": organisation.name, "group": False, "cells": [r["cells"][index] for r in rows]}
        )
    return turned


def break_even_rows(loaded: Loaded) -> list[dict]:
    rows = []
    for plan in loaded.inputs.resources:
        b = computing.break_even(loaded.inputs, plan)
        text = {
            "minimum": _("au moins %(uses)s utilisations par année"),
            "maximum": _(
                "au plus %(uses)s utilisations par année (seul, chacun paie moins à l'usage)"
            ),
            "always": _("rentable à tout volume"),
            "never": _("jamais rentable sur la période avec ces coûts « seul »"),
        }[b.kind] % {"uses": format_number(b.uses or 0)}
        rows.append(
            {
                "name": plan.name,
                "planned": _qty(b.planned),
                "text": text,
                "ok": b.kind == "always"
                or (b.kind == "minimum" and b.uses <= b.planned)
                or (b.kind == "maximum" and b.uses >= b.planned),
            }
        )
    return rows


def group_rows(result) -> list[YearRow]:
    return year_rows(result.group, {})
