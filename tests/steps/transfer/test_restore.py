"""Restoring a backup in the browser: upload, preview, confirmation (steps/transfer/restore.py)."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Membership, Organisation, Project, Role, User
from steps.models import Action, Answer, PooledResource
from steps.transfer.export import export_project
from steps.transfer.restore import UPLOAD_DIR, AlreadyRestored, restore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Kept uploads go to a folder of this test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _allow(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="projects", codename="add_project")
    )
    return user


def _document(world):
    Answer.objects.create(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.besoin",
        value="x",
    )
    PooledResource.objects.create(project=world.project, name="Camion réfrigéré")
    Action.objects.create(project=world.project, title="Acheter le camion")
    return json.loads(json.dumps(export_project(world.project), cls=DjangoJSONEncoder))


def _file(document, name="projet.json"):
    if not isinstance(document, bytes):
        document = json.dumps(document).encode()
    return SimpleUploadedFile(name, document, content_type="application/json")


def _page(response) -> str:
    """The page's text, no-break spaces read as spaces."""
    return response.content.decode().replace("\u00a0", " ").replace("\u202f", " ")


def _kept_files(media):
    folder = media / UPLOAD_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def restorer(db):
    return _allow(UserFactory(email="rachel@exemple.org", full_name="Rachel Restaure"))


def test_view_restore_preview_then_confirm_creates_what_the_preview_said(
    world, client_as, restorer, media
):
    """The preview names the project, its new slug, its people and its contents; the
    confirmation creates exactly that, with the restorer as coordinator."""
    document = _document(world)
    client = client_as(restorer)
    response = client.post(reverse("restore:upload"), {"file": _file(document)})
    assert response.status_code == 302
    preview_url = response["Location"]
    assert len(_kept_files(media)) == 1
    page = _page(client.get(preview_url))
    assert world.project.name in page
    new_slug = f"{world.project.slug}-2"
    assert new_slug in page
    assert "un projet utilise déjà l’identifiant" in page
    assert "2 organisations" in page
    assert "Banque alimentaire du Suroît" in page
    # The five people of the project exist here: linked, none created.
    assert "5 personnes ont déjà un compte ici" in page
    assert "Aucun compte ne sera créé" in page
    assert "Coordonnateur·rice" in page
    assert Project.objects.count() == 2  # nothing written by the preview

    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    response = client.post(reverse("restore:confirm", args=[token]))
    restored = Project.objects.get(slug=new_slug)
    assert response.status_code == 302
    assert response["Location"] == restored.get_absolute_url()
    assert restored.name == world.project.name
    assert restored.organisations.count() == 2
    assert Answer.objects.filter(project=restored).count() == 1
    assert PooledResource.objects.filter(project=restored).count() == 1
    assert Action.objects.filter(project=restored).count() == 1
    assert Membership.objects.get(project=restored, user=restorer).role == Role.COORDINATOR
    assert Membership.objects.filter(project=restored).count() == 5  # 4 from the file + 1
    assert _kept_files(media) == []  # the kept file is gone once used
    # The original project is untouched; the token cannot serve twice.
    assert world.project.organisations.count() == 2
    response = client.post(reverse("restore:confirm", args=[token]))
    assert response["Location"] == reverse("restore:upload")
    assert Project.objects.count() == 3


def test_view_restore_preview_counts_new_accounts(world, client_as, restorer):
    """People absent from this installation are listed as accounts to create."""
    document = _document(world)
    document["users"].append({"email": "nouvelle@ailleurs.org", "full_name": "Nouvelle"})
    client = client_as(restorer)
    response = client.post(reverse("restore:upload"), {"file": _file(document)}, follow=True)
    page = _page(response)
    assert "1 compte sera créé" in page
    assert "nouvelle@ailleurs.org" in page


def test_view_restore_invalid_file_lists_french_problems_and_writes_nothing(
    world, client_as, restorer, media
):
    """Each problem says where it is, in French; no project, no kept file."""
    document = _document(world)
    document["users"][0]["email"] = "pas-une-adresse"
    document["answers"][0]["question_code"] = 12
    before = (Project.objects.count(), Organisation.objects.count(), User.objects.count())
    response = client_as(restorer).post(reverse("restore:upload"), {"file": _file(document)})
    page = _page(response)
    assert response.status_code == 200
    assert "Ce fichier ne peut pas être restauré" in page
    assert "Personnes, nº 1" in page
    assert "adresse courriel invalide" in page
    assert "Réponses, nº 1" in page
    assert (Project.objects.count(), Organisation.objects.count(), User.objects.count()) == before
    assert _kept_files(media) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{pas du json", "n’est pas un document JSON valide"),
        (b"\xff\xfe\x00binaire", "n’est pas du texte"),
        (b"PK\x03\x04archive", "archive ZIP"),
        (b"[1, 2]", "ne contient pas un objet JSON"),
    ],
)
def test_view_restore_unreadable_file_is_refused_in_french(
    world, client_as, restorer, content, message
):
    response = client_as(restorer).post(reverse("restore:upload"), {"file": _file(content)})
    assert message in _page(response)
    assert Project.objects.count() == 2


