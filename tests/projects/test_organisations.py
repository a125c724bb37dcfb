"""Organisation pages: everyone in the project reads them, their own partners edit them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.forms import OrganisationForm
from tests.factories import OrganisationFactory

NEQ_MESSAGE = "Le NEQ compte exactement 10 chiffres, sans espace ni tiret."


def _url(name, world, organisation):
    return reverse(f"projects:{name}", args=[world.project.slug, organisation.pk])


def _form_data(**changes):
    data = {
        "name": "Banque alimentaire du Suroît",
        "neq": "",
        "region": "Montérégie",
        "sector": "Sécurité alimentaire",
        "staff_size": "5-19",
        "budget_band": "500k-1M",
        "mission": "Nourrir le Suroît.",
        "website": "",
    }
    return data | changes


@pytest.mark.parametrize(
    ("neq", "valid"),
    [
        ("", True),
        ("1164567890", True),
        ("116456789", False),
        ("11645678901", False),
        ("1164 567 890", False),
        ("116-456-789", False),
        ("11645678AB", False),
    ],
)
def test_organisation_neq_is_ten_digits(db, neq, valid):
    """The NEQ is optional, and otherwise exactly ten digits."""
    organisation = OrganisationFactory.build(neq=neq)
    if valid:
        organisation.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            organisation.full_clean()
        assert NEQ_MESSAGE in error.value.message_dict["neq"]


def test_organisation_form_shows_neq_error_in_french(db):
    """The edit form refuses a bad NEQ with the French message."""
    form = OrganisationForm(_form_data(neq="12345"))
    assert not form.is_valid()
    assert form.errors["neq"] == [NEQ_MESSAGE]


def test_organisation_form_adds_https_to_website(db):
    """A website typed without its scheme is saved with https://."""
    form = OrganisationForm(_form_data(website="banque-suroit.example"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://banque-suroit.example"


def test_organisation_page_shows_details_to_members(world, client_as):
    """An advisor reads an organisation's details, without an edit link."""
    world.org_a.mission = "Récupérer et redistribuer des denrées."
    world.org_a.save()
    response = client_as(world.advisor).get(_url("organisation", world, world.org_a))
    content = response.content.decode()
    assert "Récupérer et redistribuer des denrées." in content
    assert "Paul Partenaire" in content
    assert _url("organisation_edit", world, world.org_a) not in content


def test_organisation_page_offers_edit_to_own_partner(world, client_as):
    """A partner sees the edit link on their own organisation's page only."""
    client = client_as(world.partner_a)
    own = client.get(_url("organisation", world, world.org_a)).content.decode()
    other = client.get(_url("organisation", world, world.org_b)).content.decode()
    assert _url("organisation_edit", world, world.org_a) in own
    assert _url("organisation_edit", world, world.org_b) not in other


def test_organisation_outside_project_is_404(world, client_as):
    """An organisation that does not take part in the project is not reachable through it."""
    stranger = OrganisationFactory()
    client = client_as(world.coordinator)
    assert client.get(_url("organisation", world, stranger)).status_code == 404
    assert client.get(_url("organisation_edit", world, stranger)).status_code == 404


def test_partner_edits_own_organisation(world, client_as):
    """Paul updates his organisation's NEQ and mission."""
    response = client_as(world.partner_a).post(
        _url("organisation_edit", world, world.org_a),
        _form_data(neq="1172233445", mission="Nourrir le Suroît, ensemble."),
    )
    world.org_a.refresh_from_db()
    assert response["Location"] == _url("organisation", world, world.org_a)
    assert world.org_a.neq == "1172233445"
    assert world.org_a.mission == "Nourrir le Suroît, ensemble."


def test_partner_cannot_edit_other_organisation(world, client_as):
    """Béa, partner of organisation B, gets 403 on organisation A's edit page."""
    client = client_as(world.partner_b)
    url = _url("organisation_edit", world, world.org_a)
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(name="Détournée")).status_code == 403
    world.org_a.refresh_from_db()
    assert world.org_a.name == "Banque alimentaire du Suroît"


def test_coordinator_edits_any_organisation(world, client_as):
    """The coordinator may correct any participating organisation's details."""
    response = client_as(world.coordinator).post(
        _url("organisation_edit", world, world.org_b),
        _form_data(name="Cuisine collective de Beauharnois"),
    )
    world.org_b.refresh_from_db()
    assert response.status_code == 302
    assert world.org_b.name == "Cuisine collective de Beauharnois"


def test_organisation_edit_bad_neq_redisplays_input(world, client_as):
    """A bad NEQ keeps the person's input on the page with the French message."""
    response = client_as(world.partner_a).post(
        _url("organisation_edit", world, world.org_a), _form_data(neq="12 34")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert NEQ_MESSAGE in content
    assert 'value="12 34"' in content
