"""Word files (.docx) with python-docx: the few pieces every document of ours is made of.

A document made here is meant to be edited (a lawyer's tracked changes, a board's notes,
answers typed on a laptop), so it uses Word's own building blocks rather than looks:
built-in heading styles (the navigation pane and the table of contents find them), real
list paragraphs (« List Bullet »), real tables, a footer with page fields, the language
of the text set for the spelling checker. Two styles of our own: « Avis » (a framed note)
and « Ligne à remplir » (an underscored line to write on, drawn by a tab leader so that
it survives any font or printer).

Texts arrive in the plain form of the agreement draft (steps/modelling/agreement.py):
paragraphs separated by a blank line, list items starting with « – », a list item's
details on the following lines indented by two spaces. `add_text` lays them out.
"""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .common import file_name

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BULLET = "– "
BOX = "☐"  # U+2610, a box to tick
NOTE_STYLE = "Avis"
LINE_STYLE = "Ligne à remplir"
MARGIN = Cm(2.2)
# The ids of the styles we use (python-docx finds a style by name by reading every style of
# the document, twice per paragraph: a long questionnaire spent most of its time there).
STYLE_IDS = {
    "Title": "Title",
    "Subtitle": "Subtitle",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Heading 3": "Heading3",
    "List Bullet": "ListBullet",
    NOTE_STYLE: "Avis",
    LINE_STYLE: "LigneARemplir",
}


def language_tag() -> str:
    """The language of the text, as Word and the core properties spell it."""
    return "en-CA" if (get_language() or "fr").lower().startswith("en") else "fr-CA"


def new_document(*, title: str, author: str = "", subject: str = "") -> Document:
    """An empty Letter-size document in the current language, with our two styles."""
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = Cm(2)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = author or "Mutualisation"
    properties.last_modified_by = "Mutualisation"
    properties.comments = ""
    properties.keywords = ""
    properties.language = language_tag()
    now = timezone.now()
    properties.created = properties.modified = now.replace(tzinfo=None)
    _set_default_language(document, language_tag())
    _add_note_style(document)
    _add_line_style(document)
    return document


def _set_default_language(document, tag: str) -> None:
    """Every run's language (spelling, hyphenation, « : » spacing in Word's French)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def _border(name: str, color: str = "B58A00", size: int = 8) -> OxmlElement:
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size))
    element.set(qn("w:space"), "4")
    element.set(qn("w:color"), color)
    return element


def _add_note_style(document) -> None:
    style = document.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = STYLE_IDS[NOTE_STYLE]
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    # Borders and shading first: Word wants the children of <w:pPr> in the schema's
    # order, and python-docx puts spacing and indents after them.
    properties = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_border(side))
    properties.append(borders)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "FFF4CE")
    properties.append(shading)
    style.paragraph_format.space_before = Pt(6)
    style.paragraph_format.space_after = Pt(12)
    style.paragraph_format.left_indent = Cm(0.2)
    style.paragraph_format.right_indent = Cm(0.2)
    style.font.bold = True
    style.font.color.rgb = RGBColor(0x4D, 0x3A, 0x00)


def text_width(document):
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _add_line_style(document) -> None:
    style = document.styles.add_style(LINE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = STYLE_IDS[LINE_STYLE]
    style.base_style = document.styles["Normal"]
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.keep_with_next = False
    style.paragraph_format.tab_stops.add_tab_stop(
        text_width(document), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES
    )


def _line_run(paragraph) -> None:
    """The tab whose leader draws the line, in grey."""
    paragraph.add_run("\t").font.color.rgb = RGBColor(0x80, 0x80, 0x80)


# --- Blocks ---------------------------------------------------------------------------


def paragraph(container, text: str = "", style: str | None = None):
    """`container.add_paragraph(text, style)`, the style (one of STYLE_IDS) set directly."""
    added = container.add_paragraph(text)
    if style is not None:
        added._p.style = STYLE_IDS[style]
    return added


def heading(document, text: str, level: int):
    """A heading in Word's built-in style: « Title » (level 0), « Heading 1 », …"""
    return paragraph(document, text, "Title" if level == 0 else f"Heading {level}")


