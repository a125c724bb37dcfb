"""Restoring a backup from the browser: keep the uploaded file, describe it, import it.

Between the preview and the confirmation, the file waits in the default storage (a local
folder or the shared bucket) under a random name; the session of the person who sent it
holds that name and the time of the upload. Only that session can confirm it, within
RESTORE_UPLOAD_MAX_AGE_MINUTES, and the confirmation reads and checks the stored file
again: nothing sent back by the browser is trusted. Files older than that are deleted
at the next upload, whoever makes it.

The reading takes a binary file object: a ZIP archive (a project with shared documents,
steps/transfer/archive.py) is recognised by its first bytes, a bare JSON document (a
project without documents, or an older backup) is read as it is. A bare JSON brings no
file: its documents, if any, are reported missing (never looked up on this server).
"""

import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import RESERVED_SLUGS, Membership, Role, SubmittedForm

from .archive import ArchiveProblem, Backup, read_archive
from .importer import ImportProblems, ImportResult, available_slug, check_document, import_project
from .schema import SECTIONS, upgrade

logger = logging.getLogger(__name__)

UPLOAD_DIR = "restauration"
SESSION_KEY = "restore_uploads"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")

# What each list of the document holds, as the preview names it.
SECTION_LABELS = {
    "members": gettext_lazy("Membres du projet"),
    "step_statuses": gettext_lazy("Statuts d’étape"),
    "deadlines": gettext_lazy("Dates cibles des étapes"),
    "dimensions": gettext_lazy("Dimensions de la réflexion retenues"),
    "extra_items": gettext_lazy("Éléments « autre » des portraits"),
    "answers": gettext_lazy("Réponses"),
    "answer_revisions": gettext_lazy("Versions antérieures des réponses"),
    "diagnostic_verdicts": gettext_lazy("Verdicts du diagnostic"),
    "pooled_resources": gettext_lazy("Ressources mutualisées"),
    "commitments": gettext_lazy("Engagements"),
    "usage_records": gettext_lazy("Relevés d’utilisation"),
    "operating_model": gettext_lazy("Modèle de fonctionnement"),
    "consent_rounds": gettext_lazy("Tours de consentement"),
    "consent_responses": gettext_lazy("Réponses aux tours de consentement"),
    "risks": gettext_lazy("Risques"),
    "agreement_sections": gettext_lazy("Sections de l’entente"),
    "communication_items": gettext_lazy("Éléments du plan de communication"),
    "strategic_vision": gettext_lazy("Vision stratégique"),
    "axes": gettext_lazy("Axes du plan"),
    "orientations": gettext_lazy("Orientations"),
    "strategies": gettext_lazy("Stratégies"),
    "actions": gettext_lazy("Actions"),
    "logic_elements": gettext_lazy("Éléments du modèle logique"),
    "indicators": gettext_lazy("Indicateurs"),
    "measurements": gettext_lazy("Mesures des indicateurs"),
    "evaluation_rounds": gettext_lazy("Bilans d’évaluation"),
    "target_assessments": gettext_lazy("Appréciations des cibles"),
    "improvements": gettext_lazy("Améliorations"),
    "change_records": gettext_lazy("Entrées de l’historique des modifications"),
    "opportunity_study": gettext_lazy("Étude d’opportunité"),
    "study_weights": gettext_lazy("Pondérations de l’étude d’opportunité"),
    "startup_costs": gettext_lazy("Coûts de démarrage"),
    "alone_costs": gettext_lazy("Coûts sans mutualisation"),
    "indirect_effects": gettext_lazy("Effets indirects"),
    "agreement": gettext_lazy("Entente de mutualisation"),
    "documents": gettext_lazy("Documents partagés"),
    "comments": gettext_lazy("Commentaires"),
    "comment_threads": gettext_lazy("Fils de commentaires"),
    "users": gettext_lazy("Personnes"),
    "organisations": gettext_lazy("Organisations"),
}
WHERE = re.compile(
    r"^(?P<section>[a-z_]+)\[(?P<index>\d+)\][ \u00a0]: (?P<message>.*)$", re.DOTALL
)


