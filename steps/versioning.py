"""The project's content version: raised by every change to the project or its steps.

A report built at one version is served again only while the version holds
(steps/reports/models.py). Every model of a project's file (steps.transfer.schema: the
same list, so a new model cannot be forgotten in one and not the other) raises it when a
row is saved or deleted, and so do the project itself, its organisations and their
membership of the project. The rise is an UPDATE in the same transaction as the change:
a report never sees new data under an old version.
"""

from django.apps import apps
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from projects.models import Organisation, Project

from .transfer.schema import SECTIONS

# Not content: the history of changes is itself written by every change.
SKIPPED = {"projects.ChangeRecord"}


def bump(project_ids) -> None:
    ids = {pk for pk in project_ids if pk}
    if ids:
        Project.objects.filter(pk__in=ids).update(content_version=F("content_version") + 1)


def _project_id(instance, path: str):
    """The id of the project `instance` belongs to, along `path` (« answer__project »)."""
    *parents, last = path.split("__")
    target = instance
    try:
        for name in parents:
            target = getattr(target, name)
    except Exception:  # noqa: BLE001 — a parent deleted in the same cascade bumps itself
        return None
    return getattr(target, f"{last}_id", None)


def _receiver(path):
    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return
        bump([_project_id(instance, path)])

    return changed


def _project_saved(sender, instance, created, **kwargs):
    if not created:
        bump([instance.pk])


def _organisation_saved(sender, instance, created, **kwargs):
    if not created:
        bump(instance.projects.values_list("pk", flat=True))


def _organisations_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # organisation.projects.add(…)
        bump(pk_set or [])
    else:
        bump([instance.pk])


_RECEIVERS = []


def connect() -> None:
    """Connect the receivers (StepsConfig.ready); `weak=False` keeps them alive."""
    for section in SECTIONS:
        if section.model in SKIPPED:
            continue
        model = apps.get_model(section.model)
        receiver = _receiver(section.project_path)
        _RECEIVERS.append(receiver)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"version-{model}")
        post_delete.connect(
            receiver, sender=model, weak=False, dispatch_uid=f"version-del-{model}"
        )
    post_save.connect(_project_saved, sender=Project, dispatch_uid="version-project")
    post_save.connect(
        _organisation_saved, sender=Organisation, dispatch_uid="version-organisation"
    )
    m2m_changed.connect(
        _organisations_changed,
        sender=Project.organisations.through,
        dispatch_uid="version-project-organisations",
    )
