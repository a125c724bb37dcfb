"""Reports built in the background and kept: a PDF (or DOCX) asked for once is served
again at once while the project has not changed.

A report is identified by what it shows: its kind and parameters, the language, whose
drafts it may show (`audience`), and the project's `content_version` when it was built;
any change to the project raises that version, so an old file is never served for new
data. Files go through Django's storage API (a local folder, or an S3-compatible bucket
in production); `manage.py prune_reports` removes old ones.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class GeneratedReport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("En file d'attente")
        RUNNING = "running", _("En préparation")
        DONE = "done", _("Prêt")
        FAILED = "failed", _("Échec")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="generated_reports"
    )
    # « dossier », « portrait:12 », « couts:3 », « entente.docx »…
    key = models.CharField(_("rapport"), max_length=100)
    language = models.CharField(_("langue"), max_length=10)
    # Whose drafts the report may show: « all » (coordination, advisors) or « org:<id> »
    # (a partner sees its own organisation's drafts only), as the pages decide.
    audience = models.CharField(max_length=30)
    content_version = models.PositiveBigIntegerField(_("version du contenu"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # Sections done out of the total, for the progress bar.
    progress_done = models.PositiveSmallIntegerField(default=0)
    progress_total = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(_("fichier"), upload_to="rapports/%Y/%m/", blank=True)
    filename = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("taille (octets)"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    error = models.CharField(_("erreur"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport produit")
        verbose_name_plural = _("rapports produits")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One build per version of what is shown: two clicks, two tabs or two people
            # asking for the same report share one job and one file.
            models.UniqueConstraint(
                fields=["project", "key", "language", "audience", "content_version"],
                name="one_report_per_content_version",
            )
        ]

    def __str__(self):
        return f"{self.project} · {self.key} · v{self.content_version} · {self.status}"
