"""« Restaurer cette version » from the history of a section of the agreement."""

import pytest
from django.urls import reverse

from projects.models import ChangeRecord
from steps.modelling import services
from steps.models import AgreementSection


def _edit_url(world, code="objet"):
    return reverse("steps:agreement_section_edit", args=[world.project.slug, code])


def _restore_url(world, record, code="objet"):
    return reverse("steps:agreement_section_restore", args=[world.project.slug, code, record.pk])


@pytest.fixture
def written(world):
    """The « objet » section written twice by the coordination: « Premier », « Second »."""
    services.agreement_section_save(
        project=world.project, code="objet", text="Premier texte.", user=world.coordinator
    )
    services.agreement_section_save(
        project=world.project, code="objet", text="Second texte.", user=world.coordinator
    )
    records = list(services.section_history(world.project, "objet"))
    return records[1], records[0]  # the first version, the newest change


def _text(world):
    return AgreementSection.objects.get(project=world.project, code="objet").custom_text


def test_view_section_restore_writes_a_new_change(world, client_as, written):
    """The coordinator restores the first text; the history gains a change."""
    first, newest = written
    client = client_as(world.coordinator)
    page = client.get(_edit_url(world)).content.decode()
    assert page.count("Restaurer cette version") == 1
    response = client.post(_restore_url(world, first), {"base_record": newest.pk})
    assert response.status_code == 302
    assert _text(world) == "Premier texte."
    latest = services.section_history(world.project, "objet").first()
    assert latest.changes["custom_text"] == ["Second texte.", "Premier texte."]
    assert latest.changed_by == world.coordinator


def test_view_section_restore_after_reset_to_generated_text(world, client_as, written):
    """Back to the generated text, an older custom text can still be restored."""
    _first, _newest = written
    services.agreement_section_reset(project=world.project, code="objet", user=world.coordinator)
    records = list(services.section_history(world.project, "objet"))
    second = next(r for r in records if services.restorable_text(r) == "Second texte.")
    client = client_as(world.coordinator)
    client.post(_restore_url(world, second), {"base_record": records[0].pk})
    assert _text(world) == "Second texte."


def test_view_section_restore_conflict_writes_nothing(world, client_as, written):
    """Someone edited the section since the page was read: both texts shown, no write."""
    first, newest = written
    services.agreement_section_save(
        project=world.project, code="objet", text="Troisième texte.", user=world.coordinator
    )
    count = ChangeRecord.objects.count()
    client = client_as(world.coordinator)
    client.post(_restore_url(world, first), {"base_record": newest.pk})
    assert _text(world) == "Troisième texte."
    assert ChangeRecord.objects.count() == count
    page = client.get(_edit_url(world)).content.decode()
    assert "Rien n’est restauré" in page
    assert "Troisième texte." in page and "Premier texte." in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("partner_a", 403), ("advisor", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_view_section_restore_refused(world, client_as, written, persona, status):
    """Only the coordination restores a section of the agreement."""
    first, newest = written
    response = client_as(world.user(persona)).post(
        _restore_url(world, first), {"base_record": newest.pk}
    )
    assert response.status_code == status
    assert _text(world) == "Second texte."


def test_view_section_restore_another_projects_record_is_404(world, client_as, written):
    """A change of another project's section is not found, nor an unknown section."""
    _first, newest = written
    services.agreement_section_save(
        project=world.other_project, code="objet", text="Ailleurs.", user=world.outsider
    )
    foreign = services.section_history(world.other_project, "objet").first()
    client = client_as(world.coordinator)
    assert client.post(_restore_url(world, foreign), {"base_record": newest.pk}).status_code == 404
    url = reverse(
        "steps:agreement_section_restore", args=[world.project.slug, "inconnue", newest.pk]
    )
    assert client.post(url, {"base_record": newest.pk}).status_code == 404
