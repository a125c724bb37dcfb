"""The action plan: list and filters, create/edit with French validation, a partner
updating its own organisation's actions, deletion and history."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.history import history_for
from projects.models import ChangeRecord
from steps.models import Action
from tests.factories import ActionFactory, AxisFactory, OrganisationFactory


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def _action_data(**overrides):
    data = {
        "title": "Acheter le camion réfrigéré",
        "description": "Un camion usagé de 16 pieds.",
        "axis": "",
        "organisation": "",
        "responsible_person": "Sophie Lévesque",
        "start_date": "2026-03-01",
        "due_date": "2026-05-15",
        "target": "Camion assuré",
        "status": Action.Status.TODO,
        "progress": "0",
    }
    return data | overrides


# Create and edit ----------------------------------------------------------------------


def test_action_create_saves_and_records_history(world, client_as):
    """The coordinator adds an action; it is in the plan and in the history."""
    axis = AxisFactory(project=world.project)
    response = client_as(world.coordinator).post(
        _url(world, "action_create"),
        _action_data(axis=axis.pk, organisation=world.org_a.pk),
    )
    assert response.status_code == 302
    action = Action.objects.get(project=world.project)
    assert (action.axis, action.organisation, action.due_date) == (
        axis,
        world.org_a,
        date(2026, 5, 15),
    )
    assert action.created_by == world.coordinator
    record = history_for(action).get()
    assert record.kind == ChangeRecord.Kind.CREATED and record.changed_by == world.coordinator


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_date": "2026-05-15", "due_date": "2026-03-01"},
            "due_date",
            "L'échéance ne peut pas précéder la date de début.",
        ),
        ({"progress": "150"}, "progress", "L'avancement se situe entre 0 et 100."),
        ({"progress": "-5"}, "progress", "L'avancement se situe entre 0 et 100."),
        ({"progress": "beaucoup"}, "progress", "L'avancement est un nombre entier de 0 à 100."),
        ({"title": ""}, "title", "Nommez l'action."),
        ({"due_date": "15 mai"}, "due_date", "Entrez une date valide (AAAA-MM-JJ)."),
    ],
)
def test_action_create_refuses_invalid_input_in_french(
    world, client_as, overrides, field, message
):
    """A bad form shows a French message on the field and keeps what was typed."""
    data = _action_data(**overrides)
    response = client_as(world.coordinator).post(_url(world, "action_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert "Un camion usagé de 16 pieds." in html  # the user's input is still there
    assert not Action.objects.exists()


def test_action_create_offers_only_this_projects_axes_and_organisations(world, client_as):
    """Axes and organisations of other projects cannot be chosen."""
    foreign_axis = AxisFactory()
    stranger = OrganisationFactory()
    response = client_as(world.coordinator).post(
        _url(world, "action_create"),
        _action_data(axis=foreign_axis.pk, organisation=stranger.pk),
    )
    form = response.context["form"]
    assert set(form.errors) == {"axis", "organisation"}


def test_action_done_means_complete(world, client_as):
    """Marking an action done sets its progress to 100 %."""
    client_as(world.coordinator).post(
        _url(world, "action_create"), _action_data(status=Action.Status.DONE, progress="40")
    )
    assert Action.objects.get().progress == 100


def test_action_edit_records_what_changed(world, client_as):
    """Editing an action keeps the old and new values in the history, shown on the page."""
    action = ActionFactory(project=world.project, title="Ancien titre", organisation=world.org_a)
    client = client_as(world.coordinator)
    response = client.post(
        _url(world, "action_edit", action.pk),
        _action_data(title="Nouveau titre", organisation=world.org_a.pk),
    )
    assert response.status_code == 302
    record = history_for(action).get()
    assert record.kind == ChangeRecord.Kind.UPDATED
    assert record.changes["title"] == ["Ancien titre", "Nouveau titre"]
    page = client.get(_url(world, "action_edit", action.pk)).content.decode()
    assert "Historique des modifications" in page and "Ancien titre" in page


def test_action_edit_of_another_project_is_404(world, client_as):
    """An action is only reachable through its own project."""
    other = ActionFactory()
    response = client_as(world.coordinator).get(_url(world, "action_edit", other.pk))
    assert response.status_code == 404


def test_action_delete_removes_it_and_keeps_a_trace(world, client_as):
    """Deleting an action removes it; the history keeps its last values."""
    action = ActionFactory(project=world.project, title="À retirer")
    response = client_as(world.coordinator).post(_url(world, "action_delete", action.pk))
    assert response.status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    record = ChangeRecord.objects.get(kind=ChangeRecord.Kind.DELETED)
    assert record.object_label == "À retirer" and record.project == world.project


# Status updates by partners -----------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("partner_a", 302), ("coordinator", 302), ("partner_b", 403), ("advisor", 403)],
)
def test_action_status_only_for_the_responsible_organisation(world, client_as, persona, expected):
    """Partner A updates A's action; B's partner and the advisor are refused (403)."""
    action = ActionFactory(project=world.project, organisation=world.org_a)
    prefix = f"action-{action.pk}"
    response = client_as(world.user(persona)).post(
        _url(world, "action_status", action.pk),
        {f"{prefix}-status": Action.Status.IN_PROGRESS, f"{prefix}-progress": "30"},
    )
    assert response.status_code == expected
    action.refresh_from_db()
    changed = (action.status, action.progress) == (Action.Status.IN_PROGRESS, 30)
    assert changed is (expected == 302)


def test_action_status_of_an_unassigned_action_is_for_the_coordinator(world, client_as):
    """Without a responsible organisation, no partner may update the action."""
    action = ActionFactory(project=world.project, organisation=None)
    response = client_as(world.partner_a).post(_url(world, "action_status", action.pk), {})
    assert response.status_code == 403


def test_action_status_get_is_not_allowed(world, client_as):
    """The status URL only takes POST (after the access check)."""
    action = ActionFactory(project=world.project, organisation=world.org_a)
    response = client_as(world.partner_a).get(_url(world, "action_status", action.pk))
    assert response.status_code == 405


def test_action_status_invalid_progress_redisplays_the_list(world, client_as):
    """Progress over 100 re-displays the list with the French message and the input."""
    action = ActionFactory(project=world.project, organisation=world.org_a, progress=10)
    prefix = f"action-{action.pk}"
    response = client_as(world.partner_a).post(
        _url(world, "action_status", action.pk),
        {f"{prefix}-status": Action.Status.IN_PROGRESS, f"{prefix}-progress": "140"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "L&#x27;avancement se situe entre 0 et 100." in html
    assert 'value="140"' in html
    action.refresh_from_db()
    assert action.progress == 10


def test_action_status_is_recorded_in_history(world, client_as):
    """A partner's status update is kept in the history with its author."""
    action = ActionFactory(project=world.project, organisation=world.org_a)
    prefix = f"action-{action.pk}"
    client_as(world.partner_a).post(
        _url(world, "action_status", action.pk),
        {f"{prefix}-status": Action.Status.DONE, f"{prefix}-progress": "80"},
    )
    record = history_for(action).get()
    assert record.changed_by == world.partner_a
    assert record.changes["status"] == ["À faire", "Terminée"]
    assert record.changes["progress"] == ["0", "100"]


