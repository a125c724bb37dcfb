"""The demo project's modélisation: a model by consent, two rounds, risks, a draft, a plan."""

from datetime import date

import pytest
from django.utils import timezone

from mutualisation.formats import format_date
from projects.demo import DEMO_ORGANISATIONS, demo_organisation
from steps.demo import build_demo_project
from steps.modelling.demo import agreement_start
from steps.modelling.enjeux import ENJEUX_BY_CODE
from steps.modelling.selectors import agreement_draft, agreement_sections, consent_state
from steps.models import (
    Action,
    CommunicationItem,
    ConsentRound,
    OperatingModel,
    PooledResource,
    Risk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo_project()


def test_demo_operating_model_works_by_consent(demo):
    """Consent, monthly meetings, a lettre d'entente, costs shared by planned use."""
    model = OperatingModel.objects.get(project=demo)
    assert model.get_decision_process_display() == "Consentement"
    assert model.meeting_frequency == OperatingModel.MeetingFrequency.MONTHLY
    assert model.formalisation == OperatingModel.Form.LETTER
    assert model.sharing_key == OperatingModel.SharingKey.USAGE
    assert model.asymmetric_accepted and model.asymmetric_breaking_point


def test_demo_first_round_objection_then_second_round_open(demo):
    """Round 1 drew an objection (to rework); round 2 is answered by two partners."""
    closed, current = ConsentRound.objects.filter(project=demo).order_by("opened_at")
    assert closed.outcome == ConsentRound.Outcome.REWORK
    vallee = demo_organisation(demo, "cdc_vallee")
    assert [row.organisation for row in consent_state(closed).objections] == [vallee]
    assert current.is_open
    state = consent_state(current)
    assert {row.organisation for row in state.agreed} == {
        vallee,
        demo_organisation(demo, "banque_alimentaire"),
    }
    assert len(state.pending) == len(DEMO_ORGANISATIONS) - 2
    assert not state.objections


def test_demo_risks_come_from_the_enjeux_with_owners(demo):
    """Five or six risks, each from a known enjeu, with a mitigation and an owner."""
    risks = list(Risk.objects.filter(project=demo))
    assert 5 <= len(risks) <= 6
    for risk in risks:
        assert risk.enjeu in ENJEUX_BY_CODE
        assert risk.mitigation
        assert risk.owner_organisation in demo.organisations.all()


def test_demo_agreement_has_custom_sections_and_signatures(demo):
    """Three sections are rewritten; every partner has a signature block."""
    sections = agreement_sections(demo)
    assert [s.code for s in sections if s.is_custom] == ["objet", "duree", "differends"]
    signatures = sections[-1].text
    for data in DEMO_ORGANISATIONS.values():
        assert f"Pour {data['name']}" in signatures


def test_demo_communication_plan(demo):
    """A small communication plan with responsible organisations."""
    items = CommunicationItem.objects.filter(project=demo)
    assert items.count() == 3
    assert all(item.responsible_organisation_id for item in items)


def test_demo_agreement_starts_after_the_targeted_signature(demo):
    """The boards adopt the letter in about four months; the agreement takes effect on the
    first day of a later month, never before."""
    model = OperatingModel.objects.get(project=demo)
    adoption = Action.objects.get(project=demo, title__startswith="Faire adopter la lettre")
    assert adoption.status != Action.Status.DONE
    assert model.start_date > adoption.due_date > timezone.localdate()
    assert model.start_date.day == 1
    assert model.start_date == agreement_start(timezone.localdate())


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 12, 4), date(2027, 5, 1)),
        (date(2026, 12, 31), date(2027, 5, 1)),
        (date(2027, 1, 1), date(2027, 6, 1)),
        (date(2027, 9, 10), date(2028, 2, 1)),
    ],
)
def test_demo_agreement_start_follows_the_signature(today, start):
    assert agreement_start(today) == start


def test_demo_shows_one_edited_section_to_review(demo):
    """« Durée » was written for the start planned a month earlier: it reads « à revoir »."""
    draft = agreement_draft(demo)
    assert [s.code for s in draft.to_review] == ["duree"]
    (change,) = draft.to_review[0].changes
    model = OperatingModel.objects.get(project=demo)
    assert change.key == "start_date"
    assert format_date(model.start_date) in str(change)
    assert draft.language == "fr-ca"


def test_demo_pools_no_wood_planer(demo):
    """A food-security project pools a truck and a kitchen, not the guide's planer."""
    names = set(PooledResource.objects.filter(project=demo).values_list("name", flat=True))
    assert names == {
        "Camion réfrigéré",
        "Cuisine de production",
        "Agente de communication partagée",  # the opportunity study's (steps/study/demo.py)
    }
