"""Writing answers, submitting and reopening steps, extra portrait items, dimensions.

Access (who may call what) is checked by the views; these functions keep the data
consistent: validation by the field builders, read-only submitted steps, optimistic
concurrency on each answer and its history.

Concurrency: every save of a (project, organisation, step) first locks that scope's
StepStatus row with ``select_for_update()`` inside ``transaction.atomic()``, then
compares the answer's stored version with the version the user started from. Two saves
with the same base version therefore run one after the other and the second one sees
the new version: it is refused as a conflict, never silently applied. (PostgreSQL locks
the row; SQLite serialises writers with its database lock.)
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.history import record_change, snapshot
from projects.method import STEPS_BY_CODE
from steps import catalogue
from steps.catalogue.base import Scope
from steps.followup import events
from steps.models import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus

from . import fields, selectors

Status = StepStatus.Status
EXTRA_CODE = re.compile(r"^reflexion\.(?P<dimension>[\w-]+)\.autre-(?P<pk>\d+)\.")


class AnswerError(Exception):
    """A save that was refused; `messages` are French sentences for the user."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = [str(m) for m in messages]


class InvalidAnswer(AnswerError):
    pass


class ReadOnlyStep(AnswerError):
    pass


class Conflict(AnswerError):
    """Someone saved this answer since the user loaded it: both versions are kept."""

    def __init__(self, *, answer: Answer):
        super().__init__(_("Quelqu'un a modifié cette réponse entre-temps."))
        self.answer = answer
        self.their_value = answer.value
        self.their_version = answer.version
        self.by = answer.updated_by
        self.at = answer.updated_at


@dataclass(frozen=True)
class SaveResult:
    answer: Answer | None  # None when an empty value was "saved" where nothing was stored
    version: int
    saved_at: datetime
    changed: bool


def _locked_status(project, organisation, step: str) -> StepStatus:
    """The scope's status row, created if needed and locked until the transaction ends."""
    status, _created = StepStatus.objects.select_for_update().get_or_create(
        project=project, organisation=organisation, step=step
    )
    return status


def _locked_writable_status(project, organisation, step: str) -> StepStatus:
    """The scope's locked status row; ReadOnlyStep once its answers are submitted."""
    status = _locked_status(project, organisation, step)
    if status.is_submitted:
        raise ReadOnlyStep(
            _(
                "Ces réponses ont été soumises : elles ne se modifient plus, sauf si la "
                "coordination les rouvre."
            )
        )
    return status


def _check_scope(question, organisation, project) -> None:
    expected = Scope.ORGANISATION if organisation is not None else Scope.PROJECT
    if question.scope != expected:
        raise InvalidAnswer(_("Cette question ne se répond pas ici."))
    if organisation is not None and not project.organisations.filter(pk=organisation.pk).exists():
        raise InvalidAnswer(_("Cette organisation ne participe pas au projet."))
    match = EXTRA_CODE.match(question.code)
    if (
        match
        and not ExtraPortraitItem.objects.filter(
            pk=match["pk"], project=project, organisation=organisation
        ).exists()
    ):
        raise InvalidAnswer(_("Cet élément du portrait n'existe plus."))


def _value_at(answer: Answer, version: int):
    """The value an answer had at a given version (None before its first save)."""
    if version <= 0:
        return None
    revision = answer.revisions.filter(version=version).first()
    return revision.new_value if revision else ...


def get_question_or_invalid(question_code: str):
    try:
        return catalogue.get_question(question_code)
    except KeyError as error:
        raise InvalidAnswer(_("Cette question n'existe pas.")) from error


def save_answer(
    *, project, organisation, question_code: str, raw_value, base_version: int, user
) -> SaveResult:
    """Validate and store one answer; raise InvalidAnswer, ReadOnlyStep or Conflict.

    `raw_value` is what the question's widget reads from the posted form
    (``fields.raw_value``); `base_version` is the version the user started from
    (0 when there was no answer yet).
    """
    question = get_question_or_invalid(question_code)
    _check_scope(question, organisation, project)
    try:
        value = fields.clean(question, raw_value)
    except ValidationError as error:
        raise InvalidAnswer(*error.messages) from error
    step = selectors.step_of(question.code)
    with transaction.atomic():
        status = _locked_writable_status(project, organisation, step)
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(project=project, organisation=organisation, question_code=question.code)
            .first()
        )
        current_version = answer.version if answer else 0
        stored = answer.value if answer else None
        if value == stored:
            # Nothing to change (e.g. a field left without editing): never a conflict.
            return SaveResult(answer, current_version, timezone.now(), changed=False)
        if base_version != current_version:
            if answer is not None and value == _value_at(answer, base_version):
                # The user did not change this answer; someone else did. Keep theirs.
                return SaveResult(answer, current_version, timezone.now(), changed=False)
            if answer is None:  # removed since (extra item deleted and re-added…)
                raise InvalidAnswer(_("Cette réponse a changé ; rechargez la page."))
            raise Conflict(answer=answer)
        if answer is None:
            try:
                with transaction.atomic():
                    answer = Answer.objects.create(
                        project=project,
                        organisation=organisation,
                        question_code=question.code,
                        value=value,
                        version=1,
                        updated_by=user,
                    )
            except IntegrityError as error:  # created meanwhile by a concurrent save
                answer = Answer.objects.get(
                    project=project, organisation=organisation, question_code=question.code
                )
                raise Conflict(answer=answer) from error
        else:
            answer.value = value
            answer.version += 1
            answer.updated_by = user
            answer.save(update_fields=["value", "version", "updated_by", "updated_at"])
        AnswerRevision.objects.create(
            answer=answer,
            version=answer.version,
            old_value=stored,
            new_value=value,
            changed_by=user,
        )
        if status.status == Status.NOT_STARTED:
            status.status = Status.IN_PROGRESS
            status.save(update_fields=["status"])
    return SaveResult(answer, answer.version, answer.updated_at, changed=True)


