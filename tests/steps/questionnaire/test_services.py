"""Saving answers, optimistic concurrency, submission, reopening, extra items, dimensions."""

import threading

import pytest
from django.db import OperationalError, connection

from projects.models import ChangeRecord
from steps.models import Answer, AnswerRevision, ProjectDimension, StepStatus
from steps.questionnaire import services
from steps.questionnaire.selectors import load_state
from tests.factories import ExtraPortraitItemFactory, submit

pytestmark = pytest.mark.usefixtures("small_catalogue")
Status = StepStatus.Status


def save(world, code="impulsion.besoin", raw="Un camion", base=0, user=None, organisation=...):
    return services.save_answer(
        project=world.project,
        organisation=world.org_a if organisation is ... else organisation,
        question_code=code,
        raw_value=raw,
        base_version=base,
        user=user or world.partner_a,
    )


def test_save_answer_creates_version_one_with_history(world):
    """A first save stores the value as version 1, with who and a revision."""
    result = save(world, raw="  Un camion réfrigéré  ")
    answer = Answer.objects.get()
    assert (result.version, result.changed) == (1, True)
    assert answer.value == "Un camion réfrigéré"
    assert answer.updated_by == world.partner_a
    revision = AnswerRevision.objects.get()
    assert (revision.version, revision.old_value, revision.new_value) == (
        1,
        None,
        "Un camion réfrigéré",
    )


def test_save_answer_moves_the_step_to_in_progress(world):
    """The organisation's step goes from not started to in progress at the first save."""
    save(world)
    status = StepStatus.objects.get(organisation=world.org_a, step="impulsion")
    assert status.status == Status.IN_PROGRESS


def test_save_answer_increments_version_and_keeps_old_value(world):
    """Each save adds one to the version and records the value before and after."""
    save(world, raw="Premier jet")
    result = save(world, raw="Version revue", base=1)
    assert result.version == 2
    revision = AnswerRevision.objects.get(version=2)
    assert (revision.old_value, revision.new_value) == ("Premier jet", "Version revue")


def test_save_answer_invalid_value_gives_french_message(world):
    """An invalid value is refused with a French message and nothing is stored."""
    with pytest.raises(services.InvalidAnswer) as error:
        save(world, code="impulsion.heures", raw="beaucoup")
    assert "Entrez un nombre" in error.value.messages[0]
    assert not Answer.objects.exists()


def test_save_answer_unknown_question_is_invalid(world):
    """A code that is not in the catalogue is refused."""
    with pytest.raises(services.InvalidAnswer):
        save(world, code="impulsion.nexiste-pas")


def test_save_answer_refuses_project_question_for_an_organisation(world):
    """A project-level question cannot be answered for an organisation, and vice versa."""
    with pytest.raises(services.InvalidAnswer):
        save(world, code="impulsion.besoin-commun")
    with pytest.raises(services.InvalidAnswer):
        save(world, code="impulsion.besoin", organisation=None, user=world.coordinator)


def test_save_answer_stale_version_is_a_conflict_with_their_value(world):
    """A save based on an old version is refused and carries the current value, who, when."""
    save(world, raw="Version de Paul")
    save(world, raw="Version de Claire", base=1, user=world.coordinator)
    with pytest.raises(services.Conflict) as conflict:
        save(world, raw="Autre version de Paul", base=1)
    assert conflict.value.their_value == "Version de Claire"
    assert conflict.value.their_version == 2
    assert conflict.value.by == world.coordinator
    assert conflict.value.at is not None
    assert Answer.objects.get().value == "Version de Claire"


def test_save_answer_two_first_saves_with_base_zero_cannot_both_succeed(world):
    """Two people starting from an empty answer: the second save is a conflict."""
    save(world, raw="Paul écrit")
    with pytest.raises(services.Conflict):
        save(world, raw="Claire écrit", user=world.coordinator)
    assert Answer.objects.get().value == "Paul écrit"


def test_save_answer_same_value_with_stale_version_is_not_a_conflict(world):
    """Saving exactly the stored value never conflicts and changes nothing."""
    save(world, raw="Même texte")
    save(world, raw="Même texte", base=1, user=world.coordinator)
    result = save(world, raw="Même texte", base=0)
    assert (result.version, result.changed) == (1, False)
    assert AnswerRevision.objects.count() == 1


