"""What happened in a project, told to the people concerned: in the app (the bell) and by
e-mail (immediately, in a daily digest, or not at all, as each person chooses).

A `Notification` is also the sent-log: its `key` is unique per person, so a reminder
computed twice (two runs of `send_reminders`, two workers) reaches nobody twice.
An `OutgoingMail` is one e-mail to send; jobs deliver it, retry it with backoff and never
drop it (see notifications/delivery.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .kinds import Kind


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Un courriel à chaque fois")
    DIGEST = "digest", _("Un résumé par jour")
    NONE = "none", _("Aucun courriel (seulement dans l'application)")


class NotificationPreference(models.Model):
    """How one person hears about one project; without a row: the daily digest, every kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    delivery = models.CharField(
        _("courriels"), max_length=10, choices=Delivery.choices, default=Delivery.DIGEST
    )
    # Kinds this person does not want at all (neither in the app nor by e-mail).
    muted_kinds = models.JSONField(_("avis désactivés"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="one_preference_per_project")
        ]

    def __str__(self):
        return f"{self.user} · {self.project} · {self.delivery}"

    def wants(self, kind: str) -> bool:
        return kind not in self.muted_kinds


class Notification(models.Model):
    class Mail(models.TextChoices):
        NONE = "none", _("Pas de courriel")
        DIGEST = "digest", _("Dans le prochain résumé")
        QUEUED = "queued", _("Courriel en file")
        SENT = "sent", _("Courriel envoyé")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    # Identifies the event: « consent-closing:12 », « action-overdue:7:2026-12-04 »…
    key = models.CharField(max_length=200)
    # What the text needs (names, dates as ISO strings, counts); rendered in the reader's
    # language when shown or mailed (notifications/kinds.py).
    params = models.JSONField(default=dict, blank=True)
    # A path inside the site (« /projets/… »); e-mails make it absolute with SITE_URL.
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    mail = models.CharField(max_length=10, choices=Mail.choices, default=Mail.NONE)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_event")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["mail", "user"], name="notification_mail"),
        ]

    def __str__(self):
        return f"{self.user} · {self.key}"


class OutgoingMail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("Échec")

    # One mail per key: a digest of a day, a notification, an invitation…
    key = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="outgoing_mails"
    )
    to = models.EmailField(_("destinataire"))
    subject = models.CharField(_("objet"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), db_index=True)
    last_error = models.CharField(_("dernière erreur"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]

    def __str__(self):
        return f"{self.to} · {self.subject}"