def test_view_restore_oversize_file_is_refused(world, client_as, restorer, settings, media):
    """A file above RESTORE_MAX_BYTES is refused, with the limit in French."""
    settings.RESTORE_MAX_BYTES = 1000
    response = client_as(restorer).post(
        reverse("restore:upload"), {"file": _file(b" " * 900 + b"{}" + b" " * 1000)}
    )
    assert response.status_code == 413
    assert "dépasse la taille permise" in _page(response)
    assert _kept_files(media) == []


def test_view_restore_oversize_body_is_refused_before_being_parsed(
    world, client_as, restorer, settings
):
    """The announced size is checked first: a body that is not even valid multipart
    (parsing it would fail) gets the size message."""
    settings.RESTORE_MAX_BYTES = 1000
    client = client_as(restorer)
    response = client.generic(
        "POST",
        reverse("restore:upload"),
        b"x" * 200_000,
        content_type="multipart/form-data; boundary=nope",
    )
    assert response.status_code == 413
    assert "il n’a pas été lu" in _page(response)


def test_view_restore_upload_of_another_session_is_refused(world, client_as, restorer, client):
    """The token of the preview is tied to the session that uploaded the file."""
    document = _document(world)
    response = client_as(restorer).post(reverse("restore:upload"), {"file": _file(document)})
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    other = _allow(UserFactory())
    client = client_as(other)
    assert client.get(reverse("restore:preview", args=[token]))["Location"] == reverse(
        "restore:upload"
    )
    client.post(reverse("restore:confirm", args=[token]))
    assert Project.objects.count() == 2


def test_view_restore_expired_upload_is_refused(world, client_as, restorer, settings, media):
    document = _document(world)
    client = client_as(restorer)
    response = client.post(reverse("restore:upload"), {"file": _file(document)})
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    settings.RESTORE_UPLOAD_MAX_AGE_MINUTES = 0
    response = client.post(reverse("restore:confirm", args=[token]), follow=True)
    assert "Ce fichier n’est plus disponible" in _page(response)
    assert Project.objects.count() == 2
    assert _kept_files(media) == []


def test_view_restore_takes_restorer_role_from_file_to_coordinator(world, client_as):
    """A partner of the file who restores it becomes the new project's coordinator."""
    document = _document(world)
    _allow(world.partner_a)
    client = client_as(world.partner_a)
    response = client.post(reverse("restore:upload"), {"file": _file(document)})
    page = _page(client.get(response["Location"]))
    assert "le fichier vous donnait le rôle" in page
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    client.post(reverse("restore:confirm", args=[token]))
    restored = (
        Project.objects.exclude(pk=world.project.pk).exclude(pk=world.other_project.pk).get()
    )
    membership = Membership.objects.get(project=restored, user=world.partner_a)
    assert (membership.role, membership.organisation) == (Role.COORDINATOR, None)


@pytest.mark.parametrize("persona", ["coordinator", "partner_a", "advisor"])
def test_view_restore_refused_under_approved_without_permission(world, client_as, persona):
    """Under « approved », members without the permission get the explanation (403)."""
    response = client_as(world.user(persona)).get(reverse("restore:upload"))
    assert response.status_code == 403
    page = _page(response)
    assert "Création de projets réservée" in page
    assert "Demander à pouvoir créer des projets" in page


def test_view_restore_open_to_anyone_under_anyone(world, client_as, settings):
    settings.PROJECT_CREATION = "anyone"
    response = client_as(world.advisor).get(reverse("restore:upload"))
    assert response.status_code == 200
    assert "Restaurer une sauvegarde" in _page(response)


def test_view_restore_preview_queries_do_not_grow_with_organisations(
    world, client_as, restorer, django_assert_max_num_queries
):
    """The preview costs the same whatever the number of organisations and people."""
    document = _document(world)
    client = client_as(restorer)
    counts = []
    for extra in (0, 20):
        bigger = json.loads(json.dumps(document))
        for n in range(extra):
            bigger["organisations"].append(
                {**bigger["organisations"][0], "ref": f"organisation-{n + 10}"}
            )
            bigger["users"].append({"email": f"p{n}@ailleurs.org", "full_name": f"P {n}"})
        location = client.post(reverse("restore:upload"), {"file": _file(bigger)})["Location"]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(location).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(12):
        client.get(location)


def test_view_restore_upload_checks_csrf(world, restorer, media):
    """The size check comes first, but a file is only read with a valid CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(restorer)
    response = client.post(reverse("restore:upload"), {"file": _file(_document(world))})
    assert response.status_code == 403
    assert _kept_files(media) == []


def test_service_restore_twice_with_one_upload_creates_one_project(world, restorer):
    """Two confirmations of the same upload (double click, two tabs): one project."""
    document = _document(world)
    restore(document=document, user=restorer, upload_token="b" * 24)
    with pytest.raises(AlreadyRestored):
        restore(document=document, user=restorer, upload_token="b" * 24)
    assert Project.objects.count() == 3
