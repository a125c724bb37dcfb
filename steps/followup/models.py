"""Target dates: one per step of a project, and per organisation for the two
questionnaires (impulsion, réflexion) when one needs more (or less) time; and the private
calendar feeds that carry them (with consent-round closings, actions and evaluation
rounds) into people's calendars."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Project


class StepDeadline(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="deadlines"
    )
    step = models.CharField(_("étape"), max_length=20)
    # Empty: the step's date for everyone; set: this organisation's own date.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("date cible"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("date cible")
        verbose_name_plural = _("dates cibles")
        ordering = ["project", "step", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "step"],
                condition=Q(organisation__isnull=True),
                name="one_deadline_per_step",
            ),
            models.UniqueConstraint(
                fields=["project", "step", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_deadline_per_organisation_step",
            ),
        ]

    def __str__(self):
        return f"{self.project} · {self.step} · {self.organisation or '—'} · {self.due_date}"


def _feed_token():
    # 32 random bytes: the address alone gives access to the feed (calendar programs cannot
    # log in), so it must be unguessable; revoking it kills the address.
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """One person's private calendar address for one project (revocable)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=_feed_token, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda privé")
        verbose_name_plural = _("agendas privés")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "project"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_feed_per_person_project",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.project}"
