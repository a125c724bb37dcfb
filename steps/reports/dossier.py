"""Dossier complet du projet: every step, in the method's order, in one document.

Every part of every step: the answers (drafts marked, or left out for a viewer who may
not see them), the motivations, the diagnostic, the resources with their costs, the
year's reconciliation, the operating model and its consent rounds, the risks, the
agreement draft, the strategic, action and communication plans, the evaluation.

Read in a constant number of queries whatever the number of organisations (asserted
by the tests): one `ProjectState` for all answers, one grid, resources with their
commitments in two queries, every consent round's responses in one, and so on.
"""

from django.utils import timezone
from django.utils.translation import gettext

from projects.method import STEPS, STEPS_BY_CODE
from steps.checklist.selectors import checklist
from steps.modelling import selectors as modelling
from steps.modelling.heatmap import level_of
from steps.models import Risk
from steps.planning.selectors import communication_items, strategic_plan
from steps.questionnaire.selectors import REFLEXION, impulsion_synthesis, load_state
from steps.resources.selectors import project_reconciliations
from steps.study import reports as study_reports

from .agreement import agreement_parts
from .answers import drafts_by_step, step_answers
from .common import base_context, viewer
from .costs import listed, resource_sheet_from
from .evaluation import evaluation_parts
from .grid import diagnostic_parts
from .plan import PORTRAIT_AREA, action_plan

IMPULSION = "impulsion"
# The steps whose drafts the cover lists: the organisations answer them for themselves.
DRAFT_STEPS = (IMPULSION, REFLEXION)


def synthesis_tables(visible, tables, drafts=frozenset()) -> list:
    """The motivations ticked, with the names of the organisations that ticked each one
    (« (brouillon) » after an organisation of `drafts`, ids of unsubmitted answers)."""
    names = {
        o.pk: gettext("%(name)s (brouillon)") % {"name": o.name} if o.pk in drafts else o.name
        for o in visible
    }
    result = []
    for table in tables:
        groups = []
        for group, rows in table.groups:
            ticked = [
                (
                    row.choice,
                    row.count,
                    row.shared,
                    [names[o.pk] for o, t in zip(visible, row.ticked, strict=True) if t],
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
    """Resources and their costs, the year's reconciliation of each, the operating model,
    its consent rounds and the agreement draft."""
    commitments = modelling.commitments_by_resource(project)
    resources = modelling.pooled_resources(project)
    model = modelling.operating_model_of(project)
    year = timezone.localdate().year
    reconciliations = project_reconciliations(project, resources, year, organisations, commitments)
    operating_lines = labelled_lines(modelling.operating_model_summary(model)) if model else []
    return {
        "resource_sheets": [
            resource_sheet_from(resource, organisations, commitments.get(resource.pk, []))
            for resource in resources
        ],
        "year": year,
        "reconciliations": [
            (resource, *listed(reconciliations[resource.pk])) for resource in resources
        ],
        "operating_model": model,
        "operating_lines": operating_lines,
        # A round's proposal is the operating model as it was at the round's opening: the
        # dossier says so when it has not changed since, rather than print it again.
        "consent_rounds": [
            (state, lines, lines == operating_lines)
            for state in modelling.consent_states(project, organisations)
            for lines in [labelled_lines(state.consent_round.proposal)]
        ],
        "agreement": agreement_parts(modelling.agreement_draft(project)),
    }


def build_dossier_context(membership, project) -> dict:
    who = viewer(membership)
    state = load_state(project)
    context = base_context(project, organisations=state.organisations)
    visible, hidden, tables = impulsion_synthesis(state, who)
    drafts = {
        o.pk
        for o in visible
        for progress in [state.progress(IMPULSION, o.pk)]
        if progress.answered and not progress.is_submitted
    }
    synthesis = synthesis_tables(visible, tables, drafts)
    context.update(
        steps=[(step, step_answers(state, who, step.code)) for step in STEPS],
        drafts=drafts_by_step(state, who, [STEPS_BY_CODE[code] for code in DRAFT_STEPS]),
        synthesis={
            "visible": visible,
            "hidden": hidden,
            "tables": synthesis,
            "ticked": any(groups or others for _question, groups, others in synthesis),
            "drafts": [o for o in visible if o.pk in drafts],
        },
        plan=strategic_plan(project),
        communication=communication_items(project),
        **diagnostic_parts(project),
        **modelling_parts(project, state.organisations),
        **risk_parts(project),
        **action_plan(project, area=PORTRAIT_AREA),
        **evaluation_parts(project),
        study_section=study_reports.dossier_section(project, who),
        checklist_steps=checklist(project),
    )
    return context
