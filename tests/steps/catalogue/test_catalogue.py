"""The question catalogue: integrity of the data, and the registry's look-ups."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from projects.method import STEPS
from steps import catalogue
from steps.catalogue.base import PORTRAIT_PARTS, QuestionType, Scope
from steps.catalogue.resources import ResourceType

QUESTIONS = catalogue.all_questions()
CODE = re.compile(r"^[a-z]+(\.[a-z0-9-]+)+$")

# The portrait's dimensions and items, as DOMAIN.md lists them (French labels).
DOMAIN_ITEMS = {
    "identite": [
        "Mission, vision, valeurs",
        "Historique",
        "Rôle dans l'écosystème",
        "Partenariats",
        "Culture organisationnelle",
        "Clientèles cibles",
    ],
    "gouvernance": [
        "Membres",
        "Conseil d'administration",
        "Raisons d'être membre",
        "Vie associative",
        "Parties prenantes",
    ],
    "installations": [
        "Locaux",
        "Espace d'entreposage",
        "Lieu de production ou de transformation",
        "Moyens de transport",
        "Entretien des lieux",
        "Achat de fournitures",
    ],
    "services": ["Offre de services", "Partenariats existants"],
    "communication": [
        "Équipe et expertise interne",
        "Consultants externes",
        "Partenariats médias",
        "Médias sociaux et infolettres",
        "Relations de presse",
        "Marketing",
        "Budget de communication",
    ],
    "gestion": [
        "Planification",
        "Taxes et permis",
        "Budgétisation",
        "Demandes de financement",
        "Modes de financement",
        "Assurances",
    ],
}


def test_catalogue_version_is_well_formed():
    """The catalogue carries a year.month.number version, to date the answers against."""
    assert re.fullmatch(r"20\d\d\.(1[0-2]|[1-9])\.\d+", catalogue.CATALOGUE_VERSION)


def test_catalogue_codes_are_unique():
    """No two questions share a code (answers are stored under it)."""
    codes = [question.code for question in QUESTIONS]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.code)
def test_catalogue_question_is_complete(question):
    """Each question has a well-formed code, both languages, a valid type and scope."""
    assert CODE.match(question.code)
    assert question.code.split(".")[0] in {step.code for step in STEPS}
    assert question.label_fr.strip() and question.label_en.strip()
    assert question.help_fr.strip() and question.help_en.strip()
    assert question.type in set(QuestionType)
    assert question.scope in set(Scope)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.code)
def test_catalogue_choices_are_consistent(question):
    """Choice questions have unique, bilingual choices; other types have none."""
    codes = [choice.code for choice in question.choices]
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
        assert len(codes) >= 2
        assert len(codes) == len(set(codes))
        assert "autre" not in codes  # the field builder adds « Autre, précisez »
        for choice in question.choices:
            assert choice.label_fr.strip() and choice.label_en.strip()
            assert bool(choice.group_fr) == bool(choice.group_en)
    else:
        assert codes == []
        assert not question.allow_other


def test_catalogue_uses_every_question_type():
    """Each question type is used at least once, so each is exercised."""
    assert {question.type for question in QUESTIONS} == set(QuestionType)


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.code)
def test_catalogue_step_has_guidance_and_questions(step):
    """Every step explains itself and asks at least one project-level question."""
    content = catalogue.STEP_CONTENT[step.code]
    assert content.step == step.code
    assert content.about.fr and content.about.en
    assert 4 <= len(content.key_actions) <= 6
    assert 3 <= len(content.attention_points) <= 5
    for text in (content.about, *content.key_actions, *content.attention_points):
        assert text.fr.strip() and text.en.strip()
    for section in content.sections:
        assert section.title_fr and section.title_en
        assert bool(section.intro_fr) == bool(section.intro_en)
        assert all(q.code.startswith(f"{step.code}.") for q in section.questions)
    assert catalogue.questions_for(step.code, Scope.PROJECT)


def test_catalogue_section_codes_do_not_clash_with_questions():
    """Section codes are distinct from each other and from question codes."""
    sections = [s.code for c in catalogue.STEP_CONTENT.values() for s in c.sections]
    assert len(sections) == len(set(sections))
    assert not set(sections) & {question.code for question in QUESTIONS}


def test_catalogue_impulsion_motivations_in_three_families():
    """Motivations offer the three families of the method, with « autre »."""
    for code in ("impulsion.motivations", "impulsion.motivations-partagees"):
        question = catalogue.get_question(code)
        assert question.type == QuestionType.MULTI_CHOICE
        assert question.allow_other
        families = {choice.group_fr for choice in question.choices}
        assert families == {
            "Motivations économiques",
            "Motivations stratégiques et politiques",
            "Motivations philosophiques",
        }
        assert len(question.choices) == 17  # five added by issue 19


def test_catalogue_required_questions():
    """The needs of the impulsion and the identity appreciations are required."""
    assert catalogue.get_question("impulsion.besoin").required
    assert catalogue.get_question("impulsion.besoin-commun").required
    assert catalogue.get_question("reflexion.identite.mission.appreciation").required
    assert catalogue.get_question("reflexion.identite.clienteles.appreciation").required
    assert not catalogue.get_question("reflexion.identite.mission.description").required
    assert not catalogue.get_question("reflexion.installations.locaux.appreciation").required


def test_catalogue_dimensions_match_the_method():
    """The six dimensions of DOMAIN.md are there with all their items, in order."""
    assert [d.code for d in catalogue.DIMENSIONS] == list(DOMAIN_ITEMS)
    for dimension in catalogue.DIMENSIONS:
        assert catalogue.DIMENSIONS_BY_CODE[dimension.code] is dimension
        assert dimension.title_fr and dimension.title_en
        assert [item.label_fr for item in dimension.items] == DOMAIN_ITEMS[dimension.code]
        for item in dimension.items:
            assert item.code.startswith(f"reflexion.{dimension.code}.")
            assert item.label_en and item.help_fr and item.help_en


def test_catalogue_resource_types_are_valid():
    """Items' resource types are values of ResourceType; the poolable ones have one."""
    items = catalogue.PORTRAIT_ITEMS_BY_CODE
    assert {item.resource_type for item in items.values()} - {""} <= set(ResourceType.values)
    assert items["reflexion.installations.locaux"].resource_type == ResourceType.PREMISES
    assert items["reflexion.installations.entreposage"].resource_type == ResourceType.STORAGE
    assert items["reflexion.installations.transport"].resource_type == ResourceType.TRANSPORT
    assert items["reflexion.communication.equipe"].resource_type == ResourceType.STAFF


