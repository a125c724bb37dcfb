from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NOTE_MAX


class EntryForm(forms.Form):
    """One item of the checklist: its tick, the group's comment, the version seen."""

    checked = forms.BooleanField(label=_("Coché"), required=False)
    note = forms.CharField(label=_("Commentaire"), max_length=NOTE_MAX, required=False)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