def test_save_answer_untouched_field_keeps_the_newer_answer(world):
    """A field posted unchanged (its value at the base version) does not overwrite."""
    save(world, raw="Avant")
    save(world, raw="Après, par Claire", base=1, user=world.coordinator)
    result = save(world, raw="Avant", base=1)
    assert result.changed is False
    assert Answer.objects.get().value == "Après, par Claire"


def test_save_answer_refused_once_submitted(world):
    """Submitted answers are read-only until reopened."""
    save(world)
    submit(world.project, world.org_a, "impulsion")
    with pytest.raises(services.ReadOnlyStep) as error:
        save(world, raw="Trop tard", base=1)
    assert "soumises" in error.value.messages[0]


def test_reopen_step_makes_answers_editable_again(world):
    """After reopening, the organisation may save again and the step counts as reopened."""
    save(world)
    submit(world.project, world.org_a, "impulsion")
    assert services.reopen_step(
        project=world.project, organisation=world.org_a, step="impulsion", user=world.coordinator
    )
    result = save(world, raw="Complété", base=1)
    assert result.version == 2
    status = StepStatus.objects.get(organisation=world.org_a, step="impulsion")
    assert status.status == Status.REOPENED
    assert status.reopened_by == world.coordinator


def test_reopen_step_not_submitted_changes_nothing(world):
    """Reopening a step that is not submitted says so and changes nothing."""
    assert not services.reopen_step(
        project=world.project, organisation=world.org_a, step="impulsion", user=world.coordinator
    )


def test_submit_step_lists_missing_required_questions(world):
    """Submitting without the required answers lists them and leaves the status alone."""
    save(world, code="impulsion.heures", raw="6")
    missing = services.submit_step(
        project=world.project, organisation=world.org_a, step="impulsion", user=world.partner_a
    )
    assert [q.code for q in missing] == ["impulsion.besoin"]
    status = StepStatus.objects.get(organisation=world.org_a, step="impulsion")
    assert status.status == Status.IN_PROGRESS


def test_submit_step_marks_submitted_when_complete(world):
    """With every required answer, the step becomes submitted with who and when."""
    save(world)
    missing = services.submit_step(
        project=world.project, organisation=world.org_a, step="impulsion", user=world.partner_a
    )
    assert missing == []
    status = StepStatus.objects.get(organisation=world.org_a, step="impulsion")
    assert status.status == Status.SUBMITTED
    assert status.submitted_by == world.partner_a
    assert status.submitted_at is not None


def test_submit_step_for_reflexion_checks_portrait_of_chosen_dimensions(world):
    """The portrait's required appreciations count, only for the chosen dimensions."""
    missing = services.submit_step(
        project=world.project, organisation=world.org_a, step="reflexion", user=world.partner_a
    )
    assert [q.code for q in missing] == ["reflexion.identite.mission.appreciation"]
    services.dimensions_set(project=world.project, codes=["installations"], user=world.coordinator)
    assert (
        services.submit_step(
            project=world.project, organisation=world.org_a, step="reflexion", user=world.partner_a
        )
        == []
    )


def test_submit_step_for_the_project(world):
    """The project-level answers are submitted by scope None."""
    missing = services.submit_step(
        project=world.project, organisation=None, step="impulsion", user=world.coordinator
    )
    assert [q.code for q in missing] == ["impulsion.besoin-commun"]
    save(world, code="impulsion.besoin-commun", organisation=None, user=world.coordinator)
    assert (
        services.submit_step(
            project=world.project, organisation=None, step="impulsion", user=world.coordinator
        )
        == []
    )
    assert StepStatus.objects.get(organisation=None, step="impulsion").is_submitted


