"""Writes of the opportunity study, each in one transaction and in the change history."""

from django.db import transaction
from django.utils import timezone

from projects.history import record_change, save_with_history, snapshot

from . import selectors
from .models import AloneCost, OpportunityStudy, StudyWeight


def study_save(*, form, formset, project, user) -> OpportunityStudy:
    """Save the parameters, the agreed weights and the start-up costs."""
    with transaction.atomic():
        study = save_with_history(form=form, user=user, project=project)
        for organisation, weight in form.weights().items():
            StudyWeight.objects.update_or_create(
                study=study, organisation=organisation, defaults={"weight": weight}
            )
        for startup_form in formset.forms:
            if not startup_form.has_changed() and not startup_form.instance.pk:
                continue
            cost = startup_form.instance
            if startup_form.cleaned_data.get("DELETE"):
                if cost.pk:
                    record_change(instance=cost, before=snapshot(cost), user=user, deleted=True)
                    cost.delete()
                continue
            before = snapshot(cost) if cost.pk else None
            cost = startup_form.save(commit=False)
            cost.study = study
            cost.save()
            record_change(instance=cost, before=before, user=user)
    return study


def study_get_or_create(*, project) -> OpportunityStudy:
    study, _created = OpportunityStudy.objects.get_or_create(project=project)
    return study


def alone_costs_save(*, study, organisation, forms, user) -> None:
    """Store an organisation's « alone » situation for each resource (empty: none)."""
    with transaction.atomic():
        stored = {
            a.resource_id: a
            for a in AloneCost.objects.select_for_update().filter(
                study=study, organisation=organisation
            )
        }
        for form in forms:
            data = form.cleaned_data
            cost = stored.get(form.resource.pk)
            if not data.get("kind"):
                if cost is not None:
                    record_change(instance=cost, before=snapshot(cost), user=user, deleted=True)
                    cost.delete()
                continue
            before = snapshot(cost) if cost is not None else None
            if cost is None:
                cost = AloneCost(study=study, organisation=organisation, resource=form.resource)
            cost.kind = data["kind"]
            for name in ("one_off", "per_year", "per_use"):
                setattr(cost, name, data.get(name) or 0)
            cost.note = data.get("note") or ""
            cost.save()
            record_change(instance=cost, before=before, user=user)


def effects_save(*, study, formset, user) -> None:
    with transaction.atomic():
        for form in formset.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            effect = form.instance
            if form.cleaned_data.get("DELETE"):
                if effect.pk:
                    effect.delete()
                continue
            effect = form.save(commit=False)
            effect.study = study
            effect.save()
            record_change(instance=effect, user=user)


def study_validate(*, study, loaded, user) -> None:
    """Mark the study validated as it stands: any later change of an input reopens it."""
    study.validated_at = timezone.now()
    study.validated_by = user
    study.validated_fingerprint = selectors.fingerprint(loaded)
    study.save(update_fields=["validated_at", "validated_by", "validated_fingerprint"])
