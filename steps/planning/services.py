"""Writes of the strategic plan and the action plan, each one kept in the history.

`before` is the `steps.history.snapshot` of an existing object taken BEFORE its form
was validated (validation already copies the input onto the instance); None for a new
object.
"""

from django.db import transaction

from steps.history import record_change, snapshot
from steps.models import Action, StrategicVision


def form_save(*, form, before: dict | None, user, **assign):
    """Save a model form (setting `assign` on the instance first) and record the change."""
    with transaction.atomic():
        instance = form.save(commit=False)
        for name, value in assign.items():
            setattr(instance, name, value)
        instance.save()
        form.save_m2m()
        record_change(instance=instance, before=before, user=user)
    return instance


def object_delete(*, instance, user) -> None:
    """Delete an object of a tool, keeping its last values in the history."""
    with transaction.atomic():
        before = snapshot(instance)
        # Read before deleting: the project may only be reachable through a parent.
        record_change(instance=instance, before=before, user=user, deleted=True)
        instance.delete()


def vision_for_edit(*, project) -> StrategicVision:
    """The project's vision and values (an unsaved one when none exists yet)."""
    return StrategicVision.objects.filter(project=project).first() or StrategicVision(
        project=project
    )


def action_create(*, project, form, user) -> Action:
    return form_save(form=form, before=None, user=user, project=project, created_by=user)


def action_set_status(*, action: Action, status: str, progress: int, user) -> Action:
    """Update only the status and progress of an action (what a partner may do)."""
    with transaction.atomic():
        before = snapshot(action)
        action.status = status
        action.progress = progress
        action.save(update_fields=["status", "progress", "updated_at"])
        record_change(instance=action, before=before, user=user)
    return action