def test_extra_item_add_and_its_answers(world):
    """An added item gets four portrait questions the organisation can answer."""
    item = services.extra_item_add(
        project=world.project,
        organisation=world.org_a,
        dimension="installations",
        label="Chambre froide",
        user=world.partner_a,
    )
    save(world, code=f"{item.code}.description", raw="Une chambre froide de 20 m²")
    state = load_state(world.project)
    codes = [q.code for q in state.questions("reflexion", world.org_a.pk)]
    assert f"{item.code}.besoin" in codes
    assert state.progress("reflexion", world.org_a.pk).answered == 1
    assert ChangeRecord.objects.filter(kind="created", object_label="Chambre froide").exists()


@pytest.mark.parametrize(
    ("dimension", "label", "message"),
    [("inconnue", "X", "n'existe pas"), ("identite", "  ", "Donnez un nom")],
)
def test_extra_item_add_refuses_bad_input(world, dimension, label, message):
    """An unknown dimension or an empty name is refused in French."""
    with pytest.raises(services.InvalidAnswer) as error:
        services.extra_item_add(
            project=world.project,
            organisation=world.org_a,
            dimension=dimension,
            label=label,
            user=world.partner_a,
        )
    assert message in error.value.messages[0]


def test_extra_item_answers_of_another_organisation_are_refused(world):
    """Organisation B cannot write answers under organisation A's extra item."""
    item = ExtraPortraitItemFactory(project=world.project, organisation=world.org_a)
    with pytest.raises(services.InvalidAnswer):
        save(world, code=f"{item.code}.description", organisation=world.org_b)


def test_extra_item_remove_deletes_item_and_answers(world):
    """Removing an item removes its answers too, and the removal is recorded."""
    item = ExtraPortraitItemFactory(project=world.project, organisation=world.org_a)
    save(world, code=f"{item.code}.description", raw="Texte")
    services.extra_item_remove(item=item, user=world.partner_a)
    assert not Answer.objects.exists()
    assert ChangeRecord.objects.filter(kind="deleted").exists()


def test_extra_item_change_refused_after_submission(world):
    """A submitted portrait gets no new item and loses none."""
    item = ExtraPortraitItemFactory(project=world.project, organisation=world.org_a)
    submit(world.project, world.org_a, "reflexion")
    with pytest.raises(services.ReadOnlyStep):
        services.extra_item_remove(item=item, user=world.partner_a)
    with pytest.raises(services.ReadOnlyStep):
        services.extra_item_add(
            project=world.project,
            organisation=world.org_a,
            dimension="identite",
            label="Encore",
            user=world.partner_a,
        )


def test_dimensions_set_needs_at_least_one(world):
    """Choosing no dimension is refused; the choice replaces the previous one."""
    with pytest.raises(services.InvalidAnswer):
        services.dimensions_set(project=world.project, codes=[], user=world.coordinator)
    services.dimensions_set(
        project=world.project, codes=["identite", "installations"], user=world.coordinator
    )
    services.dimensions_set(project=world.project, codes=["identite"], user=world.coordinator)
    assert list(ProjectDimension.objects.values_list("code", flat=True)) == ["identite"]
    assert [d.code for d in load_state(world.project).dimensions] == ["identite"]


def test_dimensions_set_refuses_unknown_codes(world):
    """A dimension that is not in the catalogue is refused."""
    with pytest.raises(services.InvalidAnswer):
        services.dimensions_set(project=world.project, codes=["magie"], user=world.coordinator)


@pytest.mark.django_db(transaction=True)
def test_save_answer_concurrent_saves_with_same_base_never_both_succeed(world):
    """Two saves racing from the same base version: exactly one is stored.

    The loser is refused as a conflict (PostgreSQL locks the status row) or by the
    database lock (SQLite serialises writers); never a silent overwrite.
    """
    barrier = threading.Barrier(2)
    outcomes = {}

    def race(name, user):
        try:
            barrier.wait()
            save(world, raw=f"Version de {name}", user=user)
            outcomes[name] = "saved"
        except services.Conflict:
            outcomes[name] = "conflict"
        except OperationalError:
            outcomes[name] = "locked"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=race, args=("Paul", world.partner_a)),
        threading.Thread(target=race, args=("Claire", world.coordinator)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
    assert len(outcomes) == 2
    assert len(winners) == 1
    answer = Answer.objects.get()
    assert (answer.value, answer.version) == (f"Version de {winners[0]}", 1)
    assert AnswerRevision.objects.count() == 1
