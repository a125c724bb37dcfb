"""Five narrow speed-ups of WeasyPrint 70 / pydyf 0.13 for our reports (issue 17).

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
- **Percentages** (`resolve_percentages`, once per box laid out) and **glyph runs**
  (`draw_first_line`, once per line of text drawn): the same work without WeasyPrint's
  nested calls and per-glyph cffi reads; the PDF is the same byte for byte (checked on
  the 161-page dossier and in tests/test_pdf_speedups.py); ~5 % together.
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
    _install_resolve_percentages()
    _install_glyph_runs()
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


# Modules that imported `resolve_percentages` by name (WeasyPrint 70).
_PERCENTAGE_USERS = ("absolute", "block", "column", "float", "grid", "inline", "page", "table")


def _install_resolve_percentages():
    """`layout.percent.resolve_percentages`, called for every box laid out (~60 000 times
    for the dossier): the same values set in the same order, with WeasyPrint's
    `percentage` kept for the uncommon values (calc(), min(), max()), and without its
    fifteen nested calls per box."""
    import importlib

    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import percent

    percentage = percent.percentage
    adjust_box_sizing = percent.adjust_box_sizing
    check_math = percent.check_math
    Box, PageBox = boxes.Box, boxes.PageBox

    def used(value, style, refer_to):
        if value is None or value == "auto":
            return value
        unit = getattr(value, "unit", None)
        if unit is None:
            return percentage(value, style, refer_to)
        if unit == "%":
            return refer_to * value.value / 100
        return value.value

    def resolve_percentages(box, containing_block):
        if isinstance(containing_block, Box):
            cb_width = containing_block.width
            cb_height = containing_block.height
        else:
            cb_width, cb_height = containing_block
        maybe_height = cb_height if isinstance(box, PageBox) else cb_width
        style = box.style
        box.margin_left = used(style["margin_left"], style, cb_width)
        box.margin_right = used(style["margin_right"], style, cb_width)
        box.margin_top = used(style["margin_top"], style, maybe_height)
        box.margin_bottom = used(style["margin_bottom"], style, maybe_height)
        box.padding_left = used(style["padding_left"], style, cb_width)
        box.padding_right = used(style["padding_right"], style, cb_width)
        box.padding_top = used(style["padding_top"], style, maybe_height)
        box.padding_bottom = used(style["padding_bottom"], style, maybe_height)
        box.width = used(style["width"], style, cb_width)
        min_width = used(style["min_width"], style, cb_width)
        box.min_width = 0 if min_width == "auto" else min_width
        box.max_width = used(style["max_width"], style, cb_width)

        if cb_height == "auto":
            height = style["height"]
            if height == "auto" or check_math(height) or height.unit == "%":
                box.height = "auto"
            else:
                box.height = height.value  # computed lengths are in px
            min_height = used(style["min_height"], style, 0)
            box.min_height = 0 if min_height == "auto" else min_height
            box.max_height = used(style["max_height"], style, inf)
        else:
            box.height = used(style["height"], style, cb_height)
            min_height = used(style["min_height"], style, cb_height)
            box.min_height = 0 if min_height == "auto" else min_height
            box.max_height = used(style["max_height"], style, cb_height)

        if style["border_collapse"] == "collapse":
            # Collapsed borders were set when the table's borders were resolved.
            for name in _BORDER_WIDTHS:
                if not hasattr(box, name):
                    setattr(box, name, style[name])
        else:
            box.border_top_width = style["border_top_width"]
            box.border_right_width = style["border_right_width"]
            box.border_bottom_width = style["border_bottom_width"]
            box.border_left_width = style["border_left_width"]

        if style["box_sizing"] != "content-box":
            adjust_box_sizing(box, "width")
            adjust_box_sizing(box, "height")

    resolve_percentages.original = percent.resolve_percentages
    percent.resolve_percentages = resolve_percentages
    for name in _PERCENTAGE_USERS:
        module = importlib.import_module(f"weasyprint.layout.{name}")
        if module.resolve_percentages is resolve_percentages.original:
            module.resolve_percentages = resolve_percentages


_BORDER_WIDTHS = tuple(f"border_{side}_width" for side in ("top", "right", "bottom", "left"))

# PangoGlyphInfo: glyph (guint32), geometry (width, x_offset, y_offset: gint32), attr.
_GLYPH_INFO = "=Iiii4x"


def _install_glyph_runs():
    """`draw.text.draw_first_line`, which writes each line of text into the PDF: the
    glyphs of a run are read from Pango's array in one go (`struct`) instead of one
    cffi attribute at a time, and the line's operators are the same, character for
    character. Lines that need WeasyPrint's other branches (ellipsis, a raised or
    empty glyph, a missing glyph, bitmap or colour fonts) go through its own code."""
    import struct

    from weasyprint.draw import text as draw_text_module
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    original = draw_text_module.draw_first_line
    if ffi.sizeof("PangoGlyphInfo") != struct.calcsize(_GLYPH_INFO):
        return
    unpack = struct.Struct(_GLYPH_INFO).iter_unpack
    glyph_size = ffi.sizeof("PangoGlyphInfo")
    empty = pango.PANGO_GLYPH_EMPTY
    unknown_flag = pango.PANGO_GLYPH_UNKNOWN_FLAG
    old_pango = pango.pango_version() < 14802

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if text_overflow == "ellipsis" or block_ellipsis != "none":
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        if not textbox.text.strip():
            return []
        if textbox.style["font_size"] < 1e-6:
            return []
        pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
        first_line, _ = textbox.pango_layout.get_first_line()

        runs = []
        run = first_line.runs[0]
        while run != ffi.NULL:
            glyph_item = run.data
            run = run.next
            glyph_string = glyph_item.glyphs
            count = glyph_string.num_glyphs
            glyphs = list(unpack(ffi.buffer(glyph_string.glyphs, count * glyph_size)))
            pango_font = glyph_item.item.analysis.font
            font, font_size = stream.add_font(pango_font)
            if font.svg or font.png or font.colr or font.bitmap or old_pango:
                return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            for glyph_id, _, _, y_offset in glyphs:
                if y_offset or glyph_id == empty or glyph_id & unknown_flag:
                    return original(stream, textbox, text_overflow, block_ellipsis, matrix)
            runs.append((glyph_item, glyph_string, count, glyphs, pango_font, font, font_size))

        stream.set_text_matrix(*matrix.values)
        previous_pango_font = None
        string = ""
        utf8_text = None
        for glyph_item, glyph_string, count, glyphs, pango_font, font, font_size in runs:
            if pango_font != previous_pango_font:
                previous_pango_font = pango_font
                if string:
                    stream.show_text(string)
                string = ""
                stream.set_font_size(font.hash, font_size)
            parts = ["<"]
            to_unicode = font.to_unicode
            widths = font.widths
            clusters = None
            for index, (glyph_id, width, x_offset, _) in enumerate(glyphs):
                if glyph_id not in to_unicode:
                    if clusters is None:
                        clusters = ffi.unpack(glyph_string.log_clusters, count)
                    offset = glyph_item.item.offset
                    t1 = clusters[index]
                    if glyph_item.item.analysis.level % 2:  # right to left
                        t2 = glyph_item.item.length if index == 0 else clusters[index - 1]
                    else:
                        t2 = glyph_item.item.length if index == count - 1 else clusters[index + 1]
                    utf8_text = utf8_text or textbox.pango_layout.text.encode()
                    to_unicode[glyph_id] = utf8_text[offset + t1 : offset + t2].decode()

                offset = x_offset / font_size
                if offset:
                    parts.append(f">{-offset}<")
                parts.append(f"{glyph_id:04x}")

                logical_width = widths.get(glyph_id)
                if logical_width is None:
                    pango.pango_font_get_glyph_extents(
                        pango_font, glyph_id, stream.ink_rect, stream.logical_rect
                    )
                    logical_width = widths[glyph_id] = round(
                        stream.logical_rect.width * 1000 * FROM_UNITS / font_size
                    )

                kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
                if kerning:
                    parts.append(f">{int(kerning)}<")
            string += "".join(parts)
            if string[-1] == "<":
                string = string[:-1]
            else:
                string += ">"

        stream.show_text(string)
        return []

    draw_first_line.original = original
    draw_text_module.draw_first_line = draw_first_line
