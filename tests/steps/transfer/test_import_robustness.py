"""Bad import files end in a French message and write nothing (issue 15, items 3 and 5)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from projects.models import Organisation, Project
from steps.demo import build_demo_project
from steps.models import Answer
from steps.transfer.export import export_project
from steps.transfer.importer import ImportProblems, import_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return json.loads(json.dumps(export_project(build_demo_project())))


def _counts():
    return Project.objects.count(), Organisation.objects.count(), Answer.objects.count()


def _answer_row(document, code):
    return next(row for row in document["answers"] if row["question_code"] == code)


def _refused(document, expected):
    before = _counts()
    with pytest.raises(ImportProblems) as error:
        import_project(document)
    assert any(expected in problem for problem in error.value.problems), error.value.problems
    assert _counts() == before


@pytest.mark.parametrize(
    "code, value, expected",
    [
        ("reflexion.echeance-portraits", {"day": 3}, "reflexion.echeance-portraits"),
        ("reflexion.echeance-portraits", "2026-13-45", "reflexion.echeance-portraits"),
        ("reflexion.mode-decision", ["majorite"], "reflexion.mode-decision"),
        ("reflexion.mode-decision", "n-existe-pas", "reflexion.mode-decision"),
    ],
)
def test_import_answer_of_the_wrong_shape_is_refused(document, code, value, expected):
    """An answer is checked by the rules of its question's form field."""
    _answer_row(document, code)["value"] = value
    _refused(document, expected)


def test_import_title_given_as_a_list_is_refused(document):
    """A list is not stored as its repr."""
    document["risks"][0]["title"] = ["Un", "titre"]
    _refused(document, "du texte est attendu")


def test_import_float_amount_is_refused(document):
    """Amounts come as strings (« 12.50 »), never as floats that round."""
    document["pooled_resources"][0]["purchase_price"] = 1234.56
    _refused(document, "un nombre écrit comme texte est attendu")


def test_import_overlong_email_and_name_are_refused(document):
    """Too long for the columns: a French problem, not a DataError."""
    user = document["users"][0]
    user["full_name"] = "x" * 1000
    _refused(document, "full_name dépasse")
    user["full_name"] = "Nom"
    old = user["email"]
    new = "a" * 250 + "@exemple.org"
    document = json.loads(json.dumps(document).replace(f'"{old}"', f'"{new}"'))
    _refused(document, "adresse courriel de plus de")


@pytest.mark.parametrize("slug", ["nouveau", "invitation", ""])
def test_import_reserved_or_empty_slug_gets_a_reachable_one(document, slug, tmp_path):
    """A reserved or missing slug becomes a usable one, and the command says why."""
    Project.objects.all().delete()
    # A bare JSON brings no file: the demo's shared documents are left out of this one.
    drop = {row["ref"] for row in document["documents"]}
    document["documents"] = []
    for row in document["change_records"]:
        row["object"] = None if row["object"] in drop else row["object"]
    document["project"]["slug"] = slug
    path = tmp_path / "projet.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out = io.StringIO()

    call_command("import_project", str(path), stdout=out)

    project = Project.objects.get()
    assert project.slug not in ("", "nouveau", "invitation")
    if slug:
        assert "est réservé" in out.getvalue()
    else:
        assert "ne donne pas d'identifiant" in out.getvalue()


def test_import_command_binary_file(tmp_path):
    """A binary file gets a French message, not a UnicodeDecodeError."""
    path = tmp_path / "projet.json"
    path.write_bytes(b"\xff\xfe\x00\x01PK\x03\x04" * 10)
    with pytest.raises(CommandError, match="n'est pas un fichier texte UTF-8"):
        call_command("import_project", str(path))


def test_import_command_deeply_nested_file(tmp_path):
    """100 000 nested brackets get a French message, not a RecursionError."""
    path = tmp_path / "projet.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(CommandError, match="imbriqué trop profondément"):
        call_command("import_project", str(path))
