"""« Dupliquer comme modèle »: a new project with the source's set-up, without its people,
its answers or its life (dates, statuses, measurements, history)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from projects.models import ChangeRecord, Membership, Project, Role
from steps.demo import build_demo_project
from steps.models import (
    Action,
    AgreementSection,
    Answer,
    Axis,
    CommunicationItem,
    Indicator,
    LogicElement,
    Measurement,
    OperatingModel,
    Orientation,
    ProjectDimension,
    Risk,
    StepDeadline,
    Strategy,
)
from steps.transfer.duplicate import duplicate_project
from tests.factories import (
    ActionFactory,
    AxisFactory,
    IndicatorFactory,
    MeasurementFactory,
    UserFactory,
)

KEPT = (
    ProjectDimension,
    OperatingModel,
    Risk,
    AgreementSection,
    CommunicationItem,
    Axis,
    Action,
    LogicElement,
    Indicator,
)


def _count(model, project):
    if model is Orientation:
        return model.objects.filter(axis__project=project).count()
    if model is Strategy:
        return model.objects.filter(orientation__axis__project=project).count()
    return model.objects.filter(project=project).count()


@pytest.fixture
def demo(db):
    return build_demo_project()


@pytest.fixture
def copy(demo):
    user = UserFactory(email="nouvelle@exemple.org")
    return duplicate_project(source=demo, name="Camion partagé — Laurentides", user=user)


def test_service_duplicate_copies_the_set_up(demo, copy):
    """Dimensions, operating model, risks, agreement, plans and logic model are copied."""
    for model in (*KEPT, Orientation, Strategy):
        assert _count(model, copy) == _count(model, demo) > 0, model.__name__
    source_links = sum(e.leads_to.count() for e in LogicElement.objects.filter(project=demo))
    copied_links = sum(e.leads_to.count() for e in LogicElement.objects.filter(project=copy))
    assert copied_links == source_links > 0


def test_service_duplicate_leaves_people_answers_and_life_behind(demo, copy):
    """No organisation, answer, deadline, measurement or history; one member."""
    assert copy.name == "Camion partagé — Laurentides"
    assert copy.slug == "camion-partage-laurentides"
    assert copy.status == Project.Status.ACTIVE
    assert not copy.organisations.exists()
    assert not Answer.objects.filter(project=copy).exists()
    assert not StepDeadline.objects.filter(project=copy).exists()
    assert not Measurement.objects.filter(indicator__project=copy).exists()
    assert not ChangeRecord.objects.filter(project=copy).exists()
    (member,) = Membership.objects.filter(project=copy)
    assert (member.user.email, member.role) == ("nouvelle@exemple.org", Role.COORDINATOR)
    assert copy.created_by == member.user


def test_service_duplicate_resets_what_belongs_to_the_source(demo, copy):
    """Actions and indicators lose their organisation, dates, status and measured values."""
    for action in Action.objects.filter(project=copy):
        assert action.organisation_id is None
        assert (action.start_date, action.due_date, action.progress) == (None, None, 0)
        assert action.status == Action._meta.get_field("status").get_default()
        assert action.responsible_person == ""
        assert action.created_by is None or action.created_by.email == "nouvelle@exemple.org"
    assert not Indicator.objects.filter(project=copy, owner_organisation__isnull=False).exists()
    assert not Indicator.objects.filter(project=copy, baseline__isnull=False).exists()
    assert not Risk.objects.filter(project=copy, owner_organisation__isnull=False).exists()
    assert set(Action.objects.filter(project=copy).values_list("title", flat=True)) == set(
        Action.objects.filter(project=demo).values_list("title", flat=True)
    )


def test_service_duplicate_keeps_the_source_intact(world):
    """The source keeps its actions, measurements and members."""
    axis = AxisFactory(project=world.project)
    ActionFactory(project=world.project, axis=axis, organisation=world.org_a)
    MeasurementFactory(indicator=IndicatorFactory(project=world.project))
    copy = duplicate_project(source=world.project, name="Copie", user=world.coordinator)
    assert Action.objects.get(project=world.project).organisation == world.org_a
    assert Measurement.objects.filter(indicator__project=world.project).count() == 1
    assert Membership.objects.filter(project=world.project).count() == 4
    assert Action.objects.get(project=copy).axis.project == copy


def _allow_creation(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="projects", codename="add_project")
    )


def test_view_duplicate_creates_the_project_and_opens_it(world, client_as):
    """The coordinator names the copy and lands on its home page, as its coordinator."""
    _allow_creation(world.coordinator)
    client = client_as(world.coordinator)
    url = reverse("steps:project_duplicate", args=[world.project.slug])
    page = client.get(url).content.decode()
    assert "Camion partagé (modèle)" in page
    response = client.post(url, {"name": "Camion partagé 2027"})
    copy = Project.objects.get(name="Camion partagé 2027")
    assert response["Location"] == copy.get_absolute_url()
    assert Membership.objects.get(project=copy).user == world.coordinator


def test_view_duplicate_works_on_an_archived_project(world, client_as):
    """An archived project is a fine template: the copy is not archived."""
    _allow_creation(world.coordinator)
    Project.objects.filter(pk=world.project.pk).update(archived_at="2026-11-01T12:00:00+00:00")
    client = client_as(world.coordinator)
    client.post(reverse("steps:project_duplicate", args=[world.project.slug]), {"name": "Copie"})
    assert Project.objects.get(name="Copie").archived_at is None


def test_view_duplicate_needs_the_right_to_create_projects(world, client_as):
    """A coordinator whose account may not create projects reads why; a POST is 403."""
    client = client_as(world.coordinator)
    url = reverse("steps:project_duplicate", args=[world.project.slug])
    assert "ne peut pas encore créer de projets" in client.get(url).content.decode()
    assert client.post(url, {"name": "Copie"}).status_code == 403
    assert not Project.objects.filter(name="Copie").exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("partner_a", 403), ("advisor", 403), ("outsider", 404)]
)
def test_view_duplicate_only_for_coordinators_of_the_source(world, client_as, persona, status):
    """Partners and advisors cannot copy the project, even with the right to create."""
    user = world.user(persona)
    _allow_creation(user)
    url = reverse("steps:project_duplicate", args=[world.project.slug])
    assert client_as(user).post(url, {"name": "Copie"}).status_code == status
    assert not Project.objects.filter(name="Copie").exists()
