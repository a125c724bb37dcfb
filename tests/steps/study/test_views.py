"""The opportunity study pages: what each persona sees, the inputs, the validation, the
query count, the spreadsheet recomputed by a formula engine and the board note."""

import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from projects.models import Role
from steps.models import AloneCost, Commitment, OpportunityStudy, PooledResource, StartupCost
from steps.study import computing, selectors
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

D = Decimal


def _text(response) -> str:
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ").split())


def _url(world, name="opportunity_study", **kwargs):
    return reverse(f"steps:{name}", kwargs={"project_slug": world.project.slug, **kwargs})


@pytest.fixture
def study(world):
    """A truck 60/40 between A and B, 10 000 $ of start-up with a 4 000 $ grant."""
    truck = PooledResource.objects.create(
        project=world.project,
        name="Camion",
        admin_fee_per_use=D(100),  # 100 $ of variable cost per use
        management_cost_per_year=D(2000),
    )
    Commitment.objects.create(resource=truck, organisation=world.org_a, planned_uses_per_year=60)
    Commitment.objects.create(resource=truck, organisation=world.org_b, planned_uses_per_year=40)
    study = OpportunityStudy.objects.create(
        project=world.project,
        horizon_years=3,
        grant_amount=D(4000),
        startup_key=OpportunityStudy.SharingKey.EQUAL,
    )
    StartupCost.objects.create(study=study, kind="purchase", label="Achat", amount=D(10000))
    AloneCost.objects.create(
        study=study, organisation=world.org_a, resource=truck, kind="rental", per_use=D(200)
    )
    AloneCost.objects.create(
        study=study, organisation=world.org_b, resource=truck, kind="rental", per_use=D("151.37")
    )
    study.truck = truck
    return study


def test_views_summary_shows_each_partner_saving_and_payback(world, client_as, study):
    """The coordinator reads each organisation's net saving per year and payback year."""
    response = client_as(world.coordinator).get(_url(world))
    text = _text(response)
    assert response.status_code == 200
    # A: 60 × 200 = 12 000 alone; 7 200 + 3 000 of own funds together in year 1.
    assert "1 800,00 $" in text and "4 800,00 $" in text
    assert "à partir de l'année 3" in text  # B: 6 054,80 alone vs 7 800 then 4 800
    assert "Hypothèses" in text


def test_views_detail_expands_every_amount_to_its_formula(world, client_as, study):
    text = _text(client_as(world.coordinator).get(_url(world, "opportunity_study_detail")))
    assert (
        "Camion : coût du groupe (100 utilisations × 100,00 $ + 2 000,00 $ de frais fixes = "
        "12 000,00 $) × 60 / 100 utilisations = 7 200,00 $" in text
    )
    assert "Camion : 40 utilisations × 151,37 $ = 6 054,80 $" in text
    assert "seul 12 000,00 $ − ensemble 10 200,00 $ = 1 800,00 $" in text


def test_views_partner_never_sees_another_partners_alone_costs(world, client_as, study):
    """Until the coordination shares the study, partner B sees its own figures only."""
    client = client_as(world.partner_b)
    for name in ("opportunity_study", "opportunity_study_detail", "opportunity_study_sensitivity"):
        text = _text(client.get(_url(world, name)))
        assert world.org_b.name in text
        assert "60 utilisations × 200,00 $" not in text
        assert world.org_a.name not in text.replace(f"Départ de {world.org_a.name}", "")
    assert (
        client.get(
            _url(world, "opportunity_study_note", organisation_id=world.org_a.pk)
        ).status_code
        == 403
    )
    study.shared_with_partners = True
    study.save()
    text = _text(client.get(_url(world, "opportunity_study_detail")))
    assert "60 utilisations × 200,00 $ = 12 000,00 $" in text


def test_views_partner_saves_its_own_alone_costs_only(world, client_as, study):
    client = client_as(world.partner_a)
    prefix = f"r{study.truck.pk}"
    data = {
        f"{prefix}-kind": "purchase",
        f"{prefix}-one_off": "20000",
        f"{prefix}-per_year": "500",
    }
    response = client.post(
        _url(world, "opportunity_study_alone", organisation_id=world.org_a.pk), data
    )
    assert response.status_code == 302
    cost = AloneCost.objects.get(organisation=world.org_a)
    assert (cost.kind, cost.one_off, cost.per_year) == ("purchase", D(20000), D(500))
    other = client.post(
        _url(world, "opportunity_study_alone", organisation_id=world.org_b.pk), data
    )
    assert other.status_code == 403
    assert AloneCost.objects.get(organisation=world.org_b).kind == "rental"


def test_views_alone_form_needs_an_amount_unless_no_access(world, client_as, study):
    prefix = f"r{study.truck.pk}"
    url = _url(world, "opportunity_study_alone", organisation_id=world.org_a.pk)
    response = client_as(world.partner_a).post(url, {f"{prefix}-kind": "rental"})
    assert response.status_code == 200
    assert AloneCost.objects.get(organisation=world.org_a).per_use == D(200)
    response = client_as(world.partner_a).post(url, {f"{prefix}-kind": "no_access"})
    assert response.status_code == 302
    assert AloneCost.objects.get(organisation=world.org_a).kind == "no_access"


def test_views_validated_study_is_to_review_after_an_input_changes(world, client_as, study):
    client = client_as(world.coordinator)
    assert client.post(_url(world, "opportunity_study_validate")).status_code == 302
    assert selectors.status_of(selectors.load(world.project)) == selectors.Status.VALIDATED
    assert "Validée" in _text(client.get(_url(world)))
    Commitment.objects.filter(organisation=world.org_b).update(planned_uses_per_year=41)
    assert selectors.status_of(selectors.load(world.project)) == selectors.Status.TO_REVIEW
    assert "À revoir" in _text(client.get(_url(world)))


