"""Shared documents in backups: the export is a ZIP with the files, the restore gives
them back byte for byte, and every unsafe archive is refused before anything is written."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from projects.models import Project
from steps.attachments.models import Document
from steps.attachments.services import document_add
from steps.models import PooledResource, Risk
from steps.transfer import archive
from steps.transfer.archive import ArchiveProblem, read_archive, write_archive
from steps.transfer.export import export_project
from steps.transfer.importer import ImportProblems, import_project
from tests.steps.attachments import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_documents(world):
    truck = PooledResource.objects.create(project=world.project, name="Camion réfrigéré")
    risk = Risk.objects.create(project=world.project, title="Bris du camion")
    quote = document_add(
        project=world.project,
        user=world.coordinator,
        title="Soumission",
        step="modelisation",
        content=samples.PDF,
        name="Soumission.pdf",
        resource=truck,
    )
    certificate = document_add(
        project=world.project,
        user=world.partner_a,
        title="Attestation d'assurance",
        step="modelisation",
        content=samples.PNG,
        name="attestation.png",
        organisation=world.org_a,
        risk=risk,
    )
    return quote, certificate


def _zip(document, files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as output:
        output.writestr("projet.json", json.dumps(document))
        for path, data in files.items():
            output.writestr(path, data)
    return buffer.getvalue()


def _export_zip(client, project) -> bytes:
    response = client.get(reverse("steps:project_export", args=[project.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    return b"".join(response.streaming_content)


def test_export_with_documents_is_a_zip_of_the_json_and_files(world, client_as, with_documents):
    """The archive holds projet.json and each file under fichiers/<ref>-<name>."""
    content = _export_zip(client_as(world.coordinator), world.project)
    with zipfile.ZipFile(io.BytesIO(content)) as result:
        names = sorted(result.namelist())
        document = json.loads(result.read("projet.json"))
        assert names == [
            "fichiers/document-1-Soumission.pdf",
            "fichiers/document-2-attestation.png",
            "projet.json",
        ]
        assert result.read("fichiers/document-1-Soumission.pdf") == samples.PDF
    rows = document["documents"]
    assert rows[0]["file"] == "fichiers/document-1-Soumission.pdf"
    assert rows[0]["resource"] == "resource-1"
    assert rows[1]["risk"] == "risk-1" and rows[1]["organisation"] == "organisation-1"


def test_restore_of_the_zip_gives_back_the_files_byte_for_byte(
    world, client_as, with_documents, settings
):
    """Export → restore page → a new project whose documents have the same bytes."""
    settings.PROJECT_CREATION = "anyone"
    client = client_as(world.coordinator)
    content = _export_zip(client, world.project)
    upload = SimpleUploadedFile("sauvegarde.zip", content, content_type="application/zip")
    response = client.post(reverse("restore:upload"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    preview = client.get(response["Location"])
    assert "Documents partagés" in preview.content.decode()
    response = client.post(response["Location"] + "confirmer/")
    assert response.status_code == 302
    copy = Project.objects.exclude(pk__in=[world.project.pk, world.other_project.pk]).get()
    originals = {d.title: d for d in Document.objects.filter(project=world.project)}
    restored = Document.objects.filter(project=copy)
    assert restored.count() == 2
    for document in restored:
        original = originals[document.title]
        assert document.file.read() == original.file.read()
        assert document.sha256 == original.sha256
        assert document.file.name != original.file.name
        assert document.uploaded_at == original.uploaded_at
    quote = restored.get(title="Soumission")
    assert quote.resource.project == copy and quote.resource.name == "Camion réfrigéré"
    certificate = restored.get(title="Attestation d'assurance")
    assert certificate.risk.project == copy
    assert certificate.organisation in copy.organisations.all()


def test_import_in_memory_roundtrip_is_exact(world, with_documents):
    """Export → import with the archive's files → export gives the same document."""
    document = json.loads(json.dumps(export_project(world.project)))
    _json, files = read_archive(write_archive(document, world.project))
    copy = import_project(document, files).project
    again = json.loads(json.dumps(export_project(copy)))
    assert again["documents"] == document["documents"]


def _swap_for_html(document, files):
    """An HTML page in place of the PDF, with a matching size and digest."""
    files["fichiers/document-1-Soumission.pdf"] = samples.HTML
    document["documents"][0]["size"] = len(samples.HTML)
    document["documents"][0]["sha256"] = hashlib.sha256(samples.HTML).hexdigest()


