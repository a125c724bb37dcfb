"""Bilan d'évaluation: logic model, indicators with their charts, rounds and improvements."""

from projects.method import STEPS_BY_CODE
from steps.evaluation.selectors import evaluation_rounds, indicators_with_charts, logic_model

from .common import base_context


def evaluation_parts(project) -> dict:
    return {
        "model": logic_model(project),
        "indicators": indicators_with_charts(project),
        "rounds": evaluation_rounds(project),
    }


def build_evaluation_context(membership, project) -> dict:
    context = base_context(project, step=STEPS_BY_CODE["evaluation"])
    context.update(evaluation_parts(project))
    return context
