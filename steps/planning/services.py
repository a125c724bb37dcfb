"""Writes of the strategic plan and the action plan, each one kept in the history."""

from django.db import transaction

from projects.history import record_change, snapshot
from steps.followup import events
from steps.models import Action, StrategicVision


def vision_for_edit(*, project) -> StrategicVision:
    """The project's vision and values (an unsaved one when none exists yet)."""
    return StrategicVision.objects.filter(project=project).first() or StrategicVision(
        project=project
    )


def action_set_status(*, action: Action, status: str, progress: int, user) -> Action:
    """Update only the status and progress of an action (what a partner may do)."""
    with transaction.atomic():
        before = snapshot(action)
        action.status = status
        action.progress = progress
        action.save(update_fields=["status", "progress", "updated_at"])
        record_change(instance=action, before=before, user=user)
    return action


def action_saved(*, action: Action, previous_organisation_id, user) -> None:
    """After an action is created or edited (in the same transaction): an organisation
    it is now given to is told (`previous_organisation_id`: None for a new action)."""
    if action.organisation_id and action.organisation_id != previous_organisation_id:
        events.action_assigned(action=action, actor=user)
