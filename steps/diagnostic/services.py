"""Writes of the diagnostic: confirming verdicts and turning opportunities into resources.

Every change is recorded in the project's history (projects.history).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from projects.history import record_change, snapshot
from steps.models import DiagnosticVerdict, PooledResource

from . import grid
from .selectors import opportunity_source


def verdict_set(
    *,
    project,
    row: grid.Row,
    verdict: str,
    importance: str,
    note: str,
    user,
    fingerprint: str = "",
) -> DiagnosticVerdict:
    """Confirm (or override) the verdict of one row, remembering the inputs it judged.

    `fingerprint` is the one of the row the coordinator saw (the current row's otherwise).
    """
    with transaction.atomic():
        stored = (
            DiagnosticVerdict.objects.select_for_update()
            .filter(project=project, item_code=row.item.code)
            .first()
        )
        before = snapshot(stored) if stored else None
        if stored is None:
            stored = DiagnosticVerdict(project=project, item_code=row.item.code)
        stored.verdict = verdict
        stored.importance = importance
        stored.note = note
        stored.status = DiagnosticVerdict.Status.CONFIRMED
        stored.confirmed_by = user
        stored.confirmed_at = timezone.now()
        stored.inputs_fingerprint = fingerprint or grid.fingerprint(row)
        stored.save()
        record_change(instance=stored, before=before, user=user)
    return stored


def verdict_reset(*, project, row: grid.Row, user) -> DiagnosticVerdict | None:
    """Go back to the suggested verdict of a row (its note and importance are kept)."""
    with transaction.atomic():
        stored = (
            DiagnosticVerdict.objects.select_for_update()
            .filter(project=project, item_code=row.item.code)
            .first()
        )
        if stored is None:
            return None
        before = snapshot(stored)
        stored.verdict = grid.suggest_verdict(row).verdict
        stored.status = DiagnosticVerdict.Status.SUGGESTED
        stored.confirmed_by = None
        stored.confirmed_at = None
        stored.inputs_fingerprint = ""
        stored.save()
        record_change(instance=stored, before=before, user=user)
    return stored


@dataclass(frozen=True)
class ResourceResult:
    resource: object
    created: bool


def _fit(field_name: str, text: str) -> str:
    max_length = PooledResource._meta.get_field(field_name).max_length
    return text[:max_length] if max_length else text


def opportunity_to_resource(*, project, opportunity: grid.Opportunity, user) -> ResourceResult:
    """Create the pooled resource an opportunity suggests (once: a second call finds it)."""
    source = opportunity_source(opportunity)
    with transaction.atomic():
        existing = PooledResource.objects.filter(
            project=project, source_opportunity=source
        ).first()
        if existing is not None:
            return ResourceResult(existing, created=False)
        notes = (
            f"Offre de {opportunity.offerer} ({opportunity.offer_item.label_fr}) : "
            f"{opportunity.offer_text}\n"
            f"Besoin de {opportunity.needer} ({opportunity.need_item.label_fr}) : "
            f"{opportunity.need_text}"
        )
        resource = PooledResource(
            project=project,
            name=_fit(
                "name",
                f"{opportunity.offer_item.label_fr} — {opportunity.offerer}",
            ),
            resource_type=opportunity.resource_type or "other",
            responsible_organisation_id=opportunity.offerer.id,
            notes=notes,
            source_opportunity=source,
        )
        resource.save()
        record_change(instance=resource, user=user)
    return ResourceResult(resource, created=True)
