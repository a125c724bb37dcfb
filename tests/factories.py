"""Test data for the whole suite: factory_boy factories, builders and small fixed inputs.

`MembershipFactory(user=…, role=…)` is the usual entry point. The fixtures that swap in
the small catalogues below (`small_catalogue`, `test_dimensions`) live in tests/conftest.py.
"""

import re
from datetime import date
from decimal import Decimal

import factory

from projects.method import STEPS
from projects.models import Invitation, Membership, Organisation, Project, Role, User
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
from steps.diagnostic import grid
from steps.models import (
    Action,
    Answer,
    AnswerRevision,
    Axis,
    Commitment,
    CommunicationItem,
    ConsentResponse,
    ConsentRound,
    DiagnosticVerdict,
    EvaluationRound,
    ExtraPortraitItem,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    OperatingModel,
    Orientation,
    PooledResource,
    Risk,
    StepStatus,
    Strategy,
    UsageRecord,
)

# Projects, organisations, people ------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    full_name = factory.Faker("name", locale="fr_CA")
    password = factory.django.Password("motdepasse-test")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisme communautaire {n}")
    region = "Montérégie"
    sector = "Sécurité alimentaire"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projet de mutualisation {n}")
    territory = "Montérégie-Ouest"
    created_by = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = Role.COORDINATOR
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda m: m.role == Role.PARTNER),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invite{n}@exemple.org")
    project = factory.SubFactory(ProjectFactory)
    role = Role.PARTNER
    organisation = factory.SubFactory(OrganisationFactory)


# Questionnaire: a small, fixed catalogue ----------------------------------------------

# The real catalogue (steps/catalogue) grows and changes wording; the questionnaire tests
# pin their own so required questions, types and codes stay what they expect. The fixture
# `small_catalogue` (tests/conftest.py) swaps the registry's names for it during a test.

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

