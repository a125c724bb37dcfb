"""The calculator's pages: list, form, preview, detail, commitments, uses and the year's
reconciliation, seen by the coordinator Claire and the partners Paul (A) and Béa (B)."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import ChangeRecord, Role
from steps.models import Commitment, PooledResource, UsageRecord
from steps.resources import urls as pricing_urls
from tests.factories import (
    PLANER_INPUTS,
    TRUCK_INPUTS,
    CommitmentFactory,
    MembershipFactory,
    OrganisationFactory,
    PooledResourceFactory,
    UsageRecordFactory,
    UserFactory,
)
from tests.matrix import PERSONAS, POST
from tests.matrix.resources import MATRIX, URL_KWARGS


def text(response) -> str:
    """The page as text with ordinary spaces (fr-CA uses no-break spaces in numbers)."""
    page = html.unescape(response.content.decode())
    return page.replace("\u202f", " ").replace("\u00a0", " ")


def url(name, project, **kwargs):
    return reverse(name, kwargs={"project_slug": project.slug, **kwargs})


@pytest.fixture
def truck(world):
    """A truck of world.project: A commits to 100 uses a year, B to 50."""
    resource = PooledResourceFactory(project=world.project, name="Camion", **TRUCK_INPUTS)
    CommitmentFactory(resource=resource, organisation=world.org_a, planned_uses_per_year=100)
    CommitmentFactory(resource=resource, organisation=world.org_b, planned_uses_per_year=50)
    return resource


# A valid calculator form: the guide's planer, typed the Québec way.
PLANER_FORM = {
    "name": "Raboteuse",
    "resource_type": "equipment",
    "usage_unit": "pied linéaire",
    "units_per_use": "50",
    "hours_per_use": "5",
    "consumable_cost_per_unit": "0,05",
    "maintenance_cost": "100",
    "maintenance_interval_units": "100 000",
    "purchase_price": "3 500,00",
    "amortisation_years": "7",
    "handling_hours_per_use": "1",
    "hourly_rate": "30",
    "admin_fee_per_use": "5",
}


# --- Access ----------------------------------------------------------------------------


def _pricing_url(name, world):
    pattern = next(p for p in pricing_urls.urlpatterns if f"steps:{p.name}" == name)
    kwargs = {param: URL_KWARGS[param](world) for param in pattern.pattern.regex.groupindex}
    return reverse(name, kwargs={"project_slug": world.project.slug, **kwargs})


def test_pricing_matrix_lists_every_pricing_url():
    """Every URL of steps/resources/urls.py has its row in tests/matrix/pricing.py."""
    assert {f"steps:{p.name}" for p in pricing_urls.urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("persona", PERSONAS)
def test_pricing_pages_answer_each_persona_as_the_matrix_says(persona, world, client_as):
    """Anonymous → login, outsider → 404, wrong role → 403, allowed → 200 (405 for POST-only)."""
    client = client_as(world.user(persona))
    failures = []
    for name, (expected_profile, method) in MATRIX.items():
        expected = expected_profile[persona]
        if method == POST and expected == 200:
            expected = 405
        status = client.get(_pricing_url(name, world)).status_code
        if status != expected:
            failures.append(f"{name}: expected {expected}, got {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", ["partner_a", "advisor"])
def test_pricing_writes_are_refused_to_non_coordinators(persona, world, client_as, truck):
    """A partner or an advisor cannot create, edit, delete, commit or record uses."""
    client = client_as(world.user(persona))
    record = UsageRecordFactory(resource=truck, organisation=world.org_a)
    posts = [
        (url("steps:resource_create", world.project), PLANER_FORM),
        (url("steps:resource_edit", world.project, resource_id=truck.pk), PLANER_FORM),
        (url("steps:resource_delete", world.project, resource_id=truck.pk), {}),
        (url("steps:commitments", world.project, resource_id=truck.pk), {}),
        (url("steps:usage_add", world.project, resource_id=truck.pk), {}),
        (url("steps:usage_delete", world.project, usage_id=record.pk), {}),
    ]
    for target, data in posts:
        assert client.post(target, data).status_code == 403, target
    assert PooledResource.objects.filter(project=world.project).count() == 1
    assert UsageRecord.objects.filter(pk=record.pk).exists()


def test_resource_detail_of_another_project_is_404(world, client_as):
    """A resource is only reachable through its own project."""
    other = PooledResourceFactory(project=world.other_project)
    response = client_as(world.coordinator).get(
        url("steps:resource_detail", world.project, resource_id=other.pk)
    )
    assert response.status_code == 404


def test_usage_delete_of_another_project_is_404(world, client_as):
    """A usage record of another project cannot be deleted from this one."""
    record = UsageRecordFactory(resource=PooledResourceFactory(project=world.other_project))
    response = client_as(world.coordinator).post(
        url("steps:usage_delete", world.project, usage_id=record.pk)
    )
    assert response.status_code == 404
    assert UsageRecord.objects.filter(pk=record.pk).exists()


# --- List and detail -------------------------------------------------------------------


def test_resources_list_shows_cost_and_break_even(world, client_as, truck):
    """The list gives the full cost per use and the break-even of each resource."""
    page = text(client_as(world.partner_b).get(url("steps:resources", world.project)))
    assert "Camion" in page
    assert "100,00 $" in page  # 40 $ variable + 9 000 $ ÷ 150 uses
    assert "82 utilisations par année" in page  # 40 + 9 000 ÷ 82 = 149,76 ≤ 150


def test_resources_list_empty_says_so(world, client_as):
    """Without resources the page says so in one line."""
    page = text(client_as(world.coordinator).get(url("steps:resources", world.project)))
    assert "Aucune ressource mutualisée pour l'instant." in page


def test_resource_detail_shows_both_methods_break_even_and_shares(world, client_as, truck):
    """Breakdown, both methods, break-even and each organisation's share, to the cent."""
    page = text(
        client_as(world.advisor).get(
            url("steps:resource_detail", world.project, resource_id=truck.pk)
        )
    )
    # Guide: 30 + 10 + 48 000 ÷ 70 080 × 4 h (2,74) + 3 000 ÷ 150 (20) = 62,74 $.
    # Full: 40 + 9 000 ÷ 150 = 100 $.
    assert "62,74 $" in page
    assert "100,00 $" in page
    assert "82 utilisations par année" in page
    assert "149,76 $" in page  # full cost at the break-even
    assert "15 000,00 $" in page  # 9 000 + 40 × 150
    assert "10 000,00 $" in page  # A: 100 of 150 uses
    assert "5 000,00 $" in page  # B: 50 of 150 uses
    assert "7 500,00 $" in page  # equal shares
    assert "Pourquoi deux méthodes ?" in page
    assert "<svg" in page and "Seuil : 82 utilisations" in page