def test_action_list_shows_status_forms_only_where_allowed(world, client_as):
    """On the list, partner A gets a status form for A's actions only; advisors none."""
    own = ActionFactory(project=world.project, organisation=world.org_a)
    other = ActionFactory(project=world.project, organisation=world.org_b)
    for persona, forms in [
        ("partner_a", {own}),
        ("advisor", set()),
        ("coordinator", {own, other}),
    ]:
        html = client_as(world.user(persona)).get(_url(world, "actions")).content.decode()
        shown = {a for a in (own, other) if _url(world, "action_status", a.pk) in html}
        assert shown == forms, persona


# List, filters, overdue ---------------------------------------------------------------


def test_action_list_marks_overdue_in_words(world, client_as):
    """An overdue action is marked « en retard » in text, a done one is not."""
    yesterday = timezone.localdate() - timedelta(days=1)
    late = ActionFactory(
        project=world.project, title="En retard", start_date=None, due_date=yesterday
    )
    ActionFactory(
        project=world.project,
        title="Finie",
        start_date=None,
        due_date=yesterday,
        status=Action.Status.DONE,
    )
    response = client_as(world.partner_b).get(_url(world, "actions"))
    rows = {row["action"].title: row["overdue"] for row in response.context["rows"]}
    assert rows == {"En retard": True, "Finie": False}
    html = response.content.decode()
    assert html.count('overdue-badge">en retard<') == 1
    assert f'id="action-{late.pk}" class="is-overdue' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"camion", "locaux", "com"}),
        ({"status": Action.Status.DONE}, {"locaux"}),
        ({"axis": "AXIS"}, {"camion", "locaux"}),
        ({"organisation": "ORG_B"}, {"com"}),
        ({"overdue": "on"}, {"camion"}),
        ({"axis": "AXIS", "status": Action.Status.TODO}, {"camion"}),
        ({"status": "inconnu"}, {"camion", "locaux", "com"}),
    ],
)
def test_action_list_filters(world, client_as, query, expected):
    """Filters by axis, status, organisation and lateness combine; bad values are ignored."""
    axis = AxisFactory(project=world.project)
    past = timezone.localdate() - timedelta(days=3)
    ActionFactory(
        project=world.project,
        title="camion",
        axis=axis,
        organisation=world.org_a,
        start_date=None,
        due_date=past,
    )
    ActionFactory(
        project=world.project,
        title="locaux",
        axis=axis,
        organisation=world.org_a,
        status=Action.Status.DONE,
    )
    ActionFactory(
        project=world.project,
        title="com",
        organisation=world.org_b,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    params = {
        key: {"AXIS": axis.pk, "ORG_B": world.org_b.pk}.get(value, value)
        for key, value in query.items()
    }
    response = client_as(world.advisor).get(_url(world, "actions"), params)
    assert {row["action"].title for row in response.context["rows"]} == expected


def test_action_list_shows_pages_of_25_with_the_filters(world, client_as):
    """A long plan reads 25 actions a page; page links keep the filters; counts are of all."""
    for _ in range(30):
        ActionFactory(project=world.project, organisation=world.org_a)
    ActionFactory(project=world.project, organisation=world.org_b, title="Chez B")
    client = client_as(world.advisor)
    response = client.get(_url(world, "actions"))
    assert len(response.context["rows"]) == 25
    html = response.content.decode()
    assert "31 actions" in html and "actions 1 à 25 affichées" in html
    assert 'href="?page=2"' in html and 'aria-current="page"' in html
    response = client.get(_url(world, "actions"), {"page": "2"})
    assert len(response.context["rows"]) == 6
    assert "actions 26 à 31 affichées" in response.content.decode()
    response = client.get(_url(world, "actions"), {"organisation": world.org_a.pk, "page": "2"})
    assert len(response.context["rows"]) == 5
    assert f"?organisation={world.org_a.pk}&amp;page=1" in response.content.decode()
    assert "Chez B" not in {row["action"].title for row in response.context["rows"]}


@pytest.mark.parametrize("page", ["99", "0", "deux"])
def test_action_list_page_out_of_range_shows_the_nearest(world, client_as, page):
    """A page past the end shows the last one; a bad number shows the first."""
    for _ in range(30):
        ActionFactory(project=world.project, organisation=world.org_a)
    response = client_as(world.advisor).get(_url(world, "actions"), {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == (2 if page == "99" else 1)
    assert len(response.context["rows"]) == (5 if page == "99" else 25)


def test_action_list_opens_on_the_page_of_a_linked_action(world, client_as):
    """?action=<id> (links from indicators and rounds) opens the page where it is."""
    actions = [ActionFactory(project=world.project, organisation=world.org_a) for _ in range(30)]
    client = client_as(world.advisor)
    response = client.get(_url(world, "actions"), {"action": actions[-1].pk})
    assert response.context["page"].number == 2
    assert f'id="action-{actions[-1].pk}"' in response.content.decode()
    response = client.get(_url(world, "actions"), {"action": actions[0].pk})
    assert response.context["page"].number == 1
    response = client.get(_url(world, "actions"), {"action": "999999"})
    assert response.context["page"].number == 1


def test_action_status_goes_back_to_the_page_it_came_from(world, client_as):
    """After an update, the partner is back on the same page and filters, at the row."""
    actions = [ActionFactory(project=world.project, organisation=world.org_a) for _ in range(30)]
    action = actions[-1]
    prefix = f"action-{action.pk}"
    data = {f"{prefix}-status": Action.Status.IN_PROGRESS, f"{prefix}-progress": "40"}
    page_two = _url(world, "actions") + f"?organisation={world.org_a.pk}&page=2"
    client = client_as(world.partner_a)
    response = client.post(_url(world, "action_status", action.pk), data | {"next": page_two})
    assert response.url == f"{page_two}#action-{action.pk}"
    for foreign in ("https://ailleurs.example/", _url(world, "action_edit", action.pk) + "?x=1"):
        response = client.post(_url(world, "action_status", action.pk), data | {"next": foreign})
        assert response.url == f"{_url(world, 'actions')}#action-{action.pk}"


def test_action_status_refused_on_a_later_page_redisplays_that_page(world, client_as):
    """A refused update of an action of page 2 shows page 2 with the user's input."""
    actions = [ActionFactory(project=world.project, organisation=world.org_a) for _ in range(30)]
    action = actions[-1]
    prefix = f"action-{action.pk}"
    page_two = _url(world, "actions") + "?page=2"
    response = client_as(world.partner_a).post(
        _url(world, "action_status", action.pk),
        {f"{prefix}-status": "peut-être", f"{prefix}-progress": "140", "next": page_two},
    )
    assert response.status_code == 400
    assert response.context["page"].number == 2
    html = response.content.decode()
    assert f'name="{prefix}-progress" id="id_{prefix}-progress" value="140"' in html
    assert 'aria-invalid="true"' in html and "Sélectionnez un choix valide" in html
    assert f'name="next" value="{page_two}"' in html


def _grow(world, organisations: int, actions_per_organisation: int = 2):
    axis = AxisFactory(project=world.project)
    for _ in range(organisations - 2):
        world.project.organisations.add(OrganisationFactory())
    for organisation in world.project.organisations.all():
        for i in range(actions_per_organisation):
            ActionFactory(
                project=world.project,
                organisation=organisation,
                axis=axis if i % 2 else None,
            )


@pytest.mark.parametrize("organisations", [3, 30])
@pytest.mark.parametrize("persona", ["coordinator", "partner_a"])
def test_action_list_query_count_does_not_grow(
    world, client_as, django_assert_num_queries, organisations, persona
):
    """The list costs the same queries with 3 or 30 organisations and many actions."""
    _grow(world, organisations)
    client = client_as(world.user(persona))
    # session, user, membership, axes, organisations, one page of actions with the counts,
    # the bell, the comment counts, the documents linked to actions
    with django_assert_num_queries(9):
        response = client.get(_url(world, "actions"), {"status": "", "overdue": "on"})
    assert response.status_code == 200


@pytest.mark.parametrize("organisations", [3, 30])
def test_action_timeline_query_count_does_not_grow(
    world, client_as, django_assert_num_queries, organisations
):
    """The timeline costs the same queries with 3 or 30 organisations."""
    _grow(world, organisations)
    client = client_as(world.advisor)
    with django_assert_num_queries(7):
        response = client.get(_url(world, "action_timeline"))
    assert len(response.context["timeline"].rows) == organisations * 2
