from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Votre commentaire")}
        help_texts = {
            "body": _(
                "Mise en forme simple : paragraphes, listes (« - » ou « 1. »), liens, "
                "*italique* et **gras**. Pour aviser une personne, écrivez @ suivi de son "
                "identifiant (liste ci-dessous)."
            )
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Le commentaire est vide."))
        return body
