"""The questionnaire of one scope of a step as a Django form, and the dimensions form.

Each question is one field named by its code; its inputs are wrapped in the page by a
container carrying the question's code and stored version, so the autosave script and
the no-JavaScript « Enregistrer » button post exactly the same names.
"""

from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from mutualisation import markup
from steps import catalogue

from . import fields

VERSION_SUFFIX = "__version"  # hidden input "<code>__version": the version the user started from

# Django's own templates of the text-like widgets the questionnaire uses, whose markup
# markup.text_input draws without the template engine (see widget_html).
_INPUT_TEMPLATES = {"django/forms/widgets/text.html", "django/forms/widgets/date.html"}
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def widget_html(bound) -> SafeString:
    """`str(bound)`: the markup of Django's default text, date and textarea widgets, drawn
    by markup.text_input. A réflexion page shows some hundred fields, and Django renders
    each widget through three templates; other widgets (or customised templates) go
    through Django."""
    widget = bound.field.widget
    if widget.template_name not in _INPUT_TEMPLATES and widget.template_name != _TEXTAREA_TEMPLATE:
        return str(bound)
    if bound.field.localize:
        widget.is_localized = True
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    return markup.text_input(widget.get_context(bound.html_name, bound.value(), attrs)["widget"])


@dataclass
class Option:
    value: str
    label: str
    input_id: str
    checked: bool
    label_class: str = "form-check-label"  # an appreciation's value colours its label


@dataclass
class OptionGroup:
    label: str
    options: list


@dataclass
class QuestionRow:
    """What the template needs to show one question, editable or read-only."""

    question: object
    bound_field: object
    answer: object  # the stored Answer or None
    version: int
    editable: bool
    display: str = ""  # the stored value as text (read-only pages)
    option_groups: list = field(default_factory=list)  # radios and checkboxes
    input_type: str = ""  # "radio" | "checkbox" | "" (text-like inputs)
    check_class: str = "form-check"  # short scales (appreciation, 1 to 5) stay on one line
    other_field: object = None  # (name, id, value) of « Autre, précisez »
    conflict: object = None  # services.Conflict, on the no-JavaScript path
    conflict_display: str = ""
    missing: bool = False
    short_label: str = ""  # in a portrait card: the part only (« Description »)…
    context_label: str = ""  # …and the card's title, read by screen readers before it
    quiet_help: bool = False  # help explained once for the page: only for screen readers
    history_url: str = ""  # the answer's history page, set by the view
    # Read once here rather than at each use in the template (a page shows ~150 rows).
    help: str = ""  # the question's help, in the active language
    auto_id: str = ""  # the field's id: "<id>-help" and "<id>-errors" derive from it
    errors: list = field(default_factory=list)  # the field's error messages
    answered: bool = False  # has a stored answer that counts (read views put these first)

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def anchor(self) -> str:
        return f"q-{self.question.code}"

    @property
    def widget_html(self) -> SafeString:
        """The input of a text-like question (choices are laid out by the template)."""
        return widget_html(self.bound_field)