def test_planer_detail_shows_the_guide_example(world, client_as):
    """The guide's planer costs 37,84 $ a use with the guide's method."""
    planer = PooledResourceFactory(project=world.project, name="Raboteuse", **PLANER_INPUTS)
    page = text(
        client_as(world.partner_a).get(
            url("steps:resource_detail", world.project, resource_id=planer.pk)
        )
    )
    assert "37,84 $" in page
    assert "2,50 $" in page and "0,29 $" in page and "30,00 $" in page


def test_resource_detail_escapes_user_text(world, client_as):
    """A hostile resource name shows as text, in the page and in the chart."""
    resource = PooledResourceFactory(
        project=world.project, name="<script>alert(1)</script>", **TRUCK_INPUTS
    )
    page = client_as(world.coordinator).get(
        url("steps:resource_detail", world.project, resource_id=resource.pk)
    )
    assert b"<script>alert(1)" not in page.content
    assert b"&lt;script&gt;alert(1)" in page.content


def test_resource_detail_sharing_table_escapes_names_and_shows_weights(world, client_as, truck):
    """A hostile organisation name shows as text in the sharing table; weights are said."""
    world.org_b.name = "<img src=x onerror=alert(1)>"
    world.org_b.save()
    Commitment.objects.filter(resource=truck, organisation=world.org_a).update(custom_weight=2)
    page = client_as(world.advisor).get(
        url("steps:resource_detail", world.project, resource_id=truck.pk)
    )
    content = page.content.decode()
    assert "<img src=x" not in content and "&lt;img src=x onerror=alert(1)&gt;" in content
    assert "(poids 2,00)" in content


