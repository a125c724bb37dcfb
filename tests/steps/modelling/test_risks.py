"""The risk register: known enjeux as suggestions, ratings, owners, the heat map."""

import html

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord, Membership, Role
from steps.modelling.enjeux import ENJEUX, ENJEUX_BY_CODE
from steps.modelling.heatmap import Level, RiskPoint, heat_map, level_of
from steps.models import Risk
from tests.factories import OrganisationFactory, ProjectFactory, RiskFactory, UserFactory
from tests.i18n import in_english, in_french


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _url(world, name="steps:risks", risk=None):
    kwargs = {"project_slug": world.project.slug}
    if risk is not None:
        kwargs["risk_id"] = risk.pk
    return reverse(name, kwargs=kwargs)


def _data(world, **overrides):
    data = {
        "title": "Bris du camion",
        "enjeu": "responsabilite",
        "description": "",
        "probability": "2",
        "impact": "4",
        "owner_organisation": str(world.org_a.pk),
        "mitigation": "Entretien inclus dans le coût d'utilisation.",
        "status": "open",
    }
    return data | overrides


# --- The heat map, from plain values --------------------------------------------------------


@pytest.mark.parametrize(
    ("probability", "impact", "level"),
    [
        (1, 1, Level.LOW),
        (1, 3, Level.LOW),
        (3, 1, Level.LOW),
        (2, 2, Level.MODERATE),
        (1, 4, Level.MODERATE),
        (3, 2, Level.MODERATE),
        (2, 4, Level.HIGH),
        (3, 3, Level.HIGH),
        (4, 3, Level.CRITICAL),
        (4, 4, Level.CRITICAL),
    ],
)
def test_heatmap_level_of_cell(probability, impact, level):
    """A cell's level is the product of both ratings cut into four bands."""
    assert level_of(probability, impact) == level


@pytest.mark.parametrize(("probability", "impact"), [(0, 2), (5, 1), (2, 0), (2, 5)])
def test_heatmap_rejects_ratings_outside_the_scale(probability, impact):
    """Ratings go from 1 to 4."""
    with pytest.raises(ValueError, match="1 to 4"):
        level_of(probability, impact)


def test_heatmap_counts_risks_per_cell():
    """Each risk lands in its cell; rows run from the most probable down."""
    grid = heat_map(
        [
            RiskPoint(4, 1, "A"),
            RiskPoint(4, 1, "B"),
            RiskPoint(1, 4, "C"),
            RiskPoint(2, 3, "D"),
        ]
    )
    assert grid.total == 4
    assert grid.cell(4, 1).titles == ["A", "B"]
    assert grid.rows[0][0].count == 2  # top-left: probability 4, impact 1
    assert grid.rows[3][3].titles == ["C"]  # bottom-right: probability 1, impact 4
    assert grid.cell(2, 3).count == 1
    assert sum(cell.count for row in grid.rows for cell in row) == 4
    assert [len(row) for row in grid.rows] == [4, 4, 4, 4]


# --- The known enjeux ---------------------------------------------------------------------


def test_enjeux_cover_the_known_issues_in_both_languages(compiled_catalogues):
    """The seven enjeux of the method and change management (issue 19), each with
    remedies in French and English."""
    assert [e.code for e in ENJEUX] == [
        "legitimite",
        "information",
        "gouvernance",
        "asymetrie",
        "pouvoir",
        "responsabilite",
        "technique",
        "changement",
    ]
    for enjeu in ENJEUX:
        assert enjeu.remedies
        for text in (enjeu.title, enjeu.description, *enjeu.remedies):
            assert in_french(text) and in_english(text) != in_french(text)


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_risks_page_heat_map_counts_live_risks(world, client_as):
    """The heat map counts the risks that are not closed, in their cells, with their titles."""
    RiskFactory(project=world.project, title="Camion en panne", probability=2, impact=4)
    RiskFactory(project=world.project, title="Chaîne du froid", probability=2, impact=4)
    RiskFactory(project=world.project, title="Mandat flou", probability=3, impact=3)
    RiskFactory(
        project=world.project, title="Vieux risque", probability=4, impact=4, status="closed"
    )
    response = client_as(world.partner_b).get(_url(world))
    grid = response.context["heat_map"]
    assert grid.total == 3
    assert grid.cell(2, 4).titles == ["Camion en panne", "Chaîne du froid"]
    assert grid.cell(3, 3).count == 1
    assert grid.cell(4, 4).count == 0
    page = _text(response)
    assert "3 risques non clos" in page
    assert "2 risques" in page
    assert "Critique" in page and "Élevé" in page  # levels in words, not only colours
    assert "Vieux risque" in page  # still in the register itself


@pytest.mark.django_db
def test_risks_page_offers_enjeux_as_suggestions_to_coordinator(world, client_as):
    """Each known enjeu shows its remedies and a link that pre-fills a new risk."""
    page = _text(client_as(world.coordinator).get(_url(world)))
    for enjeu in ENJEUX:
        assert in_french(enjeu.title) in page
    assert "Ajouter cet enjeu au registre" in page
    assert f"{_url(world, 'steps:risk_create')}?enjeu=gouvernance&remede=2" in page


@pytest.mark.django_db
def test_risks_page_read_only_for_partners(world, client_as):
    """Partners read the register without edit links or suggestions to add."""
    risk = RiskFactory(project=world.project)
    page = _text(client_as(world.partner_a).get(_url(world)))
    assert risk.title in page
    assert _url(world, "steps:risk_edit", risk) not in page
    assert "Ajouter cet enjeu au registre" not in page