@pytest.mark.parametrize(
    ("code", "question_type", "scope"),
    [
        ("impulsion.besoin", QuestionType.LONG_TEXT, Scope.ORGANISATION),
        ("impulsion.energie", QuestionType.SCALE, Scope.ORGANISATION),
        ("impulsion.besoin-commun", QuestionType.LONG_TEXT, Scope.PROJECT),
        ("diagnostic.potentiel", QuestionType.SINGLE_CHOICE, Scope.PROJECT),
        ("modelisation.budget-demarrage", QuestionType.MONEY, Scope.PROJECT),
        ("realisation.date-entente", QuestionType.DATE, Scope.PROJECT),
    ],
)
def test_get_question_finds_catalogue_questions(code, question_type, scope):
    """A step question is found by its code, with its type and scope."""
    question = catalogue.get_question(code)
    assert (question.code, question.type, question.scope) == (code, question_type, scope)


@pytest.mark.parametrize(
    ("part", "question_type", "label_fr"),
    [
        ("description", QuestionType.LONG_TEXT, "Locaux — Description"),
        ("appreciation", QuestionType.APPRECIATION, "Locaux — Appréciation"),
        ("offre", QuestionType.LONG_TEXT, "Locaux — Ce que nous pouvons offrir"),
        ("besoin", QuestionType.LONG_TEXT, "Locaux — Ce dont nous avons besoin"),
    ],
)
def test_get_question_builds_portrait_questions(part, question_type, label_fr):
    """`<item>.<part>` resolves to the portrait question of that item."""
    code = f"reflexion.installations.locaux.{part}"
    question = catalogue.get_question(code)
    assert question == catalogue.portrait_question("reflexion.installations.locaux", part)
    assert question.code == code
    assert question.type == question_type
    assert question.scope == Scope.ORGANISATION
    assert question.label_fr == label_fr
    assert not question.required


def test_get_question_builds_extra_item_questions():
    """`reflexion.<dim>.autre-<n>.<part>` resolves to a generic « Autre élément »."""
    question = catalogue.get_question("reflexion.gestion.autre-42.offre")
    assert question.code == "reflexion.gestion.autre-42.offre"
    assert question.label_fr == "Autre élément — Ce que nous pouvons offrir"
    assert question.label_en == "Other item — What we can offer"
    assert question.help_fr and question.help_en
    assert question.scope == Scope.ORGANISATION
    appreciation = catalogue.get_question("reflexion.identite.autre-7.appreciation")
    assert appreciation.type == QuestionType.APPRECIATION
    assert not appreciation.required


