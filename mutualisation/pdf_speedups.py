"""Three narrow speed-ups of WeasyPrint 70 / pydyf 0.13 for our reports (issue 17).

Installed once by `mutualisation.pdf` (`install()`), only on the versions they were
written and checked against (`SUPPORTED`); any other version runs unpatched. Measured on
the 155-page dossier of the 30-organisation synthetic project (README, « Banc d'essai
des pages »):

- **SVG text as one run.** WeasyPrint lays out and draws every letter of an SVG <text>
  on its own (one Pango layout and one PDF text object per letter): the four action-plan
  timelines, the cost and indicator charts (~850 <text>) took ~1.3 s. A <text>/<tspan>
  with at most one x and one y, no dx/dy/rotate lists, no letter-spacing nor textLength
  (all of ours) is now laid out and drawn in one go: same place, same bounding box (so
  `text-anchor` still works), kerning now applied, ~a third of the SVG time, fewer PDF
  operators (the text extracted from the PDF is unchanged). Any other <text> goes
  through WeasyPrint's code.
- **Page references.** `pydyf.PDF.page_references` rebuilds the tuple of all page
  references at each call, and the PDF/UA structure tree calls it once per tagged box
  (~34 000 times for 155 pages): the tuple is now kept until a page is added.
- **Compression level.** pydyf compresses every stream at zlib level 9; level 6 (zlib's
  own default) takes about half the time for a PDF a few per cent larger.
"""

import sys
import types
import zlib
from math import inf

import pydyf
import weasyprint

SUPPORTED = {"weasyprint": ("70.",), "pydyf": ("0.13.",)}

# zlib level of the PDF streams (pydyf asks for 9).
STREAM_COMPRESSION_LEVEL = 6

_installed = False


def supported() -> bool:
    return weasyprint.__version__.startswith(SUPPORTED["weasyprint"]) and getattr(
        pydyf, "__version__", ""
    ).startswith(SUPPORTED["pydyf"])


def install() -> bool:
    """Install the speed-ups (once); False when the versions are not the checked ones."""
    global _installed
    if _installed:
        return True
    if not supported():
        return False
    _install_page_references()
    _install_compression_level()
    _install_svg_text()
    _installed = True
    return True


def _install_page_references():
    def page_references(self):
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_mutualisation_page_references")
        if cached is None or cached[0] != len(kids):
            references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
            cached = self.__dict__["_mutualisation_page_references"] = (len(kids), references)
        return cached[1]

    pydyf.PDF.page_references = property(page_references)


def _install_compression_level():
    def compressobj(level=-1, *args, **kwargs):
        return zlib.compressobj(min(level, STREAM_COMPRESSION_LEVEL), *args, **kwargs)

    # Only the `zlib` name pydyf's module sees: zlib itself is untouched.
    pydyf.zlib = types.SimpleNamespace(compress=zlib.compress, compressobj=compressobj)


def _single_value(attribute) -> bool:
    from weasyprint.svg.utils import normalize

    return len(normalize(attribute).strip().split(" ")) == 1


def is_simple_text(node) -> bool:
    """A text node whose letters need no position of their own."""
    attributes = node.attrib
    if not node.text or node.get("letter-spacing"):
        return False
    if any(name in attributes for name in ("dx", "dy", "rotate", "textLength")):
        return False
    return all(_single_value(attributes[name]) for name in ("x", "y") if name in attributes)


def _install_svg_text():
    import weasyprint.svg  # noqa: F401  (the package, so that its submodule is loaded)

    svg_package = sys.modules["weasyprint.svg"]
    svg_text = sys.modules["weasyprint.svg.text"]
    per_letter = svg_text.text

    def text(svg, node, font_size):
        if not is_simple_text(node):
            return per_letter(svg, node, font_size)
        return _draw_run(svg, node, font_size, svg_text)

    text.per_letter = per_letter
    svg_text.text = text
    # draw_node compares TAGS entries with the package's `text` name (text-anchor).
    svg_package.text = text
    for tag, function in list(svg_package.TAGS.items()):
        if function is per_letter:
            svg_package.TAGS[tag] = text


def _draw_run(svg, node, font_size, svg_text):
    """WeasyPrint's `svg.text.text` for one run: its code, without the per-letter loop."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.utils import normalize, size
    from weasyprint.text.line_break import split_first_line

    style = svg_text.Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    style["font_weight"] = node.get("font-weight", 400)
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    if style["font_weight"] == "normal":
        style["font_weight"] = 400
    elif style["font_weight"] == "bold":
        style["font_weight"] = 700
    else:
        try:
            style["font_weight"] = int(style["font_weight"])
        except ValueError:
            style["font_weight"] = 400

    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)

    ascent, descent = font_size * 0.8, font_size * 0.2
    y_align = 0
    display_anchor = node.get("display-anchor")
    alignment_baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        y_align = -height / 2
    elif display_anchor == "top":
        pass
    elif display_anchor == "bottom":
        y_align = -height
    elif alignment_baseline in ("central", "middle"):
        y_align = (ascent + descent) / 2 - descent
    elif alignment_baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        y_align = ascent
    elif alignment_baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        y_align = -descent

    attributes = node.attrib
    x = y = None
    if "x" in attributes:
        x = size(normalize(attributes["x"]).strip(), font_size, svg.inner_width)
    if "y" in attributes:
        y = size(normalize(attributes["y"]).strip(), font_size, svg.inner_height)
    # As WeasyPrint's loop does for the first letter (a zero x or y resets nothing).
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + y_align
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        (
            (x_position, y_position - baseline),
            (x_position + width, y_position - baseline + height),
        ),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = svg_text.TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(
        svg.stream, text_box, "none", "none", Matrix(d=-1, e=x_position, f=y_position)
    )
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
