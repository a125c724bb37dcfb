"""The communication plan: audiences, messages, channels, timing and who is responsible."""

import html
from datetime import date

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord
from steps.models import CommunicationItem
from tests.factories import CommunicationItemFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(world, name="steps:communication", item=None):
    kwargs = {"project_slug": world.project.slug}
    if item is not None:
        kwargs["communication_item_id"] = item.pk
    return reverse(name, kwargs=kwargs)


def _data(world, **overrides):
    data = {
        "audience": "Conseils d'administration",
        "message": "Présenter l'entente avant la signature.",
        "channels": "Rencontre",
        "date": "2026-03-10",
        "period": "",
        "responsible_organisation": str(world.org_a.pk),
        "responsible_person": "Claire",
    }
    return data | overrides


def test_communication_plan_empty_says_it_is_optional(world, client_as):
    """An empty plan explains when it is worth having."""
    page = html.unescape(client_as(world.partner_a).get(_url(world)).content.decode())
    assert "Facultatif" in page
    assert "Aucun élément au plan de communication." in page


def test_communication_item_create_saves_and_records_history(world, client_as):
    """A valid item is saved in the project and its creation recorded."""
    response = client_as(world.coordinator).post(
        _url(world, "steps:communication_item_create"), _data(world)
    )
    assert response.status_code == 302
    item = CommunicationItem.objects.get(project=world.project)
    assert (item.date, item.responsible_organisation) == (date(2026, 3, 10), world.org_a)
    assert history_for(item).get().kind == ChangeRecord.Kind.CREATED


def test_communication_item_period_instead_of_date(world, client_as):
    """A period in words is enough when the date is not set."""
    client_as(world.coordinator).post(
        _url(world, "steps:communication_item_create"),
        _data(world, date="", period="Avant le lancement"),
    )
    assert CommunicationItem.objects.get().period == "Avant le lancement"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"audience": ""}, "audience", "Indiquez à qui s'adresse ce message."),
        ({"message": ""}, "message", "Écrivez le message à transmettre."),
        ({"date": "", "period": ""}, "period", "une date précise ou une période"),
        ({"date": "10 mars"}, "date", "Entrez une date valide"),
    ],
)
def test_communication_item_invalid_input_explained_in_french(
    world, client_as, overrides, field, message
):
    """Bad input gets a French message, nothing is saved, the input is kept."""
    data = _data(world, channels="Infolettre tapée", **overrides)
    response = client_as(world.coordinator).post(
        _url(world, "steps:communication_item_create"), data
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Infolettre tapée" in response.content.decode()
    assert not CommunicationItem.objects.exists()


def test_communication_item_responsible_must_take_part(world, client_as):
    """The responsible organisation is one of the project's."""
    data = _data(world, responsible_organisation=str(OrganisationFactory().pk))
    response = client_as(world.coordinator).post(
        _url(world, "steps:communication_item_create"), data
    )
    errors = response.context["form"].errors["responsible_organisation"]
    assert "ne participe pas au projet" in " ".join(errors)


def test_communication_item_edit_records_the_change(world, client_as):
    """Editing records the fields that changed."""
    item = CommunicationItemFactory(project=world.project, audience="Équipes")
    client_as(world.coordinator).post(
        _url(world, "steps:communication_item_edit", item), _data(world, audience="Bénévoles")
    )
    item.refresh_from_db()
    assert item.audience == "Bénévoles"
    assert history_for(item).first().changes["audience"] == ["Équipes", "Bénévoles"]


def test_communication_item_delete_records_the_deletion(world, client_as):
    """Deleting removes the item and leaves a trace."""
    item = CommunicationItemFactory(project=world.project)
    client_as(world.coordinator).post(_url(world, "steps:communication_item_delete", item))
    assert not CommunicationItem.objects.exists()
    assert ChangeRecord.objects.get(project=world.project).kind == ChangeRecord.Kind.DELETED


def test_communication_plan_lists_items_by_date(world, client_as):
    """Dated items come first in date order, undated ones after; partners only read."""
    later = CommunicationItemFactory(project=world.project, audience="Population", date=None)
    first = CommunicationItemFactory(
        project=world.project, audience="Conseils", date=date(2026, 3, 10)
    )
    response = client_as(world.partner_b).get(_url(world))
    assert response.context["items"] == [first, later]
    page = response.content.decode()
    assert "10 mars 2026" in page
    assert _url(world, "steps:communication_item_edit", first) not in page


def test_communication_item_of_another_project_is_not_found(world, client_as):
    """An item id of another project answers 404."""
    elsewhere = CommunicationItemFactory(project=world.other_project)
    response = client_as(world.coordinator).get(
        _url(world, "steps:communication_item_edit", elsewhere)
    )
    assert response.status_code == 404