def _problems(document, files) -> list[str]:
    before = (Project.objects.count(), Document.objects.count())
    with pytest.raises(ImportProblems) as error:
        import_project(document, files)
    assert (Project.objects.count(), Document.objects.count()) == before
    return error.value.problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d, f: f.pop("fichiers/document-1-Soumission.pdf"), "manque dans l’archive"),
        (
            lambda d, f: f.update({"fichiers/document-1-Soumission.pdf": samples.PDF + b" "}),
            "empreinte SHA-256",
        ),
        (_swap_for_html, "type accepté"),
        (lambda d, f: d["documents"][0].update({"content_type": "text/html"}), "type accepté"),
        (lambda d, f: d["documents"][0].update({"file": "/etc/passwd"}), "fichiers/"),
        (lambda d, f: f.update({"fichiers/intrus.pdf": samples.PDF}), "aucun document"),
    ],
)
def test_import_refuses_missing_altered_or_unsafe_files(world, with_documents, change, expected):
    """Every file is checked (presence, size, SHA-256, type) before anything is written."""
    document = json.loads(json.dumps(export_project(world.project)))
    files = archive.export_files(world.project)
    change(document, files)
    problems = _problems(document, files)
    assert any(expected in problem for problem in problems), problems


def test_bare_json_with_documents_is_refused_on_the_restore_page(
    world, client_as, with_documents, settings
):
    """A JSON alone names files it does not bring: refused, never looked up on the server."""
    settings.PROJECT_CREATION = "anyone"
    document = json.dumps(export_project(world.project), default=str).encode()
    upload = SimpleUploadedFile("projet.json", document, content_type="application/json")
    response = client_as(world.coordinator).post(reverse("restore:upload"), {"file": upload})
    assert response.status_code == 200
    assert "manque dans l’archive" in response.content.decode()


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ({"projet.json": b"{}", "../evil.pdf": samples.PDF}, "Nom de fichier inattendu"),
        ({"projet.json": b"{}", "/abs.pdf": samples.PDF}, "Nom de fichier inattendu"),
        ({"projet.json": b"{}", "fichiers/a/b.pdf": samples.PDF}, "Nom de fichier inattendu"),
        ({"projet.json": b"{}", "fichiers/..": samples.PDF}, "Nom de fichier inattendu"),
        ({"autre.json": b"{}"}, "projet.json"),
        ({"projet.json": b"{}", "fichiers/bombe.pdf": b"\0" * (3 * 1024 * 1024)}, "trop gros"),
    ],
)
def test_unsafe_archives_are_refused_before_reading(entries, expected, settings):
    """Paths out of fichiers/, a missing projet.json, a zip bomb: refused."""
    settings.ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as output:
        for name, data in entries.items():
            output.writestr(name, data)
    buffer.seek(0)
    with pytest.raises(ArchiveProblem) as error:
        read_archive(buffer)
    assert expected in str(error.value)


def test_archive_over_the_total_limit_is_refused(settings):
    settings.RESTORE_MAX_BYTES = 1000
    settings.ATTACHMENT_MAX_BYTES = 3000
    entries = {"projet.json": b"{}", **{f"fichiers/{n}.pdf": b"%PDF" * 700 for n in range(3)}}
    buffer = io.BytesIO(_zip_entries(entries))
    with pytest.raises(ArchiveProblem, match="trop grosse"):
        read_archive(buffer)


def _zip_entries(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as output:
        for name, data in entries.items():
            output.writestr(name, data)
    return buffer.getvalue()


def test_backup_page_offers_a_zip_when_the_project_has_documents(world, client_as):
    """The download link names a .json file, then a .zip once documents are shared."""
    client = client_as(world.coordinator)
    url = reverse("steps:project_transfer", args=[world.project.slug])
    assert '.json"' in client.get(url).content.decode()
    document_add(
        project=world.project,
        user=world.coordinator,
        title="Soumission",
        step="modelisation",
        content=samples.PDF,
        name="s.pdf",
    )
    assert '.zip"' in client.get(url).content.decode()


def test_commands_export_and_import_a_zip_with_the_files(world, with_documents, tmp_path):
    """`export_project -o x.zip` carries the files; `import_project x.zip` gives them back
    byte for byte (the archive checked first); a bad archive is refused in French."""
    quote, certificate = with_documents
    path = tmp_path / "projet.zip"
    call_command("export_project", world.project.slug, "-o", str(path))
    Project.objects.filter(pk=world.project.pk).delete()
    call_command("import_project", str(path), stdout=io.StringIO())
    restored = {d.title: d.file.open("rb").read() for d in Document.objects.all()}
    assert restored == {quote.title: samples.PDF, certificate.title: samples.PNG}
    broken = tmp_path / "cassee.zip"
    with zipfile.ZipFile(broken, "w") as output:
        output.writestr("../projet.json", "{}")
    with pytest.raises(CommandError, match="Archive .* refusée"):
        call_command("import_project", str(broken))


def test_command_json_export_warns_that_files_stay_behind(world, with_documents):
    err = io.StringIO()
    call_command("export_project", world.project.slug, stdout=io.StringIO(), stderr=err)
    assert "documents partagés" in err.getvalue() and ".zip" in err.getvalue()
