"""A document's file leaves the storage with its record, however the record goes: its own
« Supprimer », its project deleted (cascade), the demo rebuilt. The file is deleted once
the deletion is committed, so a rolled-back deletion keeps it."""

from django.db import transaction
from django.db.models.signals import post_delete

from .models import Document


def _delete_file(sender, instance, **kwargs):
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    post_delete.connect(_delete_file, sender=Document, dispatch_uid="attachments-delete-file")
