"""Writes of the évaluation tools, each one kept in the history (projects.history)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from mutualisation.formats import format_date
from projects.history import delete_with_history, record_change, save_with_history, snapshot
from steps.followup import events
from steps.models import Action, Improvement, Measurement, TargetAssessment


def measurement_add(*, indicator, form, user) -> Measurement:
    """Add a measurement to an indicator."""
    return save_with_history(form=form, user=user, indicator=indicator, recorded_by=user)


def evaluation_round_save(*, project, form, assessments_form, improvements, user):
    """Save a round with its target assessments and its improvements, all or nothing.

    `form`, `assessments_form` and the `improvements` formset are already valid. A new
    round with a date to come is told to every member.
    """
    with transaction.atomic():
        creating = form.instance.pk is None
        assign = {"created_by": user} if creating else {}
        evaluation_round = save_with_history(form=form, user=user, project=project, **assign)
        _save_assessments(evaluation_round, assessments_form.assessed())
        _save_improvements(evaluation_round, improvements, user)
        if creating:
            events.evaluation_scheduled(evaluation_round=evaluation_round, actor=user)
    return evaluation_round


def _save_improvements(evaluation_round, formset, user) -> None:
    deleted = [f for f in formset.deleted_forms if f.instance.pk]
    changed = [
        f
        for f in formset.forms
        if f not in formset.deleted_forms
        and f.has_changed()
        and f.cleaned_data.get("text", "").strip()
    ]
    # Values before the edit, read from the database (validation changed the instances).
    stored = Improvement.objects.select_related("evaluation_round").in_bulk(
        [f.instance.pk for f in changed if f.instance.pk]
    )
    for improvement_form in deleted:
        delete_with_history(instance=improvement_form.instance, user=user)
    for improvement_form in changed:
        previous = stored.get(improvement_form.instance.pk)
        improvement = improvement_form.save(commit=False)
        improvement.evaluation_round = evaluation_round
        improvement.save()
        record_change(
            instance=improvement,
            before=snapshot(previous) if previous else None,
            user=user,
        )


def _save_assessments(evaluation_round, assessed: dict[int, tuple[str, str]]) -> None:
    existing = {a.indicator_id: a for a in evaluation_round.assessments.all()}
    for indicator_id, (result, comment) in assessed.items():
        assessment = existing.get(indicator_id)
        if not result and not comment:
            if assessment is not None:
                assessment.delete()
            continue
        if assessment is None:
            TargetAssessment.objects.create(
                evaluation_round=evaluation_round,
                indicator_id=indicator_id,
                result=result,
                comment=comment,
            )
        elif (assessment.result, assessment.comment) != (result, comment):
            assessment.result, assessment.comment = result, comment
            assessment.save(update_fields=["result", "comment"])


@dataclass(frozen=True)
class ImprovementResult:
    action: Action
    created: bool


def improvement_to_action(*, improvement: Improvement, user) -> ImprovementResult:
    """Turn an improvement into an action of the plan, once: a second call returns it."""
    with transaction.atomic():
        improvement = (
            Improvement.objects.select_for_update()
            .select_related("evaluation_round")
            .get(pk=improvement.pk)
        )
        if improvement.action_id is not None:
            return ImprovementResult(Action.objects.get(pk=improvement.action_id), False)
        evaluation_round = improvement.evaluation_round
        action = Action.objects.create(
            project_id=evaluation_round.project_id,
            title=improvement.text[: Action._meta.get_field("title").max_length],
            description=_("Amélioration retenue au bilan « %(round)s » du %(date)s.")
            % {"round": evaluation_round.title, "date": format_date(evaluation_round.date)},
            created_from=improvement,
            created_by=user,
        )
        record_change(instance=action, user=user)
        before = snapshot(improvement)
        improvement.action = action
        improvement.save(update_fields=["action"])
        record_change(instance=improvement, before=before, user=user)
    return ImprovementResult(action, True)
