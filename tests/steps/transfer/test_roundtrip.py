"""Export a project, import it elsewhere, export again: the same document comes back."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from projects.models import ChangeRecord, Organisation, Project
from steps.demo import build_demo_project
from steps.models import Action, Answer, ExtraPortraitItem, LogicElement
from steps.transfer.archive import export_files
from steps.transfer.export import export_project
from steps.transfer.importer import import_project
from steps.transfer.schema import FORMAT_VERSION, SECTIONS, VOLATILE_KEYS
from steps.transfer.synthetic import build_synthetic_project

pytestmark = pytest.mark.django_db


def _stable(document, *, slug=True):
    document = {k: v for k, v in document.items() if k not in VOLATILE_KEYS}
    if not slug:
        document["project"] = {k: v for k, v in document["project"].items() if k != "slug"}
    return document


def _empty_database():
    Project.objects.all().delete()
    Organisation.objects.all().delete()
    get_user_model().objects.all().delete()


@pytest.fixture
def demo_document():
    return json.loads(json.dumps(export_project(build_demo_project())))


@pytest.fixture
def demo_files(demo_document):
    """The files of the demo's shared documents, read before a test empties the database."""
    return export_files(Project.objects.get(slug=demo_document["project"]["slug"]))


def test_export_demo_has_every_section_and_no_password(demo_document):
    """The demo's document is versioned, fills every section and holds no password."""
    assert demo_document["format_version"] == FORMAT_VERSION
    for section in SECTIONS:
        assert demo_document[section.name], section.name
    text = json.dumps(demo_document)
    assert "password" not in text
    assert "pbkdf2" not in text and "argon2" not in text


def test_export_demo_contains_no_local_id(demo_document):
    """Records refer to each other by ref, never by a database id."""
    for section in SECTIONS:
        for row in demo_document[section.name]:
            assert "id" not in row and "pk" not in row
            assert not any(key.endswith("_id") for key in row)


def test_roundtrip_demo_into_empty_database_gives_same_document(demo_document, demo_files):
    """Export → empty database → import → export gives the very same document."""
    _empty_database()
    result = import_project(demo_document, demo_files)
    assert not result.slug_changed
    again = json.loads(json.dumps(export_project(result.project)))
    assert _stable(again) == _stable(demo_document)


def test_roundtrip_demo_beside_the_original_takes_a_new_slug(demo_document):
    """Imported next to the original, the project gets a new slug and its own objects."""
    result = import_project(demo_document)
    assert result.slug_changed
    assert result.project.slug != demo_document["project"]["slug"]
    assert Project.objects.count() == 2
    again = json.loads(json.dumps(export_project(result.project)))
    assert _stable(again, slug=False) == _stable(demo_document, slug=False)


def test_import_remaps_extra_item_codes_and_links(demo_document):
    """Codes of « autre » items, logic links and change records point to the new objects."""
    project = import_project(demo_document).project
    item = ExtraPortraitItem.objects.get(project=project)
    assert Answer.objects.filter(project=project, question_code__startswith=item.code + ".")
    elements = LogicElement.objects.filter(project=project)
    linked = [other for element in elements for other in element.leads_to.all()]
    assert linked and all(other.project_id == project.pk for other in linked)
    for record in ChangeRecord.objects.filter(project=project).exclude(object_id=0):
        assert record.content_type.get_object_for_this_type(pk=record.object_id)


def test_import_creates_missing_people_without_usable_password(demo_document, demo_files):
    """People absent from the installation get an account with no usable password."""
    _empty_database()
    result = import_project(demo_document, demo_files)
    emails = {row["email"] for row in demo_document["users"]}
    assert set(result.created_users) == emails
    assert not any(user.has_usable_password() for user in get_user_model().objects.all())


def test_import_matches_existing_people_by_email(demo_document):
    """A person already in the installation is reused, not duplicated."""
    users_before = get_user_model().objects.count()
    result = import_project(demo_document)
    assert result.created_users == []
    assert get_user_model().objects.count() == users_before


def test_import_restores_deferred_action_links(demo_document):
    """An action created from an improvement still points to it after import."""
    linked = [row for row in demo_document["actions"] if row["created_from"]]
    project = import_project(demo_document).project
    actions = Action.objects.filter(project=project, created_from__isnull=False)
    assert actions.count() == len(linked)
    assert all(a.created_from.evaluation_round.project_id == project.pk for a in actions)


def test_commands_export_then_import_the_file(tmp_path, capsys):
    """export_project -o writes the file that import_project reads back."""
    project = build_demo_project()
    path = tmp_path / "projet.json"
    call_command("export_project", project.slug, "-o", str(path))
    call_command("import_project", str(path))
    out = capsys.readouterr().out
    assert "importé" in out
    assert "déjà pris" in out
    assert Project.objects.count() == 2


@pytest.mark.slow
def test_roundtrip_large_synthetic_project_gives_same_document(demo_document):
    """30 organisations, 10 resources, 200 actions: the round trip is exact too."""
    project = build_synthetic_project(demo_document, organisations=30)
    document = json.loads(json.dumps(export_project(project)))
    assert len(document["organisations"]) == 30
    assert len(document["pooled_resources"]) == 10
    assert len(document["actions"]) == 200
    files = export_files(project)
    _empty_database()
    again = json.loads(json.dumps(export_project(import_project(document, files).project)))
    assert _stable(again) == _stable(document)


def test_synthetic_project_with_fewer_organisations_keeps_a_valid_document(demo_document):
    """Trimmed to 3 organisations, the document is still valid and imports."""
    project = build_synthetic_project(demo_document, organisations=3)
    assert project.organisations.count() == 3
    assert not Answer.objects.filter(project=project, organisation__isnull=False).exclude(
        organisation__in=project.organisations.all()
    )


@pytest.mark.parametrize("version", [1, 2])
def test_roundtrip_older_file_is_read_in_the_current_version(demo_document, demo_files, version):
    """A file exported before the history moved to projects (version 1), or before the
    target dates (version 2), still imports: without its target dates."""
    old = {**demo_document, "format_version": version}
    del old["deadlines"]
    _empty_database()
    import_project(old, demo_files)
    again = export_project(Project.objects.get())
    assert again["format_version"] == FORMAT_VERSION == 5
    assert again["deadlines"] == []
    assert _stable(json.loads(json.dumps({**again, "deadlines": None}))) == _stable(
        {**demo_document, "deadlines": None}
    )


def test_roundtrip_keeps_target_dates(demo_document, demo_files):
    assert len(demo_document["deadlines"]) == 7
    _empty_database()
    project = import_project(demo_document, demo_files).project
    assert project.deadlines.count() == 7
    assert project.deadlines.filter(organisation__isnull=False).count() == 1


def test_roundtrip_version_3_file_is_read_without_agreement_language_or_study(
    demo_document, demo_files
):
    """A file of version 3 (before the agreement's language and the opportunity study)
    still imports: the agreement takes its default language, and there is no study."""
    from steps.transfer.schema import STUDY_SECTIONS

    old = {**demo_document, "format_version": 3}
    for name in ("agreement", *STUDY_SECTIONS):
        del old[name]
    _empty_database()
    import_project(old, demo_files)
    again = export_project(Project.objects.get())
    assert again["format_version"] == 5
    assert again["agreement"] == []
    assert all(again[name] == [] for name in STUDY_SECTIONS)
