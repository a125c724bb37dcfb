"""The only HTML built in Python: fragments a page repeats hundreds of times.

Everything else is drawn by templates. What stays here was measured (the pages of
`manage.py bench`, CPU time of the same request drawn both ways): by template tags,
each made its page more than 10 % slower. The grid's cells: +15 % (one dimension),
+45 % (all of them); the pair matrix: +35 %; a portrait's text inputs: +25 %; the
<option>s of the selects repeated in every row: +11 % on the grid, all dimensions.

Every value from outside goes through `escape`; only the fragments written here are
left as they are (tests/test_markup.py feeds each function hostile text). Each
function says which markup it stands for, so that tests can hold the two together.
"""

from collections.abc import Iterable
from html import escape as _html_escape

from django.utils.safestring import SafeString, mark_safe


def escape(value) -> str:
    """Django's `conditional_escape`, without its lazy-string machinery (same output):
    markup already marked safe is kept, anything else is escaped."""
    return value.__html__() if hasattr(value, "__html__") else _html_escape(str(value))


# Signs next to the words, so that colour never carries the meaning alone.
APPRECIATION_MARKS = {"force": "+", "faiblesse": "−", "neutre": "="}


def grid_cells(cells: Iterable, words: dict) -> SafeString:
    """The <td>s of a row of the diagnostic grid, one per organisation.

    `cells`: steps.diagnostic.grid.Cell (is_empty, appreciation, description, offre,
    besoin); `words`: the page's translated words, by key: "empty", "offer", "need",
    "none" and each appreciation.
    """
    blank, offer, need = (escape(words[key]) for key in ("empty", "offer", "need"))
    html = []
    for cell in cells:
        if cell.is_empty:
            html.append(
                f'<td class="org-cell"><span class="text-body-secondary">{blank}</span></td>'
            )
            continue
        kind = cell.appreciation or "none"
        mark = APPRECIATION_MARKS.get(cell.appreciation)
        mark = f'<span aria-hidden="true">{mark} </span>' if mark else ""
        html.append(
            f'<td class="org-cell"><span class="appreciation appreciation-{escape(kind)}">'
            f"{mark}{escape(words[kind])}</span>"
        )
        if cell.description:
            html.append(f'<p class="cell-text">{escape(cell.description)}</p>')
        if cell.offre:
            html.append(f'<p class="cell-text cell-offer"><strong>{offer}</strong> ')
            html.append(f"{escape(cell.offre)}</p>")
        if cell.besoin:
            html.append(f'<p class="cell-text cell-need"><strong>{need}</strong> ')
            html.append(f"{escape(cell.besoin)}</p>")
        html.append("</td>")
    return mark_safe("".join(html))  # noqa: S308 — every answer and word escaped above


_PAIR_CLASSES = {1: "pair-score pair-positive", 0: "pair-score", -1: "pair-score pair-negative"}


def pair_cells(scores: Iterable[int | None], no_pair: str) -> SafeString:
    """The <td>s of a row of the pair matrix: each score, or None where there is no pair
    (the organisation itself), shown as a dash with `no_pair` for screen readers."""
    blank = (
        f'<td class="pair-self"><span class="visually-hidden">{escape(no_pair)}</span>'
        '<span aria-hidden="true">—</span></td>'
    )
    html = []
    for score in scores:
        if score is None:
            html.append(blank)
        else:
            score = int(score)
            html.append(f'<td class="{_PAIR_CLASSES[(score > 0) - (score < 0)]}">{score}</td>')
    return mark_safe("".join(html))  # noqa: S308 — integers, our classes, escaped `no_pair`


def pair_heat_cells(
    cells: Iterable[tuple[int, str] | None], words: dict, titles: dict, no_pair: str
) -> SafeString:
    """The <td>s of a row of the pairs' heat map: each (score, level) as its score and the
    level's short word (`words`), coloured by the level, the full words (`titles`) as the
    cell's title; None where there is no pair (the organisation itself).
    """
    blank = (
        f'<td class="pair-self"><span class="visually-hidden">{escape(no_pair)}</span>'
        '<span aria-hidden="true">—</span></td>'
    )
    words = {level: escape(word) for level, word in words.items()}
    titles = {level: escape(title) for level, title in titles.items()}
    html = []
    for cell in cells:
        if cell is None:
            html.append(blank)
            continue
        score, level = int(cell[0]), cell[1]
        html.append(
            f'<td class="pair-score heat-{escape(level)}" title="{titles[level]}">'
            f'<span class="pair-value">{score}</span> '
            f'<span class="pair-word">{words[level]}</span></td>'
        )
    return mark_safe("".join(html))  # noqa: S308 — integers, our classes, escaped words


def options(choices: Iterable[tuple[str, str]], selected: str) -> SafeString:
    """The <option>s of a select over (value, label) `choices`, `selected` chosen."""
    return mark_safe(  # noqa: S308 — every value and label escaped
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in choices
        )
    )


_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _attrs(attrs: dict) -> str:
    """Django's django/forms/widgets/attrs.html: in order, `name` for True, none for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def text_input(widget: dict) -> SafeString:
    """What Django's widget templates input.html (or textarea.html) and attrs.html draw
    from `widget`, the context of a text-like widget (`Widget.get_context()["widget"]`).

    The same markup as `str(bound_field)` (tests/steps/questionnaire/test_rendering.py),
    without three templates and a Context per field.
    """
    name, value = escape(widget["name"]), widget["value"]
    if widget["template_name"] == _TEXTAREA_TEMPLATE:
        markup = (
            f'<textarea name="{name}"{_attrs(widget["attrs"])}>\n'
            f"{escape(value) if value else ''}</textarea>"
        )
    else:
        value_html = "" if value is None else f' value="{escape(value)}"'
        markup = (
            f'<input type="{escape(widget["type"])}" name="{name}"{value_html}'
            f"{_attrs(widget['attrs'])}>"
        )
    return mark_safe(markup)  # noqa: S308 — every name and value escaped above
