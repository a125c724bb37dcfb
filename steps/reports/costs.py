"""Fiche coût d'utilisation of one pooled resource: inputs, breakdown, break-even, sharing,
then the commitments and actual uses of the current year (the year's reconciliation)."""

import dataclasses

from django.utils import timezone

from projects.method import STEPS_BY_CODE
from steps.resources import chart, selectors

from .common import base_context


def resource_sheet_from(resource, organisations, commitments) -> dict:
    """One resource's cost sheet (also the dossier's): analysis, chart, sharing."""
    analysis = selectors.analyse(resource, sum(c.planned_uses_per_year for c in commitments))
    return {
        "resource": resource,
        "analysis": analysis,
        "inputs": selectors.input_rows(analysis) if analysis.priced else [],
        "chart": chart.resource_chart(analysis) if analysis.priced else None,
        "sharing": selectors.sharing(analysis, organisations, commitments)
        if analysis.priced
        else None,
    }


def listed(view) -> tuple:
    """The reconciliation with only the organisations that committed or used the resource
    (the others' rows are all zeros), and how many were left out."""
    kept = [
        row
        for row in view.rows
        if row.bill.committed_uses or row.bill.actual_uses or row.bill.total
    ]
    return dataclasses.replace(view, rows=kept), len(view.rows) - len(kept)


def build_costs_context(membership, project, *, resource) -> dict:
    context = base_context(project, step=STEPS_BY_CODE["modelisation"])
    commitments = selectors.commitments_of(resource)
    organisations = context["organisations"]
    context["sheet"] = resource_sheet_from(resource, organisations, commitments)
    year = timezone.localdate().year
    view = selectors.reconciliation(resource, year, organisations, commitments)
    context["reconciliation"], context["omitted"] = listed(view)
    return context
