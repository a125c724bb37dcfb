"""Forms of the diagnostic (the grid renders its row forms by hand, for speed at 30 columns)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steps.models import DiagnosticVerdict


class VerdictForm(forms.Form):
    """The coordination's verdict on one row of the grid."""

    item_code = forms.CharField(label=_("Élément"), max_length=200)
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=DiagnosticVerdict.VerdictChoice.choices
    )
    importance = forms.ChoiceField(
        label=_("Importance"), choices=DiagnosticVerdict.ImportanceChoice.choices
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    next = forms.CharField(required=False)
    # The inputs the coordinator saw: if a portrait changed since, the verdict reads « à revoir ».
    fingerprint = forms.RegexField(
        label=_("Empreinte des portraits"), regex=r"^[0-9a-f]{64}$", required=False
    )


class RowForm(forms.Form):
    """Designates one row of the grid (going back to its suggestion)."""

    item_code = forms.CharField(max_length=200)
    next = forms.CharField(required=False)


class OpportunityForm(forms.Form):
    key = forms.CharField(max_length=500)
