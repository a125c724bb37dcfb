"""Edits of the project and of an organisation's file go to the change history, like the
step tools' objects, and show on the edit pages."""

from django.urls import reverse

from projects.history import history_rows
from projects.models import ChangeRecord, Project
from steps.modelling import services
from steps.transfer.export import export_project
from steps.transfer.importer import import_project
from tests.factories import MembershipFactory, ProjectFactory


def _project_data(project, **changes):
    data = {
        "name": project.name,
        "description": project.description,
        "territory": project.territory,
        "scope": project.scope,
        "status": project.status,
    }
    return data | changes


def _organisation_data(organisation, **changes):
    data = {"name": organisation.name, "neq": organisation.neq, "region": organisation.region}
    return data | changes


def test_project_edit_records_the_change(world, client_as):
    """Renaming the project stores who changed which field, from what to what."""
    client_as(world.coordinator).post(
        reverse("projects:edit", args=[world.project.slug]),
        _project_data(world.project, name="Camion réfrigéré partagé", territory="Suroît"),
    )
    record = ChangeRecord.objects.get()
    assert record.project == world.project
    assert record.kind == ChangeRecord.Kind.UPDATED
    assert record.changed_by == world.coordinator
    assert record.object_label == "Camion réfrigéré partagé"
    assert record.changes["name"] == ["Camion partagé", "Camion réfrigéré partagé"]
    assert record.changes["territory"] == ["Montérégie-Ouest", "Suroît"]


def test_project_edit_without_change_records_nothing(world, client_as):
    """Saving the form as it is leaves the history alone."""
    client_as(world.coordinator).post(
        reverse("projects:edit", args=[world.project.slug]), _project_data(world.project)
    )
    assert not ChangeRecord.objects.exists()


def test_project_edit_page_shows_its_history(world, client_as):
    """The edit page lists the last changes with their fields, in French."""
    client = client_as(world.coordinator)
    url = reverse("projects:edit", args=[world.project.slug])
    client.post(url, _project_data(world.project, status=Project.Status.PAUSED))
    page = client.get(url).content.decode()
    assert "Historique des modifications" in page
    assert "Statut : « En cours » → « En pause »" in page
    assert "Claire Coordination" in page


def test_invalid_project_edit_records_nothing(world, client_as):
    """A refused form changes nothing and records nothing."""
    response = client_as(world.coordinator).post(
        reverse("projects:edit", args=[world.project.slug]), _project_data(world.project, name="")
    )
    assert response.status_code == 200
    assert not ChangeRecord.objects.exists()
    world.project.refresh_from_db()
    assert world.project.name == "Camion partagé"


def test_organisation_edit_records_the_change_in_this_project(world, client_as):
    """A partner's edit of its file is recorded in the project it was made from."""
    client_as(world.partner_a).post(
        reverse("projects:organisation_edit", args=[world.project.slug, world.org_a.pk]),
        _organisation_data(world.org_a, neq="1234567890", region="Haut-Saint-Laurent"),
    )
    record = ChangeRecord.objects.get()
    assert record.project == world.project
    assert record.object_id == world.org_a.pk
    assert record.changed_by == world.partner_a
    assert record.changes["neq"] == ["", "1234567890"]
    assert record.changes["region"] == ["Montérégie", "Haut-Saint-Laurent"]


def test_organisation_history_of_another_project_stays_there(world, client_as):
    """An organisation shared by two projects shows each project only its own records."""
    elsewhere = ProjectFactory(name="Cuisine commune")
    elsewhere.organisations.add(world.org_a)
    other_coordinator = MembershipFactory(project=elsewhere, role="coordinator").user
    client_as(other_coordinator).post(
        reverse("projects:organisation_edit", args=[elsewhere.slug, world.org_a.pk]),
        _organisation_data(world.org_a, region="Laurentides"),
    )
    assert ChangeRecord.objects.get().project == elsewhere
    page = (
        client_as(world.partner_a)
        .get(reverse("projects:organisation_edit", args=[world.project.slug, world.org_a.pk]))
        .content.decode()
    )
    assert "Historique des modifications" not in page
    assert str(other_coordinator) not in page


def test_organisation_change_records_travel_with_the_export(world, client_as):
    """Export and import keep an organisation's records pointing at that organisation."""
    client_as(world.coordinator).post(
        reverse("projects:organisation_edit", args=[world.project.slug, world.org_b.pk]),
        _organisation_data(world.org_b, region="Beauharnois-Salaberry"),
    )
    document = export_project(world.project)
    refs = {org["name"]: org["ref"] for org in document["organisations"]}
    (row,) = document["change_records"]
    assert row["object"] == refs["Cuisine collective Beauharnois"]

    copy = import_project(document).project
    record = ChangeRecord.objects.get(project=copy)
    assert copy.organisations.get(pk=record.object_id).name == "Cuisine collective Beauharnois"


def test_history_rows_leave_out_a_models_hidden_fields(world):
    """An agreement section's stored facts stay in the record but not in the history read."""
    services.agreement_section_save(
        project=world.project, code="objet", text="Premier texte", user=world.coordinator
    )
    section = services.agreement_section_save(
        project=world.project, code="objet", text="Second texte", user=world.coordinator
    )
    section.basis = {"partners": ["ajout"]}
    section.save()
    services.agreement_section_mark_reviewed(
        project=world.project, code="objet", user=world.coordinator
    )

    records = history_rows(section)
    assert any("basis" in record.changes for record in records)
    labels = [label for record in records for label, _old, _new in record.labelled_changes]
    assert "Texte de la section" in labels
    assert "Faits à la rédaction" not in labels
