"""Answers to the question catalogue, their history, and each step's status."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Project


class Answer(models.Model):
    """One answer: (project, organisation or none for the project, question code) → value.

    `value` holds JSON in the format of its question's type, documented at the top of
    `steps/questionnaire/fields.py` (e.g. a string for texts, dates in ISO and amounts as
    decimal strings — never a float; {"choices": [codes], "other": text} for multiple
    choices). `version` grows by one at each save and is the token of optimistic
    concurrency: a save that does not carry the current version is refused as a conflict.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    question_code = models.CharField(_("question"), max_length=200)
    value = models.JSONField(_("valeur"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "question_code"],
                condition=Q(organisation__isnull=False),
                name="one_answer_per_organisation_question",
            ),
            models.UniqueConstraint(
                fields=["project", "question_code"],
                condition=Q(organisation__isnull=True),
                name="one_answer_per_project_question",
            ),
        ]
        indexes = [models.Index(fields=["project", "question_code"])]

    def __str__(self):
        return f"{self.question_code} ({self.organisation or self.project})"


class AnswerRevision(models.Model):
    """A change to an answer: who, when, the value before and after."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    old_value = models.JSONField(_("ancienne valeur"), null=True, blank=True)
    new_value = models.JSONField(_("nouvelle valeur"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("modifiée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("modification d'une réponse")
        verbose_name_plural = _("modifications des réponses")
        ordering = ["-changed_at", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "version"], name="one_revision_per_version")
        ]

    def __str__(self):
        return f"{self.answer} v{self.version}"


class StepStatus(models.Model):
    """Where an organisation (or the project, organisation empty) stands in a step."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Pas commencée")
        IN_PROGRESS = "in_progress", _("En cours")
        SUBMITTED = "submitted", _("Soumise")
        REOPENED = "reopened", _("Rouverte")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="step_statuses")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="step_statuses",
    )
    step = models.CharField(_("étape"), max_length=20)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    submitted_at = models.DateTimeField(_("soumise le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened_at = models.DateTimeField(_("rouverte le"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("statut d'une étape")
        verbose_name_plural = _("statuts des étapes")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "step"],
                condition=Q(organisation__isnull=False),
                name="one_status_per_organisation_step",
            ),
            models.UniqueConstraint(
                fields=["project", "step"],
                condition=Q(organisation__isnull=True),
                name="one_status_per_project_step",
            ),
        ]

    def __str__(self):
        return f"{self.step} · {self.organisation or self.project} · {self.status}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ProjectDimension(models.Model):
    """A réflexion dimension the coordination chose for this project (none = all)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("dimension"), max_length=50)

    class Meta:
        verbose_name = _("dimension retenue")
        verbose_name_plural = _("dimensions retenues")
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="one_row_per_dimension")
        ]

    def __str__(self):
        return self.code


class ExtraPortraitItem(models.Model):
    """An « autre » item an organisation adds to a dimension of its portrait.

    Its four answers use the codes `reflexion.<dimension>.autre-<pk>.<part>`.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="extra_items")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="extra_items"
    )
    dimension = models.CharField(_("dimension"), max_length=50)
    label = models.CharField(_("élément"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("élément ajouté au portrait")
        verbose_name_plural = _("éléments ajoutés aux portraits")
        ordering = ["dimension", "created_at"]

    def __str__(self):
        return self.label

    @property
    def code(self) -> str:
        return f"reflexion.{self.dimension}.autre-{self.pk}"
