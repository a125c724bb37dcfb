"""Forms of the logic model, indicators, measurements and evaluation rounds."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects.forms import ProjectOrganisationField
from steps.models import (
    Action,
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    TargetAssessment,
)
from steps.planning.forms import DATE_MESSAGES, DateInput

_SPACES = re.compile(r"[\s\u00a0\u202f]")


class FrenchDecimalField(forms.DecimalField):
    """A number typed the Québec way (« 1 234,5 ») or the English way (« 1234.5 »)."""

    default_error_messages = {
        "invalid": _("Entrez un nombre, par exemple 1 234,5."),
        "max_digits": _("Ce nombre est trop grand."),
        "max_decimal_places": _("Deux décimales au plus."),
        "max_whole_digits": _("Ce nombre est trop grand."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = _SPACES.sub("", str(value)).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f")  # 12.50 → "12.5", 5000.00 → "5000"
            if not (get_language() or "fr").startswith("en"):
                text = text.replace(".", ",")
            return text
        return value


class LogicElementForm(forms.ModelForm):
    class Meta:
        model = LogicElement
        fields = ["kind", "text", "origin", "order", "leads_to"]
        widgets = {
            "origin": forms.RadioSelect,
            "leads_to": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "text": {"required": _("Écrivez l'énoncé de l'élément.")},
            "kind": {"required": _("Choisissez le type d'élément.")},
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        others = LogicElement.objects.filter(project=project)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        kinds = dict(LogicElement.Kind.choices)
        self.fields["leads_to"].queryset = others
        self.fields["leads_to"].label_from_instance = lambda e: f"{kinds[e.kind]} — {e.text}"
        self.fields["leads_to"].help_text = _(
            "Les éléments auxquels celui-ci mène (ex. : une activité mène à une réalisation)."
        )
        self.fields["origin"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") not in LogicElement.EFFECT_KINDS:
            # Only effects are anticipated or discovered along the way.
            cleaned["origin"] = LogicElement.Origin.ANTICIPATED
        elif not cleaned.get("origin"):
            self.add_error("origin", _("Indiquez si cet effet était anticipé ou découvert."))
        return cleaned


class IndicatorForm(forms.ModelForm):
    baseline = FrenchDecimalField(
        label=_("Valeur de départ"), required=False, max_digits=14, decimal_places=2
    )
    target = FrenchDecimalField(label=_("Cible"), required=False, max_digits=14, decimal_places=2)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline",
            "target",
            "data_source",
            "effect",
            "action",
            "owner_organisation",
            "measure_every_months",
        ]
        field_classes = {"owner_organisation": ProjectOrganisationField}
        error_messages = {
            "name": {"required": _("Nommez l'indicateur.")},
            "measure_every_months": {"invalid_choice": _("Choisissez une fréquence de la liste.")},
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = project.organisations.order_by("name")
        self.fields["owner_organisation"].empty_label = _("— Aucune —")
        self.fields["measure_every_months"].help_text = _(
            "Avec une organisation qui mesure : elle reçoit un rappel quand une nouvelle "
            "mesure est attendue."
        )
        self.fields["effect"].queryset = LogicElement.objects.filter(
            project=project, kind__in=LogicElement.EFFECT_KINDS
        )
        self.fields["effect"].empty_label = _("— Aucun effet —")
        self.fields["action"].queryset = Action.objects.filter(project=project)
        self.fields["action"].empty_label = _("— Aucune action —")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") is not None and not cleaned.get("unit", "").strip():
            self.add_error("unit", _("Précisez l'unité de la cible."))
        if cleaned.get("measure_every_months") and not cleaned.get("owner_organisation"):
            self.add_error(
                "owner_organisation",
                _("Choisissez l'organisation qui mesure : c'est elle qui recevra le rappel."),
            )
        return cleaned


class MeasurementForm(forms.ModelForm):
    value = FrenchDecimalField(
        label=_("Valeur"),
        max_digits=14,
        decimal_places=2,
        error_messages={"required": _("Indiquez la valeur mesurée.")},
    )

    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        widgets = {"date": DateInput()}
        error_messages = {
            "date": {"required": _("Indiquez la date de la mesure."), **DATE_MESSAGES}
        }

    def __init__(self, *args, indicator=None, **kwargs):
        if indicator is not None:
            kwargs.setdefault("prefix", f"mesure-{indicator.pk}")
        super().__init__(*args, **kwargs)


class EvaluationRoundForm(forms.ModelForm):
    class Meta:
        model = EvaluationRound
        fields = [
            "date",
            "title",
            "worked_well",
            "effects_observed",
            "unexpected_effects",
            "worked_less_well",
        ]
        widgets = {
            "date": DateInput(),
            "worked_well": forms.Textarea(attrs={"rows": 3}),
            "effects_observed": forms.Textarea(attrs={"rows": 3}),
            "unexpected_effects": forms.Textarea(attrs={"rows": 3}),
            "worked_less_well": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "date": {"required": _("Indiquez la date du bilan."), **DATE_MESSAGES},
            "title": {"required": _("Donnez un titre au bilan.")},
        }


class TargetAssessmentsForm(forms.Form):
    """One result and one comment per indicator of the project."""

    def __init__(self, *args, indicators, assessments=None, **kwargs):
        super().__init__(*args, prefix="cibles", **kwargs)
        self.indicators = list(indicators)
        assessments = assessments or {}
        choices = [("", _("— Non évaluée —"))] + list(TargetAssessment.Result.choices)
        for indicator in self.indicators:
            existing = assessments.get(indicator.pk)
            self.fields[f"result_{indicator.pk}"] = forms.ChoiceField(
                label=_("Résultat"),
                choices=choices,
                required=False,
                initial=existing.result if existing else "",
            )
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Commentaire"),
                max_length=500,
                required=False,
                initial=existing.comment if existing else "",
            )

    def rows(self):
        """(indicator, result field, comment field) for the template."""
        return [
            (indicator, self[f"result_{indicator.pk}"], self[f"comment_{indicator.pk}"])
            for indicator in self.indicators
        ]

    def assessed(self) -> dict[int, tuple[str, str]]:
        """{indicator pk: (result, comment)} for the indicators given a result or a comment."""
        return {
            indicator.pk: (
                self.cleaned_data[f"result_{indicator.pk}"],
                self.cleaned_data[f"comment_{indicator.pk}"].strip(),
            )
            for indicator in self.indicators
        }


class ImprovementForm(forms.ModelForm):
    class Meta:
        model = Improvement
        fields = ["text"]
        labels = {"text": _("Amélioration à apporter")}


ImprovementFormSet = modelformset_factory(
    Improvement, form=ImprovementForm, extra=2, can_delete=True
)