@pytest.mark.parametrize("count", [3, 30])
def test_resources_list_query_count_is_constant(
    count, world, client_as, django_assert_num_queries
):
    """N organisations and resources never cost N queries on the list."""
    organisations = OrganisationFactory.create_batch(count)
    world.project.organisations.add(*organisations)
    for _index in range(3):
        resource = PooledResourceFactory(project=world.project, **TRUCK_INPUTS)
        for organisation in organisations:
            CommitmentFactory(resource=resource, organisation=organisation)
    client = client_as(world.coordinator)
    with django_assert_num_queries(6):  # + the comment counts
        response = client.get(url("steps:resources", world.project))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_resource_detail_query_count_is_constant(
    count, world, client_as, django_assert_num_queries
):
    """The detail page and its sharing table cost the same for 3 or 30 organisations."""
    organisations = OrganisationFactory.create_batch(count)
    world.project.organisations.add(*organisations)
    resource = PooledResourceFactory(project=world.project, **TRUCK_INPUTS)
    for organisation in organisations:
        CommitmentFactory(resource=resource, organisation=organisation, custom_weight=2)
    client = client_as(world.coordinator)
    with django_assert_num_queries(9):  # 8 + the resource's shared documents
        response = client.get(url("steps:resource_detail", world.project, resource_id=resource.pk))
    assert response.status_code == 200
    assert text(response).count("Organisme communautaire") >= count


# --- The calculator form ---------------------------------------------------------------


def test_resource_create_accepts_decimal_comma_and_spaces(world, client_as):
    """« 0,05 », « 3 500,00 » and « 100 000 » are read as numbers."""
    client = client_as(world.coordinator)
    response = client.post(url("steps:resource_create", world.project), PLANER_FORM)
    resource = PooledResource.objects.get(project=world.project, name="Raboteuse")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/ressources/{resource.pk}/")
    assert resource.consumable_cost_per_unit == Decimal("0.05")
    assert resource.purchase_price == Decimal("3500")
    assert resource.maintenance_interval_units == Decimal("100000")
    assert resource.residual_value == Decimal(0)  # left empty: zero
    assert resource.alternative_price_per_use is None  # left empty: none
    record = ChangeRecord.objects.get(object_id=resource.pk, kind=ChangeRecord.Kind.CREATED)
    assert record.changed_by == world.coordinator
    page = text(client.get(response["Location"]))
    assert "37,84 $" in page