def restore_answer(*, revision: AnswerRevision, base_version: int, user) -> SaveResult:
    """Give an answer back the value it had at `revision`, as a new version.

    The same rules as a save: a submitted step is read-only (ReadOnlyStep), and the
    answer must still be at `base_version`, the version the user saw in the history,
    or the restore is refused as a Conflict and nothing is written."""
    answer = revision.answer
    question = get_question_or_invalid(answer.question_code)
    value = revision.new_value
    problem = fields.stored_value_error(question, value) if value is not None else None
    if problem:
        raise InvalidAnswer(problem)
    step = selectors.step_of(question.code)
    with transaction.atomic():
        _locked_writable_status(answer.project, answer.organisation, step)
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .get(pk=answer.pk)
        )
        if base_version != answer.version:
            raise Conflict(answer=answer)
        if value == answer.value:
            return SaveResult(answer, answer.version, timezone.now(), changed=False)
        stored = answer.value
        answer.value = value
        answer.version += 1
        answer.updated_by = user
        answer.save(update_fields=["value", "version", "updated_by", "updated_at"])
        AnswerRevision.objects.create(
            answer=answer,
            version=answer.version,
            old_value=stored,
            new_value=value,
            changed_by=user,
        )
    return SaveResult(answer, answer.version, answer.updated_at, changed=True)


def submit_step(*, project, organisation, step: str, user) -> list:
    """Submit a scope's answers: the required questions still unanswered (nothing
    changed), or [] once the step is SUBMITTED for that organisation (or the project)."""
    if step not in STEPS_BY_CODE:
        raise ValueError(step)
    organisation_id = organisation.pk if organisation is not None else None
    with transaction.atomic():
        status = _locked_status(project, organisation, step)
        if status.is_submitted:
            return []
        state = selectors.load_state(project, organisation_id=organisation_id, step=step)
        missing = state.missing(step, organisation_id)
        if missing:
            return missing
        status.status = Status.SUBMITTED
        status.submitted_at = timezone.now()
        status.submitted_by = user
        status.save()
        if organisation is not None:
            events.portrait_submitted(
                project=project, organisation=organisation, status=status, actor=user
            )
    return []


def reopen_step(*, project, organisation, step: str, user) -> bool:
    """Make submitted answers editable again (coordinators); False if not submitted."""
    with transaction.atomic():
        status = _locked_status(project, organisation, step)
        if not status.is_submitted:
            return False
        status.status = Status.REOPENED
        status.reopened_at = timezone.now()
        status.reopened_by = user
        status.save()
        if organisation is not None:
            events.portrait_reopened(
                project=project, organisation=organisation, status=status, actor=user
            )
    return True


def _refuse_if_submitted(project, organisation, step=selectors.REFLEXION):
    if _locked_status(project, organisation, step).is_submitted:
        raise ReadOnlyStep(
            _(
                "Le portrait a été soumis : il ne se modifie plus, sauf si la coordination le "
                "rouvre."
            )
        )


def extra_item_add(*, project, organisation, dimension: str, label: str, user):
    """Add an « autre » item to a dimension of an organisation's portrait."""
    label = (label or "").strip()
    if dimension not in catalogue.DIMENSIONS_BY_CODE:
        raise InvalidAnswer(_("Cette dimension n'existe pas."))
    if not label:
        raise InvalidAnswer(_("Donnez un nom à l'élément à ajouter."))
    if len(label) > 200:
        raise InvalidAnswer(_("Le nom de l'élément compte au plus 200 caractères."))
    with transaction.atomic():
        _refuse_if_submitted(project, organisation)
        item = ExtraPortraitItem.objects.create(
            project=project,
            organisation=organisation,
            dimension=dimension,
            label=label,
            created_by=user,
        )
        record_change(instance=item, user=user)
    return item


def extra_item_remove(*, item: ExtraPortraitItem, user) -> None:
    """Remove an extra item and its answers (their history goes with them)."""
    with transaction.atomic():
        _refuse_if_submitted(item.project, item.organisation)
        Answer.objects.filter(
            project=item.project,
            organisation=item.organisation,
            question_code__startswith=f"{item.code}.",
        ).delete()
        record_change(instance=item, user=user, before=snapshot(item), deleted=True)
        item.delete()


def dimensions_set(*, project, codes, user) -> None:
    """Choose the réflexion dimensions that apply to the project (at least one)."""
    codes = set(codes)
    if not codes:
        raise InvalidAnswer(_("Choisissez au moins une dimension."))
    unknown = codes - set(catalogue.DIMENSIONS_BY_CODE)
    if unknown:
        raise InvalidAnswer(_("Dimension inconnue : %(codes)s") % {"codes": ", ".join(unknown)})
    with transaction.atomic():
        current = {row.code: row for row in ProjectDimension.objects.filter(project=project)}
        for code in codes - set(current):
            row = ProjectDimension.objects.create(project=project, code=code)
            record_change(instance=row, user=user)
        for code in set(current) - codes:
            row = current[code]
            record_change(instance=row, user=user, before=snapshot(row), deleted=True)
            row.delete()
