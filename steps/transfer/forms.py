from django import forms
from django.utils.translation import gettext_lazy as _


class RestoreForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier de sauvegarde"),
        help_text=_(
            "Le fichier .json ou .zip téléchargé depuis la page « Sauvegarde et transfert »."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.zip,application/json,application/zip"}
        ),
    )
