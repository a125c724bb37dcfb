"""Forms of the opportunity study: its parameters (with the agreed weights), the start-up
costs, an organisation's « alone » costs and the indirect effects."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.forms import modelformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AloneCost, IndirectEffect, OpportunityStudy, StartupCost

WEIGHT_PREFIX = "weight_"


def _bootstrap(form) -> None:
    """Bootstrap classes on the widgets of forms laid out in tables (no crispy there)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class StudyForm(forms.ModelForm):
    class Meta:
        model = OpportunityStudy
        fields = [
            "horizon_years",
            "grant_amount",
            "grant_source",
            "loan_amount",
            "loan_rate",
            "loan_term_years",
            "startup_key",
            "coordination_mode",
            "coordination_hours_per_year",
            "coordination_hourly_rate",
            "coordination_salary",
            "coordination_salary_share",
            "coordination_key",
            "departing_organisation",
            "shared_with_partners",
            "notes",
        ]

    def __init__(self, *args, organisations, weights, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        field = self.fields["departing_organisation"]
        field.queryset = field.queryset.filter(pk__in=[o.pk for o in organisations])
        for organisation in organisations:
            self.fields[f"{WEIGHT_PREFIX}{organisation.pk}"] = forms.DecimalField(
                label=_("Poids convenu — %(name)s") % {"name": organisation.name},
                min_value=Decimal(0),
                max_digits=10,
                decimal_places=2,
                initial=weights.get(organisation.pk, Decimal(1)),
                validators=[MinValueValidator(Decimal(0))],
            )

    def weight_fields(self):
        return [self[f"{WEIGHT_PREFIX}{o.pk}"] for o in self.organisations]

    def main_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self):
        data = super().clean()
        custom = OpportunityStudy.SharingKey.CUSTOM
        if custom in (data.get("startup_key"), data.get("coordination_key")):
            weights = [data.get(f"{WEIGHT_PREFIX}{o.pk}") or 0 for o in self.organisations]
            if not any(weights):
                raise forms.ValidationError(
                    _("Avec des poids convenus, au moins un poids doit être plus grand que 0.")
                )
        return data

    def weights(self) -> dict:
        return {o: self.cleaned_data[f"{WEIGHT_PREFIX}{o.pk}"] for o in self.organisations}


class StartupCostForm(forms.ModelForm):
    class Meta:
        model = StartupCost
        fields = ["kind", "label", "amount", "resource"]

    def __init__(self, *args, resources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = self.fields["resource"].queryset.filter(
            pk__in=[r.pk for r in resources]
        )
        _bootstrap(self)


StartupCostFormSet = modelformset_factory(
    StartupCost, form=StartupCostForm, extra=2, can_delete=True, max_num=40, validate_max=True
)


def startup_formset(data=None, *, study, resources):
    queryset = StartupCost.objects.filter(study=study) if study.pk else StartupCost.objects.none()
    return StartupCostFormSet(
        data, queryset=queryset, prefix="couts", form_kwargs={"resources": resources}
    )


def check_financing(study, formset) -> str | None:
    """The grant and the loan must not exceed the start-up costs they finance."""
    total = sum(
        (
            f.cleaned_data.get("amount") or Decimal(0)
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ),
        Decimal(0),
    )
    if study.grant_amount + study.loan_amount > total:
        return _(
            "La subvention et le prêt dépassent le total des coûts de démarrage : "
            "diminuez-les ou ajoutez les coûts qu'ils financent."
        )
    return None


class AloneCostForm(forms.Form):
    """One resource's « alone » situation for one organisation."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Situation seule"),
        choices=[("", "—"), *AloneCost.Kind.choices],
        required=False,
    )
    one_off = forms.DecimalField(
        label=gettext_lazy("Achat (une fois)"), min_value=0, max_digits=14, decimal_places=2,
        required=False,
    )  # fmt: skip
    per_year = forms.DecimalField(
        label=gettext_lazy("Coût annuel"), min_value=0, max_digits=14, decimal_places=2,
        required=False,
    )  # fmt: skip
    per_use = forms.DecimalField(
        label=gettext_lazy("Coût par utilisation"), min_value=0, max_digits=14, decimal_places=2,
        required=False,
    )  # fmt: skip
    note = forms.CharField(label=gettext_lazy("Précision"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        amounts = [data.get(n) or 0 for n in ("one_off", "per_year", "per_use")]
        if kind and kind != AloneCost.Kind.NO_ACCESS and not any(amounts):
            raise forms.ValidationError(
                _("Indiquez au moins un montant, ou choisissez « N'y aurait pas accès ».")
            )
        return data


def alone_forms(data, *, resources, stored: dict) -> list:
    forms_ = []
    for resource in resources:
        cost = stored.get(resource.pk)
        initial = {}
        if cost is not None:
            initial = {
                "kind": cost.kind,
                "one_off": cost.one_off,
                "per_year": cost.per_year,
                "per_use": cost.per_use,
                "note": cost.note,
            }
        form = AloneCostForm(data, initial=initial, prefix=f"r{resource.pk}")
        form.resource = resource
        forms_.append(form)
    return forms_


class IndirectEffectForm(forms.ModelForm):
    class Meta:
        model = IndirectEffect
        fields = ["label", "organisation", "quantity", "unit"]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.fields["organisation"].queryset.filter(
            pk__in=[o.pk for o in organisations]
        )
        _bootstrap(self)


IndirectEffectFormSet = modelformset_factory(
    IndirectEffect, form=IndirectEffectForm, extra=2, can_delete=True, max_num=40,
    validate_max=True,
)  # fmt: skip


def effects_formset(data=None, *, study, organisations):
    queryset = (
        IndirectEffect.objects.filter(study=study) if study.pk else IndirectEffect.objects.none()
    )
    return IndirectEffectFormSet(
        data, queryset=queryset, prefix="effets", form_kwargs={"organisations": organisations}
    )