def test_resource_create_stores_financing_rate_as_fraction(world, client_as):
    """The form takes a percentage (5,5 %) and stores 0,055; editing shows 5,5 again."""
    client = client_as(world.coordinator)
    client.post(
        url("steps:resource_create", world.project), {**PLANER_FORM, "financing_rate": "5,5"}
    )
    resource = PooledResource.objects.get(project=world.project)
    assert resource.financing_rate == Decimal("0.055")
    page = text(client.get(url("steps:resource_edit", world.project, resource_id=resource.pk)))
    assert 'value="5,5"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("purchase_price", "-100", "Un montant ne peut pas être négatif."),
        ("hourly_rate", "-1,5", "Un montant ne peut pas être négatif."),
        ("units_per_use", "-3", "Cette valeur ne peut pas être négative."),
        ("maintenance_interval_units", "0", "L'intervalle d'entretien doit être plus grand"),
        ("amortisation_years", "0", "La durée d'amortissement doit être plus grande que zéro"),
        ("residual_value", "4 000", "La valeur résiduelle ne peut pas dépasser le prix d'achat."),
        ("purchase_price", "150 000 000", "Cette valeur dépasse 100 000 000 $"),
        ("hours_per_use", "9000", "Cette valeur dépasse 8 760 heures (une année)"),
        ("amortisation_years", "150", "Cette valeur dépasse 100 ans"),
        ("financing_rate", "120", "Cette valeur dépasse 100 %"),
        ("consumable_cost_per_unit", "douze", "Entrez un nombre, par exemple 1 234,56 ou 12,5."),
        ("admin_fee_per_use", "5,555", "Deux décimales au plus"),
        ("estimated_uses_per_year", "0", "Au moins une utilisation par année, ou laissez vide."),
        ("name", "", "Donnez un nom à la ressource."),
    ],
)
def test_resource_form_refuses_bad_input_in_french(world, client_as, field, value, message):
    """Each bad value gets its French message; nothing is saved; the input is kept."""
    data = {**PLANER_FORM, field: value}
    response = client_as(world.coordinator).post(url("steps:resource_create", world.project), data)
    page = text(response)
    assert response.status_code == 200
    assert message in page
    assert "Rien n'a été enregistré" in page
    assert not PooledResource.objects.filter(project=world.project).exists()
    if value:
        assert f'value="{value}"' in page


def test_resource_form_requires_interval_with_a_maintenance_cost(world, client_as):
    """A maintenance cost without its interval cannot be spread over the uses."""
    data = {**PLANER_FORM, "maintenance_interval_units": ""}
    page = text(
        client_as(world.coordinator).post(url("steps:resource_create", world.project), data)
    )
    assert "Indiquez après combien d'unités revient l'entretien de 100 $." in page


def test_resource_form_requires_years_with_a_purchase(world, client_as):
    """A purchase price without an amortisation period is refused."""
    data = {**PLANER_FORM, "amortisation_years": ""}
    page = text(
        client_as(world.coordinator).post(url("steps:resource_create", world.project), data)
    )
    assert "Indiquez sur combien d'années l'achat s'amortit." in page


def test_resource_form_offers_only_project_organisations(world, client_as):
    """The responsible organisation must take part in the project."""
    stranger = OrganisationFactory(name="Organisme d'ailleurs")
    data = {**PLANER_FORM, "responsible_organisation": stranger.pk}
    response = client_as(world.coordinator).post(url("steps:resource_create", world.project), data)
    assert response.status_code == 200
    assert not PooledResource.objects.exists()


def test_resource_edit_records_the_change(world, client_as, truck):
    """An edit is saved and recorded in the history with the old and new values."""
    data = {**PLANER_FORM, "name": "Camion réfrigéré", "alternative_price_per_use": "175"}
    client = client_as(world.coordinator)
    response = client.post(url("steps:resource_edit", world.project, resource_id=truck.pk), data)
    assert response.status_code == 302
    truck.refresh_from_db()
    assert truck.name == "Camion réfrigéré"
    record = ChangeRecord.objects.get(object_id=truck.pk, kind=ChangeRecord.Kind.UPDATED)
    assert record.changes["name"] == ["Camion", "Camion réfrigéré"]
    assert record.changes["alternative_price_per_use"] == ["150.00", "175.00"]


# --- Preview ---------------------------------------------------------------------------


def test_resource_preview_returns_the_breakdown_without_saving(world, client_as):
    """The fragment shows the posted inputs' cost; nothing is stored."""
    response = client_as(world.coordinator).post(
        url("steps:resource_preview", world.project), PLANER_FORM
    )
    page = text(response)
    assert response.status_code == 200
    assert "37,84 $" in page
    assert "<html" not in page  # a fragment, not a page
    assert not PooledResource.objects.exists()


