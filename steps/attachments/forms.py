"""The upload form of a shared document: the file is checked by its content."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from steps.models import Action, PooledResource, Risk

from . import validation
from .models import Document


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Fichier"),
        help_text=_(
            "PDF, images (PNG, JPEG, GIF, WebP), documents Word, Excel, PowerPoint ou "
            "OpenDocument, texte ou CSV."
        ),
    )

    class Meta:
        model = Document
        fields = ["title", "step", "organisation", "resource", "risk", "action"]

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        project = membership.project
        self.instance.project = project
        organisations = project.organisations.order_by("name")
        if not membership.is_coordinator:
            organisations = organisations.filter(pk=membership.organisation_id)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("Tout le projet")
        self.fields["resource"].queryset = PooledResource.objects.filter(project=project)
        self.fields["risk"].queryset = Risk.objects.filter(project=project)
        self.fields["action"].queryset = Action.objects.filter(project=project)
        for name in ("resource", "risk", "action"):
            self.fields[name].empty_label = _("Aucun lien")
        self.fields["upload"].widget.attrs["accept"] = ",".join(
            sorted({t.extension for t in validation.ALLOWED} | {".jpeg", ".xls", ".ppt"})
        )
        self.file_type = None

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("Ce fichier dépasse la taille permise (%(max)s).")
                % {"max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Ce fichier est vide."))
        self.file_type = validation.detect(upload, upload.name)
        if self.file_type is None:
            raise forms.ValidationError(
                _(
                    "Ce type de fichier n’est pas accepté (le contenu compte, pas l’extension) : "
                    "déposez un PDF, une image, un document bureautique, un texte "
                    "ou un CSV."
                )
            )
        return upload