def add_note(document, text: str):
    """A framed note (the agreement's draft notice, « BROUILLON — non soumis »)."""
    return paragraph(document, str(text), NOTE_STYLE)


def add_lines(document, count: int, *, lead: str = "") -> None:
    """`count` lines to write on; the first may start with a label (« Organisation : »)."""
    for index in range(count):
        line = paragraph(document, style=LINE_STYLE)
        if index == 0 and lead:
            line.add_run(lead + " ")
        _line_run(line)


def add_boxes(document, labels, *, inline: bool = False, other: str = "") -> None:
    """Choices as boxes to tick, one per line or side by side; `other`: « Autre, précisez »
    followed by a line to write on."""
    if inline:
        document.add_paragraph("    ".join(f"{BOX} {label}" for label in labels))
        return
    for label in labels:
        box = document.add_paragraph(f"{BOX} {label}")
        box.paragraph_format.left_indent = Cm(0.5)
        box.paragraph_format.space_after = Pt(2)
    if other:
        box = paragraph(document, f"{BOX} {other} ", LINE_STYLE)
        box.paragraph_format.left_indent = Cm(0.5)
        _line_run(box)


def add_text(document, text: str, *, style: str | None = None) -> None:
    """A plain text: paragraphs, « – » list items as List Bullet paragraphs, a list item's
    indented details on their own lines of the same item, other line breaks kept."""
    for block in str(text).replace("\r\n", "\n").split("\n\n"):
        block = block.strip("\n")
        if not block.strip():
            continue
        current = None
        in_item = False
        for line in block.split("\n"):
            if line.startswith(BULLET):
                current = paragraph(document, line[2:].strip(), "List Bullet")
                in_item = True
            elif in_item and line.startswith("  ") and current is not None:
                current.add_run().add_break()
                current.add_run(line.strip())
            elif current is None or in_item:
                current = paragraph(document, line.strip(), style)
                in_item = False
            else:
                current.add_run().add_break()
                current.add_run(line.strip())


def add_label_value(document, label: str, value: str, *, empty: str = "") -> None:
    """« Label » in bold, then the value's paragraphs (or `empty` in italics)."""
    head = document.add_paragraph()
    head.paragraph_format.keep_with_next = True
    head.paragraph_format.space_after = Pt(2)
    head.add_run(label).bold = True
    if value:
        for line_block in value.split("\n\n"):
            block = document.add_paragraph()
            for index, line in enumerate(line_block.split("\n")):
                if index:
                    block.add_run().add_break()
                block.add_run(line)
    else:
        document.add_paragraph().add_run(empty).italic = True


def add_table(document, headers, rows, *, widths=None, row_height=None):
    """A real table: a bold header row repeated on every page, then `rows` of texts."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(str(header)).bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        row = table.add_row()
        if row_height is not None:
            row.height = row_height
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, value in zip(row.cells, values, strict=True):
            if value:
                cell.paragraphs[0].add_run(str(value))
    if widths:
        # Word reads the cells' widths, LibreOffice the grid's: both say the same.
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    return table


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_footer(document, text: str) -> None:
    """The footer of every page: a text (the project, the document), then « page X de Y »."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.paragraph_format.tab_stops.add_tab_stop(text_width(document), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{text}\t")
    label = gettext("page %(page)s de %(pages)s")
    before, _sep, rest = label.partition("%(page)s")
    between, _sep, after = rest.partition("%(pages)s")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(between)
    _field(footer, "NUMPAGES")
    if after:
        footer.add_run(after)
    for run in footer.runs:
        run.font.size = Pt(8)


# --- Output ---------------------------------------------------------------------------


def to_bytes(document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_file_name(kind: str, subject: str) -> str:
    """« entente-camion-partage-2026-11-22.docx », like the PDF's name."""
    return file_name(kind, subject).removesuffix(".pdf") + ".docx"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