def test_resource_preview_of_a_resource_uses_its_commitments(world, client_as, truck):
    """Previewing an edit spreads the fixed charges over the resource's commitments."""
    data = {**PLANER_FORM, "resource": truck.pk}
    page = text(
        client_as(world.coordinator).post(url("steps:resource_preview", world.project), data)
    )
    assert "150 utilisations par année" in page
    truck.refresh_from_db()
    assert truck.name == "Camion"


def test_resource_preview_with_errors_asks_for_corrections(world, client_as):
    """Bad input: the fragment says how many fields to fix."""
    data = {**PLANER_FORM, "purchase_price": "-1", "hourly_rate": "abc"}
    page = text(
        client_as(world.coordinator).post(url("steps:resource_preview", world.project), data)
    )
    assert "2 champs sont à revoir" in page


# --- Delete ----------------------------------------------------------------------------


def test_resource_delete_confirms_then_deletes(world, client_as, truck):
    """GET asks for confirmation; POST deletes and records the deletion."""
    client = client_as(world.coordinator)
    target = url("steps:resource_delete", world.project, resource_id=truck.pk)
    page = text(client.get(target))
    assert "Supprimer la ressource « Camion » ?" in page
    assert "2 organisations" in page
    response = client.post(target)
    assert response.status_code == 302
    assert not PooledResource.objects.filter(pk=truck.pk).exists()
    assert not Commitment.objects.filter(resource_id=truck.pk).exists()
    assert ChangeRecord.objects.filter(object_id=truck.pk, kind=ChangeRecord.Kind.DELETED).exists()


# --- Commitments -----------------------------------------------------------------------


def _commitments_data(world, rows):
    data = {"eng-TOTAL_FORMS": str(len(rows)), "eng-INITIAL_FORMS": str(len(rows))}
    for index, (organisation, uses, weight) in enumerate(rows):
        data[f"eng-{index}-organisation"] = organisation.pk
        data[f"eng-{index}-planned_uses_per_year"] = uses
        data[f"eng-{index}-custom_weight"] = weight
    return data


