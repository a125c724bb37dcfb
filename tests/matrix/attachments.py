"""Shared documents (steps/attachments): every member reads the project's documents,
partners and the coordination upload, the uploader and the coordination delete."""

from . import CONTRIBUTE, OWN_ORG, POST, READ

MATRIX = {
    "steps:attachment_list": (READ, None),
    "steps:attachment_upload": (CONTRIBUTE, None),
    "steps:attachment_download": (READ, None),
    # The document of the matrix was uploaded by partner A.
    "steps:attachment_delete": (OWN_ORG, POST),
}


def _document(world):
    from steps.attachments.models import Document
    from steps.attachments.services import document_add

    document = Document.objects.filter(project=world.project, title="Soumission").first()
    return document or document_add(
        project=world.project,
        user=world.partner_a,
        title="Soumission",
        step="modelisation",
        content=b"%PDF-1.4\n%%EOF\n",
        name="soumission.pdf",
    )


URL_KWARGS = {"attachment_id": lambda world: _document(world).pk}
