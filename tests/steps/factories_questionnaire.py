"""A small, fixed question catalogue and answer factories for the questionnaire tests.

The real catalogue (steps/catalogue) grows and changes wording; these tests pin their
own so required questions, types and codes stay what the tests expect. The fixture
`small_catalogue` swaps the registry's names for the duration of a test.
"""

import re

import factory
import pytest

from projects.method import STEPS
from steps import catalogue
from steps.catalogue.base import (
    PORTRAIT_PARTS,
    Choice,
    Dimension,
    PortraitItem,
    Question,
    QuestionType,
    Scope,
    Section,
    StepContent,
    Text,
)
from steps.models import Answer, AnswerRevision, ExtraPortraitItem, StepStatus

T = QuestionType
ORG, PROJECT = Scope.ORGANISATION, Scope.PROJECT

MOTIVATIONS = (
    Choice("expertise", "Accéder à une expertise", "Access expertise", "Économiques", "Economic"),
    Choice("couts", "Réduire nos coûts", "Lower our costs", "Économiques", "Economic"),
    Choice("poids", "Poids politique", "Political weight", "Stratégiques", "Strategic"),
    Choice("valeurs", "Renforcer nos valeurs", "Shared values", "Philosophiques", "Philosophical"),
)


def _q(code, type_, scope, label, required=False, **kwargs):
    return Question(
        code, type_, scope, label, label, f"Aide : {label}", f"Help: {label}", required, **kwargs
    )


QUESTIONS = {
    "impulsion": (
        _q("impulsion.besoin", T.LONG_TEXT, ORG, "Notre besoin", required=True),
        _q(
            "impulsion.motivations",
            T.MULTI_CHOICE,
            ORG,
            "Nos motivations",
            choices=MOTIVATIONS,
            allow_other=True,
        ),
        _q("impulsion.energie", T.SCALE, ORG, "Énergie disponible"),
        _q("impulsion.heures", T.NUMBER, ORG, "Heures par mois"),
        _q("impulsion.besoin-commun", T.LONG_TEXT, PROJECT, "Le besoin commun", required=True),
        _q("impulsion.objectif", T.SHORT_TEXT, PROJECT, "L'objectif commun"),
    ),
    "reflexion": (
        _q("reflexion.risques", T.LONG_TEXT, ORG, "Les risques que nous voyons"),
        _q("reflexion.coordination", T.LONG_TEXT, PROJECT, "La coordination du processus"),
    ),
    "diagnostic": (
        _q(
            "diagnostic.potentiel",
            T.SINGLE_CHOICE,
            PROJECT,
            "Potentiel",
            choices=(Choice("faible", "Faible", "Low"), Choice("eleve", "Élevé", "High")),
        ),
    ),
    "modelisation": (
        _q("modelisation.budget", T.MONEY, PROJECT, "Budget de démarrage"),
        _q("modelisation.decision", T.APPRECIATION, PROJECT, "Mode de décision"),
    ),
    "realisation": (_q("realisation.entente", T.DATE, PROJECT, "Signature de l'entente"),),
    "evaluation": (),
}

DIMENSIONS = (
    Dimension(
        "identite",
        "Identité",
        "Identity",
        (
            PortraitItem("reflexion.identite.mission", "Mission, vision, valeurs", "Mission"),
            PortraitItem("reflexion.identite.clienteles", "Clientèles cibles", "Target groups"),
        ),
    ),
    Dimension(
        "installations",
        "Installations et équipements",
        "Facilities",
        (
            PortraitItem(
                "reflexion.installations.locaux", "Locaux", "Premises", resource_type="premises"
            ),
        ),
    ),
)
DIMENSIONS_BY_CODE = {d.code: d for d in DIMENSIONS}
ITEMS = {item.code: item for d in DIMENSIONS for item in d.items}
PART_LABELS = {
    "description": "Description",
    "appreciation": "Appréciation",
    "offre": "Ce que nous pouvons offrir",
    "besoin": "Ce dont nous avons besoin",
}
REQUIRED_APPRECIATIONS = {"reflexion.identite.mission"}
EXTRA = re.compile(r"^reflexion\.(?P<dim>[\w-]+)\.autre-(?P<pk>\d+)\.(?P<part>\w+)$")

STEP_CONTENT = {
    step.code: StepContent(
        step=step.code,
        about=Text(f"À propos de {step.code}.", f"About {step.code}."),
        key_actions=(Text(f"Action clé de {step.code}", "Key action"),),
        attention_points=(Text(f"Point d'attention de {step.code}", "Attention point"),),
        sections=(
            (
                Section(
                    f"{step.code}.questions",
                    "Questions",
                    "Questions",
                    QUESTIONS[step.code],
                    intro_fr="Intro de section",
                    intro_en="Section intro",
                ),
            )
            if QUESTIONS[step.code]
            else ()
        ),
    )
    for step in STEPS
}
APPRECIATION_CHOICES = (
    Choice("force", "Force", "Strength"),
    Choice("faiblesse", "Faiblesse", "Weakness"),
    Choice("neutre", "Neutre", "Neutral"),
)


def portrait_question(item_code, part):
    question_type = T.APPRECIATION if part == "appreciation" else T.LONG_TEXT
    item = ITEMS.get(item_code)
    label = f"{item.label_fr if item else 'Autre élément'} — {PART_LABELS[part]}"
    required = part == "appreciation" and item_code in REQUIRED_APPRECIATIONS
    return _q(f"{item_code}.{part}", question_type, ORG, label, required=required)


def get_question(code):
    for questions in QUESTIONS.values():
        for question in questions:
            if question.code == code:
                return question
    item_code, _dot, part = code.rpartition(".")
    if part in PORTRAIT_PARTS and (item_code in ITEMS or EXTRA.match(code)):
        return portrait_question(item_code, part)
    raise KeyError(code)


def questions_for(step, scope):
    return [q for q in QUESTIONS.get(step, ()) if q.scope == scope]


def all_questions():
    questions = [q for qs in QUESTIONS.values() for q in qs]
    return questions + [portrait_question(item, part) for item in ITEMS for part in PORTRAIT_PARTS]


@pytest.fixture
def small_catalogue(monkeypatch):
    """Swap the catalogue registry for the small one above during a test."""
    names = {
        "STEP_CONTENT": STEP_CONTENT,
        "DIMENSIONS": DIMENSIONS,
        "DIMENSIONS_BY_CODE": DIMENSIONS_BY_CODE,
        "APPRECIATION_CHOICES": APPRECIATION_CHOICES,
        "get_question": get_question,
        "portrait_question": portrait_question,
        "questions_for": questions_for,
        "all_questions": all_questions,
    }
    for name, value in names.items():
        monkeypatch.setattr(catalogue, name, value, raising=False)
    return catalogue


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question_code = "impulsion.besoin"
    value = "Un camion réfrigéré deux jours par semaine."
    version = 1


class AnswerRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerRevision

    answer = factory.SubFactory(AnswerFactory)
    version = factory.LazyAttribute(lambda r: r.answer.version)
    new_value = factory.LazyAttribute(lambda r: r.answer.value)


class StepStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepStatus

    step = "impulsion"
    status = StepStatus.Status.IN_PROGRESS


class ExtraPortraitItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtraPortraitItem

    dimension = "identite"
    label = "Chambre froide"


def submit(project, organisation, step, user=None):
    """Mark a scope's step as submitted, as if it had been."""
    StepStatus.objects.update_or_create(
        project=project,
        organisation=organisation,
        step=step,
        defaults={"status": StepStatus.Status.SUBMITTED, "submitted_by": user},
    )