def test_commitments_change_the_split(world, client_as, truck):
    """Swapping A's and B's commitments swaps their shares of the 15 000 $ a year."""
    client = client_as(world.coordinator)
    data = _commitments_data(world, [(world.org_a, "50", "1"), (world.org_b, "100", "3")])
    response = client.post(url("steps:commitments", world.project, resource_id=truck.pk), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#repartition")
    stored = {c.organisation_id: c for c in Commitment.objects.filter(resource=truck)}
    assert stored[world.org_a.pk].planned_uses_per_year == 50
    assert stored[world.org_b.pk].custom_weight == Decimal("3")
    page = text(client.get(response["Location"]))
    rows = page.split("Banque alimentaire du Suroît</th>")[1].split("</tr>")[0]
    assert "5 000,00 $" in rows  # usage: 50 of 150
    assert "7 500,00 $" in rows  # equal shares
    assert "3 750,00 $" in rows  # custom weight 1 of 4
    rows = page.split("Cuisine collective Beauharnois</th>")[1].split("</tr>")[0]
    assert "10 000,00 $" in rows
    assert "11 250,00 $" in rows


def test_commitments_zero_removes_the_commitment(world, client_as, truck):
    """No planned use and no weight: the organisation no longer commits."""
    client = client_as(world.coordinator)
    data = _commitments_data(world, [(world.org_a, "120", ""), (world.org_b, "0", "")])
    client.post(url("steps:commitments", world.project, resource_id=truck.pk), data)
    assert list(
        Commitment.objects.filter(resource=truck).values_list("organisation_id", flat=True)
    ) == [world.org_a.pk]
    assert ChangeRecord.objects.filter(kind=ChangeRecord.Kind.DELETED).count() == 1


def test_commitments_refuse_bad_values_and_keep_input(world, client_as, truck):
    """Negative uses are refused in French; nothing changes; the input stays."""
    client = client_as(world.coordinator)
    data = _commitments_data(world, [(world.org_a, "-4", ""), (world.org_b, "60", "abc")])
    response = client.post(url("steps:commitments", world.project, resource_id=truck.pk), data)
    page = text(response)
    assert response.status_code == 200
    assert "Le nombre d'utilisations ne peut pas être négatif." in page
    assert "Entrez un nombre" in page
    assert 'value="60"' in page
    assert (
        Commitment.objects.get(resource=truck, organisation=world.org_b).planned_uses_per_year
        == 50
    )


def test_commitments_refuse_an_organisation_outside_the_project(world, client_as, truck):
    """A tampered organisation id is refused as a whole."""
    stranger = OrganisationFactory()
    data = _commitments_data(world, [(world.org_a, "10", ""), (stranger, "10", "")])
    page = text(
        client_as(world.coordinator).post(
            url("steps:commitments", world.project, resource_id=truck.pk), data
        )
    )
    assert "La liste des organisations a changé" in page
    assert not Commitment.objects.filter(organisation=stranger).exists()


# --- Recorded uses and the year's reconciliation ---------------------------------------


def test_usage_add_records_a_use(world, client_as, truck):
    """The coordinator records a month of use; it shows in that year's list."""
    client = client_as(world.coordinator)
    data = {"organisation": world.org_b.pk, "date": "2026-04-01", "uses": "3", "units": "312,5"}
    response = client.post(url("steps:usage_add", world.project, resource_id=truck.pk), data)
    assert response.status_code == 302
    assert response["Location"].endswith("?annee=2026")
    record = UsageRecord.objects.get(resource=truck)
    assert (record.uses, record.units, record.recorded_by) == (
        3,
        Decimal("312.5"),
        world.coordinator,
    )
    page = text(client.get(response["Location"]))
    assert "1er avril 2026" in page and "312,50" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("uses", "0", "Au moins une utilisation."),
        ("units", "-3", "Cette valeur ne peut pas être négative."),
        ("date", "31-02-2026", "Entrez une date valide (AAAA-MM-JJ)."),
        ("organisation", "", "Choisissez l'organisation qui a utilisé la ressource."),
    ],
)
def test_usage_add_refuses_bad_input(world, client_as, truck, field, value, message):
    """Bad uses, units, dates or organisations get a French message; nothing is saved."""
    data = {"organisation": world.org_b.pk, "date": "2026-04-01", "uses": "3", "units": ""}
    data[field] = value
    response = client_as(world.coordinator).post(
        url("steps:usage_add", world.project, resource_id=truck.pk), data
    )
    assert response.status_code == 200
    assert message in text(response)
    assert not UsageRecord.objects.exists()


