"""Dossier complet du projet: every step, in the method's order, in one document.

Read in a constant number of queries whatever the number of organisations (asserted
by the tests): one `ProjectState` for all answers, one grid, resources with their
commitments in two queries, and so on.
"""

from projects.method import STEPS
from steps.modelling import selectors as modelling
from steps.modelling.heatmap import level_of
from steps.models import Risk
from steps.planning.selectors import strategic_plan
from steps.questionnaire.selectors import impulsion_synthesis, load_state

from .answers import step_answers
from .common import base_context, viewer
from .costs import resource_sheet_from
from .evaluation import evaluation_parts
from .grid import diagnostic_parts
from .plan import PORTRAIT_AREA, action_plan


def synthesis_tables(visible, tables) -> list:
    """The motivations ticked, with the names of the organisations that ticked each one."""
    result = []
    for table in tables:
        groups = []
        for group, rows in table.groups:
            ticked = [
                (
                    row.choice,
                    row.count,
                    row.shared,
                    [o.name for o, t in zip(visible, row.ticked, strict=True) if t],
                )
                for row in rows
                if row.count
            ]
            if ticked:
                groups.append((group, ticked))
        result.append((table.question, groups, table.others))
    return result


def risk_parts(project) -> dict:
    risks = modelling.risks_of(project)
    heat = modelling.risk_heat_map(risks)
    labels = modelling.LEVEL_LABELS
    return {
        "risks": [
            (risk, level, labels[level])
            for risk in risks
            for level in [level_of(risk.probability, risk.impact)]
        ],
        "heat_map": heat,
        "heat_rows": [
            (
                Risk.Probability(row[0].probability).label,
                [(cell, labels[cell.level]) for cell in row],
            )
            for row in heat.rows
        ],
        "impact_labels": Risk.Impact.labels,
    }


def labelled_lines(text: str) -> list[tuple[str, str]]:
    """« Label : value » lines as (label, value); a line without a label continues the
    previous value (a multi-line answer)."""
    result = []
    for line in text.splitlines():
        label, separator, value = line.partition(" : ")
        if separator and label:
            result.append((label, value))
        elif result:
            result[-1] = (result[-1][0], f"{result[-1][1]}\n{line}")
        else:
            result.append(("", line))
    return result


def modelling_parts(project, organisations) -> dict:
    commitments = modelling.commitments_by_resource(project)
    model = modelling.operating_model_of(project)
    return {
        "resource_sheets": [
            resource_sheet_from(resource, organisations, commitments.get(resource.pk, []))
            for resource in modelling.pooled_resources(project)
        ],
        "operating_model": model,
        "operating_lines": labelled_lines(modelling.operating_model_summary(model))
        if model
        else [],
        "consent_states": [modelling.consent_state(r) for r in modelling.consent_rounds(project)],
    }


def build_dossier_context(membership, project) -> dict:
    who = viewer(membership)
    state = load_state(project)
    context = base_context(project, organisations=state.organisations)
    visible, hidden, tables = impulsion_synthesis(state, who)
    synthesis = synthesis_tables(visible, tables)
    context.update(
        steps=[(step, step_answers(state, who, step.code)) for step in STEPS],
        synthesis={
            "visible": visible,
            "hidden": hidden,
            "tables": synthesis,
            "ticked": any(groups or others for _question, groups, others in synthesis),
        },
        plan=strategic_plan(project),
        **diagnostic_parts(project),
        **modelling_parts(project, state.organisations),
        **risk_parts(project),
        **action_plan(project, area=PORTRAIT_AREA),
        **evaluation_parts(project),
    )
    return context
