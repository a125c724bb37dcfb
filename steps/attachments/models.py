"""Documents the partners share in a project: quotes, certificates, minutes…

A document belongs to the project (every member sees it) or to one organisation (its
partners, the coordination and the advisors see it, like that organisation's drafts).
The file goes through Django's default storage (a local folder, or the shared S3
bucket) under a random name; it is only ever sent by a view that checks access.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.method import STEPS
from projects.models import Organisation, Project

STEP_CHOICES = [(step.code, step.title) for step in STEPS]


def document_path(instance, filename) -> str:
    """`documents/projet-<id>/<random>.<ext>`: the person's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/projet-{instance.project_id}/{secrets.token_hex(16)}.{extension[:8]}"


class Document(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="documents"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vide : document de tout le projet, que tous les membres voient."),
    )
    title = models.CharField(_("titre"), max_length=200)
    step = models.CharField(_("étape"), max_length=20, choices=STEP_CHOICES)
    resource = models.ForeignKey(
        "steps.PooledResource",
        verbose_name=_("ressource"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    risk = models.ForeignKey(
        "steps.Risk",
        verbose_name=_("risque"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    action = models.ForeignKey(
        "steps.Action",
        verbose_name=_("action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    file = models.FileField(_("fichier"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("nom du fichier"), max_length=120)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["step", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        for name in ("resource", "risk", "action"):
            linked = getattr(self, name)
            if linked is not None and linked.project_id != self.project_id:
                raise ValidationError({name: _("Cet élément n’appartient pas à ce projet.")})

    def visible_to(self, membership) -> bool:
        """Project documents: every member; an organisation's: as its drafts are."""
        return self.organisation_id is None or membership.can_see_drafts_of(self.organisation)

    def deletable_by(self, membership) -> bool:
        return membership.is_coordinator or (
            membership.is_partner and self.uploaded_by_id == membership.user_id
        )
