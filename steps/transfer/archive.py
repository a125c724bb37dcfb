"""The backup of a project with its shared documents: a ZIP archive.

A project without documents is saved as its bare JSON document (`projet-….json`, as
before); a project with documents as a ZIP (`projet-….zip`) holding::

    projet.json                      the same JSON document
    fichiers/document-1-Soumission.pdf
    fichiers/document-2-Attestation.pdf

Each record of `documents` names its file in the archive (`file`) with its `size` and
`sha256`. Restoring accepts both the ZIP and a bare JSON (older backups). An archive is
checked before anything is read out of it: only these names (no folder, no « .. », no
absolute path), at most ARCHIVE_MAX_ENTRIES entries, each document within
ATTACHMENT_MAX_BYTES, the whole within ARCHIVE_MAX_FACTOR × RESTORE_MAX_BYTES once
uncompressed and no entry compressed more than ARCHIVE_MAX_RATIO times (a « zip bomb »);
then the importer checks every file's size, SHA-256 and type against its record.
"""

import json
import re
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

JSON_NAME = "projet.json"
FILES_FOLDER = "fichiers/"
ARCHIVE_MAX_ENTRIES = 2000
ARCHIVE_MAX_FACTOR = 4
ARCHIVE_MAX_RATIO = 100
FILE_NAME = re.compile(r"^fichiers/[^/\\\x00-\x1f]{1,200}$")
CHUNK = 64 * 1024


class ArchiveProblem(Exception):
    """The archive cannot be read; the message says why, in French."""


@dataclass
class Backup:
    """A project document and the bytes of its documents' files, by archive path."""

    document: object
    files: dict[str, bytes] = field(default_factory=dict)


def file_path(ref: str, original_name: str) -> str:
    """Where a document's file sits in the archive: its ref keeps the names unique."""
    return f"{FILES_FOLDER}{ref}-{original_name}"


def document_files(project) -> list[tuple[str, object]]:
    """(archive path, stored FieldFile) of each document of the project, in export order."""
    from steps.attachments.models import Document

    documents = Document.objects.filter(project=project).order_by("pk")
    return [
        (file_path(f"document-{number}", document.original_name), document.file)
        for number, document in enumerate(documents, start=1)
    ]


def export_files(project) -> dict[str, bytes]:
    """The files of the project's documents by archive path (for an import in memory)."""
    files = {}
    for path, stored in document_files(project):
        with stored.open("rb") as handle:
            files[path] = handle.read()
    return files


def write_archive(document: dict, project):
    """The ZIP of `document` and the project's files, in a temporary file (at its start)."""
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            JSON_NAME,
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for path, stored in document_files(project):
            # Documents are mostly compressed already (PDF, images, office files).
            with stored.open("rb") as source, archive.open(path, "w") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
    output.seek(0)
    return output


def _check_entries(infos) -> None:
    if len(infos) > ARCHIVE_MAX_ENTRIES:
        raise ArchiveProblem(_("Cette archive contient trop de fichiers pour une sauvegarde."))
    names = [info.filename for info in infos]
    if names.count(JSON_NAME) != 1:
        raise ArchiveProblem(_("Cette archive ne contient pas de fichier « projet.json »."))
    if len(set(names)) != len(names):
        raise ArchiveProblem(_("Cette archive contient deux fois le même nom de fichier."))
    total = 0
    for info in infos:
        name = info.filename
        if name == FILES_FOLDER:  # the folder's own entry, written by some zip tools
            continue
        if name != JSON_NAME and (not FILE_NAME.match(name) or ".." in name):
            raise ArchiveProblem(
                _("Nom de fichier inattendu dans l’archive : « %(name)s ».") % {"name": name}
            )
        limit = settings.RESTORE_MAX_BYTES if name == JSON_NAME else settings.ATTACHMENT_MAX_BYTES
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size > 1024 * 1024 and ratio > ARCHIVE_MAX_RATIO):
            raise ArchiveProblem(
                _("« %(name)s » est trop gros une fois décompressé.") % {"name": name}
            )
        total += info.file_size
    if total > ARCHIVE_MAX_FACTOR * settings.RESTORE_MAX_BYTES:
        raise ArchiveProblem(_("Cette archive est trop grosse une fois décompressée."))


def read_archive(file) -> tuple[bytes, dict[str, bytes]]:
    """The JSON bytes and the files of a backup archive; ArchiveProblem if it is unsafe."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            _check_entries(infos)
            files = {}
            for info in infos:
                if info.filename == FILES_FOLDER:
                    continue
                # A read stops at the size the entry declares, checked above.
                with archive.open(info) as entry:
                    data = entry.read(info.file_size + 1)
                if len(data) != info.file_size:
                    raise ArchiveProblem(
                        _("« %(name)s » n’a pas la taille annoncée.") % {"name": info.filename}
                    )
                files[info.filename] = data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        raise ArchiveProblem(_("Cette archive ZIP est illisible ou abîmée.")) from error
    except NotImplementedError as error:  # an unsupported compression method
        raise ArchiveProblem(
            _("Cette archive ZIP utilise une compression non prise en charge.")
        ) from error
    return files.pop(JSON_NAME), files
