"""Forms of the modélisation tools; every message in French, every input kept on error."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import ProjectOrganisationField
from steps.models import Agreement, AgreementSection, ConsentResponse, OperatingModel, Risk

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


class OperatingModelForm(forms.ModelForm):
    asymmetric_accepted = forms.NullBooleanField(
        label=_("Contribution asymétrique acceptée"),
        required=False,
        widget=forms.RadioSelect(
            choices=[("", _("Pas encore décidé")), ("True", _("Oui")), ("False", _("Non"))]
        ),
        help_text=_("Les partenaires acceptent-ils de ne pas tous contribuer autant ?"),
    )

    class Meta:
        model = OperatingModel
        fields = [
            "decision_process",
            "decision_details",
            "quorum",
            "meeting_frequency",
            "communication_channels",
            "shared_zones",
            "continuum",
            "formalisation",
            "intellectual_property",
            "brand",
            "asymmetric_accepted",
            "asymmetric_breaking_point",
            "sharing_key",
            "surplus_sharing",
            "start_date",
            "duration_months",
            "exit_notice_days",
        ]
        widgets = {
            "decision_process": forms.RadioSelect,
            "decision_details": _rows(3),
            "communication_channels": _rows(2),
            "shared_zones": _rows(3),
            "continuum": forms.RadioSelect,
            "intellectual_property": _rows(2),
            "brand": _rows(2),
            "asymmetric_breaking_point": _rows(2),
            "sharing_key": forms.RadioSelect,
            "surplus_sharing": _rows(2),
            "start_date": DATE_WIDGET,
        }
        error_messages = {
            "duration_months": {
                "min_value": _("La durée se compte en mois : au moins 1."),
                "max_value": _("Une durée de plus de 50 ans (600 mois) n'est pas réaliste."),
            },
            "exit_notice_days": {
                "max_value": _("Un préavis de plus de deux ans (730 jours) n'est pas réaliste."),
            },
        }

    def clean(self):
        cleaned = super().clean()
        process = cleaned.get("decision_process")
        if (
            process == OperatingModel.DecisionProcess.OTHER
            and not cleaned.get("decision_details", "").strip()
        ):
            self.add_error(
                "decision_details",
                _("Vous avez choisi « Autre » : décrivez le processus de décision retenu."),
            )
        if (
            cleaned.get("asymmetric_accepted") is True
            and not cleaned.get("asymmetric_breaking_point", "").strip()
        ):
            self.add_error(
                "asymmetric_breaking_point",
                _(
                    "Si la contribution asymétrique est acceptée, précisez son point de "
                    "rupture : jusqu'où l'écart reste acceptable."
                ),
            )
        return cleaned


class ConsentOpenForm(forms.Form):
    note = forms.CharField(
        label=_("Mot aux partenaires"),
        required=False,
        max_length=2000,
        widget=_rows(2),
        help_text=_("Facultatif : ce qui a changé depuis la dernière ronde, la date visée…"),
        error_messages={
            "max_length": _("Le mot aux partenaires compte au plus 2 000 caractères.")
        },
    )
    closes_on = forms.DateField(
        label=_("Réponses attendues au plus tard le"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Facultatif : les organisations qui n'ont pas répondu reçoivent un rappel deux "
            "jours avant."
        ),
        error_messages={"invalid": _("Entrez une date valide (AAAA-MM-JJ).")},
    )

    def clean_closes_on(self):
        closes_on = self.cleaned_data.get("closes_on")
        if closes_on and closes_on < timezone.localdate():
            raise forms.ValidationError(
                _("Cette date est passée : choisissez aujourd'hui ou une date à venir.")
            )
        return closes_on


class ConsentResponseForm(forms.Form):
    organisation = ProjectOrganisationField(
        label=_("Organisation"),
        queryset=None,
        empty_label=_("Choisir une organisation"),
        error_messages={
            "required": _("Choisissez l'organisation qui répond."),
        },
    )
    answer = forms.ChoiceField(
        label=_("Réponse"),
        choices=ConsentResponse.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Indiquez si votre organisation est d'accord ou non.")},
    )
    reason = forms.CharField(
        label=_("Raison"),
        required=False,
        max_length=4000,
        widget=_rows(3),
        help_text=_("Obligatoire pour une objection : ce qui vous empêche de consentir."),
    )

    def __init__(self, *args, organisations, fixed_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if fixed_organisation is not None:
            # A partner answers for its own organisation: no choice to make.
            self.fields["organisation"].initial = fixed_organisation.pk
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("answer") == ConsentResponse.Answer.OBJECTION
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason",
                _(
                    "Une objection doit être motivée : expliquez ce qui empêche votre "
                    "organisation de consentir, pour que la proposition puisse être retravaillée."
                ),
            )
        return cleaned


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "title",
            "enjeu",
            "description",
            "probability",
            "impact",
            "owner_organisation",
            "mitigation",
            "status",
        ]
        field_classes = {"owner_organisation": ProjectOrganisationField}
        widgets = {"description": _rows(3), "mitigation": _rows(3)}
        error_messages = {
            "title": {"required": _("Donnez un titre au risque.")},
            "probability": {"required": _("Évaluez la probabilité, de 1 à 4.")},
            "impact": {"required": _("Évaluez l'impact, de 1 à 4.")},
        }
        help_texts = {
            "enjeu": _("Facultatif : l'enjeu connu dont ce risque découle."),
            "owner_organisation": _("L'organisation qui surveille ce risque et agit."),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = project.organisations.all()
        self.fields["enjeu"].choices = [
            ("", _("Aucun en particulier")),
            *Risk._meta.get_field("enjeu").choices,
        ]


class AgreementSectionForm(forms.ModelForm):
    class Meta:
        model = AgreementSection
        fields = ["custom_text"]
        widgets = {"custom_text": _rows(18)}
        error_messages = {
            "custom_text": {
                "required": _(
                    "Le texte de la section ne peut pas être vide. Pour revenir au texte "
                    "généré, utilisez « Revenir au texte généré »."
                )
            }
        }

    def clean_custom_text(self):
        text = self.cleaned_data["custom_text"].replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError(self.fields["custom_text"].error_messages["required"])
        return text


class AgreementLanguageForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["language"]
        labels = {"language": _("Langue de rédaction de l'entente")}
        help_texts = {
            "language": _(
                "Les articles générés suivent cette langue, quelle que soit la langue de "
                "lecture. Une section modifiée rédigée dans l'autre langue sera marquée "
                "« à revoir »."
            )
        }
