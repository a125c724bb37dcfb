"""A bad document is refused as a whole, with every problem listed in French."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from projects.models import ChangeRecord, Organisation, Project
from steps.demo import build_demo_project
from steps.models import Answer
from steps.transfer.export import export_project
from steps.transfer.importer import ImportProblems, check_document, import_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return json.loads(json.dumps(export_project(build_demo_project())))


def _counts():
    return (
        Project.objects.count(),
        Organisation.objects.count(),
        Answer.objects.count(),
        ChangeRecord.objects.count(),
    )


def test_check_document_valid_demo_has_no_problem(document):
    """The exported demo is a valid document."""
    assert check_document(document) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format_version=99), "version 5 attendue, 99 trouvée"),
        (lambda d: d.update(format="autre-chose"), "« mutualisation.projet » attendu"),
        (lambda d: d.update(actions="pas une liste"), "actions : une liste est attendue"),
        (lambda d: d["actions"][0].update(status="fini"), "n'est pas un choix valide"),
        (lambda d: d["actions"][0].update(axis="axis-999"), "référence introuvable « axis-999 »"),
        (lambda d: d["actions"][0].update(axis="risk-1"), "référence introuvable « risk-1 »"),
        (lambda d: d["actions"][0].pop("title"), "« title » manque"),
        (lambda d: d["actions"][0].update(couleur="bleu"), "clé inconnue « couleur »"),
        (lambda d: d["actions"][0].update(object="risk-1"), "clé inconnue « object »"),
        (lambda d: d["project"].update(budget="1 M$"), "clé inconnue « budget »"),
        (lambda d: d["actions"][0].update(progress="beaucoup"), "« progress »"),
        (lambda d: d["pooled_resources"][0].update(purchase_price="cher"), "purchase_price"),
        (lambda d: d["members"][0].update(user="inconnu@exemple.org"), "personne inconnue"),
        (lambda d: d["users"][0].update(email="pas-un-courriel"), "adresse courriel invalide"),
        (lambda d: d["answers"][1].update(ref="answer-1"), "« answer-1 » est en double"),
        (lambda d: d["change_records"][0].update(object="action-999"), "action-999"),
        (
            lambda d: d["answers"][0].update(question_code="reflexion.identite.autre-#9.forces"),
            "élément « autre » #9 introuvable",
        ),
    ],
)
def test_import_bad_document_is_refused_and_changes_nothing(document, change, expected):
    """Each kind of problem is named, and the database is left as it was."""
    bad = copy.deepcopy(document)
    change(bad)
    before = _counts()
    with pytest.raises(ImportProblems) as error:
        import_project(bad)
    assert any(expected in problem for problem in error.value.problems), error.value.problems
    assert _counts() == before


def test_import_lists_every_problem_at_once(document):
    """Several problems in one file are all reported, each with where it is."""
    document["actions"][0]["status"] = "fini"
    document["risks"][0]["owner_organisation"] = "organisation-99"
    document["measurements"][0]["date"] = "hier"
    problems = check_document(document)
    assert len(problems) == 3
    assert {problem.split("\u00a0: ")[0] for problem in problems} == {
        "actions[1]",
        "risks[1]",
        "measurements[1]",
    }


def test_import_constraint_violation_rolls_everything_back(document):
    """A file breaking a uniqueness rule is refused after the checks; nothing stays."""
    duplicate = dict(document["answers"][0], ref=f"answer-{len(document['answers']) + 1}")
    document["answers"].append(duplicate)
    before = _counts()
    with pytest.raises(ImportProblems) as error:
        import_project(document)
    assert "unicité" in error.value.problems[0]
    assert _counts() == before


def test_import_command_bad_file_gives_french_message(document, tmp_path):
    """The command turns the problems into a CommandError that lists them."""
    document["format_version"] = 99
    path = tmp_path / "projet.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="Import refusé, rien n'a été modifié"):
        call_command("import_project", str(path))


def test_import_command_not_json(tmp_path):
    """A file that is not JSON is refused with a clear message."""
    path = tmp_path / "projet.json"
    path.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(CommandError, match="n'est pas du JSON valide"):
        call_command("import_project", str(path))


def test_export_command_unknown_project():
    """An unknown slug or number is a clear error."""
    with pytest.raises(CommandError, match="Aucun projet « inexistant »"):
        call_command("export_project", "inexistant")
