"""The library of inspiring cases: pooling stories, by resource type (issue 19).

Not tied to a project: the same library serves every project of the installation. The
built-in cases come from the method's sources (seeded by migration 0011, written in our
words); a host adds its own in the admin. Each text exists in French and, optionally, in
English; the page shows the reader's language and falls back to French.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mutualisation.text import bounded_text
from steps.catalogue.resources import ResourceType

CASE_TEXT_MAX = 2000
TRANSLATED_FIELDS = ("title", "who", "pooled", "form", "lessons")


class InspiringCase(models.Model):
    resource_type = models.CharField(
        _("type de ressource"), max_length=20, choices=ResourceType.choices
    )
    title_fr = models.CharField(_("titre (français)"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    who_fr = bounded_text(
        _("qui (français)"),
        max_length=CASE_TEXT_MAX,
        help_text=_("Les organisations qui ont mis en commun."),
    )
    who_en = bounded_text(_("qui (anglais)"), max_length=CASE_TEXT_MAX, blank=True)
    pooled_fr = bounded_text(_("ce qui est mis en commun (français)"), max_length=CASE_TEXT_MAX)
    pooled_en = bounded_text(
        _("ce qui est mis en commun (anglais)"), max_length=CASE_TEXT_MAX, blank=True
    )
    form_fr = models.CharField(
        _("forme (français)"),
        max_length=200,
        blank=True,
        help_text=_("La forme juridique ou contractuelle, si on la connaît."),
    )
    form_en = models.CharField(_("forme (anglais)"), max_length=200, blank=True)
    lessons_fr = bounded_text(_("à retenir (français)"), max_length=CASE_TEXT_MAX)
    lessons_en = bounded_text(_("à retenir (anglais)"), max_length=CASE_TEXT_MAX, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Où le cas est présenté, p. ex. « Forum québécois du loisir »."),
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    url = models.URLField(_("lien"), blank=True)
    published = models.BooleanField(
        _("publié"), default=True, help_text=_("Décochez pour cacher le cas sans le supprimer.")
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=100)

    class Meta:
        ordering = ["order", "title_fr"]
        verbose_name = _("cas inspirant")
        verbose_name_plural = _("cas inspirants")

    def __str__(self):
        return self.title_fr

    def text(self, field: str) -> str:
        """The field in the reader's language, or in French when there is no translation."""
        if (get_language() or "fr").startswith("en"):
            return getattr(self, f"{field}_en") or getattr(self, f"{field}_fr")
        return getattr(self, f"{field}_fr")

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def who(self) -> str:
        return self.text("who")

    @property
    def pooled(self) -> str:
        return self.text("pooled")

    @property
    def form(self) -> str:
        return self.text("form")

    @property
    def lessons(self) -> str:
        return self.text("lessons")

    @property
    def is_translated(self) -> bool:
        """False when an English reader sees the French text."""
        return not (get_language() or "fr").startswith("en") or bool(self.title_en)
