"""Projet d'entente de mutualisation: the draft of steps/modelling, laid out to be signed."""

from projects.method import STEPS_BY_CODE
from steps.modelling.selectors import agreement_draft

from .common import base_context

SIGNATURES = "signatures"


def build_agreement_context(membership, project) -> dict:
    draft = agreement_draft(project)
    context = base_context(project, step=STEPS_BY_CODE["modelisation"])
    context.update(agreement_parts(draft))
    return context


def agreement_parts(draft) -> dict:
    """The numbered articles, then the signature section on its own."""
    articles = [s for s in draft.sections if s.code != SIGNATURES]
    signatures = next((s for s in draft.sections if s.code == SIGNATURES), None)
    return {
        "document_title": draft.title,
        "parties": draft.facts.parties,
        "articles": articles,
        "signatures": signatures,
        "has_model": draft.facts.has_operating_model,
    }
