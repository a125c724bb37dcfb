"""Projet d'entente de mutualisation: the draft of steps/modelling, laid out to be signed.

The same parts serve the agreement's PDF, the dossier (its step 4) and the Word file
(steps/reports/agreement_docx.py); each opens with the one notice, DRAFT_NOTICE."""

from projects.method import STEPS_BY_CODE
from steps.modelling.agreement import DRAFT_NOTICE
from steps.modelling.selectors import agreement_draft

from .common import base_context

SIGNATURES = "signatures"


def build_agreement_context(membership, project) -> dict:
    draft = agreement_draft(project)
    context = base_context(project, step=STEPS_BY_CODE["modelisation"])
    context.update(agreement_parts(draft))
    return context


def agreement_parts(draft) -> dict:
    """The notice, the numbered articles, then the signature section on its own."""
    articles = [s for s in draft.sections if s.code != SIGNATURES]
    signatures = next((s for s in draft.sections if s.code == SIGNATURES), None)
    return {
        "document_title": draft.title,
        "parties": draft.facts.parties,
        "articles": articles,
        "signatures": signatures,
        "has_model": draft.facts.has_operating_model,
        "draft_notice": draft.notice or DRAFT_NOTICE,
        "agreement_language": draft.language,
        "to_review": draft.to_review,
        "signature_intro": signature_intro(signatures) if signatures else "",
        "signature_blocks": signature_blocks(signatures) if signatures else [],
    }


def signature_intro(signatures) -> str:
    """The signature section without its blocks (one per party, to fill in by hand): the
    dossier prints this much; a section the coordination rewrote is kept whole."""
    if signatures.is_custom:
        return signatures.text
    return signatures.text.split("\n\n", 1)[0]


def signature_blocks(signatures) -> list[str]:
    """The generated section's blocks to fill in, one per party (none for a section the
    coordination rewrote): the PDF sets them side by side."""
    if signatures.is_custom:
        return []
    return signatures.text.split("\n\n")[1:]
