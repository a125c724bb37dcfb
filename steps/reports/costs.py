"""Fiche coût d'utilisation of one pooled resource: inputs, breakdown, break-even, sharing."""

from projects.method import STEPS_BY_CODE
from steps.resources import chart, selectors

from .common import base_context


def resource_sheet(resource, organisations) -> dict:
    """One resource's cost sheet (also used by the dossier): analysis, chart, sharing."""
    commitments = selectors.commitments_of(resource)
    return resource_sheet_from(resource, organisations, commitments)


def resource_sheet_from(resource, organisations, commitments) -> dict:
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


def build_costs_context(membership, project, *, resource) -> dict:
    context = base_context(project, step=STEPS_BY_CODE["modelisation"])
    context["sheet"] = resource_sheet(resource, context["organisations"])
    return context
