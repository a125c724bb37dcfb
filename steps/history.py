"""Record who changed what in the step tools, with the values before and after.

Usage in a view or service::

    before = snapshot(risk)
    form.save()
    record_change(instance=risk, before=before, user=request.user)
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models.history import ChangeRecord


def _display(instance, field) -> str:
    value = getattr(instance, field.attname)
    if value is None:
        return ""
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if isinstance(field, models.ForeignKey):
        return str(getattr(instance, field.name) or "")
    return str(value)


def snapshot(instance) -> dict[str, str]:
    """The displayable values of an instance's own fields, to compare after a save."""
    return {
        field.name: _display(instance, field)
        for field in instance._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    }


def record_change(
    *, instance, user, before: dict | None = None, deleted: bool = False, project=None
):
    """Store a ChangeRecord for `instance` (which has a `project`); None if nothing changed.

    `project` is for objects without one of their own: the project itself, or an
    organisation (shared between projects) edited from this project.
    """
    after = {} if deleted else snapshot(instance)
    if deleted:
        kind, changes = ChangeRecord.Kind.DELETED, {k: [v, ""] for k, v in (before or {}).items()}
    elif before is None:
        kind, changes = ChangeRecord.Kind.CREATED, {k: ["", v] for k, v in after.items() if v}
    else:
        kind = ChangeRecord.Kind.UPDATED
        changes = {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}
        if not changes:
            return None
    return ChangeRecord.objects.create(
        project_id=project.pk if project is not None else instance.project_id,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        object_label=str(instance)[:255],
        kind=kind,
        changes=changes,
        changed_by=user,
    )


def history_for(instance, project=None):
    """The ChangeRecords of one object, newest first (only those of `project` if given)."""
    records = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).select_related("changed_by")
    return records if project is None else records.filter(project=project)
