"""Forms of the cost-of-use calculator, the commitments and the recorded uses.

Numbers are typed the Québec way (« 1 234,56 », « 12,5 ») or the English way
(« 1234.56 »); every message is in French and names what to fix.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mutualisation.params import int_param
from steps.models import PooledResource, UsageRecord

MAX_AMOUNT = Decimal(100_000_000)
MAX_QUANTITY = Decimal(1_000_000_000)
MAX_USES_PER_YEAR = 1_000_000
HOURS_PER_YEAR = Decimal(8760)

_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_decimal(text: str) -> Decimal:
    """« 1 234,56 $ » → Decimal("1234.56"); « 1,234.56 » and « 12.5 » work too.

    When both a comma and a point appear, the last one is the decimal separator.
    Raises InvalidOperation for anything else.
    """
    cleaned = _SPACES.sub("", text).removesuffix("$").removesuffix("%")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)", cleaned):
        raise InvalidOperation(text)
    return Decimal(cleaned)


def format_input(value) -> str:
    """A Decimal as the person would type it back: « 1234,5 » (no trailing zeros)."""
    if not isinstance(value, Decimal):
        return value
    text = format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if not (get_language() or "fr").lower().startswith("en"):
        text = text.replace(".", ",")
    return text


class FrenchDecimalField(forms.DecimalField):
    """A non-negative number with a decimal comma, bounded by `max_value`."""

    default_error_messages = {
        "invalid": _("Entrez un nombre, par exemple 1 234,56 ou 12,5."),
        "negative": _("Cette valeur ne peut pas être négative."),
        "too_big": _("Cette valeur dépasse %(max)s : vérifiez la saisie."),
        "places": _("%(places)s décimales au plus."),
        "required": _("Ce champ est obligatoire."),
    }

    def __init__(self, *, places=2, max_value=MAX_QUANTITY, max_label=None, **kwargs):
        self.places = places
        self.max_label = max_label
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(max_value=None, min_value=None, decimal_places=None, **kwargs)
        self.upper = max_value
        self.validators = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_decimal(str(value))
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        if value > self.upper:
            label = self.max_label or format_input(self.upper)
            raise ValidationError(
                self.error_messages["too_big"], code="too_big", params={"max": label}
            )
        if -value.as_tuple().exponent > self.places and value != value.quantize(
            Decimal(1).scaleb(-self.places)
        ):
            raise ValidationError(
                self.error_messages["places"], code="places", params={"places": self.places}
            )

    def clean(self, value):
        value = super().clean(value)
        # Stored with a fixed number of places: « 12,500 » is 12,50.
        return None if value is None else value.quantize(Decimal(1).scaleb(-self.places))

    def prepare_value(self, value):
        return format_input(value)


def money_field(label, help_text, *, required=False):
    return FrenchDecimalField(
        label=label,
        help_text=help_text,
        required=required,
        places=2,
        max_value=MAX_AMOUNT,
        max_label="100 000 000 $",
        error_messages={
            "negative": _("Un montant ne peut pas être négatif."),
            "places": _("Deux décimales au plus : le montant se compte en cents."),
        },
    )


def rate_field(label, help_text, *, max_value=MAX_QUANTITY, max_label=None, places=4):
    return FrenchDecimalField(
        label=label,
        help_text=help_text,
        places=places,
        max_value=max_value,
        max_label=max_label,
    )


@dataclass(frozen=True)
class FieldGroup:
    legend: Promise
    intro: Promise
    names: tuple[str, ...]


GROUPS = (
    FieldGroup(
        _("La ressource"),
        _("Ce qui est mis en commun, qui en répond et comment on s'en sert."),
        (
            "name",
            "resource_type",
            "responsible_organisation",
            "usage_unit",
            "conditions_of_use",
            "booking_rules",
        ),
    ),
    FieldGroup(
        _("Une utilisation type"),
        _(
            "Une sortie, une réservation ou une séance habituelle : le calcul donne le coût "
            "de cette utilisation."
        ),
        (
            "units_per_use",
            "hours_per_use",
            "estimated_uses_per_year",
            "alternative_price_per_use",
        ),
    ),
    FieldGroup(
        _("Ce que coûte chaque utilisation"),
        _("Les coûts qui varient avec l'usage : plus on s'en sert, plus ils augmentent."),
        (
            "consumable_cost_per_unit",
            "maintenance_cost",
            "maintenance_interval_units",
            "handling_hours_per_use",
            "hourly_rate",
            "admin_fee_per_use",
        ),
    ),
    FieldGroup(
        _("L'achat et son remplacement"),
        _("Pour un bien acheté : il faudra le remplacer un jour, cela se prévoit dès maintenant."),
        ("purchase_price", "residual_value", "amortisation_years", "financing_rate"),
    ),
    FieldGroup(
        _("Les coûts de chaque année"),
        _("Les coûts qui reviennent chaque année, que la ressource serve ou non."),
        ("management_cost_per_year", "other_costs_per_year"),
    ),
    FieldGroup(_("Notes"), _("Hypothèses, sources des montants, questions à régler."), ("notes",)),
)


class ResourceForm(forms.ModelForm):
    """The calculator: what the resource is, one typical use and every cost to count."""

    units_per_use = rate_field(
        _("Unités par utilisation"),
        _(
            "Combien d'unités (voir « unité d'utilisation ») une utilisation type consomme : "
            "les kilomètres d'une tournée, les heures d'une séance, les pieds rabotés."
        ),
        places=2,
    )
    hours_per_use = rate_field(
        _("Durée d'une utilisation (heures)"),
        _(
            "Combien de temps la ressource est occupée par une utilisation type, "
            "en heures (1,5 pour une heure et demie)."
        ),
        max_value=HOURS_PER_YEAR,
        max_label=_("8 760 heures (une année)"),
        places=2,
    )
    estimated_uses_per_year = forms.IntegerField(
        label=_("Utilisations prévues par année (estimation)"),
        help_text=_(
            "Le total pour toutes les organisations. Sert au calcul tant que les engagements "
            "ne sont pas saisis ; ensuite, le total des engagements le remplace."
        ),
        required=False,
        min_value=1,
        max_value=MAX_USES_PER_YEAR,
        error_messages={
            "invalid": _("Entrez un nombre entier d'utilisations, par exemple 120."),
            "min_value": _("Au moins une utilisation par année, ou laissez vide."),
            "max_value": _("Plus d'un million d'utilisations par année : vérifiez la saisie."),
        },
    )
    alternative_price_per_use = money_field(
        _("Prix de l'alternative, par utilisation ($)"),
        _(
            "Ce qu'une organisation paierait seule pour la même utilisation : location sur le "
            "marché, sous-traitance, service payant. Demandez une soumission ou regardez vos "
            "dernières factures. Sert au seuil de rentabilité."
        ),
    )
    consumable_cost_per_unit = rate_field(
        _("Consommables ($ par unité)"),
        _(
            "Ce que l'usage épuise, ramené à une unité : carburant, électricité, lames, "
            "produits d'entretien. Par exemple 100 $ d'affûtage tous les 2 000 pieds donne "
            "0,05 $ le pied. Voyez les factures de carburant ou d'énergie."
        ),
        max_value=Decimal(1_000_000),
        max_label="1 000 000 $",
    )
    maintenance_cost = money_field(
        _("Coût d'un entretien ($)"),
        _(
            "Le prix d'un entretien recommandé par le fabricant (mise au point, inspection, "
            "vidange). Voyez le carnet d'entretien ou une soumission du garage."
        ),
    )
    maintenance_interval_units = rate_field(
        _("Entretien toutes les … unités"),
        _(
            "Après combien d'unités revient cet entretien (par exemple 10 000 km). "
            "Laissez vide s'il n'y a pas d'entretien périodique."
        ),
        places=2,
    )
    handling_hours_per_use = rate_field(
        _("Préparation, rangement et vérification (heures par utilisation)"),
        _(
            "Le temps de travail autour de chaque utilisation : sortir et préparer, ranger, "
            "nettoyer, vérifier l'état. En heures (0,5 pour une demi-heure)."
        ),
        max_value=HOURS_PER_YEAR,
        max_label=_("8 760 heures (une année)"),
        places=2,
    )
    hourly_rate = money_field(
        _("Taux horaire, charges sociales comprises ($ par heure)"),
        _(
            "Le salaire horaire de la personne qui prépare et vérifie, plus les charges de "
            "l'employeur (RRQ, assurance-emploi, RQAP, CNESST, vacances), souvent 15 à 20 "
            "pour cent de plus. Voyez le journal des salaires."
        ),
    )
    admin_fee_per_use = money_field(
        _("Frais administratifs par utilisation ($)"),
        _("Le coût de réserver, facturer et encaisser une utilisation."),
    )
    purchase_price = money_field(
        _("Prix d'achat ($)"),
        _(
            "Ce que le bien a coûté (ou coûterait) à l'achat, taxes non remboursables "
            "comprises. Voyez la facture ou une soumission. 0 pour un bien prêté ou donné."
        ),
    )
    residual_value = money_field(
        _("Valeur résiduelle ($)"),
        _("Ce que vaudra le bien à la revente au bout de sa durée d'amortissement ; 0 si rien."),
    )
    amortisation_years = rate_field(
        _("Durée d'amortissement (années)"),
        _(
            "Combien d'années le bien servira avant d'être remplacé : la durée de vie "
            "prévue par le fabricant ou votre expérience. Laissez vide sans achat à amortir."
        ),
        max_value=Decimal(100),
        max_label=_("100 ans"),
        places=2,
    )
    financing_rate = rate_field(
        _("Taux d'intérêt du financement (% par année)"),
        _(
            "Le taux du prêt qui finance l'achat, ou le rendement auquel vous renoncez en "
            "payant comptant. Appliqué au capital moyen immobilisé. Laissez vide s'il n'y en "
            "a pas : le calcul compte alors 0 %."
        ),
        max_value=Decimal(100),
        max_label="100 %",
        places=2,
    )
    management_cost_per_year = money_field(
        _("Gestion de la mutualisation ($ par année)"),
        _(
            "Coordonner le partage : tenir les réservations, facturer, se réunir, régler les "
            "différends. Comptez les heures de coordination × le taux horaire."
        ),
    )
    other_costs_per_year = money_field(
        _("Autres coûts annuels ($ par année)"),
        _(
            "Assurances, immatriculation, permis, entreposage, stationnement, abonnements : "
            "voyez les renouvellements de l'année."
        ),
    )

    class Meta:
        model = PooledResource
        fields = [
            "name",
            "resource_type",
            "responsible_organisation",
            "usage_unit",
            "conditions_of_use",
            "booking_rules",
            "units_per_use",
            "hours_per_use",
            "estimated_uses_per_year",
            "alternative_price_per_use",
            "consumable_cost_per_unit",
            "maintenance_cost",
            "maintenance_interval_units",
            "handling_hours_per_use",
            "hourly_rate",
            "admin_fee_per_use",
            "purchase_price",
            "residual_value",
            "amortisation_years",
            "financing_rate",
            "management_cost_per_year",
            "other_costs_per_year",
            "notes",
        ]
        labels = {
            "name": _("Nom de la ressource"),
            "resource_type": _("Type de ressource"),
            "responsible_organisation": _("Organisation responsable"),
            "usage_unit": _("Unité d'utilisation"),
            "conditions_of_use": _("Conditions d'utilisation"),
            "booking_rules": _("Règles de réservation"),
            "notes": _("Notes"),
        }
        help_texts = {
            "name": _("Par exemple « Camion réfrigéré » ou « Cuisine de production »."),
            "responsible_organisation": _(
                "Celle qui garde la ressource, l'entretient et en répond devant les autres."
            ),
            "usage_unit": _(
                "Ce que l'on compte à chaque utilisation : « km », « heure », "
                "« pied linéaire », « utilisation »."
            ),
            "conditions_of_use": _("Qui peut s'en servir, pour quoi, avec quelle formation."),
            "booking_rules": _("Comment réserver, combien à l'avance, priorités, annulation."),
        }
        error_messages = {
            "name": {"required": _("Donnez un nom à la ressource.")},
            "usage_unit": {"required": _("Indiquez l'unité que l'on compte, par exemple km.")},
        }
        widgets = {
            "conditions_of_use": forms.Textarea(attrs={"rows": 3}),
            "booking_rules": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    # Fields whose empty input means zero (the others mean « none »).
    ZERO_WHEN_EMPTY = (
        "units_per_use",
        "hours_per_use",
        "consumable_cost_per_unit",
        "maintenance_cost",
        "handling_hours_per_use",
        "hourly_rate",
        "admin_fee_per_use",
        "purchase_price",
        "residual_value",
        "financing_rate",
        "management_cost_per_year",
        "other_costs_per_year",
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        field = self.fields["responsible_organisation"]
        field.queryset = project.organisations.order_by("name")
        field.empty_label = _("— Aucune pour l'instant —")
        # Empty means zero for these fields: the placeholder says so, and a new resource's
        # form starts blank like the others (its rate is stored as a fraction, shown in %).
        for name in self.ZERO_WHEN_EMPTY:
            self.fields[name].widget.attrs.setdefault("placeholder", "0")
        if not self.is_bound and self.instance.pk is not None:
            rate = self.instance.financing_rate
            self.initial["financing_rate"] = (rate or Decimal(0)) * 100

    def groups(self):
        """The fields in their fieldsets, for the template."""
        return [(group, [self[name] for name in group.names]) for group in GROUPS]

    def clean(self):
        data = super().clean()
        for name in self.ZERO_WHEN_EMPTY:
            if name in data and data[name] is None:
                data[name] = Decimal(0)
        if data.get("financing_rate") is not None:
            data["financing_rate"] = data["financing_rate"] / 100
        interval = data.get("maintenance_interval_units")
        if interval is not None and interval <= 0:
            self.add_error(
                "maintenance_interval_units",
                _("L'intervalle d'entretien doit être plus grand que zéro, ou laissé vide."),
            )
        elif interval is None and data.get("maintenance_cost"):
            self.add_error(
                "maintenance_interval_units",
                _("Indiquez après combien d'unités revient l'entretien de %(cost)s $.")
                % {"cost": format_input(data["maintenance_cost"])},
            )
        years = data.get("amortisation_years")
        if years is not None and years <= 0:
            self.add_error(
                "amortisation_years",
                _("La durée d'amortissement doit être plus grande que zéro, ou laissée vide."),
            )
        elif years is None and data.get("purchase_price"):
            self.add_error(
                "amortisation_years",
                _("Indiquez sur combien d'années l'achat s'amortit."),
            )
        purchase, residual = data.get("purchase_price"), data.get("residual_value")
        if purchase is not None and residual is not None and residual > purchase:
            self.add_error(
                "residual_value",
                _("La valeur résiduelle ne peut pas dépasser le prix d'achat."),
            )
        return data


class CommitmentForm(forms.Form):
    """One organisation's line of the commitments table."""

    organisation = forms.IntegerField(widget=forms.HiddenInput)
    planned_uses_per_year = forms.IntegerField(
        label=_("Utilisations prévues par année"),
        required=False,
        min_value=0,
        max_value=MAX_USES_PER_YEAR,
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "class": "form-control"}),
        error_messages={
            "invalid": _("Entrez un nombre entier d'utilisations, par exemple 12."),
            "min_value": _("Le nombre d'utilisations ne peut pas être négatif."),
            "max_value": _("Plus d'un million d'utilisations par année : vérifiez la saisie."),
        },
    )
    custom_weight = FrenchDecimalField(
        label=_("Pondération personnalisée"),
        max_value=Decimal(10_000_000),
        max_label="10 000 000",
        places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )

    def clean_planned_uses_per_year(self):
        return self.cleaned_data["planned_uses_per_year"] or 0


