"""Forms of the strategic plan, the action plan and the communication plan; every message
in French."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import ProjectOrganisationField
from steps.listing import Options
from steps.models import Action, Axis, CommunicationItem, Orientation, StrategicVision, Strategy


class DateInput(forms.DateInput):
    """A native date picker; the value travels as ISO (AAAA-MM-JJ)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


DATE_MESSAGES = {"invalid": _("Entrez une date valide (AAAA-MM-JJ).")}
PROGRESS_MESSAGES = {
    "required": _("Indiquez l'avancement, de 0 à 100 %."),
    "invalid": _("L'avancement est un nombre entier de 0 à 100."),
    "min_value": _("L'avancement se situe entre 0 et 100."),
    "max_value": _("L'avancement se situe entre 0 et 100."),
}


class StrategicVisionForm(forms.ModelForm):
    class Meta:
        model = StrategicVision
        fields = ["vision", "values"]
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 4}),
            "values": forms.Textarea(attrs={"rows": 5}),
        }


class AxisForm(forms.ModelForm):
    class Meta:
        model = Axis
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": _("Donnez un titre à l'axe.")}}


class OrientationForm(forms.ModelForm):
    class Meta:
        model = Orientation
        fields = ["title", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": _("Donnez un titre à l'orientation.")}}


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "order"]
        error_messages = {"title": {"required": _("Décrivez la stratégie.")}}


class _ProgressMixin:
    """Progress from 0 to 100; an action marked done is complete."""

    def _clean_progress_and_status(self, cleaned):
        if cleaned.get("status") == Action.Status.DONE and "progress" in cleaned:
            cleaned["progress"] = 100
        return cleaned


class ActionForm(_ProgressMixin, forms.ModelForm):
    progress = forms.IntegerField(
        label=_("Avancement (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        error_messages=PROGRESS_MESSAGES,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "axis",
            "organisation",
            "responsible_person",
            "start_date",
            "due_date",
            "target",
            "means",
            "status",
            "progress",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "means": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "due_date": DateInput(),
        }
        error_messages = {
            "title": {"required": _("Nommez l'action.")},
            "start_date": DATE_MESSAGES,
            "due_date": DATE_MESSAGES,
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = Axis.objects.filter(project=project)
        self.fields["axis"].empty_label = _("— Aucun axe —")
        self.fields["organisation"].queryset = project.organisations.order_by("name")
        self.fields["organisation"].empty_label = _("— À déterminer —")

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("L'échéance ne peut pas précéder la date de début."))
        return self._clean_progress_and_status(cleaned)


class ActionStatusForm(_ProgressMixin, forms.Form):
    """What a partner may change on an action of its organisation."""

    status = forms.ChoiceField(label=_("Statut"), choices=Action.Status.choices)
    progress = forms.IntegerField(
        label=_("Avancement (%)"),
        min_value=0,
        max_value=100,
        error_messages=PROGRESS_MESSAGES,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
    )

    def __init__(self, *args, action=None, **kwargs):
        if action is not None:
            kwargs.setdefault("initial", {"status": action.status, "progress": action.progress})
            kwargs.setdefault("prefix", self.prefix_for(action))
        super().__init__(*args, **kwargs)

    @staticmethod
    def prefix_for(action) -> str:
        """The prefix of an action's fields, so the list holds one form per action."""
        return f"action-{action.pk}"

    def clean(self):
        return self._clean_progress_and_status(super().clean())


class ActionFilterForm(forms.Form):
    """The filters of the action list, read from the query string.

    The options come from lists the page already fetched, so filtering costs no query.
    """

    axis = forms.ChoiceField(label=_("Axe"), required=False)
    status = forms.ChoiceField(label=_("Statut"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation responsable"), required=False)
    overdue = forms.BooleanField(label=_("En retard seulement"), required=False)

    def __init__(self, *args, axes, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self._axes = {str(axis.pk): axis for axis in axes}
        self._organisations = {str(org.pk): org for org in organisations}
        # Values as text, as the query string gives them back.
        self.fields["axis"].choices = [("", _("Tous"))] + [(str(a.pk), a.title) for a in axes]
        self.fields["status"].choices = [("", _("Tous"))] + list(Action.Status.choices)
        self.fields["organisation"].choices = [("", _("Toutes"))] + [
            (str(o.pk), o.name) for o in organisations
        ]

    def filters(self) -> dict:
        """The valid filters as keyword arguments of `actions_for` (invalid ones ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data  # the fields that are valid
        return {
            "axis": self._axes.get(data.get("axis") or ""),
            "status": data.get("status") or "",
            "organisation": self._organisations.get(data.get("organisation") or ""),
            "overdue": bool(data.get("overdue")),
        }

    @property
    def is_filtering(self) -> bool:
        return any(self.filters().values())

    @property
    def selects(self) -> list[tuple]:
        """(bound field, its <option>s with the current choice selected) of each select:
        thirty organisations make a long list to render option by option."""
        selects = []
        for name in ("axis", "status", "organisation"):
            field = self[name]
            current = field.value()
            options = Options(self.fields[name].choices)("" if current is None else str(current))
            selects.append((field, options))
        return selects


class CommunicationItemForm(forms.ModelForm):
    class Meta:
        model = CommunicationItem
        fields = [
            "audience",
            "message",
            "channels",
            "date",
            "period",
            "responsible_organisation",
            "responsible_person",
        ]
        field_classes = {"responsible_organisation": ProjectOrganisationField}
        widgets = {"message": forms.Textarea(attrs={"rows": 3}), "date": DateInput()}
        error_messages = {
            "audience": {"required": _("Indiquez à qui s'adresse ce message.")},
            "message": {"required": _("Écrivez le message à transmettre.")},
            "date": {"invalid": _("Entrez une date valide, par exemple 2026-11-22.")},
        }
        help_texts = {
            "audience": _("Conseils d'administration, équipes, membres, bailleurs de fonds…"),
            "channels": _("Rencontre, infolettre, courriel, médias sociaux…"),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = project.organisations.all()

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("date")
            and not cleaned.get("period", "").strip()
            and "date" not in self.errors
        ):
            self.add_error("period", _("Indiquez quand : une date précise ou une période."))
        return cleaned
