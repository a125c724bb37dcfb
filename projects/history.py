"""Who changed what in a project, with the values before and after.

Every edit a person makes outside the answers (which keep their own AnswerRevision) goes
through here: a form through `save_with_history`, a deletion through
`delete_with_history`, any other write through `record_change`::

    risk = save_with_history(form=form, user=request.user, project=project)
    delete_with_history(instance=risk, user=request.user)
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import capfirst

from .models import ChangeRecord


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


def _has_project_field(model) -> bool:
    return any(field.name == "project" for field in model._meta.concrete_fields)


def save_with_history(*, form, user, project=None, **attributes):
    """Save a valid model form and record the change; return the saved instance.

    The values before the edit are read back from the database, locked, in the same
    transaction: a validated form has already copied the new values onto its instance.
    `attributes` are set on the instance first (`created_by`, the parent axis…). The
    `project` is set too when the model has one of its own; otherwise (the project
    itself, an organisation shared by several projects) it names the history to write.
    """
    instance = form.instance
    model = type(instance)
    own_project = _has_project_field(model)
    if project is not None and own_project:
        attributes["project"] = project
    with transaction.atomic():
        before = None
        if instance.pk is not None:
            stored = model._default_manager.select_for_update().filter(pk=instance.pk).first()
            before = snapshot(stored) if stored is not None else None
        for name, value in attributes.items():
            setattr(instance, name, value)
        instance = form.save()
        record_change(
            instance=instance, before=before, user=user, project=None if own_project else project
        )
    return instance


def delete_with_history(*, instance, user) -> None:
    """Delete an object, keeping its last values in the history."""
    with transaction.atomic():
        # Recorded before deleting: the project may only be reachable through a parent.
        record_change(instance=instance, before=snapshot(instance), user=user, deleted=True)
        instance.delete()


def history_for(instance, project=None):
    """The ChangeRecords of one object, newest first (only those of `project` if given)."""
    records = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).select_related("changed_by")
    return records if project is None else records.filter(project=project)


def history_rows(instance, limit: int = 10, project=None) -> list:
    """The last changes of an object, each with `labelled_changes` (label, before, after);
    only those recorded in `project` if given (an organisation belongs to several).

    A model's `history_hidden_fields` (a set of field names) are kept in the stored
    record but left out of what people read: internal values such as stored facts."""
    labels = {field.name: field.verbose_name for field in instance._meta.concrete_fields}
    hidden = getattr(type(instance), "history_hidden_fields", frozenset())
    records = list(history_for(instance, project)[:limit])
    for record in records:
        record.labelled_changes = [
            (capfirst(labels.get(name, name)), values[0], values[1])
            for name, values in record.changes.items()
            if name not in hidden
        ]
    return records
