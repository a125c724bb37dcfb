"""Form fields built from the question catalogue, and how each type's answer is stored.

One ``create_<type>_field(question)`` per QuestionType (in the spirit of Wagtail's form
builder), gathered in ``FIELD_TYPES`` with the type's ``to_storage`` / ``from_storage``
/ ``display`` functions. Every field is optional at the form level: autosave stores
partial answers; required questions are checked when a step is submitted.

Stored value formats (``Answer.value``, JSON) — the contract for demo data, exports and
every reader of answers. An empty answer is stored as ``None``.

================  ==========================================================  ================
type              stored value                                                example
================  ==========================================================  ================
short_text        str, stripped                                               "Salle au 2e"
long_text         str, stripped (line breaks kept)                            "Nous offrons…"
single_choice     the choice code, str; with ``allow_other`` and « Autre »    "consensus"
                  chosen: {"choice": "autre", "other": str}
multi_choice      {"choices": [codes], "other": str}; "autre" is among        {"choices":
                  the codes when « Autre, précisez » is ticked, "other" is     ["risques",
                  its text ("" when none)                                     "autre"],
                                                                              "other": "…"}
appreciation      "force" | "faiblesse" | "neutre"                            "force"
number            decimal as a string, no exponent, no trailing zeros         "12.5", "40"
money (CAD)       decimal as a string with exactly two places                 "1234.56"
date              ISO 8601 date string                                        "2026-11-22"
scale             int from 1 to 5                                             4
================  ==========================================================  ================

Inputs are forgiving where people differ: numbers and amounts accept « 1 234,56 »,
« 1234.56 », « 12,5 $ »; dates come from an ``<input type="date">`` (ISO) or « 22/11/2026 ».
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from mutualisation.formats import format_date, format_money, format_number
from steps import catalogue
from steps.catalogue.base import Choice, Question, QuestionType

OTHER = "autre"  # the code of « Autre, précisez » in single and multiple choices
OTHER_SUFFIX = "_autre"  # the name of the « précisez » text input: "<field name>_autre"

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 20_000
MAX_DIGITS = 15  # before the decimal point: plenty for any budget, refuses nonsense


def _is_english() -> bool:
    return (get_language() or "fr").lower().startswith("en")


def _appreciation_choices() -> tuple[Choice, ...]:
    return tuple(catalogue.APPRECIATION_CHOICES)


def _other_choice() -> Choice:
    return Choice(OTHER, "Autre, précisez", "Other, please specify")


def choices_of(question: Question) -> tuple[Choice, ...]:
    """The choices shown for a question, « Autre, précisez » last when allowed."""
    if question.type == QuestionType.APPRECIATION:
        return _appreciation_choices()
    if question.type == QuestionType.SCALE:
        return tuple(Choice(str(n), str(n), str(n)) for n in range(1, 6))
    choices = tuple(question.choices)
    if question.allow_other and OTHER not in {c.code for c in choices}:
        choices += (_other_choice(),)
    return choices


def _django_choices(choices) -> list:
    """Choices for a Django field, grouped under their `group` label when they have one."""
    result, groups = [], {}
    for choice in choices:
        if not choice.group:
            result.append((choice.code, choice.label))
        elif choice.group in groups:
            groups[choice.group].append((choice.code, choice.label))
        else:
            groups[choice.group] = [(choice.code, choice.label)]
            result.append((choice.group, groups[choice.group]))
    return result


def _flat_choices(choices) -> list[tuple[str, str]]:
    return [(choice.code, choice.label) for choice in choices]


def _label_of(question: Question, code) -> str:
    for choice in choices_of(question):
        if choice.code == str(code):
            return choice.label
    return str(code)


def _common(question: Question) -> dict:
    return {"label": question.label, "help_text": question.help, "required": False}


# --- Amounts and numbers ------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_PLAIN_DECIMAL = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")


def parse_decimal(text) -> Decimal:
    """`« 1 234,56 »`, `« 1234.56 »`, `« 12,5 $ »`, `« 1,234.56 »` → Decimal; ValueError else.

    A lone comma is the decimal separator (French usage); when both a comma and a point
    appear, the rightmost one is the decimal separator.
    """
    cleaned = _SPACES.sub("", str(text)).removesuffix("CAD").removesuffix("$").removeprefix("$")
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not _PLAIN_DECIMAL.match(cleaned):
        raise ValueError(text)
    try:
        number = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if abs(number) >= Decimal(10) ** MAX_DIGITS:
        raise ValueError(text)
    return number


def decimal_to_string(number: Decimal) -> str:
    """`Decimal("12.50")` → "12.5", `Decimal("1E+2")` → "100": no exponent, no trailing 0."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class NumberField(forms.CharField):
    """A number typed the French or the English way; cleans to a Decimal."""

    default_error_messages = {
        "invalid": _("Entrez un nombre, par exemple 12 ou 12,5."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control input-number"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_decimal(text)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class MoneyField(NumberField):
    """An amount in Canadian dollars, at most two decimals; cleans to a Decimal."""

    default_error_messages = {
        "invalid": _("Entrez un montant en dollars, par exemple 1 234,56."),
        "cents": _("Un montant compte au plus deux décimales (les cents)."),
    }

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["cents"], code="cents")
        return number.quantize(Decimal("0.01"))


# --- Choices with « Autre, précisez » -------------------------------------------------


class ChoicesWithOtherWidget(forms.MultiWidget):
    """Radio buttons or checkboxes, plus a text input named `<name>_autre`."""

    def __init__(self, choices, multiple: bool, attrs=None):
        select = forms.CheckboxSelectMultiple if multiple else forms.RadioSelect
        widgets = {
            "": select(choices=choices),
            OTHER: forms.TextInput(attrs={"class": "form-control"}),  # named "<name>_autre"
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, list | tuple) and len(value) == 2:
            return list(value)
        if isinstance(value, str):  # a single choice without « Autre »
            return [value, ""]
        return [None, ""]


class ChoicesWithOtherField(forms.MultiValueField):
    """Cleans to `(codes or code, other text)`; « Autre » ticked needs its text."""

    default_error_messages = {
        "other_missing": _("Vous avez coché « Autre » : précisez en quelques mots."),
        "invalid_choice": _("Choisissez parmi les réponses proposées."),
    }

    def __init__(self, *, choices, multiple: bool, **kwargs):
        self.multiple = multiple
        select_field = forms.MultipleChoiceField if multiple else forms.ChoiceField
        fields = (
            select_field(
                choices=choices,
                required=False,
                error_messages={"invalid_choice": self.default_error_messages["invalid_choice"]},
            ),
            forms.CharField(required=False, max_length=SHORT_TEXT_MAX),
        )
        super().__init__(
            fields,
            require_all_fields=False,
            widget=ChoicesWithOtherWidget(choices, multiple),
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list:
            return None
        selected, other = data_list[0], (data_list[1] or "").strip()
        ticked = OTHER in (selected or []) if self.multiple else selected == OTHER
        if ticked and not other:
            raise ValidationError(self.error_messages["other_missing"], code="other_missing")
        if not selected and not other:
            return None
        return (list(selected or []) if self.multiple else (selected or None), other)


# --- One builder per type -----------------------------------------------------------


def create_short_text_field(question: Question) -> forms.Field:
    return forms.CharField(
        max_length=SHORT_TEXT_MAX,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={
            "max_length": _("Au plus %(limit_value)d caractères (vous en avez %(show_value)d).")
        },
        **_common(question),
    )


def create_long_text_field(question: Question) -> forms.Field:
    return forms.CharField(
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
        error_messages={
            "max_length": _("Au plus %(limit_value)d caractères (vous en avez %(show_value)d).")
        },
        **_common(question),
    )


def create_single_choice_field(question: Question) -> forms.Field:
    choices = _django_choices(choices_of(question))
    if question.allow_other:
        return ChoicesWithOtherField(choices=choices, multiple=False, **_common(question))
    return forms.ChoiceField(
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez parmi les réponses proposées.")},
        **_common(question),
    )


def create_multi_choice_field(question: Question) -> forms.Field:
    choices = _django_choices(choices_of(question))
    if question.allow_other:
        return ChoicesWithOtherField(choices=choices, multiple=True, **_common(question))
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choisissez parmi les réponses proposées.")},
        **_common(question),
    )


def create_appreciation_field(question: Question) -> forms.Field:
    return forms.ChoiceField(
        choices=_flat_choices(choices_of(question)),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez force, faiblesse ou neutre.")},
        **_common(question),
    )


def create_number_field(question: Question) -> forms.Field:
    return NumberField(**_common(question))


def create_money_field(question: Question) -> forms.Field:
    return MoneyField(**_common(question))


def create_date_field(question: Question) -> forms.Field:
    return forms.DateField(
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-control input-date"}, format="%Y-%m-%d"
        ),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": _("Entrez une date valide, par exemple 22/11/2026.")},
        **_common(question),
    )