def test_usage_delete_removes_the_record(world, client_as, truck):
    """A recorded use can be deleted; the deletion is in the history."""
    record = UsageRecordFactory(resource=truck, organisation=world.org_a, date=date(2025, 5, 1))
    response = client_as(world.coordinator).post(
        url("steps:usage_delete", world.project, usage_id=record.pk)
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?annee=2025")
    assert not UsageRecord.objects.exists()
    assert ChangeRecord.objects.filter(
        object_id=record.pk, kind=ChangeRecord.Kind.DELETED
    ).exists()


def test_reconciliation_figures_match_a_hand_calculation(world, client_as, truck):
    """2026: A committed 100, made 80 (8 000 km); B committed 50, made 70 (6 000 km).

    Fixed charges 9 000 $ at 60 $ per committed use: A 6 000, B 3 000 + 20 × 60 = 1 200.
    Variable: A 8 000 × 0,30 + 80 × 10 = 3 200; B 6 000 × 0,30 + 70 × 10 = 2 500.
    Billed 15 900 $; the year cost 9 000 + 14 000 × 0,30 + 150 × 10 = 14 700 $: surplus 1 200 $.
    """
    UsageRecordFactory(resource=truck, organisation=world.org_a, uses=80, units=Decimal(8000))
    UsageRecordFactory(resource=truck, organisation=world.org_b, uses=60, units=Decimal(5000))
    # Without units: 10 typical uses of 100 km.
    UsageRecordFactory(resource=truck, organisation=world.org_b, uses=10, units=None)
    # Another year does not count.
    UsageRecordFactory(resource=truck, organisation=world.org_a, uses=99, date=date(2025, 6, 1))
    response = client_as(world.partner_a).get(
        url("steps:usage", world.project, resource_id=truck.pk) + "?annee=2026"
    )
    page = text(response)
    row_a = page.split("Banque alimentaire du Suroît</th>")[1].split("</tr>")[0]
    assert all(v in row_a for v in ["6 000,00 $", "0,00 $", "3 200,00 $", "9 200,00 $", "-20"])
    row_b = page.split("Cuisine collective Beauharnois</th>")[1].split("</tr>")[0]
    assert all(v in row_b for v in ["3 000,00 $", "1 200,00 $", "2 500,00 $", "6 700,00 $", "+20"])
    assert "15 900,00 $" in page
    assert "14 700,00 $" in page
    assert "Surplus de 1 200,00 $" in page
    assert "60,00 $" in page  # fixed rate per committed use


def test_reconciliation_without_commitments_shows_a_deficit(world, client_as):
    """Nobody committed: the fixed charges are unbilled, a deficit."""
    resource = PooledResourceFactory(project=world.project, **TRUCK_INPUTS)
    UsageRecordFactory(resource=resource, organisation=world.org_a, uses=2, units=Decimal(100))
    page = text(
        client_as(world.coordinator).get(
            url("steps:usage", world.project, resource_id=resource.pk) + "?annee=2026"
        )
    )
    assert "Déficit de 9 000,00 $" in page
    assert "aucun engagement" in page


def test_usage_page_shows_the_add_form_to_coordinators_only(world, client_as, truck):
    """Partners read the reconciliation; only the coordination records uses."""
    target = url("steps:usage", world.project, resource_id=truck.pk)
    assert "Enregistrer une utilisation" in text(client_as(world.coordinator).get(target))
    assert "Enregistrer une utilisation" not in text(client_as(world.partner_b).get(target))


def test_modelisation_step_links_to_the_resources(world, client_as):
    """The modélisation step's tools list the pooled resources page."""
    page = text(
        client_as(world.partner_a).get(
            reverse(
                "steps:step",
                kwargs={"project_slug": world.project.slug, "step_code": "modelisation"},
            )
        )
    )
    assert url("steps:resources", world.project) in page


def test_new_partner_sees_resources(world, client_as, truck):
    """A partner who joins later reads the resources of the project."""
    organisation = OrganisationFactory()
    world.project.organisations.add(organisation)
    user = UserFactory()
    MembershipFactory(
        user=user, project=world.project, role=Role.PARTNER, organisation=organisation
    )
    response = client_as(user).get(
        url("steps:resource_detail", world.project, resource_id=truck.pk)
    )
    assert response.status_code == 200


def test_resource_detail_of_a_bare_resource(world, client_as):
    """A resource created from an opportunity, with no figure yet, still shows its page."""
    resource = PooledResourceFactory(project=world.project, name="Entrepôt")
    page = text(
        client_as(world.coordinator).get(
            url("steps:resource_detail", world.project, resource_id=resource.pk)
        )
    )
    assert "Aucun nombre d'utilisations par année" in page
    assert "Indiquez le prix de l'alternative" in page
    assert "saisissez les engagements des organisations" in page
    rows = text(client_as(world.coordinator).get(url("steps:resources", world.project)))
    assert "Entrepôt" in rows
