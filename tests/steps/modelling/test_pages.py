"""Consent round polish: « toutes les organisations ont répondu » instead of « 0 … n'ont pas
encore répondu », the form folded away then, and a French empty choice."""

import html

import pytest
from django.urls import reverse

from steps.modelling.forms import ConsentResponseForm
from tests.factories import ConsentResponseFactory, ConsentRoundFactory, OperatingModelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(world):
    OperatingModelFactory(project=world.project)
    return ConsentRoundFactory(project=world.project)


def round_page(client, world, consent_round) -> str:
    url = reverse(
        "steps:consent_round",
        kwargs={"project_slug": world.project.slug, "consent_round_id": consent_round.pk},
    )
    return " ".join(html.unescape(client.get(url).content.decode()).split())


def answer_all(world, consent_round):
    for organisation in (world.org_a, world.org_b):
        ConsentResponseFactory(consent_round=consent_round, organisation=organisation)


def test_consent_round_all_answered_says_so(world, client_as, open_round):
    """Every organisation answered: no « 0 organisations n'ont pas encore répondu »."""
    answer_all(world, open_round)
    page = round_page(client_as(world.coordinator), world, open_round)
    assert "Toutes les organisations ont répondu." in page
    assert "Vous pouvez fermer la ronde pour consigner le résultat." in page
    assert "0 organisation" not in page
    assert "n’ont pas encore répondu" not in page


def test_consent_round_all_answered_folds_the_form_and_offers_closing(
    world, client_as, open_round
):
    """The response form only serves to change an answer then; closing comes first."""
    answer_all(world, open_round)
    page = round_page(client_as(world.coordinator), world, open_round)
    assert (
        '<details class="consent-change"><summary>Changer la réponse d’une organisation</summary>'
        in page
    )
    assert '<button type="submit" class="btn btn-primary">Fermer la ronde' in page


def test_consent_round_partner_all_answered_can_still_change(world, client_as, open_round):
    """A partner can still change its organisation's answer, behind a disclosure."""
    answer_all(world, open_round)
    page = round_page(client_as(world.partner_a), world, open_round)
    assert "<summary>Changer la réponse de votre organisation</summary>" in page
    assert "Vous pouvez fermer la ronde" not in page


def test_consent_round_with_pending_keeps_count_and_open_form(world, client_as, open_round):
    """One answer missing: the count stays, the form is not folded, closing warns."""
    ConsentResponseFactory(consent_round=open_round, organisation=world.org_a)
    page = round_page(client_as(world.coordinator), world, open_round)
    assert "1 organisation n’a pas encore répondu." in page
    assert "Toutes les organisations ont répondu" not in page
    assert 'class="consent-change"' not in page
    assert '<button type="submit" class="btn btn-outline-danger">Fermer la ronde' in page


def test_consent_response_form_empty_choice_is_french(world):
    """The organisation list starts with « Choisir une organisation », not dashes."""
    form = ConsentResponseForm(organisations=world.project.organisations.all())
    choices = [label for _value, label in form.fields["organisation"].choices]
    assert choices[0] == "Choisir une organisation"
    assert "---------" not in str(form["organisation"])