class QuestionnaireForm(forms.Form):
    """The questions of one scope of a step, prefilled with the stored answers."""

    def __init__(self, data=None, *, questions, answers, editable: bool = True):
        super().__init__(data)
        self.questions = list(questions)
        self.answers = answers  # code -> Answer
        self.editable = editable
        self.conflicts = {}  # code -> services.Conflict
        self.base_versions = {}  # code -> version to keep in the page instead of the stored one
        self.missing = set()
        for question in self.questions:
            question_field = fields.create_field(question)
            answer = answers.get(question.code)
            question_field.initial = fields.from_storage(
                question, answer.value if answer else None
            )
            self.fields[question.code] = question_field

    def version_of(self, code: str) -> int:
        answer = self.answers.get(code)
        return answer.version if answer else 0

    def rows(self) -> dict[str, QuestionRow]:
        return {question.code: self.row(question) for question in self.questions}

    def row(self, question) -> QuestionRow:
        code = question.code
        answer = self.answers.get(code)
        bound = self[code]
        conflict = self.conflicts.get(code)
        row = QuestionRow(
            question=question,
            bound_field=bound,
            answer=answer,
            version=(
                conflict.their_version
                if conflict
                else self.base_versions.get(code, self.version_of(code))
            ),
            editable=self.editable,
            display=fields.display(question, answer.value if answer else None),
            conflict=conflict,
            conflict_display=fields.display(question, conflict.their_value) if conflict else "",
            missing=code in self.missing,
            help=question.help,
            auto_id=bound.auto_id,
            errors=bound.errors,
            answered=answer is not None and fields.is_answered(answer.value),
        )
        described = [f"{row.auto_id}-help"] if row.help else []
        if row.errors:
            described.append(f"{row.auto_id}-errors")
            bound.field.widget.attrs["aria-invalid"] = "true"
        if described:
            bound.field.widget.attrs["aria-describedby"] = " ".join(described)
        self._add_options(row, bound)
        return row

    def _add_options(self, row: QuestionRow, bound) -> None:
        question_field = bound.field
        value = bound.value()
        if isinstance(question_field, fields.ChoicesWithOtherField):
            selected, other = (
                value
                if isinstance(value, list | tuple)
                else question_field.widget.decompress(value)
            )
            choices = question_field.fields[0].choices
            row.input_type = "checkbox" if question_field.multiple else "radio"
            row.other_field = {
                "name": bound.html_name + "_" + fields.OTHER,
                "id": f"{bound.auto_id}_{fields.OTHER}",
                "value": other or "",
            }
        elif isinstance(question_field.widget, forms.CheckboxSelectMultiple):
            selected, choices, row.input_type = value, question_field.choices, "checkbox"
        elif isinstance(question_field.widget, forms.RadioSelect):
            selected, choices, row.input_type = value, question_field.choices, "radio"
        else:
            return
        if isinstance(selected, list | tuple):
            selected = {str(v) for v in selected}
        else:
            selected = {str(selected)} if selected not in (None, "") else set()
        question_type = row.question.type
        if question_type in (catalogue.QuestionType.APPRECIATION, catalogue.QuestionType.SCALE):
            row.check_class = "form-check form-check-inline"
        appreciation = question_type == catalogue.QuestionType.APPRECIATION
        counter = 0
        groups, loose = [], OptionGroup("", [])
        for choice_value, label in choices:
            if isinstance(label, list | tuple):
                group = OptionGroup(str(choice_value), [])
                for sub_value, sub_label in label:
                    group.options.append(
                        Option(
                            sub_value,
                            sub_label,
                            f"{bound.auto_id}_{counter}",
                            str(sub_value) in selected,
                            f"form-check-label appreciation-{sub_value}"
                            if appreciation
                            else "form-check-label",
                        )
                    )
                    counter += 1
                groups.append(group)
            else:
                loose.options.append(
                    Option(
                        choice_value,
                        label,
                        f"{bound.auto_id}_{counter}",
                        str(choice_value) in selected,
                        f"form-check-label appreciation-{choice_value}"
                        if appreciation
                        else "form-check-label",
                    )
                )
                counter += 1
        if loose.options:
            groups.append(loose)
        row.option_groups = groups


def redisplay_data(questions, answers, posted, problem_codes) -> QueryDict:
    """Form data for re-displaying a save with problems: the user's input for the
    questions that failed, the stored answers (maybe newer than the page) elsewhere."""
    data = QueryDict(mutable=True)
    for question in questions:
        if question.code in problem_codes:
            names = [question.code, question.code + "_" + fields.OTHER]
            for name in names:
                if name in posted:
                    data.setlist(name, posted.getlist(name))
            continue
        answer = answers.get(question.code)
        for name, value in fields.as_form_data(question, answer.value if answer else None).items():
            data.setlist(name, value if isinstance(value, list) else [value])
    return data


class DimensionsForm(forms.Form):
    dimensions = forms.MultipleChoiceField(
        label=_("Dimensions du portrait retenues pour ce projet"),
        help_text=_(
            "Un projet centré sur une ressource précise (un camion, des locaux) peut laisser "
            "de côté les dimensions qui ne le concernent pas. Au moins une dimension."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une dimension.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimensions"].choices = [(d.code, d.title) for d in catalogue.DIMENSIONS]
