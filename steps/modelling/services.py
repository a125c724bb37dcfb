"""Writes of the modélisation tools, each recorded in the change history."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.history import record_change, save_with_history, snapshot
from projects.models import ChangeRecord
from steps.followup import events
from steps.models import (
    Agreement,
    AgreementSection,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
)

from . import selectors


class ConsentError(Exception):
    """A consent round action that the round's state does not allow (message in French)."""


def operating_model_save(*, project, form, user) -> OperatingModel:
    return save_with_history(form=form, user=user, project=project, updated_by=user)


def consent_round_open(*, project, user, note: str = "", closes_on=None) -> ConsentRound:
    """Open a round on the current operating model; one round at a time per project.
    The partners are told; `closes_on`, the date answers are expected by, brings a
    reminder two days before to those who have not answered (steps/followup)."""
    operating_model = OperatingModel.objects.filter(project=project).first()
    if operating_model is None:
        raise ConsentError(
            _("Décrivez d'abord le modèle de fonctionnement : la ronde porte sur lui.")
        )
    with transaction.atomic():
        if (
            ConsentRound.objects.select_for_update()
            .filter(project=project, closed_at__isnull=True)
            .exists()
        ):
            raise ConsentError(
                _(
                    "Une ronde de consentement est déjà ouverte : fermez-la avant d'en "
                    "ouvrir une autre."
                )
            )
        consent_round = ConsentRound.objects.create(
            project=project,
            proposal=selectors.operating_model_summary(operating_model),
            note=note,
            opened_by=user,
            closes_on=closes_on,
        )
        record_change(instance=consent_round, user=user)
        events.consent_opened(consent_round=consent_round, actor=user)
    return consent_round


def consent_respond(
    *, consent_round: ConsentRound, organisation, answer: str, reason: str, user
) -> ConsentResponse:
    """Record (or change) an organisation's answer while the round is open."""
    with transaction.atomic():
        locked = ConsentRound.objects.select_for_update().get(pk=consent_round.pk)
        if not locked.is_open:
            raise ConsentError(_("Cette ronde est fermée : les réponses ne changent plus."))
        response = ConsentResponse.objects.filter(
            consent_round=locked, organisation=organisation
        ).first()
        before = snapshot(response) if response else None
        if response is None:
            response = ConsentResponse(consent_round=locked, organisation=organisation)
        response.answer = answer
        response.reason = reason.strip()
        response.responded_by = user
        response.save()
        record_change(instance=response, before=before, user=user)
    return response


def consent_round_close(*, consent_round: ConsentRound, user) -> ConsentRound:
    """Close the round: adopted when no organisation objects, else to be reworked; every
    member is told the outcome."""
    with transaction.atomic():
        locked = ConsentRound.objects.select_for_update().get(pk=consent_round.pk)
        if not locked.is_open:
            raise ConsentError(_("Cette ronde est déjà fermée."))
        before = snapshot(locked)
        objections = locked.responses.filter(answer=ConsentResponse.Answer.OBJECTION).exists()
        locked.outcome = (
            ConsentRound.Outcome.REWORK if objections else ConsentRound.Outcome.ADOPTED
        )
        locked.closed_at = timezone.now()
        locked.closed_by = user
        locked.save()
        record_change(instance=locked, before=before, user=user)
        events.consent_closed(consent_round=locked, actor=user)
    return locked


def agreement_section_save(*, project, code: str, text: str, user) -> AgreementSection:
    """Store the coordination's own text for a section (it wins over the generated one),
    with the facts and the language it was written from: if they change, it reads
    « à revoir »."""
    with transaction.atomic():
        section = AgreementSection.objects.filter(project=project, code=code).first()
        before = snapshot(section) if section else None
        if section is None:
            section = AgreementSection(project=project, code=code)
        section.custom_text = text
        section.language = selectors.agreement_language(project)
        section.basis = selectors.section_basis(project, code)
        section.edited_by = user
        section.save()
        record_change(instance=section, before=before, user=user)
    return section


class SectionConflict(Exception):
    """The section changed since the user read its history: nothing was restored."""

    def __init__(self, *, section: AgreementSection | None, latest):
        super().__init__(_("Quelqu'un a modifié cette section entre-temps."))
        self.current_text = section.custom_text if section is not None else ""
        self.latest = latest


def section_history(project, code: str):
    """The change records of a section of the agreement, newest first: those of every
    custom text it had (going back to the generated text deletes the row, a new edit
    creates another one)."""
    return (
        ChangeRecord.objects.filter(
            project=project,
            content_type=ContentType.objects.get_for_model(AgreementSection),
            object_id__in=_section_ids(project, code),
        )
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")
    )


def _section_ids(project, code):
    """The ids the section's rows had: their records are labelled « <project> · <code> »."""
    return ChangeRecord.objects.filter(
        project=project,
        content_type=ContentType.objects.get_for_model(AgreementSection),
        object_label__endswith=f" · {code}",
    ).values("object_id")


def restorable_text(record) -> str | None:
    """The section's text right after `record`, or None when the record holds none."""
    if record.kind == ChangeRecord.Kind.DELETED:
        return None
    values = record.changes.get("custom_text")
    return values[1] if values else None


def agreement_section_restore(
    *, project, code: str, record, base_record_id: int | None, user
) -> bool:
    """Give a section of the agreement the text it had after `record`, as a new change.

    `base_record_id` is the newest change the user saw in the history: if the section
    changed since, raise SectionConflict and write nothing (the autosave's rule). False
    when the section already has that text."""
    text = restorable_text(record)
    if text is None:
        raise ValueError("nothing to restore")
    with transaction.atomic():
        section = (
            AgreementSection.objects.select_for_update().filter(project=project, code=code).first()
        )
        latest = section_history(project, code).first()
        if (latest.pk if latest else None) != base_record_id:
            raise SectionConflict(section=section, latest=latest)
        if section is not None and section.custom_text == text:
            return False
        agreement_section_save(project=project, code=code, text=text, user=user)
    return True


def agreement_section_mark_reviewed(*, project, code: str, user) -> bool:
    """Keep the edited text as it is, for today's facts and the agreement's language:
    the section no longer reads « à revoir ». False when the section was not edited."""
    with transaction.atomic():
        section = (
            AgreementSection.objects.select_for_update().filter(project=project, code=code).first()
        )
        if section is None:
            return False
        before = snapshot(section)
        section.language = selectors.agreement_language(project)
        section.basis = selectors.section_basis(project, code)
        section.edited_by = user
        section.save()
        record_change(instance=section, before=before, user=user)
    return True


def agreement_language_set(*, project, language: str, user) -> Agreement:
    """Choose the language the agreement is written in; edited sections written in the
    other language then read « à revoir » (they keep their text)."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().filter(project=project).first()
        before = snapshot(agreement) if agreement else None
        if agreement is None:
            agreement = Agreement(project=project)
        agreement.language = language
        agreement.updated_by = user
        agreement.save()
        record_change(instance=agreement, before=before, user=user)
    return agreement


def agreement_section_reset(*, project, code: str, user) -> bool:
    """Go back to the generated text; False when the section was not customised."""
    with transaction.atomic():
        section = AgreementSection.objects.filter(project=project, code=code).first()
        if section is None:
            return False
        record_change(instance=section, before=snapshot(section), user=user, deleted=True)
        section.delete()
    return True