def create_scale_field(question: Question) -> forms.Field:
    return forms.TypedChoiceField(
        choices=_flat_choices(choices_of(question)),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez une valeur de 1 à 5.")},
        **_common(question),
    )


# --- Storage, per type --------------------------------------------------------------


def _text_to_storage(cleaned):
    text = (cleaned or "").strip()
    return text or None


def _text_from_storage(value):
    return value if isinstance(value, str) else ""


def _text_display(question, value):
    return value if isinstance(value, str) else ""


def _single_to_storage(cleaned):
    if cleaned in (None, ""):
        return None
    if isinstance(cleaned, tuple):  # with « Autre, précisez »
        code, other = cleaned
        if code == OTHER:
            return {"choice": OTHER, "other": other}
        return code
    return cleaned


def _single_from_storage(value):
    if isinstance(value, dict):
        return [value.get("choice"), value.get("other", "")]
    return value


def _single_display(question, value):
    if isinstance(value, dict):
        other = value.get("other", "")
        return f"{gettext('Autre')} : {other}" if other else gettext("Autre")
    return _label_of(question, value) if value not in (None, "") else ""


def _multi_to_storage(cleaned):
    if not cleaned:
        return None
    if isinstance(cleaned, tuple):  # with « Autre, précisez »
        codes, other = cleaned
    else:
        codes, other = cleaned, ""
    return {"choices": list(codes), "other": other}


