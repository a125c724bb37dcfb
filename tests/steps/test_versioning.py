"""The project's content version rises with every change, never falls, and stays put
when nothing changes (steps/versioning.py)."""

import pytest

from projects.models import Project
from steps.models import Answer, StepDeadline
from steps.transfer.schema import SECTIONS
from steps.versioning import SKIPPED
from tests.factories import (
    AnswerFactory,
    AnswerRevisionFactory,
    MeasurementFactory,
    OrganisationFactory,
    RiskFactory,
)


def _version(project) -> int:
    return Project.objects.values_list("content_version", flat=True).get(pk=project.pk)


def test_versioning_every_section_of_the_project_file_raises_it(world):
    """Each model of a project's file is watched: adding one to the file watches it."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for section in SECTIONS:
        if section.model in SKIPPED:
            continue
        model = apps.get_model(section.model)
        assert post_save.has_listeners(model), section.model
        assert post_delete.has_listeners(model), section.model


def test_versioning_saving_and_deleting_a_row_raise_it(world):
    before = _version(world.project)
    risk = RiskFactory(project=world.project)
    created = _version(world.project)
    risk.title = "Autre risque"
    risk.save()
    edited = _version(world.project)
    risk.delete()
    assert before < created < edited < _version(world.project)


def test_versioning_a_nested_row_raises_its_project_only(world):
    answer = AnswerFactory(project=world.project, organisation=world.org_a)
    other = _version(world.other_project)
    before = _version(world.project)
    AnswerRevisionFactory(answer=answer)
    MeasurementFactory(indicator__project=world.project)
    assert _version(world.project) > before
    assert _version(world.other_project) == other


def test_versioning_cascade_deletes_do_not_fail(world):
    answer = AnswerFactory(project=world.project, organisation=world.org_a)
    AnswerRevisionFactory(answer=answer)
    before = _version(world.project)
    Answer.objects.filter(pk=answer.pk).delete()
    assert _version(world.project) > before


def test_versioning_project_organisation_and_membership_changes_raise_it(world):
    before = _version(world.project)
    world.org_a.name = "Banque alimentaire renommée"
    world.org_a.save()
    after_organisation = _version(world.project)
    world.project.organisations.add(OrganisationFactory())
    after_add = _version(world.project)
    StepDeadline.objects.create(project=world.project, step="impulsion", due_date="2027-01-15")
    assert before < after_organisation < after_add < _version(world.project)


def test_versioning_a_form_save_never_writes_back_an_old_version(world):
    stale = Project.objects.get(pk=world.project.pk)  # read at version n
    RiskFactory(project=world.project)  # n + 1
    risen = _version(world.project)
    stale.name = "Nouveau nom"
    stale.save()  # must not write n back
    assert _version(world.project) == risen + 1
    assert Project.objects.get(pk=world.project.pk).name == "Nouveau nom"


@pytest.mark.parametrize("reads", [1, 3])
def test_versioning_reading_pages_changes_nothing(world, client_as, reads):
    before = _version(world.project)
    client = client_as(world.coordinator)
    for _ in range(reads):
        assert client.get(world.project.get_absolute_url()).status_code == 200
    assert _version(world.project) == before