@pytest.mark.parametrize(
    "code",
    [
        "",
        "impulsion",
        "impulsion.inconnue",
        "reflexion.installations.locaux",
        "reflexion.installations.locaux.prix",
        "reflexion.installations.piscine.description",
        "reflexion.inconnue.autre-3.description",
        "reflexion.gestion.autre-x.description",
        "reflexion.gestion.autre-3",
    ],
)
def test_get_question_unknown_code_raises_key_error(code):
    """A code the catalogue does not know raises KeyError."""
    with pytest.raises(KeyError):
        catalogue.get_question(code)


def test_questions_for_keeps_order_and_scope():
    """questions_for gives a step's questions of one scope, in catalogue order."""
    organisation = catalogue.questions_for("impulsion", Scope.ORGANISATION)
    assert [q.code for q in organisation][:2] == ["impulsion.besoin", "impulsion.motivations"]
    assert all(q.scope == Scope.ORGANISATION for q in organisation)
    project = catalogue.questions_for("impulsion", Scope.PROJECT)
    assert project[0].code == "impulsion.besoin-commun"
    assert catalogue.questions_for("diagnostic", Scope.ORGANISATION) == []


def test_questions_for_excludes_portrait_questions():
    """The portrait's derived questions are not part of the réflexion questionnaire."""
    codes = {q.code for q in catalogue.questions_for("reflexion", Scope.ORGANISATION)}
    assert "reflexion.risques" in codes
    assert not any(code.endswith(PORTRAIT_PARTS) for code in codes)


def test_all_questions_include_every_portrait_part():
    """all_questions has the four parts of every catalogue item."""
    codes = {question.code for question in QUESTIONS}
    for item_code in catalogue.PORTRAIT_ITEMS_BY_CODE:
        assert {f"{item_code}.{part}" for part in PORTRAIT_PARTS} <= codes


def test_appreciation_choices():
    """Force, faiblesse and neutre, in both languages."""
    choices = {c.code: (c.label_fr, c.label_en) for c in catalogue.APPRECIATION_CHOICES}
    assert choices == {
        "force": ("Force", "Strength"),
        "faiblesse": ("Faiblesse", "Weakness"),
        "neutre": ("Neutre", "Neutral"),
    }


def test_catalogue_texts_follow_the_active_language():
    """Labels read French by default and English when English is active."""
    question = catalogue.get_question("reflexion.installations.transport.besoin")
    content = catalogue.STEP_CONTENT["impulsion"]
    with translation.override("fr"):
        assert question.label == "Moyens de transport — Ce dont nous avons besoin"
        assert str(content.key_actions[0]).startswith("Nommer")
    with translation.override("en"):
        assert question.label == "Means of transport — What we need"
        assert str(content.key_actions[0]).startswith("Name")


def test_about_method_page_credits_the_sources(client):
    """The « À propos de la méthode » page explains the steps and credits its sources."""
    response = client.get(reverse("about_method"))
    assert response.status_code == 200
    page = response.content.decode()
    for step in STEPS:
        assert escape(str(step.title)) in page
    for expected in (
        "TIESS",
        "La mutualisation : 6 étapes pour un partage réussi",
        "George Krump",
        "Petit Guide orange du partage des ressources et de la mutualisation",
        "RCAAQ",
        "Concertation Horizon",
        "Développement social Laurentides",
        "Le prêt",
        "La fusion",
    ):
        assert expected in page


def test_catalogue_french_text_has_a_non_breaking_space_before_double_punctuation():
    """French typography: « Pourquoi ? », never « Pourquoi? » (espace insécable)."""
    import ast
    import re
    from pathlib import Path

    missing = re.compile(r"[^\s\u00a0\u202f«(\[]([?!;])")
    wrong = []
    for path in sorted((Path(__file__).resolve().parents[3] / "steps" / "catalogue").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        french = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.keyword) and (node.arg or "").endswith("_fr")
        ] + [
            node.args[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Text" and node.args
        ]
        for value in french:
            for constant in ast.walk(value):
                if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                    if missing.search(constant.value):
                        wrong.append(f"{path.name}:{constant.lineno}")
    assert wrong == []
