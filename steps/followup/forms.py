"""The target dates form: a date per step, and per organisation for the questionnaires."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualisation.formats import format_date
from projects.method import STEPS
from steps.planning.forms import DATE_MESSAGES, DateInput

from .deadlines import ORGANISATION_STEPS, Deadlines


@dataclass
class OrganisationDate:
    organisation: object
    field: forms.BoundField


@dataclass
class StepDates:
    step: object
    field: forms.BoundField
    organisations: list  # [OrganisationDate], for impulsion and réflexion

    @property
    def open(self) -> bool:
        """Show the organisations' dates unfolded when one is set or refused."""
        return any(o.field.errors or o.field.value() for o in self.organisations)


@dataclass(frozen=True)
class Change:
    step: str
    organisation_id: int | None
    before: date | None
    after: date | None


def step_field(step_code: str) -> str:
    return f"step_{step_code}"


def organisation_field(step_code: str, organisation_id: int) -> str:
    return f"org_{step_code}_{organisation_id}"


class DeadlinesForm(forms.Form):
    """One optional date per step and, for impulsion and réflexion, per organisation.

    A date may not come before the project's start. A date in the past is refused only
    when it is new or changed: the dates of a late project stay as they are, so the
    page can still be saved.
    """

    def __init__(self, *args, project, organisations, deadlines: Deadlines, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        self.today = today
        self.start = _local_date(project.created_at)
        self.stored: dict[str, tuple[str, int | None, date | None]] = {}
        for step in STEPS:
            name = step_field(step.code)
            stored = deadlines.step_date(step.code)
            self.fields[name] = self._date_field(
                _("Date cible de l'étape %(number)s, %(step)s")
                % {"number": step.number, "step": step.title},
                stored,
            )
            self.stored[name] = (step.code, None, stored)
            if step.code not in ORGANISATION_STEPS:
                continue
            default = format_date(stored) if stored else ""
            help_text = (
                _("Vide : la date de l'étape (%(date)s).") % {"date": default}
                if default
                else _("Vide : la date de l'étape, quand elle sera fixée.")
            )
            for organisation in self.organisations:
                name = organisation_field(step.code, organisation.pk)
                own = deadlines.own_date(step.code, organisation)
                field = self._date_field(organisation.name, own)
                field.help_text = help_text
                if stored:
                    field.widget.attrs["placeholder"] = stored.isoformat()
                self.fields[name] = field
                self.stored[name] = (step.code, organisation.pk, own)

    @staticmethod
    def _date_field(label, initial) -> forms.DateField:
        return forms.DateField(
            label=label,
            required=False,
            initial=initial,
            widget=DateInput(),
            error_messages=DATE_MESSAGES,
        )

    def clean(self):
        cleaned = super().clean()
        for name, (_step, _organisation, stored) in self.stored.items():
            value = cleaned.get(name)
            if value is None:
                continue
            if value < self.start:
                self.add_error(
                    name,
                    _("La date cible ne peut pas précéder le début du projet (le %(date)s).")
                    % {"date": format_date(self.start)},
                )
            elif value < self.today and value != stored:
                self.add_error(
                    name, _("Cette date est passée : choisissez aujourd'hui ou une date à venir.")
                )
        return cleaned

    def changes(self) -> list[Change]:
        """The dates set, changed or emptied (valid form)."""
        result = []
        for name, (step, organisation_id, stored) in self.stored.items():
            value = self.cleaned_data.get(name)
            if value != stored:
                result.append(Change(step, organisation_id, stored, value))
        return result

    def _decorate(self) -> None:
        """Bootstrap classes and the ARIA links of each input to its error and help."""
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            classes = "form-control deadline-input"
            if bound.errors:
                classes += " is-invalid"
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"{bound.auto_id}-erreur")
            if field.help_text:
                described.append(f"{bound.auto_id}-aide")
            field.widget.attrs["class"] = classes
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def steps(self) -> list[StepDates]:
        """The fields in page order: each step, then its organisations' own dates."""
        self._decorate()
        rows = []
        for step in STEPS:
            organisations = []
            if step.code in ORGANISATION_STEPS:
                organisations = [
                    OrganisationDate(o, self[organisation_field(step.code, o.pk)])
                    for o in self.organisations
                ]
            rows.append(StepDates(step, self[step_field(step.code)], organisations))
        return rows


def _local_date(moment) -> date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