CATALOGUE_DIMENSIONS = (
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
CATALOGUE_DIMENSIONS_BY_CODE = {d.code: d for d in CATALOGUE_DIMENSIONS}
CATALOGUE_ITEMS = {item.code: item for d in CATALOGUE_DIMENSIONS for item in d.items}
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
    item = CATALOGUE_ITEMS.get(item_code)
    label = f"{item.label_fr if item else 'Autre élément'} — {PART_LABELS[part]}"
    required = part == "appreciation" and item_code in REQUIRED_APPRECIATIONS
    return _q(f"{item_code}.{part}", question_type, ORG, label, required=required)


def get_question(code):
    for questions in QUESTIONS.values():
        for question in questions:
            if question.code == code:
                return question
    item_code, _dot, part = code.rpartition(".")
    if part in PORTRAIT_PARTS and (item_code in CATALOGUE_ITEMS or EXTRA.match(code)):
        return portrait_question(item_code, part)
    raise KeyError(code)


def questions_for(step, scope):
    return [q for q in QUESTIONS.get(step, ()) if q.scope == scope]


def all_questions():
    questions = [q for qs in QUESTIONS.values() for q in qs]
    return questions + [
        portrait_question(item, part) for item in CATALOGUE_ITEMS for part in PORTRAIT_PARTS
    ]


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


# Diagnostic: a small catalogue of dimensions, portraits, submissions ------------------

MISSION = "reflexion.identite.mission"
CULTURE = "reflexion.identite.culture"
MEMBERS = "reflexion.gouvernance.membres"
PREMISES = "reflexion.installations.locaux"
PRODUCTION = "reflexion.installations.production"
STORAGE = "reflexion.installations.entreposage"
TRANSPORT = "reflexion.installations.transport"
COMMS_TEAM = "reflexion.communication.equipe"
COMMS_BUDGET = "reflexion.communication.budget"

# A small catalogue of our own: the grid takes its dimensions as a parameter, and the
# fixture `test_dimensions` (tests/conftest.py) hands it to the diagnostic's pages.
GRID_DIMENSIONS = (
    Dimension(
        "identite",
        "Identité",
        "Identity",
        items=(
            PortraitItem(MISSION, "Mission, vision, valeurs", "Mission, vision, values"),
            PortraitItem(CULTURE, "Culture organisationnelle", "Organisational culture"),
        ),
    ),
    Dimension(
        "gouvernance",
        "Gouvernance",
        "Governance",
        items=(PortraitItem(MEMBERS, "Membres", "Members"),),
    ),
    Dimension(
        "installations",
        "Installations et équipements",
        "Facilities and equipment",
        items=(
            PortraitItem(PREMISES, "Locaux", "Premises", resource_type="premises"),
            PortraitItem(
                PRODUCTION,
                "Lieu de production",
                "Production site",
                resource_type="premises",
            ),
            PortraitItem(
                STORAGE, "Espace d'entreposage", "Storage space", resource_type="storage"
            ),
            PortraitItem(TRANSPORT, "Moyens de transport", "Transport", resource_type="transport"),
        ),
    ),
    Dimension(
        "communication",
        "Communication",
        "Communication",
        items=(
            PortraitItem(COMMS_TEAM, "Équipe et expertise", "Team and expertise", "", "", "staff"),
            PortraitItem(COMMS_BUDGET, "Budget de communication", "Communication budget"),
        ),
    ),
)


def portrait(project, organisation, item_code, **parts):
    """Store an organisation's answers on one item: appreciation=, description=, offre=…"""
    for part, value in parts.items():
        Answer.objects.update_or_create(
            project=project,
            organisation=organisation,
            question_code=f"{item_code}.{part}",
            defaults={"value": value},
        )


def set_reflexion(project, organisation, status=StepStatus.Status.SUBMITTED):
    StepStatus.objects.update_or_create(
        project=project, organisation=organisation, step="reflexion", defaults={"status": status}
    )


def submitted_organisation(project, name=None) -> Organisation:
    """A new organisation of the project whose réflexion portrait is submitted."""
    organisation = OrganisationFactory(**({"name": name} if name else {}))
    project.organisations.add(organisation)
    set_reflexion(project, organisation)
    return organisation


class DiagnosticVerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticVerdict

    project = factory.SubFactory(ProjectFactory)
    item_code = MISSION
    verdict = grid.Verdict.CONVERGENCE.value
    importance = grid.Importance.MAJOR.value
    status = DiagnosticVerdict.Status.CONFIRMED


# Plain inputs of the pure functions ---------------------------------------------------

A, B, C, D = (grid.OrgRef(i, name) for i, name in enumerate("ABCD", start=1))
GRID_ITEMS = {
    "mission": grid.Item(MISSION, "Mission", "Mission", "identite"),
    "members": grid.Item(MEMBERS, "Membres", "Members", "gouvernance"),
    "premises": grid.Item(PREMISES, "Locaux", "Premises", "installations"),
    "production": grid.Item(PRODUCTION, "Lieu de production", "Production", "installations"),
    "transport": grid.Item(TRANSPORT, "Transport", "Transport", "installations"),
    "comms": grid.Item(COMMS_TEAM, "Communication", "Communication", "communication"),
}
RESOURCE_TYPES = {PREMISES: "premises", PRODUCTION: "premises", TRANSPORT: "transport"}


def row(item: str, *cells) -> grid.Row:
    """A row from short cells: (org, "force"|"faiblesse"|"neutre"|"", offre, besoin)."""
    return grid.Row(
        GRID_ITEMS[item],
        tuple(
            grid.Cell(org, "", appreciation, offre, besoin)
            for org, appreciation, offre, besoin in (c + ("",) * (4 - len(c)) for c in cells)
        ),
    )


def fill_grid(project, count: int, dimensions=GRID_DIMENSIONS) -> list[Organisation]:
    """`count` submitted organisations answering every item (varied appreciations)."""
    organisations = [
        submitted_organisation(project, f"Organisme {i:02d}") for i in range(1, count + 1)
    ]
    codes = [item.code for dimension in dimensions for item in dimension.items]
    appreciations = ("force", "faiblesse", "neutre")
    answers = []
    for i, organisation in enumerate(organisations):
        for j, code in enumerate(codes):
            parts = {
                "description": f"{organisation.name} : description de {code}",
                "appreciation": appreciations[(i + j) % 3],
                "offre": f"Offre {i}-{j}" if (i + j) % 4 == 0 else "",
                "besoin": f"Besoin {i}-{j}" if (i + j) % 5 == 0 else "",
            }
            answers += [
                Answer(
                    project=project,
                    organisation=organisation,
                    question_code=f"{code}.{part}",
                    value=value,
                )
                for part, value in parts.items()
                if value
            ]
    Answer.objects.bulk_create(answers)
    return organisations


# Resources: pooled resources, commitments, recorded uses ------------------------------

# The TIESS guide's planer (DOMAIN.md): 37,84 $ per use with the guide's method.
PLANER_INPUTS = {
    "usage_unit": "pied linéaire",
    "consumable_cost_per_unit": Decimal("0.05"),
    "maintenance_cost": Decimal("100.00"),
    "maintenance_interval_units": Decimal("100000"),
    "purchase_price": Decimal("3500.00"),
    "amortisation_years": Decimal("7"),
    "handling_hours_per_use": Decimal("1"),
    "hourly_rate": Decimal("30.00"),
    "admin_fee_per_use": Decimal("5.00"),
    "units_per_use": Decimal("50"),
    "hours_per_use": Decimal("5"),
}

# A truck whose figures are easy to check by hand: 9 000 $ of fixed charges a year,
# 0,30 $ per km and 10 $ per use.
TRUCK_INPUTS = {
    "usage_unit": "km",
    "consumable_cost_per_unit": Decimal("0.30"),
    "purchase_price": Decimal("60000.00"),
    "residual_value": Decimal("12000.00"),
    "amortisation_years": Decimal("8"),
    "admin_fee_per_use": Decimal("10.00"),
    "other_costs_per_year": Decimal("3000.00"),
    "units_per_use": Decimal("100"),
    "hours_per_use": Decimal("4"),
    "alternative_price_per_use": Decimal("150.00"),
}


class PooledResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PooledResource

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Ressource {n}")
    usage_unit = "utilisation"


class TruckFactory(factory.django.DjangoModelFactory):
    """A refrigerated truck priced per km: 20 000 $ of fixed charges a year.

    Depreciation (60 000 − 10 000) ÷ 5 = 10 000 $, management 4 000 $, insurance and
    other 6 000 $; one use = 100 km at 0,40 $/km plus a 10 $ admin fee = 50 $ variable.
    """

    class Meta:
        model = PooledResource

    project = factory.SubFactory(ProjectFactory)
    name = "Camion réfrigéré"
    resource_type = "transport"
    usage_unit = "km"
    conditions_of_use = "Chauffeurs formés seulement."
    booking_rules = "Réserver 48 heures à l'avance dans le calendrier partagé."
    consumable_cost_per_unit = Decimal("0.40")
    purchase_price = Decimal(60000)
    residual_value = Decimal(10000)
    amortisation_years = Decimal(5)
    admin_fee_per_use = Decimal(10)
    management_cost_per_year = Decimal(4000)
    other_costs_per_year = Decimal(6000)
    units_per_use = Decimal(100)
    hours_per_use = Decimal(4)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    resource = factory.SubFactory(PooledResourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    planned_uses_per_year = 10


class UsageRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsageRecord

    resource = factory.SubFactory(PooledResourceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    date = date(2026, 3, 1)
    uses = 1


# Modelling: operating model, consent rounds, risks ------------------------------------


class OperatingModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatingModel

    project = factory.SubFactory(ProjectFactory)
    decision_process = OperatingModel.DecisionProcess.CONSENT
    quorum = "Trois organisations sur quatre"
    meeting_frequency = OperatingModel.MeetingFrequency.MONTHLY
    communication_channels = "Courriel et dossier partagé"
    formalisation = OperatingModel.Form.LETTER


class ConsentRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRound

    project = factory.SubFactory(ProjectFactory)
    proposal = "Processus de décision : Consentement"


class ConsentResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentResponse

    consent_round = factory.SubFactory(ConsentRoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    answer = ConsentResponse.Answer.AGREE


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risque {n}")
    probability = 2
    impact = 2


# Planning and evaluation: plans, actions, communication, indicators, rounds -----------


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Axe d'intervention {n}")
    order = factory.Sequence(lambda n: n + 1)


class OrientationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Orientation

    axis = factory.SubFactory(AxisFactory)
    title = factory.Sequence(lambda n: f"Orientation {n}")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    orientation = factory.SubFactory(OrientationFactory)
    title = factory.Sequence(lambda n: f"Stratégie {n}")


class CommunicationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationItem

    project = factory.SubFactory(ProjectFactory)
    audience = "Conseils d'administration"
    message = "Présenter l'entente avant la signature."
    period = "Printemps"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = date(2026, 3, 1)
    due_date = date(2026, 5, 15)


class LogicElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogicElement

    project = factory.SubFactory(ProjectFactory)
    kind = LogicElement.Kind.ACTIVITY
    text = factory.Sequence(lambda n: f"Élément {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "livraisons"
    baseline = Decimal("10")
    target = Decimal("40")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = date(2026, 3, 1)
    value = Decimal("12")


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationRound

    project = factory.SubFactory(ProjectFactory)
    date = date(2026, 6, 1)
    title = factory.Sequence(lambda n: f"Bilan {n}")


class ImprovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Improvement

    evaluation_round = factory.SubFactory(EvaluationRoundFactory)
    text = factory.Sequence(lambda n: f"Amélioration {n}")
