"""The operating model: the coordination describes it, every member reads it."""

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord
from steps.models import OperatingModel
from tests.factories import ConsentRoundFactory, OperatingModelFactory, TruckFactory

pytestmark = pytest.mark.django_db


def _url(world, name="steps:operating_model"):
    return reverse(name, kwargs={"project_slug": world.project.slug})


def _data(**overrides):
    data = {
        "decision_process": "consent",
        "decision_details": "",
        "quorum": "La moitié des organisations plus une",
        "meeting_frequency": "monthly",
        "communication_channels": "Courriel, dossier partagé",
        "shared_zones": "",
        "continuum": "pooling",
        "formalisation": "letter",
        "intellectual_property": "Les outils produits ensemble appartiennent à tous.",
        "brand": "",
        "asymmetric_accepted": "",
        "asymmetric_breaking_point": "",
        "sharing_key": "usage",
        "start_date": "2026-04-01",
        "duration_months": "24",
        "exit_notice_days": "90",
    }
    return data | overrides


def test_operating_model_page_empty_state(world, client_as):
    """Before the coordination writes it, members read that it is not described yet."""
    response = client_as(world.partner_a).get(_url(world))
    assert response.status_code == 200
    assert "pas encore décrit" in response.content.decode()
    assert _url(world, "steps:operating_model_edit") not in response.content.decode()


def test_operating_model_edit_creates_it_and_records_history(world, client_as):
    """A valid form creates the model, names its author and records the creation."""
    response = client_as(world.coordinator).post(
        _url(world, "steps:operating_model_edit"), _data()
    )
    assert response.status_code == 302
    model = OperatingModel.objects.get(project=world.project)
    assert model.decision_process == "consent"
    assert model.duration_months == 24
    assert model.updated_by == world.coordinator
    [record] = history_for(model)
    assert record.kind == ChangeRecord.Kind.CREATED
    assert record.changed_by == world.coordinator


def test_operating_model_second_edit_records_only_changes(world, client_as):
    """Editing again records the changed fields with their values before and after."""
    client = client_as(world.coordinator)
    client.post(_url(world, "steps:operating_model_edit"), _data())
    client.post(_url(world, "steps:operating_model_edit"), _data(meeting_frequency="quarterly"))
    model = OperatingModel.objects.get(project=world.project)
    latest = history_for(model).first()
    assert latest.kind == ChangeRecord.Kind.UPDATED
    assert latest.changes["meeting_frequency"] == ["Chaque mois", "Chaque trimestre"]
    assert "quorum" not in latest.changes


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"decision_process": "other"}, "decision_details", "décrivez le processus"),
        ({"asymmetric_accepted": "True"}, "asymmetric_breaking_point", "point de rupture"),
        ({"duration_months": "0"}, "duration_months", "au moins 1"),
        ({"duration_months": "601"}, "duration_months", "pas réaliste"),
        ({"exit_notice_days": "1000"}, "exit_notice_days", "pas réaliste"),
        ({"start_date": "32/13/2026"}, "start_date", "Saisissez une date valide"),
    ],
)
def test_operating_model_invalid_input_explained_in_french(
    world, client_as, overrides, field, message
):
    """Bad input gets a French message on its field, nothing is saved, input is kept."""
    data = _data(quorum="Quorum tapé par la coordination", **overrides)
    response = client_as(world.coordinator).post(_url(world, "steps:operating_model_edit"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "Quorum tapé par la coordination" in response.content.decode()
    assert not OperatingModel.objects.filter(project=world.project).exists()


def test_operating_model_edit_form_shows_current_values(world, client_as):
    """The edit form opens on the stored model."""
    OperatingModelFactory(project=world.project, quorum="Quatre sur cinq")
    response = client_as(world.coordinator).get(_url(world, "steps:operating_model_edit"))
    assert "Quatre sur cinq" in response.content.decode()


def test_operating_model_page_summarises_pooled_resources(world, client_as):
    """The page lists each pooled resource with its responsible org, conditions and rules."""
    OperatingModelFactory(project=world.project)
    TruckFactory(project=world.project, responsible_organisation=world.org_a)
    page = client_as(world.advisor).get(_url(world)).content.decode()
    assert "Camion réfrigéré" in page
    assert world.org_a.name in page
    assert "Chauffeurs formés seulement." in page
    assert "Réserver 48 heures" in page


def test_operating_model_page_links_resources_to_their_page(world, client_as):
    """Each resource links to its calculator page."""
    truck = TruckFactory(project=world.project)
    page = client_as(world.partner_b).get(_url(world)).content.decode()
    detail = reverse(
        "steps:resource_detail",
        kwargs={"project_slug": world.project.slug, "resource_id": truck.pk},
    )
    assert f'href="{detail}"' in page


def test_operating_model_edit_warns_about_an_open_round(world, client_as):
    """While a round is open, the edit form says the round keeps the earlier version."""
    OperatingModelFactory(project=world.project)
    ConsentRoundFactory(project=world.project)
    page = client_as(world.coordinator).get(_url(world, "steps:operating_model_edit"))
    assert "ronde de consentement</a> est ouverte" in page.content.decode()


@pytest.mark.parametrize(
    ("step_code", "names"),
    [
        ("modelisation", ["steps:operating_model", "steps:risks", "steps:agreement"]),
        ("realisation", ["steps:communication", "steps:agreement"]),
    ],
)
def test_operating_model_tools_listed_on_their_step_page(world, client_as, step_code, names):
    """The step pages link to the modélisation tools and the communication plan."""
    url = reverse(
        "steps:step", kwargs={"project_slug": world.project.slug, "step_code": step_code}
    )
    page = client_as(world.partner_a).get(url).content.decode()
    for name in names:
        assert f'href="{_url(world, name)}"' in page
