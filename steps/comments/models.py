"""Comment threads on a project's objects: an answer, a grid row, a pooled resource, a
risk, a section of the agreement, an action, an evaluation round (steps/comments/targets.py).

A thread is named by its target: the kind (`target`, the slug of its URL) and either the
object's id (`object_id`) or, for what exists before any row is stored (a grid row, a
section of the agreement), its code (`code`); the other one stays empty (0 or "").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text
from projects.models import Project

# A comment is a few paragraphs, not a document.
COMMENT_MAX = 3_000


class Target(models.TextChoices):
    ANSWER = "reponse", _("réponse")
    GRID_ROW = "grille", _("ligne de la grille")
    RESOURCE = "ressource", _("ressource mutualisée")
    RISK = "risque", _("risque")
    AGREEMENT_SECTION = "entente", _("section de l'entente")
    ACTION = "action", _("action")
    EVALUATION_ROUND = "bilan", _("bilan d'évaluation")


class Comment(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="comments"
    )
    target = models.CharField(_("sur"), max_length=20, choices=Target.choices)
    object_id = models.PositiveBigIntegerField(_("objet"), default=0)
    code = models.CharField(_("code"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = bounded_text(_("commentaire"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    removed_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retiré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["project", "target", "object_id", "code"])]

    def __str__(self):
        return f"{self.get_target_display()} · {self.author or '—'} · {self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class CommentThread(models.Model):
    """Whether a thread on a grid row or a section of the agreement is resolved."""

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="comment_threads"
    )
    target = models.CharField(_("sur"), max_length=20, choices=Target.choices)
    object_id = models.PositiveBigIntegerField(_("objet"), default=0)
    code = models.CharField(_("code"), max_length=200, blank=True)
    resolved_at = models.DateTimeField(_("résolu le"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("résolu par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("fil de commentaires")
        verbose_name_plural = _("fils de commentaires")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "target", "object_id", "code"], name="one_thread_per_target"
            )
        ]

    def __str__(self):
        return f"{self.get_target_display()} · {self.code or self.object_id}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None