class BaseCommitmentFormSet(forms.BaseFormSet):
    """One form per participating organisation, in the order of `organisations`."""

    def __init__(self, *args, organisations, **kwargs):
        self.organisations = list(organisations)
        super().__init__(*args, **kwargs)
        by_id = {org.pk: org for org in self.organisations}
        for form in self.forms:
            org_id = form.initial.get("organisation")
            if self.is_bound:
                raw = str(form.data.get(form.add_prefix("organisation"), ""))
                org_id = int_param(raw)
            form.participant = by_id.get(org_id)

    def clean(self):
        super().clean()
        chosen = [form.participant for form in self.forms]
        if None in chosen or len({org.pk for org in chosen}) != len(chosen):
            raise ValidationError(
                _("La liste des organisations a changé : rechargez la page et recommencez.")
            )


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, formset=BaseCommitmentFormSet, extra=0, max_num=1000, validate_max=True
)


def commitment_formset(data=None, *, organisations, commitments):
    """The formset of the commitments page, filled with the stored commitments."""
    stored = {c.organisation_id: c for c in commitments}
    initial = [
        {
            "organisation": org.pk,
            "planned_uses_per_year": stored[org.pk].planned_uses_per_year
            if org.pk in stored
            else 0,
            "custom_weight": stored[org.pk].custom_weight if org.pk in stored else None,
        }
        for org in organisations
    ]
    return CommitmentFormSet(data, initial=initial, organisations=organisations, prefix="eng")


