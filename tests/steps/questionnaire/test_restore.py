"""« Restaurer cette version » from an answer's history: a new version, never a silent
overwrite, only by whoever may edit the answer."""

import pytest
from django.urls import reverse

from steps.models import Answer, AnswerRevision
from steps.questionnaire import services
from tests.factories import submit

pytestmark = pytest.mark.usefixtures("small_catalogue")


def _save(world, text, base, user, organisation=None):
    return services.save_answer(
        project=world.project,
        organisation=organisation or world.org_a,
        question_code="impulsion.besoin",
        raw_value=text,
        base_version=base,
        user=user,
    )


@pytest.fixture
def history(world):
    """Organisation A's answer, written twice: version 1 « Un camion », version 2 « Deux »."""
    _save(world, "Un camion", 0, world.partner_a)
    result = _save(world, "Deux camions", 1, world.partner_a)
    first = AnswerRevision.objects.get(answer=result.answer, version=1)
    return result.answer, first


def _restore(client, world, answer, revision, base):
    url = reverse("steps:answer_restore", args=[world.project.slug, answer.pk, revision.pk])
    return client.post(url, {"base_version": base})


def _messages(client, world, answer) -> str:
    page = client.get(reverse("steps:history", args=[world.project.slug, answer.pk]))
    return page.content.decode()


@pytest.mark.parametrize("persona", ["partner_a", "coordinator"])
def test_view_restore_writes_a_new_version(world, client_as, history, persona):
    """The organisation's partner or the coordinator restores version 1 as version 3."""
    answer, first = history
    client = client_as(world.user(persona))
    response = _restore(client, world, answer, first, base=2)
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.value, answer.version) == ("Un camion", 3)
    latest = answer.revisions.get(version=3)
    assert (latest.old_value, latest.new_value) == ("Deux camions", "Un camion")
    assert latest.changed_by == world.user(persona)
    assert "La version 1 est restaurée" in _messages(client, world, answer)


def test_view_restore_conflict_writes_nothing(world, client_as, history):
    """Someone saved since the history was opened: both values are shown, nothing written."""
    answer, first = history
    _save(world, "Trois camions", 2, world.coordinator)
    client = client_as(world.partner_a)
    response = _restore(client, world, answer, first, base=2)
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.value, answer.version) == ("Trois camions", 3)
    page = _messages(client, world, answer)
    assert "Rien n’est restauré" in page
    assert "Trois camions" in page and "Un camion" in page


def test_view_restore_submitted_answers_are_read_only(world, client_as, history):
    """Submitted answers cannot be restored, like they cannot be edited."""
    answer, first = history
    submit(world.project, world.org_a, "impulsion")
    client = client_as(world.coordinator)
    _restore(client, world, answer, first, base=2)
    answer.refresh_from_db()
    assert answer.version == 2
    assert "ne se modifient plus" in _messages(client, world, answer)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("partner_b", 403), ("advisor", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_view_restore_refused(world, client_as, history, persona, status):
    """Another organisation's partner and the advisor get 403, a non-member 404."""
    answer, first = history
    response = _restore(client_as(world.user(persona)), world, answer, first, base=2)
    assert response.status_code == status
    answer.refresh_from_db()
    assert answer.version == 2


def test_view_restore_another_projects_revision_is_404(world, client_as, history):
    """A revision id of another answer (here another project's) is not found."""
    answer, _first = history
    other = Answer.objects.create(
        project=world.other_project, question_code="impulsion.besoin", value="Ailleurs"
    )
    foreign = AnswerRevision.objects.create(answer=other, version=1, new_value="Ailleurs")
    client = client_as(world.coordinator)
    assert _restore(client, world, answer, foreign, base=2).status_code == 404
    url = reverse("steps:answer_restore", args=[world.project.slug, other.pk, foreign.pk])
    assert client.post(url, {"base_version": 1}).status_code == 404


def test_view_history_shows_restore_buttons_to_editors_only(world, client_as, history):
    """The partner sees « Restaurer cette version » on the older version; the advisor not."""
    answer, _first = history
    page = _messages(client_as(world.partner_a), world, answer)
    assert page.count("Restaurer cette version") == 1
    assert "Restaurer cette version" not in _messages(client_as(world.advisor), world, answer)
