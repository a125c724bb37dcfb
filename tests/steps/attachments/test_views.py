"""Shared documents: upload, list, download and delete, for each persona."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from projects.models import ChangeRecord, Project
from steps.attachments.models import Document
from steps.attachments.services import document_add
from tests.factories import OrganisationFactory
from tests.steps.attachments import samples

pytestmark = pytest.mark.django_db


def _url(name, project, *args):
    return reverse(f"steps:{name}", args=[project.slug, *args])


def _upload(client, project, content, name, **fields):
    data = {"title": "Soumission du garage", "step": "modelisation", **fields}
    data["upload"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(_url("attachment_upload", project), data)


def _add(world, organisation=None, user=None, content=samples.PDF, name="devis.pdf", **links):
    return document_add(
        project=world.project,
        user=user or world.coordinator,
        title=f"Document {name}",
        step="modelisation",
        content=content,
        name=name,
        organisation=organisation,
        **links,
    )


def test_upload_pdf_stores_it_with_a_random_name_and_its_digest(world, client_as):
    """A partner's PDF is stored under a random path, with its size and SHA-256."""
    client = client_as(world.partner_a)
    response = _upload(client, world.project, samples.PDF, "../Soumission camion.pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.original_name == "Soumission_camion.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(samples.PDF)
    assert document.sha256 == hashlib.sha256(samples.PDF).hexdigest()
    assert document.file.name.startswith(f"documents/projet-{world.project.pk}/")
    assert "Soumission" not in document.file.name
    assert default_storage.open(document.file.name).read() == samples.PDF
    assert ChangeRecord.objects.filter(project=world.project, object_id=document.pk).exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (samples.HTML, "soumission.pdf"),
        (samples.SVG, "logo.png"),
        (samples.JS, "script.pdf"),
        (samples.EXE, "entente.docx"),
    ],
)
def test_upload_refuses_spoofed_types_with_a_french_error(world, client_as, content, name):
    """HTML, SVG, scripts and programs are refused even under an allowed name."""
    response = _upload(client_as(world.coordinator), world.project, content, name)
    assert response.status_code == 200
    assert "Ce type de fichier n’est pas accepté" in response.content.decode()
    assert not Document.objects.exists()


def _foreign(world, kind):
    """An object of another project (or an organisation outside this one)."""
    from steps.models import Action, PooledResource, Risk

    other = world.other_project
    return {
        "resource": lambda: PooledResource.objects.create(project=other, name="Autre camion"),
        "risk": lambda: Risk.objects.create(project=other, title="Autre risque"),
        "action": lambda: Action.objects.create(project=other, title="Autre action"),
        "organisation": lambda: OrganisationFactory(name="Ailleurs"),
    }[kind]()


