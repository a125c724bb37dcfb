"""The HTML built in Python (mutualisation/markup.py): escaped, and Django's own markup.

The rest of the site draws its markup with templates; the last test keeps it that way.
"""

import ast
import re
from pathlib import Path

import pytest
from django import forms
from django.utils.functional import lazy
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from hypothesis import given
from hypothesis import strategies as st

from mutualisation import markup
from steps.diagnostic.grid import Cell, OrgRef

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(\"x\")</script> & 'q' <b>"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; &lt;b&gt;"
WORDS = {
    "empty": "Non rempli",
    "offer": "Offre :",
    "need": "Besoin :",
    "none": "Appréciation non précisée",
    "force": "Force",
    "faiblesse": "Faiblesse",
    "neutre": "Neutre",
}
ORG = OrgRef(1, "Banque alimentaire")


def _no_markup_from(text: str, html: str) -> None:
    """`text` shows escaped in `html`: none of its tags made it through."""
    assert ESCAPED in html
    assert "<script>" not in html and "<b>" not in html


@pytest.mark.parametrize(
    "value",
    [HOSTILE, "", "plain", 12, None, mark_safe("<em>sûr</em>"), lazy(lambda: HOSTILE, str)()],
)
def test_markup_escape_is_conditional_escape(value):
    """Same output as Django's conditional_escape, lazy strings and safe markup included."""
    assert markup.escape(value) == conditional_escape(value)


def test_markup_grid_cells_escape_answers_and_words():
    """Descriptions, offers, needs and the page's words are text, never markup."""
    cell = Cell(ORG, description=HOSTILE, appreciation="force", offre=HOSTILE, besoin=HOSTILE)
    html = markup.grid_cells([cell], {**WORDS, "force": HOSTILE, "offer": HOSTILE})
    assert isinstance(html, SafeString)
    _no_markup_from(HOSTILE, html)
    assert html.count(ESCAPED) == 5


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            Cell(ORG),
            '<td class="org-cell"><span class="text-body-secondary">Non rempli</span></td>',
        ),
        (
            Cell(ORG, appreciation="faiblesse"),
            '<td class="org-cell"><span class="appreciation appreciation-faiblesse">'
            '<span aria-hidden="true">− </span>Faiblesse</span></td>',
        ),
        (
            Cell(ORG, description="Un local", offre="Salle"),
            '<td class="org-cell"><span class="appreciation appreciation-none">'
            'Appréciation non précisée</span><p class="cell-text">Un local</p>'
            '<p class="cell-text cell-offer"><strong>Offre :</strong> Salle</p></td>',
        ),
        (
            Cell(ORG, appreciation="neutre", besoin="Camion"),
            '<td class="org-cell"><span class="appreciation appreciation-neutre">'
            '<span aria-hidden="true">= </span>Neutre</span>'
            '<p class="cell-text cell-need"><strong>Besoin :</strong> Camion</p></td>',
        ),
    ],
)
def test_markup_grid_cells_markup(cell, expected):
    """A sign goes with each appreciation, so that colour never carries the meaning."""
    assert markup.grid_cells([cell], WORDS) == expected


def test_markup_pair_cells_classes_and_no_pair():
    """The sign of a score gives its class; no pair is a dash, named for screen readers."""
    html = markup.pair_cells([None, 3, 0, -2], HOSTILE)
    assert html == (
        f'<td class="pair-self"><span class="visually-hidden">{ESCAPED}</span>'
        '<span aria-hidden="true">—</span></td>'
        '<td class="pair-score pair-positive">3</td>'
        '<td class="pair-score">0</td>'
        '<td class="pair-score pair-negative">-2</td>'
    )


def test_markup_pair_cells_take_only_numbers():
    """A score is written as an integer: text cannot slip into the matrix."""
    with pytest.raises(ValueError):
        markup.pair_cells(["<b>1</b>"], "sans objet")


def test_markup_options_escape_values_and_labels():
    """Each <option>'s value and label is text; the selected value is marked."""
    html = markup.options([("a", "Première"), (HOSTILE, HOSTILE)], HOSTILE)
    assert html == (
        f'<option value="a">Première</option><option value="{ESCAPED}" selected>{ESCAPED}</option>'
    )


TEXT_WIDGETS = [forms.TextInput, forms.Textarea, forms.DateInput, forms.NumberInput]


@pytest.mark.parametrize("widget_class", TEXT_WIDGETS)
@pytest.mark.parametrize("value", [None, "", "12,5", HOSTILE, "Ligne 1\nLigne 2"])
def test_markup_text_input_is_djangos_rendering(widget_class, value):
    """The same markup as Django's widget templates, attributes in order."""
    attrs = {
        "id": 'id_"q"',
        "class": "form-control",
        "aria-describedby": HOSTILE,
        "required": True,
        "disabled": False,
    }
    widget = widget_class(attrs=attrs)
    context = widget.get_context("code" + HOSTILE, value, None)["widget"]
    assert markup.text_input(context) == widget.render("code" + HOSTILE, value)


@given(value=st.text(), name=st.text(min_size=1))
def test_markup_text_input_escapes_any_text(value, name):
    """Whatever the user typed, the input is Django's rendering: escaped."""
    for widget in (forms.TextInput(), forms.Textarea()):
        context = widget.get_context(name, value, {"id": name})["widget"]
        assert markup.text_input(context) == widget.render(name, value, {"id": name})


def _calls_to(path: Path, names: set[str]) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in names
    ]


# CSS, not HTML: the page counter and margins of the PDFs, escaped for a CSS string.
CSS_HELPERS = {"steps/reports/common.py"}
# The comments' Markdown-light: markdown-it with raw HTML off and links checked, so every
# byte is the renderer's (hostile input: tests/steps/comments/test_rendering.py).
MARKDOWN_RENDERER = {"steps/comments/rendering.py"}


def test_markup_mark_safe_only_in_markup_module():
    """HTML is drawn by templates; markup.py holds the few measured exceptions."""
    offenders = {}
    for package in ("projects", "steps", "mutualisation"):
        for path in (ROOT / package).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            if name == "mutualisation/markup.py" or name in CSS_HELPERS | MARKDOWN_RENDERER:
                continue
            lines = _calls_to(path, {"mark_safe", "SafeString", "SafeText"})
            if lines:
                offenders[name] = lines
    assert offenders == {}


def test_markup_css_helpers_stay_css():
    """The CSS exception marks safe CSS strings only, never HTML."""
    for name in CSS_HELPERS:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert not re.search(r"mark_safe\([^)]*<", text)
