"""The « Relancer » form of the coordination: an object and a personal message (whom
it goes to is the page's: one organisation, or every late one)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualisation.typography import one_line

SUBJECT_MAX = 150
MESSAGE_MAX = 4000


class RelaunchForm(forms.Form):
    subject = forms.CharField(
        label=_("Objet"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": _("Donnez un objet au courriel."),
            "max_length": _("L'objet compte au plus 150 caractères."),
        },
        help_text=_("Il suit « Rappel de la coordination : » dans l'objet du courriel."),
    )
    message = forms.CharField(
        label=_("Votre message"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("Le message compte au plus 4 000 caractères.")},
        help_text=_(
            "Facultatif : un mot personnel. Le courriel donne aussi le lien vers la page à "
            "compléter."
        ),
    )

    def clean_subject(self):
        subject = one_line(self.cleaned_data["subject"])
        if not subject:
            raise forms.ValidationError(_("Donnez un objet au courriel."))
        return subject

    def clean_message(self):
        return self.cleaned_data["message"].strip()
