"""Reading shared documents: what a member may see, grouped by step."""

from dataclasses import dataclass

from django.db.models import Q

from projects.method import STEPS

from .models import Document


def visible_documents(membership):
    """The project's documents this member may see: the project's, and an organisation's
    where its drafts are seen (partners: their own organisation only)."""
    documents = Document.objects.filter(project=membership.project)
    if membership.is_partner:
        documents = documents.filter(
            Q(organisation__isnull=True) | Q(organisation_id=membership.organisation_id)
        )
    return documents.select_related("organisation", "uploaded_by", "resource", "risk", "action")


@dataclass
class StepGroup:
    step: object
    documents: list


def by_step(documents) -> list[StepGroup]:
    """The documents in the order of the steps, only the steps that have some."""
    groups = {step.code: StepGroup(step, []) for step in STEPS}
    for document in documents:
        groups[document.step].documents.append(document)
    return [group for group in groups.values() if group.documents]
