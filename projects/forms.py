from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Project


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "description", "territory", "scope", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": _("Un nom court que tous les partenaires reconnaîtront."),
        }
