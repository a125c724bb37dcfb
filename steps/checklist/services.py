"""Writes of the checklist: a tick and a comment, recorded in the project's history."""

from django.db import transaction

from projects.history import record_change, snapshot
from steps.models import ChecklistEntry


class ChecklistConflict(Exception):
    """Someone saved the item since the form was shown: `current` is what they saved."""

    def __init__(self, current: ChecklistEntry):
        super().__init__(current.code)
        self.current = current


def entry_save(
    *, project, code: str, checked: bool, note: str, version: int, user
) -> ChecklistEntry:
    """Tick (or untick) an item and keep its comment; `version` is the one the person saw.

    Raise ChecklistConflict if the stored version moved on since then.
    """
    with transaction.atomic():
        stored = (
            ChecklistEntry.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(project=project, code=code)
            .first()
        )
        if stored is not None and stored.version != version:
            raise ChecklistConflict(stored)
        before = snapshot(stored) if stored else None
        if stored is None:
            stored = ChecklistEntry(project=project, code=code)
        if before is not None and stored.checked == checked and stored.note == note:
            return stored
        stored.checked = checked
        stored.note = note
        stored.updated_by = user
        stored.version += 1
        stored.save()
        record_change(instance=stored, before=before, user=user)
    return stored
