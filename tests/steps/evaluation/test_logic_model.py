"""The logic model: the diagram page, editing elements and their links, effects'
origin (anticipated or discovered along the way)."""

import re

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord
from steps.evaluation.selectors import logic_model
from steps.models import LogicElement
from tests.factories import LogicElementFactory

K = LogicElement.Kind


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def _data(**overrides):
    return {"kind": K.ACTIVITY, "text": "Tournées combinées", "origin": "", "order": 1} | overrides


def test_logic_model_page_draws_columns_boxes_and_arrows(world, client_as):
    """The diagram has the six columns, a box per element and an arrow per link."""
    truck = LogicElementFactory(project=world.project, kind=K.RESOURCE, text="Camion partagé")
    rounds = LogicElementFactory(project=world.project, kind=K.ACTIVITY, text="Tournées")
    truck.leads_to.add(rounds)
    html = client_as(world.advisor).get(_url(world, "logic_model")).content.decode()
    for label in [
        "Ressources",
        "Activités",
        "Réalisations",
        "Effets à court terme",
        "Effets à moyen terme",
        "Effets à long terme",
    ]:
        assert label in html
    assert f'data-element="{truck.pk}"' in html and f'data-element="{rounds.pk}"' in html
    assert re.search(rf'data-from="{truck.pk}" data-to="{rounds.pk}"', html)
    assert "Mène à : Tournées" in html  # the same content as text
    assert 'marker-end="url(#logic-fleche)"' in html


def test_logic_model_marks_discovered_effects_in_words(world, client_as):
    """A discovered effect reads « découvert en cours de route », an anticipated one
    « anticipé »; activities carry no such flag."""
    LogicElementFactory(
        project=world.project,
        kind=K.SHORT_TERM,
        text="Les équipes s'entraident",
        origin=LogicElement.Origin.DISCOVERED,
    )
    LogicElementFactory(project=world.project, kind=K.LONG_TERM, text="Sécurité alimentaire")
    LogicElementFactory(project=world.project, kind=K.ACTIVITY, text="Tournées")
    model = logic_model(world.project)
    notes = {box.lines[0]: (box.note, box.dashed) for box in model.diagram.boxes}
    assert notes == {
        "Les équipes s'entraident": ("découvert en cours de route", True),
        "Sécurité alimentaire": ("anticipé", False),
        "Tournées": ("", False),
    }
    html = client_as(world.partner_a).get(_url(world, "logic_model")).content.decode()
    assert "Découvert en cours de route" in html


def test_logic_model_empty_page(world, client_as):
    """An empty model says so; the coordinator gets an « Ajouter » link per column."""
    html = client_as(world.coordinator).get(_url(world, "logic_model")).content.decode()
    assert "Le modèle logique est vide pour l'instant." in html
    assert html.count(_url(world, "logic_element_create") + "?type=") == 6


def test_logic_element_create_with_links(world, client_as):
    """The coordinator adds an element and the elements it leads to."""
    output = LogicElementFactory(project=world.project, kind=K.OUTPUT)
    response = client_as(world.coordinator).post(
        _url(world, "logic_element_create"), _data(leads_to=[output.pk])
    )
    assert response.status_code == 302
    element = LogicElement.objects.get(text="Tournées combinées")
    assert list(element.leads_to.all()) == [output]
    assert element.origin == LogicElement.Origin.ANTICIPATED  # not an effect
    assert history_for(element).get().kind == ChangeRecord.Kind.CREATED


def test_logic_element_create_presets_the_column(world, client_as):
    """Coming from a column's « Ajouter » link, the kind is already chosen."""
    response = client_as(world.coordinator).get(
        _url(world, "logic_element_create"), {"type": K.MEDIUM_TERM}
    )
    assert response.context["form"].initial["kind"] == K.MEDIUM_TERM


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (_data(text=""), "text", "Écrivez l'énoncé de l'élément."),
        (_data(kind=""), "kind", "Choisissez le type d'élément."),
        (
            _data(kind=K.SHORT_TERM, origin=""),
            "origin",
            "Indiquez si cet effet était anticipé ou découvert.",
        ),
    ],
)
def test_logic_element_validation_in_french(world, client_as, data, field, message):
    """Missing text, kind or an effect's origin is refused in French, input kept."""
    response = client_as(world.coordinator).post(_url(world, "logic_element_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not LogicElement.objects.exists()


def test_logic_element_cannot_lead_to_another_projects_element(world, client_as):
    """Links stay inside the project."""
    foreign = LogicElementFactory()
    response = client_as(world.coordinator).post(
        _url(world, "logic_element_create"), _data(leads_to=[foreign.pk])
    )
    assert "leads_to" in response.context["form"].errors


def test_logic_element_cannot_lead_to_itself(world, client_as):
    """An element's own box is not among the choices of its links."""
    element = LogicElementFactory(project=world.project)
    response = client_as(world.coordinator).post(
        _url(world, "logic_element_edit", element.pk), _data(leads_to=[element.pk])
    )
    assert "leads_to" in response.context["form"].errors


def test_logic_element_edit_and_delete(world, client_as):
    """Editing keeps the change in history; deleting removes the element and its links."""
    effect = LogicElementFactory(project=world.project, kind=K.SHORT_TERM, text="Avant")
    source = LogicElementFactory(project=world.project, kind=K.OUTPUT)
    source.leads_to.add(effect)
    client = client_as(world.coordinator)
    client.post(
        _url(world, "logic_element_edit", effect.pk),
        _data(kind=K.SHORT_TERM, text="Après", origin=LogicElement.Origin.DISCOVERED),
    )
    record = history_for(effect).get()
    assert record.changes["text"] == ["Avant", "Après"]
    assert record.changes["origin"] == ["Anticipé", "Découvert en cours de route"]
    assert client.post(_url(world, "logic_element_delete", effect.pk)).status_code == 302
    assert not source.leads_to.exists()


@pytest.mark.parametrize("elements", [3, 30])
def test_logic_model_page_query_count(world, client_as, django_assert_num_queries, elements):
    """The diagram page costs the same queries for 3 or 30 linked elements."""
    previous = None
    kinds = list(K.values)
    for i in range(elements):
        element = LogicElementFactory(project=world.project, kind=kinds[i % 6])
        if previous:
            previous.leads_to.add(element)
        previous = element
    client = client_as(world.coordinator)
    with django_assert_num_queries(6):  # session, user, membership, elements, links, bell
        assert client.get(_url(world, "logic_model")).status_code == 200