def multi_choice_parts(value) -> list:
    """A stored multiple choice as `[codes, other text]` (empty for no answer)."""
    if isinstance(value, dict):
        return [list(value.get("choices", [])), value.get("other", "")]
    if isinstance(value, list):  # tolerated: a bare list of codes
        return [value, ""]
    return [[], ""]


def _multi_display(question, value):
    codes, other = multi_choice_parts(value)
    labels = []
    for code in codes:
        if code == OTHER:
            labels.append(f"{gettext('Autre')} : {other}" if other else gettext("Autre"))
        else:
            labels.append(_label_of(question, code))
    return " · ".join(labels)


def _choice_to_storage(cleaned):
    return cleaned or None


def _choice_display(question, value):
    return _label_of(question, value) if value not in (None, "") else ""


def _identity(value):
    return value


def _number_to_storage(cleaned):
    return None if cleaned is None else decimal_to_string(cleaned)


def _input_number(value) -> str:
    """A stored decimal as typed in a field: `12,5` in French (no thousands separator)."""
    if value in (None, ""):
        return ""
    text = str(value)
    return text if _is_english() else text.replace(".", ",")


def _number_from_storage(value):
    return _input_number(value)


def _number_display(question, value):
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_number(number, places=max(0, -number.as_tuple().exponent))


def _money_to_storage(cleaned):
    return None if cleaned is None else f"{cleaned.quantize(Decimal('0.01'))}"


def _money_from_storage(value):
    return _input_number(value)


def _money_display(question, value):
    return format_money(value) if value not in (None, "") else ""


def _date_to_storage(cleaned):
    return cleaned.isoformat() if isinstance(cleaned, date) else None


def _date_from_storage(value):
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _date_display(question, value):
    return format_date(value) if value else ""


def _scale_to_storage(cleaned):
    return None if cleaned in (None, "") else int(cleaned)


def _scale_from_storage(value):
    return None if value in (None, "") else str(value)


def _scale_display(question, value):
    return f"{value} / 5" if value not in (None, "") else ""


@dataclass(frozen=True)
class FieldType:
    create: Callable[[Question], forms.Field]
    to_storage: Callable  # cleaned form value -> JSON value (None when empty)
    from_storage: Callable  # JSON value -> the field's initial value
    display: Callable  # (question, JSON value) -> text for read-only pages and history


FIELD_TYPES: dict[QuestionType, FieldType] = {
    QuestionType.SHORT_TEXT: FieldType(
        create_short_text_field, _text_to_storage, _text_from_storage, _text_display
    ),
    QuestionType.LONG_TEXT: FieldType(
        create_long_text_field, _text_to_storage, _text_from_storage, _text_display
    ),
    QuestionType.SINGLE_CHOICE: FieldType(
        create_single_choice_field, _single_to_storage, _single_from_storage, _single_display
    ),
    QuestionType.MULTI_CHOICE: FieldType(
        create_multi_choice_field, _multi_to_storage, multi_choice_parts, _multi_display
    ),
    QuestionType.APPRECIATION: FieldType(
        create_appreciation_field, _choice_to_storage, _identity, _choice_display
    ),
    QuestionType.NUMBER: FieldType(
        create_number_field, _number_to_storage, _number_from_storage, _number_display
    ),
    QuestionType.MONEY: FieldType(
        create_money_field, _money_to_storage, _money_from_storage, _money_display
    ),
    QuestionType.DATE: FieldType(
        create_date_field, _date_to_storage, _date_from_storage, _date_display
    ),
    QuestionType.SCALE: FieldType(
        create_scale_field, _scale_to_storage, _scale_from_storage, _scale_display
    ),
}