@pytest.mark.parametrize("kind", ["resource", "risk", "action", "organisation"])
def test_upload_refuses_links_outside_the_project(world, client_as, kind):
    """An id of another project's resource, risk or action, or of an organisation that is
    not in the project, is not a valid choice: nothing is stored."""
    foreign = _foreign(world, kind)
    response = _upload(
        client_as(world.coordinator), world.project, samples.PDF, "a.pdf", **{kind: foreign.pk}
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_partner_cannot_upload_for_another_organisation(world, client_as):
    """Partner A may file a document for its own organisation, not for B."""
    client = client_as(world.partner_a)
    response = _upload(client, world.project, samples.PDF, "a.pdf", organisation=world.org_b.pk)
    assert response.status_code == 200
    assert not Document.objects.exists()
    response = _upload(client, world.project, samples.PDF, "a.pdf", organisation=world.org_a.pk)
    assert response.status_code == 302
    assert Document.objects.get().organisation == world.org_a


def test_announced_size_above_the_limit_is_refused_unread(world, client_as, settings):
    """A Content-Length above the limit: 413, the body is not parsed."""
    settings.ATTACHMENT_MAX_BYTES = 1000
    client = client_as(world.coordinator)
    response = client.post(
        _url("attachment_upload", world.project),
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(1000 + 64 * 1024 + 1),
    )
    assert response.status_code == 413
    assert "dépasse la taille permise" in response.content.decode()
    assert not Document.objects.exists()


def test_streamed_bytes_above_the_limit_are_refused(world, client_as, settings):
    """A file above the limit but within the announced envelope stops while streaming."""
    settings.ATTACHMENT_MAX_BYTES = 1000
    client = client_as(world.coordinator)
    content = samples.PDF + b"%" * 5000  # a real PDF header, 5 kB: above 1 000 bytes
    response = _upload(client, world.project, content, "gros.pdf")
    assert response.status_code == 413
    assert "dépasse la taille permise" in response.content.decode()
    assert not Document.objects.exists()


def test_file_at_the_limit_passes(world, client_as, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    content = samples.PDF + b"%" * (1000 - len(samples.PDF))
    response = _upload(client_as(world.coordinator), world.project, content, "juste.pdf")
    assert response.status_code == 302
    assert Document.objects.get().size == 1000


@pytest.mark.parametrize(
    ("content", "name", "disposition", "content_type"),
    [
        (samples.PDF, "devis.pdf", "inline", "application/pdf"),
        (samples.PNG, "photo.png", "attachment", "image/png"),
        (samples.DOCX, "entente.docx", "attachment", "application/vnd.openxmlformats"),
        (samples.CSV, "montants.csv", "attachment", "text/csv"),
    ],
)
def test_download_sends_the_bytes_with_safe_headers(
    world, client_as, content, name, disposition, content_type
):
    """Only PDF shows inline; every response is sandboxed and never sniffed."""
    document = _add(world, content=content, name=name)
    response = client_as(world.advisor).get(
        _url("attachment_download", world.project, document.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith(disposition)
    assert response["Content-Type"].startswith(content_type)
    assert "html" not in response["Content-Type"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_download_of_a_tampered_content_type_is_an_octet_stream(world, client_as):
    """A stored type outside the allowed list (an edited record) is never served as is."""
    document = _add(world)
    Document.objects.filter(pk=document.pk).update(content_type="text/html")
    response = client_as(world.coordinator).get(
        _url("attachment_download", world.project, document.pk)
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("partner_a", 200),
        ("partner_b", 403),
        ("advisor", 200),
        ("coordinator", 200),
        ("outsider", 404),
    ],
)
def test_organisation_document_is_seen_like_its_drafts(world, client_as, persona, expected):
    """A document of organisation A: A's partners, the coordination and advisors only."""
    document = _add(world, organisation=world.org_a)
    client = client_as(world.user(persona))
    response = client.get(_url("attachment_download", world.project, document.pk))
    assert response.status_code == expected
    if persona != "outsider":
        listed = client.get(_url("attachment_list", world.project)).content.decode()
        assert (document.title in listed) == (expected == 200)


def test_another_projects_document_is_404(world, client_as):
    """An id of another project's document is unknown here, even to its coordinator."""
    other = document_add(
        project=world.other_project,
        user=world.outsider,
        title="Ailleurs",
        step="impulsion",
        content=samples.PDF,
        name="a.pdf",
    )
    client = client_as(world.coordinator)
    assert client.get(_url("attachment_download", world.project, other.pk)).status_code == 404
    assert client.post(_url("attachment_delete", world.project, other.pk)).status_code == 404
    assert Document.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_delete_by_uploader_removes_the_file_after_commit(world, client_as):
    """The uploader deletes its document; the file leaves the storage too."""
    document = _add(world, user=world.partner_a)
    name = document.file.name
    assert (
        client_as(world.partner_b)
        .post(_url("attachment_delete", world.project, document.pk))
        .status_code
        == 403
    )
    response = client_as(world.partner_a).post(
        _url("attachment_delete", world.project, document.pk)
    )
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_deleting_the_project_removes_its_files(world):
    """A project deleted (its documents go by cascade) leaves no file behind; a deletion
    rolled back keeps the file."""
    name = _add(world, user=world.partner_a).file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        Project.objects.get(pk=world.project.pk).delete()
        raise RuntimeError("rolled back")
    assert default_storage.exists(name)
    Project.objects.get(pk=world.project.pk).delete()
    assert not default_storage.exists(name)


def test_list_filters_by_step_and_organisation(world, client_as):
    _add(world, name="camion.pdf")
    document_add(
        project=world.project,
        user=world.coordinator,
        title="Procès-verbal",
        step="impulsion",
        content=samples.PDF,
        name="pv.pdf",
        organisation=world.org_b,
    )
    client = client_as(world.coordinator)
    page = client.get(_url("attachment_list", world.project), {"etape": "impulsion"})
    assert "Procès-verbal" in page.content.decode()
    assert "camion.pdf" not in page.content.decode()
    page = client.get(_url("attachment_list", world.project), {"organisation": world.org_b.pk})
    assert "Procès-verbal" in page.content.decode()
    assert "camion.pdf" not in page.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_is_fixed(world, client_as, django_assert_num_queries, count):
    """The list costs the same number of queries for 3 or 30 documents and organisations."""
    for n in range(count):
        organisation = OrganisationFactory(name=f"Organisme {n}")
        world.project.organisations.add(organisation)
        _add(world, organisation=organisation if n % 2 else None, name=f"d{n}.pdf")
    client = client_as(world.coordinator)
    client.get(_url("attachment_list", world.project))  # warm the caches (content types…)
    with django_assert_num_queries(QUERIES):
        response = client.get(_url("attachment_list", world.project))
    assert response.content.decode().count("telecharger/") == count


QUERIES = 10
