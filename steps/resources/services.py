"""Writes of the pricing tools, each recorded in the change history."""

from django.db import transaction

from projects.history import record_change, save_with_history, snapshot
from steps.models import Commitment, PooledResource, UsageRecord


def resource_save(*, form, project, user) -> PooledResource:
    """Create or update the resource of a valid calculator form."""
    return save_with_history(form=form, user=user, project=project)


def commitments_save(*, resource, rows, user) -> int:
    """Store each organisation's commitment; `rows` are (organisation, uses, weight).

    An organisation with no planned use and no custom weight has no commitment (its
    row is deleted). Returns the number of commitments changed.
    """
    changed = 0
    with transaction.atomic():
        stored = {
            c.organisation_id: c
            for c in Commitment.objects.select_for_update()
            .filter(resource=resource)
            .select_related("organisation")
        }
        for organisation, uses, weight in rows:
            commitment = stored.get(organisation.pk)
            keep = bool(uses) or weight is not None
            if commitment is None and not keep:
                continue
            if commitment is not None and not keep:
                commitment.resource = resource
                record_change(
                    instance=commitment, before=snapshot(commitment), user=user, deleted=True
                )
                commitment.delete()
                changed += 1
                continue
            before = snapshot(commitment) if commitment is not None else None
            if commitment is None:
                commitment = Commitment(resource=resource, organisation=organisation)
            commitment.resource = resource
            commitment.planned_uses_per_year = uses
            commitment.custom_weight = weight
            commitment.save()
            if record_change(instance=commitment, before=before, user=user) is not None:
                changed += 1
    return changed


def usage_add(*, form, resource, user) -> UsageRecord:
    """Record a valid usage form's booking or month of use."""
    with transaction.atomic():
        record = form.save(commit=False)
        record.resource = resource
        record.recorded_by = user
        record.save()
        record_change(instance=record, user=user)
    return record