class UsageRecordForm(forms.ModelForm):
    """A booking or a month of use by one organisation."""

    units = FrenchDecimalField(
        label=_("Unités utilisées"),
        help_text=_(
            "Les km parcourus, les heures… Laissez vide pour compter une utilisation type."
        ),
        places=2,
    )

    class Meta:
        model = UsageRecord
        fields = ["organisation", "date", "uses", "units", "note"]
        labels = {
            "organisation": _("Organisation"),
            "date": _("Date"),
            "uses": _("Nombre d'utilisations"),
            "note": _("Note"),
        }
        help_texts = {
            "date": _("Le jour de la réservation, ou le premier jour du mois pour un relevé."),
            "note": _("Par exemple le numéro de la réservation ou la tournée."),
        }
        error_messages = {
            "organisation": {
                "required": _("Choisissez l'organisation qui a utilisé la ressource."),
                "invalid_choice": _("Choisissez une organisation du projet."),
            },
            "date": {
                "required": _("Indiquez la date de l'utilisation."),
                "invalid": _("Entrez une date valide (AAAA-MM-JJ)."),
            },
            "uses": {
                "required": _("Indiquez le nombre d'utilisations."),
                "invalid": _("Entrez un nombre entier d'utilisations."),
                "min_value": _("Le nombre d'utilisations ne peut pas être négatif."),
            },
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = project.organisations.order_by("name")
        self.fields["organisation"].empty_label = _("— Choisissez —")
        self.fields["date"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["uses"].widget.attrs.update({"min": 1, "step": 1})
        if not self.is_bound and not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()

    def clean_uses(self):
        uses = self.cleaned_data["uses"]
        if uses is not None and uses < 1:
            raise ValidationError(_("Au moins une utilisation."))
        if uses is not None and uses > MAX_USES_PER_YEAR:
            raise ValidationError(_("Plus d'un million d'utilisations : vérifiez la saisie."))
        return uses


class YearForm(forms.Form):
    """The year of the reconciliation (GET)."""

    annee = forms.IntegerField(min_value=2000, max_value=2100, required=False)
