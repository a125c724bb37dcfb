"""Indicators and their measurements: French validation, numbers typed the Québec way,
the chart with its target line, and the page's query count."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord
from steps.evaluation.forms import FrenchDecimalField
from steps.models import Indicator, LogicElement, Measurement
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    LogicElementFactory,
    MeasurementFactory,
    OrganisationFactory,
)


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def _data(**overrides):
    return {
        "name": "Livraisons réfrigérées",
        "unit": "livraisons par mois",
        "baseline": "",
        "target": "",
        "data_source": "Registre du camion",
        "effect": "",
        "action": "",
    } | overrides


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234,50", Decimal("1234.50")),
        ("1\u202f234", Decimal("1234")),
        ("1234.5", Decimal("1234.5")),
        ("-3,25", Decimal("-3.25")),
    ],
)
def test_french_decimal_field_reads_quebec_numbers(typed, expected):
    """Spaces as thousands separators and a decimal comma are understood."""
    field = FrenchDecimalField(max_digits=14, decimal_places=2)
    assert field.clean(typed) == expected


@pytest.mark.parametrize("typed", ["beaucoup", "12,5,3", "NaN", "Infinity"])
def test_french_decimal_field_refuses_non_numbers_in_french(typed):
    """Anything but a number is refused with a French example."""
    field = FrenchDecimalField(max_digits=14, decimal_places=2)
    with pytest.raises(Exception, match=r"Entrez un nombre, par exemple 1.*234,5\."):
        field.clean(typed)


def test_indicator_target_without_unit_is_refused(world, client_as):
    """A target needs a unit: « Précisez l'unité de la cible », and the input stays."""
    response = client_as(world.coordinator).post(
        _url(world, "indicator_create"), _data(unit="", target="40")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == ["Précisez l'unité de la cible."]
    html = response.content.decode()
    assert 'value="40"' in html and "Registre du camion" in html
    assert not Indicator.objects.exists()


def test_indicator_without_target_needs_no_unit(world, client_as):
    """Without a target, the unit may stay empty."""
    response = client_as(world.coordinator).post(_url(world, "indicator_create"), _data(unit=""))
    assert response.status_code == 302


def test_indicator_create_links_effect_and_action(world, client_as):
    """An indicator measures an effect and/or follows an action of this project."""
    effect = LogicElementFactory(project=world.project, kind=LogicElement.Kind.SHORT_TERM)
    action = ActionFactory(project=world.project)
    response = client_as(world.coordinator).post(
        _url(world, "indicator_create"),
        _data(baseline="3 200", target="5 000,5", effect=effect.pk, action=action.pk),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.baseline, indicator.target) == (Decimal("3200"), Decimal("5000.5"))
    assert (indicator.effect, indicator.action) == (effect, action)
    assert history_for(indicator).get().kind == ChangeRecord.Kind.CREATED


def test_indicator_effect_must_be_an_effect_of_this_project(world, client_as):
    """Activities and other projects' effects cannot be chosen as the measured effect."""
    activity = LogicElementFactory(project=world.project, kind=LogicElement.Kind.ACTIVITY)
    foreign = LogicElementFactory(kind=LogicElement.Kind.SHORT_TERM)
    foreign_action = ActionFactory()
    for data in [
        _data(effect=activity.pk),
        _data(effect=foreign.pk),
        _data(action=foreign_action.pk),
    ]:
        response = client_as(world.coordinator).post(_url(world, "indicator_create"), data)
        assert response.status_code == 200 and response.context["form"].errors


def test_indicator_edit_shows_french_numbers_and_records_changes(world, client_as):
    """The edit form shows « 12,5 »; saving records the old and new target."""
    indicator = IndicatorFactory(project=world.project, target=Decimal("12.5"))
    client = client_as(world.coordinator)
    html = client.get(_url(world, "indicator_edit", indicator.pk)).content.decode()
    assert 'value="12,5"' in html
    client.post(_url(world, "indicator_edit", indicator.pk), _data(target="15"))
    assert history_for(indicator).get().changes["target"] == ["12.50", "15"]


def test_measurement_add_and_delete(world, client_as):
    """The coordinator adds a measurement (kept in history) and can remove it."""
    indicator = IndicatorFactory(project=world.project)
    prefix = f"mesure-{indicator.pk}"
    client = client_as(world.coordinator)
    response = client.post(
        _url(world, "measurement_add", indicator.pk),
        {f"{prefix}-date": "2026-04-01", f"{prefix}-value": "17,5", f"{prefix}-note": "Avril"},
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=indicator)
    assert (measurement.value, measurement.recorded_by) == (Decimal("17.5"), world.coordinator)
    assert history_for(measurement).get().project == world.project
    response = client.post(_url(world, "measurement_delete", measurement.pk))
    assert response.status_code == 302
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("date_typed", "value_typed", "message"),
    [
        ("", "12", "Indiquez la date de la mesure."),
        ("2026-04-01", "", "Indiquez la valeur mesurée."),
        ("1er avril", "12", "Entrez une date valide (AAAA-MM-JJ)."),
        ("2026-04-01", "douze", "Entrez un nombre, par exemple 1 234,5."),
    ],
)
def test_measurement_add_refuses_bad_input_in_french(
    world, client_as, date_typed, value_typed, message
):
    """A bad measurement re-displays the page (400) with the message and the input."""
    indicator = IndicatorFactory(project=world.project)
    prefix = f"mesure-{indicator.pk}"
    response = client_as(world.coordinator).post(
        _url(world, "measurement_add", indicator.pk),
        {f"{prefix}-date": date_typed, f"{prefix}-value": value_typed, f"{prefix}-note": "Gardée"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'")
    assert 'value="Gardée"' in html
    assert not Measurement.objects.exists()


def test_measurement_of_another_project_is_404(world, client_as):
    """Measurements and indicators are reached only through their project."""
    measurement = MeasurementFactory()
    client = client_as(world.coordinator)
    assert client.post(_url(world, "measurement_delete", measurement.pk)).status_code == 404
    assert client.post(_url(world, "measurement_add", measurement.indicator.pk)).status_code == 404


def test_indicators_page_shows_values_chart_and_text_alternative(world, client_as):
    """Each indicator shows its values with units, a chart with a dashed target line and
    a text description of the measurements."""
    indicator = IndicatorFactory(
        project=world.project,
        name="Denrées récupérées",
        unit="kg par mois",
        baseline=Decimal("3200"),
        target=Decimal("5000"),
    )
    MeasurementFactory(indicator=indicator, date=date(2026, 1, 15), value=Decimal("3350"))
    MeasurementFactory(indicator=indicator, date=date(2026, 3, 15), value=Decimal("4620"))
    html = client_as(world.partner_a).get(_url(world, "indicators")).content.decode()
    assert "5\u202f000\u00a0kg par mois" in html  # target, fr-CA
    assert 'class="target-line"' in html and 'stroke-dasharray="6 4"' in html
    assert "<polyline" in html
    assert (
        "2 mesures, de 3\u202f350\u00a0kg par mois le 15 janvier 2026 à "
        "4\u202f620\u00a0kg par mois le 15 mars 2026." in html
    )
    assert _url(world, "measurement_add", indicator.pk) not in html  # partners read only


def test_indicator_money_unit_reads_as_money(world, client_as):
    """An indicator in $ shows its values as money."""
    indicator = IndicatorFactory(project=world.project, unit="$", target=Decimal("35"))
    MeasurementFactory(indicator=indicator, value=Decimal("38.75"))
    html = client_as(world.coordinator).get(_url(world, "indicators")).content.decode()
    assert "38,75\u00a0$" in html and "35,00\u00a0$" in html


@pytest.mark.parametrize("organisations", [3, 30])
def test_indicators_page_query_count(world, client_as, django_assert_num_queries, organisations):
    """The page costs the same queries with 3 or 30 organisations and their indicators."""
    for _ in range(organisations - 2):
        world.project.organisations.add(OrganisationFactory())
    effect = LogicElementFactory(project=world.project, kind=LogicElement.Kind.SHORT_TERM)
    for organisation in world.project.organisations.all():
        action = ActionFactory(project=world.project, organisation=organisation)
        indicator = IndicatorFactory(project=world.project, effect=effect, action=action)
        MeasurementFactory.create_batch(3, indicator=indicator)
    client = client_as(world.coordinator)
    # session, user, membership, indicators (with effect and action), measurements, the bell
    with django_assert_num_queries(6):
        response = client.get(_url(world, "indicators"))
    assert len(response.context["cards"]) == organisations