# Room for the multipart envelope around the file itself.
ENVELOPE_BYTES = 64 * 1024


def announced_too_big(request) -> bool:
    """The request announces a body larger than a backup may be (Content-Length)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    return not length.isdigit() or int(length) > settings.RESTORE_MAX_BYTES + ENVELOPE_BYTES


class RestoreSizeLimit(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: a restore upload announced above the limit is not
    read at all (the form data is left empty and the view explains), whichever code
    touches request.POST first (a middleware does)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        request = self.request
        if (
            request is not None
            and request.path == reverse("restore:upload")
            and announced_too_big(request)
        ):
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadGone(Exception):
    """The kept file is unknown to this session, expired or deleted."""


def read_backup(file) -> Backup:
    """The document and files of a backup (ZIP or bare JSON); ImportProblems says why not."""
    head = file.read(4)
    file.seek(0)
    if head.startswith(b"PK"):
        try:
            content, files = read_archive(file)
        except ArchiveProblem as error:
            raise ImportProblems([str(error)]) from error
        return Backup(_parse_json(content), files)
    return Backup(_parse_json(file.read()), {})


def read_document(file) -> dict:
    """The project document of a backup in `file` (binary), without its files."""
    return read_backup(file).document


def _parse_json(content: bytes):
    try:
        return json.loads(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ImportProblems(
            [_("Ce fichier n’est pas du texte : choisissez le fichier .json de la sauvegarde.")]
        ) from error
    except json.JSONDecodeError as error:
        raise ImportProblems(
            [
                _(
                    "Ce fichier n’est pas un document JSON valide "
                    "(ligne %(line)s, colonne %(col)s)."
                )
                % {"line": error.lineno, "col": error.colno}
            ]
        ) from error
    except RecursionError as error:
        raise ImportProblems(
            [_("Ce fichier est imbriqué trop profondément pour être une sauvegarde de projet.")]
        ) from error


def readable_problem(problem: str) -> str:
    """« answers[3] : … » said with the name of the list (« Réponses, nº 3 : … »)."""
    match = WHERE.match(problem)
    if not match or match["section"] not in SECTION_LABELS:
        return problem
    return _("%(list)s, nº %(index)s : %(message)s") % {
        "list": SECTION_LABELS[match["section"]],
        "index": match["index"],
        "message": match["message"],
    }


def check(document, files=None) -> list[str]:
    """Every problem of the document, in readable French; empty when it can be restored.

    `files` are the archive's files; a backup read here always has some (maybe none)."""
    files = {} if files is None else files
    return [readable_problem(problem) for problem in check_document(document, files)]


# Keeping the file between the preview and the confirmation --------------------------------


def _max_age() -> timedelta:
    return timedelta(minutes=settings.RESTORE_UPLOAD_MAX_AGE_MINUTES)


def keep_upload(request, uploaded) -> str:
    """Store the uploaded file for this session; return the token naming it."""
    prune_uploads()
    token = secrets.token_urlsafe(18)
    uploaded.seek(0)
    suffix = ".zip" if uploaded.read(2) == b"PK" else ".json"
    uploaded.seek(0)
    name = default_storage.save(f"{UPLOAD_DIR}/{token}{suffix}", uploaded)
    kept = {
        key: entry
        for key, entry in request.session.get(SESSION_KEY, {}).items()
        if timezone.now() - _uploaded_at(entry) < _max_age()
    }
    kept[token] = {
        "name": name,
        "at": timezone.now().isoformat(),
        "filename": str(uploaded.name or "")[:200],
    }
    request.session[SESSION_KEY] = kept
    return token


def _uploaded_at(entry):
    return datetime.fromisoformat(entry["at"])