# --- Entry points -------------------------------------------------------------------


def create_field(question: Question) -> forms.Field:
    """The Django form field of a question (always optional at the form level)."""
    return FIELD_TYPES[question.type].create(question)


def to_storage(question: Question, cleaned):
    """A cleaned form value → the JSON stored in `Answer.value` (None when empty)."""
    if question.type == QuestionType.MULTI_CHOICE and not question.allow_other:
        cleaned = list(cleaned or [])
    return FIELD_TYPES[question.type].to_storage(cleaned)


def _from_storage(question: Question, value):
    if question.type == QuestionType.MULTI_CHOICE and not question.allow_other:
        return multi_choice_parts(value)[0]
    return FIELD_TYPES[question.type].from_storage(value)


def from_storage(question: Question, value):
    """The JSON of `Answer.value` → the field's initial value (empty when unreadable)."""
    try:
        return _from_storage(question, value)
    except (TypeError, ValueError, AttributeError, KeyError):
        return None


# Shown instead of a stored value that does not fit its question (an old or damaged
# record): the page still opens and says so.
UNREADABLE = _("valeur illisible")


def display(question: Question, value) -> str:
    """A stored value as people read it: labels, `1 234,56 $`, `22 novembre 2026`."""
    if value is None:
        return ""
    try:
        return FIELD_TYPES[question.type].display(question, value)
    except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError):
        return str(UNREADABLE)


def stored_value_error(question: Question, value) -> str | None:
    """Why `value` cannot be stored as the answer to `question`, or None when it can.

    The value goes back through the question's own form field, as a submission would,
    and must come out unchanged: the same rules (type, choices, bounds, lengths) hold for
    the forms, the autosave and an imported file.
    """
    if value is None:
        return None
    field = create_field(question)
    try:
        initial = _from_storage(question, value)
        if isinstance(field, forms.MultiValueField) and not isinstance(initial, list):
            initial = field.widget.decompress(initial)  # as the page would show it
        cleaned = field.clean(initial)
        canonical = to_storage(question, cleaned)
    except ValidationError as error:
        return " ".join(str(message) for message in error.messages)
    except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError):
        canonical = ...
    if canonical != value:
        return gettext("valeur de forme inattendue pour une question de type « %(type)s ».") % {
            "type": question.type.value
        }
    return None


def is_answered(value) -> bool:
    """Whether a stored value counts as an answer (for progress and required checks)."""
    if value is None or value == "":
        return False
    if isinstance(value, dict) and "choices" in value:
        return bool(value["choices"])
    return value != []


def is_answered_json(text: str | None) -> bool:
    """`is_answered` of a value still in its JSON text, as the database returns it.

    Counting answers over a large project need not decode them all: only an object (a
    multiple choice), a list or a very short text (``null``, ``""``) can be an empty
    answer; any other JSON text is a non-empty string or a number.
    """
    text = (text or "").strip()
    if not text:
        return False
    if len(text) <= 4 or text[0] in "{[":
        return is_answered(json.loads(text))
    return True


def raw_value(question: Question, data, name: str | None = None):
    """What the widget of `question` reads from posted data (before cleaning)."""
    field = create_field(question)
    return field.widget.value_from_datadict(data, {}, name or question.code)


def clean(question: Question, raw):
    """Validate a raw widget value: the JSON to store, or ValidationError (French)."""
    field = create_field(question)
    return to_storage(question, field.clean(raw))


def as_form_data(question: Question, value, name: str | None = None) -> dict:
    """A stored value as posted form data {input name: str or [str]}: to refill inputs."""
    name = name or question.code
    initial = from_storage(question, value)
    if isinstance(create_field(question), ChoicesWithOtherField):
        selected, other = initial if isinstance(initial, list) else (initial, "")
        empty = [] if question.type == QuestionType.MULTI_CHOICE else ""
        return {name: selected or empty, name + OTHER_SUFFIX: other or ""}
    if isinstance(initial, date):
        return {name: initial.isoformat()}
    if initial is None:
        return {name: ""}
    if isinstance(initial, list):
        return {name: [str(code) for code in initial]}
    return {name: str(initial)}
