"""Test data of the modélisation tools: operating model, consent rounds, risks, resources."""

from decimal import Decimal

import factory

from steps.models import (
    Commitment,
    CommunicationItem,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
    PooledResource,
    Risk,
)
from tests.factories import OrganisationFactory, ProjectFactory


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


class CommunicationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationItem

    project = factory.SubFactory(ProjectFactory)
    audience = "Conseils d'administration"
    message = "Présenter l'entente avant la signature."
    period = "Printemps"


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

    resource = factory.SubFactory(TruckFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    planned_uses_per_year = 10
