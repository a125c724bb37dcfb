"""The study as an XLSX with live formulas: a treasurer changes a use, a rate or the
usage factor and the sheet recomputes, with the same rules as the pages (amounts rounded
to the cent, shares by largest remainder). The values equal the page's."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from steps.diagnostic.exports import safe

from .selectors import Loaded

MONEY = '#,##0.00 "$"'
BOLD = Font(bold=True)


class _Sheet:
    def __init__(self, ws):
        self.ws = ws
        self.row = 1

    def put(self, row, col, value, *, money=False, bold=False):
        cell = self.ws.cell(row=row, column=col, value=value)
        if money:
            cell.number_format = MONEY
        if bold:
            cell.font = BOLD
        return f"{get_column_letter(col)}{row}"

    def label(self, row, text, *, bold=False):
        return self.put(row, 1, safe(text), bold=bold)


def _allocation(s: _Sheet, row: int, title: str, total_ref: str, weight_refs: list) -> tuple:
    """Rows that split `total_ref` in cents by `weight_refs`, largest remainder first.

    Returns (next free row, the share cell of each column)."""
    first = 3
    cols = list(range(first, first + len(weight_refs)))
    letters = [get_column_letter(c) for c in cols]
    s.label(row, title, bold=True)
    s.put(row, 2, f"={total_ref}", money=True)
    weights = ",".join(weight_refs)
    cents = f"ROUND({total_ref}*100,0)"
    q, f, r, sh = row + 1, row + 2, row + 3, row + 4
    s.label(q, _("quote-part exacte (cents)"))
    s.label(f, _("cents entiers"))
    s.label(r, _("reste"))
    s.label(sh, _("part"))
    for col, ref in zip(cols, weight_refs, strict=True):
        s.put(q, col, f"=IF(SUM({weights})=0,0,{cents}*{ref}/SUM({weights}))")
        s.put(f, col, f"=INT({get_column_letter(col)}{q})")
        s.put(r, col, f"={get_column_letter(col)}{q}-{get_column_letter(col)}{f}")
    floors = f"{letters[0]}{f}:{letters[-1]}{f}"
    shares = []
    for index, col in enumerate(cols):
        me = f"{get_column_letter(col)}{r}"
        # Its rank among the remainders, ties to the first column: cell by cell, which
        # every spreadsheet (and the formula engine of the tests) reads the same way.
        greater = [f"IF({letter}{r}>{me},1,0)" for letter in letters]
        equal_before = [f"IF({letter}{r}={me},1,0)" for letter in letters[:index]]
        rank = "(" + "+".join(greater + equal_before) + ")"
        extra = f"IF({rank}<{cents}-SUM({floors}),1,0)"
        shares.append(s.put(sh, col, f"=({get_column_letter(col)}{f}+{extra})/100", money=True))
    return sh + 2, shares


def study_workbook(loaded: Loaded, visible: set) -> bytes:
    inputs = loaded.inputs
    orgs = list(loaded.organisations)
    wb = Workbook()
    ws = wb.active
    ws.title = safe(_("Étude"))[:31]
    s = _Sheet(ws)
    ws.column_dimensions["A"].width = 46
    s.label(1, _("Étude d'opportunité — %(project)s") % {"project": loaded.study.project.name},
            bold=True)  # fmt: skip

    # Parameters (a treasurer may change the factors and any input).
    p = {}
    rows = [
        ("horizon", _("Horizon (années)"), inputs.horizon, False),
        ("usage", _("Facteur d'utilisation (1 = prévu, 0,7 = −30 %)"), 1, False),
        ("startup_factor", _("Facteur des coûts de démarrage (1,2 = +20 %)"), 1, False),
        ("grant", _("Subvention"), float(inputs.grant), True),
        ("loan", _("Prêt"), float(inputs.loan.amount) if inputs.loan else 0, True),
        ("rate", _("Taux annuel du prêt"), float(inputs.loan.rate) if inputs.loan else 0, False),
        ("term", _("Durée du prêt (années)"), inputs.loan.term_years if inputs.loan else 1, False),
        ("coordination", _("Coordination par année"), float(inputs.coordination_per_year), True),
    ]
    row = 3
    for key, text, value, money in rows:
        s.label(row, text)
        p[key] = s.put(row, 2, value, money=money).replace("B", "$B$")
        row += 1
    s.label(row, _("Coûts de démarrage"), bold=True)
    row += 1
    first_cost = row
    for cost in inputs.startup_costs:
        s.label(row, cost.label)
        s.put(row, 2, float(cost.amount), money=True)
        row += 1
    last_cost = max(first_cost, row - 1)
    s.label(row, _("Total des coûts de démarrage × facteur"))
    p["startup"] = s.put(
        row, 2, f"=ROUND(SUM(B{first_cost}:B{last_cost})*{p['startup_factor']},2)", money=True
    ).replace("B", "$B$")
    row += 1
    s.label(row, _("Fonds propres = démarrage − subvention − prêt"))
    p["own"] = s.put(
        row, 2, f"=MAX(0,{p['startup']}-{p['grant']}-{p['loan']})", money=True
    ).replace("B", "$B$")
    row += 1
    s.label(row, _("Annuité du prêt"))
    annuity = (
        f"=IF({p['loan']}=0,0,IF({p['rate']}=0,ROUND({p['loan']}/{p['term']},2),"
        f"ROUND({p['loan']}*{p['rate']}/(1-(1+{p['rate']})^(-{p['term']})),2)))"
    )
    p["annuity"] = s.put(row, 2, annuity, money=True).replace("B", "$B$")
    row += 2

    # Organisations and their weights.
    s.label(row, _("Organisations"), bold=True)
    for i, org in enumerate(orgs):
        s.put(row, 3 + i, safe(org.name), bold=True)
    row += 1
    s.label(row, _("Poids pour les fonds propres et le prêt"))
    startup_w = [
        s.put(row, 3 + i, float(inputs.startup_weights.get(o.pk, 0))) for i, o in enumerate(orgs)
    ]
    row += 1
    s.label(row, _("Poids pour la coordination"))
    coord_w = [
        s.put(row, 3 + i, float(inputs.coordination_weights.get(o.pk, 0)))
        for i, o in enumerate(orgs)
    ]
    row += 2

    # Resources: planned uses and the group's yearly cost.
    resource_shares = {}
    for plan in inputs.resources:
        s.label(row, plan.name, bold=True)
        row += 1
        s.label(row, _("Coût variable par utilisation"))
        variable = s.put(row, 2, float(plan.variable_per_use), money=True)
        row += 1
        s.label(row, _("Frais fixes par année"))
        fixed = s.put(row, 2, float(plan.fixed_per_year), money=True)
        row += 1
        s.label(row, _("Utilisations prévues par année"))
        uses = [s.put(row, 3 + i, float(plan.uses.get(o.pk, 0))) for i, o in enumerate(orgs)]
        uses_row = row
        row += 1
        s.label(row, _("Coût du groupe = variable × utilisations × facteur + fixes"))
        group = s.put(
            row,
            2,
            f"=ROUND({variable}*SUM({uses[0]}:{uses[-1]})*{p['usage']}+{fixed},2)",
            money=True,
        )
        row += 1
        row, shares = _allocation(s, row, _("Répartition selon les utilisations"), group, uses)
        resource_shares[plan.key] = (shares, uses_row)

    row, coord_shares = _allocation(s, row, _("Répartition de la coordination"), p["coordination"],
                                    coord_w)  # fmt: skip
    row, own_shares = _allocation(s, row, _("Répartition des fonds propres"), p["own"], startup_w)
    row, loan_shares = _allocation(s, row, _("Répartition de l'annuité"), p["annuity"], startup_w)

    # « Alone » inputs of the organisations this person may see.
    s.label(row, _("Coûts « seul »"), bold=True)
    s.put(row, 2, safe(_("achat année 1")), bold=True)
    s.put(row, 3, safe(_("coût annuel")), bold=True)
    s.put(row, 4, safe(_("par utilisation")), bold=True)
    s.put(row, 5, safe(_("accès seul (1 = oui)")), bold=True)
    row += 1
    alone_rows = {}
    for i, org in enumerate(orgs):
        if org.pk not in visible:
            continue
        for plan in inputs.resources:
            cost = inputs.alone.get((org.pk, plan.key))
            if cost is None or not plan.uses.get(org.pk):
                continue
            s.label(row, f"{org.name} — {plan.name}")
            s.put(row, 2, float(cost.one_off), money=True)
            s.put(row, 3, float(cost.per_year), money=True)
            s.put(row, 4, float(cost.per_use), money=True)
            s.put(row, 5, 1 if cost.has_access else 0)
            uses_ref = f"{get_column_letter(3 + i)}{resource_shares[plan.key][1]}"
            alone_rows.setdefault(org.pk, []).append((row, uses_ref))
            row += 1
    row += 1

    # Results, year by year.
    s.label(row, _("Résultats par année"), bold=True)
    row += 1
    headers = [_("Année"), _("Ensemble"), _("Seul"), _("Économie nette"), _("Cumul")]
    group_rows = {}
    for i, org in enumerate(orgs):
        if org.pk not in visible:
            continue
        s.label(row, org.name, bold=True)
        for c, text in enumerate(headers[1:], start=2):
            s.put(row, c, safe(text), bold=True)
        row += 1
        for year in range(1, inputs.horizon + 1):
            s.put(row, 1, year)
            parts = [resource_shares[plan.key][0][i] for plan in inputs.resources]
            parts.append(coord_shares[i])
            if year == 1:
                parts.append(own_shares[i])
            together = "+".join(parts) + f"+IF({year}<={p['term']},{loan_shares[i]},0)"
            s.put(row, 2, f"={together}", money=True)
            alone = []
            for alone_row, uses_ref in alone_rows.get(org.pk, []):
                one_off = f"B{alone_row}+" if year == 1 else ""
                alone.append(
                    f"E{alone_row}*({one_off}C{alone_row}"
                    f"+ROUND(D{alone_row}*{uses_ref}*{p['usage']},2))"
                )
            s.put(row, 3, "=" + ("+".join(alone) or "0"), money=True)
            s.put(row, 4, f"=C{row}-B{row}", money=True)
            s.put(row, 5, f"=D{row}" if year == 1 else f"=E{row - 1}+D{row}", money=True)
            group_rows.setdefault(year, []).append(row)
            row += 1
        row += 1
    if len(visible) == len(orgs):
        s.label(row, _("Groupe"), bold=True)
        row += 1
        for year in range(1, inputs.horizon + 1):
            s.put(row, 1, year)
            for index, col in enumerate("BCD", start=2):
                total = "+".join(f"{col}{r}" for r in group_rows[year])
                s.put(row, index, f"={total}", money=True)
            s.put(row, 5, f"=D{row}" if year == 1 else f"=E{row - 1}+D{row}", money=True)
            row += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