@pytest.mark.django_db
def test_risk_create_prefilled_from_an_enjeu_and_remedy(world, client_as):
    """The suggestion link pre-fills title, enjeu, description and the chosen remedy."""
    response = client_as(world.coordinator).get(
        _url(world, "steps:risk_create") + "?enjeu=gouvernance&remede=2"
    )
    form = response.context["form"]
    enjeu = ENJEUX_BY_CODE["gouvernance"]
    assert form["title"].value() == in_french(enjeu.title)
    assert form["enjeu"].value() == "gouvernance"
    assert form["mitigation"].value() == f"– {in_french(enjeu.remedies[2])}"
    assert not Risk.objects.exists()  # a suggestion writes nothing


@pytest.mark.django_db
def test_risk_create_prefill_without_remedy_lists_them_all(world, client_as):
    """Without a chosen remedy, every remedy of the enjeu is offered as mitigation."""
    response = client_as(world.coordinator).get(
        _url(world, "steps:risk_create") + "?enjeu=responsabilite"
    )
    mitigation = response.context["form"]["mitigation"].value()
    assert mitigation.count("– ") == len(ENJEUX_BY_CODE["responsabilite"].remedies)


@pytest.mark.django_db
def test_risk_create_saves_and_records_history(world, client_as):
    """A valid risk is saved in the project and its creation recorded."""
    response = client_as(world.coordinator).post(_url(world, "steps:risk_create"), _data(world))
    assert response.status_code == 302
    risk = Risk.objects.get(project=world.project)
    assert (risk.probability, risk.impact, risk.score) == (2, 4, 8)
    assert risk.owner_organisation == world.org_a
    assert history_for(risk).get().kind == ChangeRecord.Kind.CREATED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Donnez un titre au risque."),
        ({"probability": ""}, "probability", "Évaluez la probabilité"),
        ({"impact": "7"}, "impact", "Sélectionnez un choix valide"),
        ({"enjeu": "inconnu"}, "enjeu", "Sélectionnez un choix valide"),
    ],
)
@pytest.mark.django_db
def test_risk_invalid_input_explained_in_french(world, client_as, overrides, field, message):
    """Bad input gets a French message, nothing is saved, and the input is kept."""
    data = _data(world, mitigation="Mesure tapée à la main", **overrides)
    response = client_as(world.coordinator).post(_url(world, "steps:risk_create"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Mesure tapée à la main" in _text(response)
    assert not Risk.objects.exists()


@pytest.mark.django_db
def test_risk_owner_must_take_part_in_the_project(world, client_as):
    """An organisation outside the project cannot own one of its risks."""
    stranger = OrganisationFactory()
    data = _data(world, owner_organisation=str(stranger.pk))
    response = client_as(world.coordinator).post(_url(world, "steps:risk_create"), data)
    assert "ne participe pas au projet" in " ".join(
        response.context["form"].errors["owner_organisation"]
    )


@pytest.mark.django_db
def test_risk_edit_records_the_changes(world, client_as):
    """Editing a risk records its rating and status changes."""
    risk = RiskFactory(project=world.project, title="Bris du camion", probability=2, impact=4)
    data = _data(world, probability="3", status="in_progress")
    client_as(world.coordinator).post(_url(world, "steps:risk_edit", risk), data)
    risk.refresh_from_db()
    assert (risk.probability, risk.status) == (3, "in_progress")
    record = history_for(risk).first()
    assert record.kind == ChangeRecord.Kind.UPDATED
    assert record.changes["probability"] == ["2 — Possible", "3 — Probable"]
    assert record.changes["status"] == ["Ouvert", "En traitement"]


@pytest.mark.django_db
def test_risk_delete_records_the_deletion(world, client_as):
    """Deleting removes the risk and leaves a trace in the history."""
    risk = RiskFactory(project=world.project, title="Risque à retirer")
    response = client_as(world.coordinator).post(_url(world, "steps:risk_delete", risk))
    assert response.status_code == 302
    assert not Risk.objects.exists()
    record = ChangeRecord.objects.get(project=world.project)
    assert (record.kind, record.object_label) == (ChangeRecord.Kind.DELETED, "Risque à retirer")


@pytest.mark.django_db
def test_risk_of_another_project_is_not_found(world, client_as):
    """A risk id of another project answers 404, even to a coordinator."""
    elsewhere = RiskFactory(project=world.other_project)
    response = client_as(world.coordinator).get(_url(world, "steps:risk_edit", elsewhere))
    assert response.status_code == 404


@pytest.mark.django_db
def test_risk_title_is_escaped(world, client_as):
    """User text is shown as text, never as markup."""
    RiskFactory(project=world.project, title="<script>alert(1)</script>")
    page = client_as(world.advisor).get(_url(world)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_risks_page_query_count_is_constant(n, client, django_assert_num_queries):
    """The register costs the same queries for 3 or 30 organisations owning risks."""
    project = ProjectFactory()
    organisations = OrganisationFactory.create_batch(n)
    project.organisations.add(*organisations)
    for index, organisation in enumerate(organisations):
        RiskFactory(
            project=project,
            owner_organisation=organisation,
            probability=index % 4 + 1,
            impact=(index // 4) % 4 + 1,
        )
    user = UserFactory()
    Membership.objects.create(user=user, project=project, role=Role.COORDINATOR)
    client.force_login(user)
    with django_assert_num_queries(7):  # 5 + the comment counts + the linked documents
        response = client.get(reverse("steps:risks", kwargs={"project_slug": project.slug}))
    assert response.context["heat_map"].total == n