def test_views_edit_saves_parameters_and_startup_costs(world, client_as, study):
    cost = study.startup_costs.get()
    data = {
        "horizon_years": "4",
        "grant_amount": "2000",
        "grant_source": "",
        "loan_amount": "5000",
        "loan_rate": "0.05",
        "loan_term_years": "3",
        "startup_key": "custom",
        "coordination_mode": "salary",
        "coordination_hours_per_year": "0",
        "coordination_hourly_rate": "0",
        "coordination_salary": "52000",
        "coordination_salary_share": "0.25",
        "coordination_key": "equal",
        "departing_organisation": "",
        "notes": "",
        f"weight_{world.org_a.pk}": "3",
        f"weight_{world.org_b.pk}": "1",
        "couts-TOTAL_FORMS": "2",
        "couts-INITIAL_FORMS": "1",
        "couts-0-id": str(cost.pk),
        "couts-0-kind": "purchase",
        "couts-0-label": "Achat",
        "couts-0-amount": "10000",
        "couts-1-kind": "legal",
        "couts-1-label": "Frais juridiques",
        "couts-1-amount": "1500",
    }
    response = client_as(world.coordinator).post(_url(world, "opportunity_study_edit"), data)
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.coordination_per_year == D(13000)
    assert study.startup_costs.count() == 2
    loaded = selectors.load(world.project)
    assert loaded.inputs.startup_weights == {world.org_a.pk: D(3), world.org_b.pk: D(1)}
    assert loaded.inputs.own_funds == D("4500.00")
    data["loan_amount"] = "50000"  # more than the start-up costs
    response = client_as(world.coordinator).post(_url(world, "opportunity_study_edit"), data)
    assert response.status_code == 200
    assert "dépassent le total des coûts de démarrage" in _text(response)


def _add_partner(world, index, truck):
    organisation = OrganisationFactory(name=f"Organisme {index}")
    world.project.organisations.add(organisation)
    MembershipFactory(
        user=UserFactory(), project=world.project, role=Role.PARTNER, organisation=organisation
    )
    Commitment.objects.create(resource=truck, organisation=organisation, planned_uses_per_year=5)
    AloneCost.objects.create(
        study=world.project.opportunity_study,
        organisation=organisation,
        resource=truck,
        kind="rental",
        per_use=D(180),
    )


@pytest.mark.parametrize(
    "name", ["opportunity_study", "opportunity_study_detail", "opportunity_study_sensitivity"]
)
def test_views_pages_read_a_fixed_number_of_queries(world, client_as, study, name):
    """Five more organisations cost no more queries."""
    client = client_as(world.coordinator)
    url = _url(world, name)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for index in range(5):
        _add_partner(world, index, study.truck)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_xlsx_recalculated_by_a_formula_engine_equals_the_page(world, client_as, study, tmp_path):
    """The spreadsheet's live formulas give the same amounts as the study, to the cent."""
    formulas = pytest.importorskip("formulas")
    study.loan_amount = D(3000)
    study.loan_rate = D("0.05")
    study.loan_term_years = 2
    study.coordination_hours_per_year = D(100)
    study.coordination_hourly_rate = D("33.33")
    study.save()
    response = client_as(world.coordinator).get(_url(world, "opportunity_study_xlsx"))
    assert response.status_code == 200
    path = tmp_path / "etude.xlsx"
    path.write_bytes(response.content)
    model = formulas.ExcelModel().loads(str(path)).finish()
    solution = model.calculate()
    cells = {}
    for key, value in solution.items():
        match = re.search(r"!([A-Z]+)(\d+)$", key)
        if match:
            cells[match.group(0)[1:]] = value.value[0, 0] if hasattr(value, "value") else value

    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    loaded = selectors.load(world.project)
    result = computing.study(loaded.inputs)
    found = 0
    for org in (world.org_a, world.org_b):
        rows = [
            row
            for row in range(1, sheet.max_row + 1)
            if sheet.cell(row, 1).value == org.name
            and sheet.cell(row, 2).value
            and not str(sheet.cell(row, 2).value).startswith("=")
        ]
        start = rows[-1] + 1
        for index, year in enumerate(result.organisations[org.pk].years):
            for column, expected in zip(
                "BCDE", (year.together, year.alone, year.saving, year.cumulative), strict=True
            ):
                value = cells[f"{column}{start + index}"]
                assert round(D(str(value)), 2) == expected, (org.name, year.year, column)
                found += 1
    assert found == 2 * 3 * 4


def test_board_note_is_a_one_page_pdf_for_the_organisation(world, client_as, study):
    response = client_as(world.partner_a).get(
        _url(world, "opportunity_study_note", organisation_id=world.org_a.pk)
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    text = " ".join(text.split())
    assert "Note au conseil d" in text and world.org_a.name in text
    assert "1 800,00" in text.replace("\u202f", " ").replace("\u00a0", " ")


def test_xlsx_of_a_partner_leaves_out_the_others_alone_costs(world, client_as, study, tmp_path):
    from openpyxl import load_workbook

    response = client_as(world.partner_b).get(_url(world, "opportunity_study_xlsx"))
    path = tmp_path / "b.xlsx"
    path.write_bytes(response.content)
    labels = [cell.value for cell in load_workbook(path).active["A"] if cell.value]
    assert f"{world.org_b.name} — Camion" in labels
    assert f"{world.org_a.name} — Camion" not in labels
    assert "Groupe" not in labels
