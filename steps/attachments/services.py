"""Writing shared documents: the file into the default storage, the record, the history."""

import hashlib

from django.core.files.base import ContentFile, File
from django.db import transaction

from projects.history import delete_with_history, record_change

from . import validation
from .models import Document

CHUNK = 64 * 1024


def file_digest(file) -> tuple[str, int]:
    """The SHA-256 and the size of a file object, read by chunks from its start."""
    file.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := file.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size


def document_create(*, form, upload, file_type, user) -> Document:
    """Store the uploaded file under a random name and record the document."""
    document = form.instance
    document.sha256, document.size = file_digest(upload)
    document.content_type = file_type.content_type
    document.original_name = validation.clean_name(upload.name, file_type)
    document.uploaded_by = user
    with transaction.atomic():
        document = form.save(commit=False)
        document.file.save(f"document{file_type.extension}", File(upload), save=False)
        name = document.file.name
        try:
            document.save()
            record_change(instance=document, user=user)
        except Exception:  # no orphan file when the record cannot be written
            document.file.storage.delete(name)
            raise
    return document


def document_add(
    *, project, user, title, step, content: bytes, name: str, organisation=None, **links
) -> Document:
    """Create a document from bytes (the demo, the tests); the type is detected."""
    file = ContentFile(content, name=name)
    file_type = validation.detect(file, name)
    if file_type is None:
        raise ValueError(f"refused file type: {name}")
    sha256, size = file_digest(file)
    document = Document(
        project=project,
        organisation=organisation,
        title=title,
        step=step,
        original_name=validation.clean_name(name, file_type),
        content_type=file_type.content_type,
        size=size,
        sha256=sha256,
        uploaded_by=user,
        **links,
    )
    document.file.save(f"document{file_type.extension}", file, save=False)
    document.save()
    record_change(instance=document, user=user)
    return document


def document_delete(*, document, user) -> None:
    """Delete the record (kept in the history); its file follows once the deletion is
    committed (steps/attachments/signals.py)."""
    delete_with_history(instance=document, user=user)
