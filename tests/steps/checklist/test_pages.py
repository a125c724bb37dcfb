"""The checklist page, ticking an item (history, conflict, where it comes back), the box on
each step's page, query counts."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from projects.models import ChangeRecord
from steps.checklist.catalogue import ITEMS, ITEMS_BY_CODE, items_of
from steps.checklist.services import ChecklistConflict, entry_save
from steps.models import ChecklistEntry

CODE = "besoin-reel-partage"  # an impulsion item
OTHER_STEP_CODE = "bris-equipement"  # a modélisation item
# session, user, membership, the bell, the entries
CHECKLIST_PAGE_QUERIES = 5


def _page_url(world):
    return reverse("steps:checklist", args=[world.project.slug])


def _save_url(world, code=CODE):
    return reverse("steps:checklist_save", args=[world.project.slug, code])


def _text(code):
    return str(ITEMS_BY_CODE[code].text)


def test_page_lists_every_step_with_its_progress(world, client_as):
    entry_save(
        project=world.project, code=CODE, checked=True, note="", version=0, user=world.coordinator
    )
    content = client_as(world.partner_a).get(_page_url(world)).content.decode()
    impulsion_total = len(items_of("impulsion"))
    assert f"1\u00a0sur\u00a0{impulsion_total}" in content or f"1 sur {impulsion_total}" in content
    assert f"1 sur {len(ITEMS)}" in content
    for item in ITEMS:
        assert f'id="item-{item.code}"' in content
    assert 'id="etape-evaluation"' in content
    assert _save_url(world) in content


def test_partner_ticks_an_item_with_a_note_and_it_is_in_the_history(world, client_as):
    client = client_as(world.partner_a)
    response = client.post(
        _save_url(world), {"checked": "on", "note": "Vu en rencontre", "version": "0"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{_page_url(world)}#item-{CODE}"
    entry = ChecklistEntry.objects.get(project=world.project, code=CODE)
    assert (entry.checked, entry.note, entry.version) == (True, "Vu en rencontre", 1)
    assert entry.updated_by == world.partner_a
    record = ChangeRecord.objects.get(
        project=world.project,
        content_type=ContentType.objects.get_for_model(ChecklistEntry),
        object_id=entry.pk,
    )
    assert record.kind == ChangeRecord.Kind.CREATED
    assert record.changed_by == world.partner_a
    assert record.object_label == _text(CODE)
    assert record.changes["checked"] == ["", "True"]


def test_unticking_records_an_update(world, client_as):
    entry_save(
        project=world.project, code=CODE, checked=True, note="", version=0, user=world.coordinator
    )
    client_as(world.coordinator).post(_save_url(world), {"note": "", "version": "1"})
    entry = ChecklistEntry.objects.get(project=world.project, code=CODE)
    assert (entry.checked, entry.version) == (False, 2)
    kinds = list(
        ChangeRecord.objects.filter(object_id=entry.pk)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [ChangeRecord.Kind.CREATED, ChangeRecord.Kind.UPDATED]


def test_two_people_ticking_at_once_get_a_conflict_not_an_overwrite(world, client_as):
    """Béa ticks from a page she loaded before Paul saved: Paul's tick stays, she is told."""
    entry_save(
        project=world.project,
        code=CODE,
        checked=True,
        note="Paul",
        version=0,
        user=world.partner_a,
    )
    client = client_as(world.partner_b)
    response = client.post(_save_url(world), {"note": "Béa", "version": "0"}, follow=True)
    entry = ChecklistEntry.objects.get(project=world.project, code=CODE)
    assert (entry.checked, entry.note, entry.version) == (True, "Paul", 1)
    content = response.content.decode()
    assert "Paul Partenaire a modifié" in content
    assert "Béa" in content  # her comment is given back, not lost
    with pytest.raises(ChecklistConflict):
        entry_save(
            project=world.project,
            code=CODE,
            checked=False,
            note="",
            version=0,
            user=world.coordinator,
        )


def test_saving_without_change_adds_no_history(world):
    entry = entry_save(
        project=world.project, code=CODE, checked=True, note="x", version=0, user=world.coordinator
    )
    again = entry_save(
        project=world.project, code=CODE, checked=True, note="x", version=1, user=world.partner_a
    )
    assert again.version == 1 and again.updated_by == world.coordinator
    assert ChangeRecord.objects.filter(object_id=entry.pk).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"checked": "on", "note": "x" * 1001, "version": "0"},
        {"checked": "on", "note": "", "version": ""},
        {"checked": "on", "note": "", "version": "-1"},
    ],
)
def test_invalid_posts_save_nothing(data, world, client_as):
    response = client_as(world.coordinator).post(_save_url(world), data, follow=True)
    assert not ChecklistEntry.objects.exists()
    assert "pas été enregistré" in response.content.decode()


def test_unknown_item_is_404(world, client_as):
    response = client_as(world.coordinator).post(
        _save_url(world, "pas-un-element"), {"version": "0"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "next_value, expected",
    [
        ("https://ailleurs.example/", "checklist"),
        ("/projets/autre-projet/", "checklist"),
        ("", "checklist"),
        ("step", "step"),
    ],
)
def test_it_goes_back_only_to_a_page_of_the_project(next_value, expected, world, client_as):
    step_url = reverse("steps:step", args=[world.project.slug, "impulsion"])
    value = step_url if next_value == "step" else next_value
    response = client_as(world.coordinator).post(
        _save_url(world), {"checked": "on", "version": "0", "next": value}
    )
    target = step_url if expected == "step" else _page_url(world)
    assert response["Location"] == f"{target}#item-{CODE}"


def test_advisor_reads_the_ticks_without_forms(world, client_as):
    entry_save(
        project=world.project,
        code=CODE,
        checked=True,
        note="Bien établi",
        user=world.coordinator,
        version=0,
    )
    content = client_as(world.advisor).get(_page_url(world)).content.decode()
    assert _save_url(world) not in content
    assert "Bien établi" in content
    assert "Coché\u00a0:" in content


@pytest.mark.usefixtures("small_catalogue")
def test_step_page_shows_that_steps_items_and_a_link_to_the_list(world, client_as):
    entry_save(
        project=world.project,
        code=CODE,
        checked=True,
        note="Besoin confirmé",
        user=world.coordinator,
        version=0,
    )
    url = reverse("steps:step", args=[world.project.slug, "impulsion"])
    content = client_as(world.partner_a).get(url).content.decode()
    assert "Conditions de réussite et pièges" in content
    assert _text(CODE) in content
    assert "Besoin confirmé" in content
    assert _text(OTHER_STEP_CODE) not in content
    assert _page_url(world) in content
    # The box is folded; a tick comes back to it open (`?conditions=1`).
    assert f'name="next" value="{url}?conditions=1"' in content
    assert '<details class="checklist-details">' in content
    reopened = client_as(world.coordinator).get(url, {"conditions": "1"}).content.decode()
    assert '<details class="checklist-details" open>' in reopened


@pytest.mark.parametrize("ticked", [3, len(ITEMS)])
def test_checklist_page_query_count_does_not_grow(
    ticked, world, client_as, django_assert_num_queries
):
    """3 ticked items or all of them: the same number of queries."""
    for item in ITEMS[:ticked]:
        entry_save(
            project=world.project,
            code=item.code,
            checked=True,
            note="n",
            version=0,
            user=world.partner_a,
        )
    client = client_as(world.coordinator)
    with django_assert_num_queries(CHECKLIST_PAGE_QUERIES):
        response = client.get(_page_url(world))
    assert response.status_code == 200