def kept_upload(request, token: str) -> dict:
    """The session's entry for `token`; UploadGone when unknown, expired or deleted."""
    entry = request.session.get(SESSION_KEY, {}).get(token) if TOKEN.match(token) else None
    if entry is None:
        raise UploadGone
    if timezone.now() - _uploaded_at(entry) >= _max_age() or not default_storage.exists(
        entry["name"]
    ):
        discard_upload(request, token)
        raise UploadGone
    return entry


def read_kept(entry) -> Backup:
    with default_storage.open(entry["name"], "rb") as file:
        return read_backup(file)


def discard_upload(request, token: str) -> None:
    kept = request.session.get(SESSION_KEY, {})
    entry = kept.pop(token, None)
    request.session[SESSION_KEY] = kept
    if entry is not None:
        default_storage.delete(entry["name"])


def prune_uploads() -> None:
    """Delete the kept files older than RESTORE_UPLOAD_MAX_AGE_MINUTES (never confirmed)."""
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return
    limit = timezone.now() - _max_age()
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, OSError):  # deleted meanwhile by another request
            continue


# What the restoration will create ------------------------------------------------------------


@dataclass
class Preview:
    name: str
    asked_slug: str
    slug: str
    slug_reason: str
    organisations: list[str]
    new_accounts: list[str]
    linked_accounts: list[str]
    counts: list[tuple[str, int]] = field(default_factory=list)
    # The role the file gives the person restoring (empty: they join as coordinator).
    restorer_role_in_file: str = ""


def preview(document: dict, user) -> Preview:
    """What `restore` will create from a valid document, for this person."""
    document = upgrade(document)
    project = document["project"]
    asked = project.get("slug") or ""
    slug = available_slug(asked, project["name"])
    reason = ""
    if slug != asked:
        if not asked:
            reason = _("le fichier ne donne pas d’identifiant")
        elif asked in RESERVED_SLUGS:
            reason = _("l’identifiant « %(slug)s » est réservé par l’application") % {
                "slug": asked
            }
        else:
            reason = _("un projet utilise déjà l’identifiant « %(slug)s »") % {"slug": asked}
    emails = sorted({row["email"].lower() for row in document["users"]})
    existing = set(
        get_user_model().objects.filter(email__in=emails).values_list("email", flat=True)
    )
    existing = {email.lower() for email in existing}
    role_in_file = ""
    for member in document.get("members", []):
        if str(member.get("user", "")).lower() == user.email.lower():
            role_in_file = Role(member["role"]).label if member["role"] in Role.values else ""
    counts = [
        (
            str(SECTION_LABELS.get(section.name, section.name)),
            len(document.get(section.name) or []),
        )
        for section in SECTIONS
    ]
    return Preview(
        name=project["name"],
        asked_slug=asked,
        slug=slug,
        slug_reason=reason,
        organisations=sorted(row["name"] for row in document["organisations"]),
        new_accounts=[email for email in emails if email not in existing],
        linked_accounts=[email for email in emails if email in existing],
        counts=[(label, n) for label, n in counts if n],
        restorer_role_in_file=str(role_in_file),
    )


class AlreadyRestored(Exception):
    """This upload was confirmed already (a double click, a second tab)."""


def restore(*, document: dict, user, upload_token: str, files=None) -> ImportResult:
    """Create the project of `document`, with `user` as a coordinator; all or nothing.

    A person restoring a project in which the file gives them another role becomes its
    coordinator (a coordinator speaks for no organisation). The upload is claimed in the
    same transaction, so two confirmations of one upload create one project.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                SubmittedForm.objects.create(token=f"restauration-{upload_token}", user=user)
        except IntegrityError as error:
            raise AlreadyRestored from error
        result = import_project(document, {} if files is None else files)
        membership = Membership.objects.filter(user=user, project=result.project).first()
        if membership is None:
            Membership.objects.create(user=user, project=result.project, role=Role.COORDINATOR)
        elif membership.role != Role.COORDINATOR:
            membership.role = Role.COORDINATOR
            membership.organisation = None
            membership.save(update_fields=["role", "organisation"])
    logger.info("Project %s restored by user %s", result.project.pk, user.pk)
    return result
