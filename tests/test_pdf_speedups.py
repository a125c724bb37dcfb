"""WeasyPrint speed-ups (mutualisation.pdf_speedups): same drawing, less work."""

import gc
import io
import sys
import zlib
from contextlib import contextmanager
from types import SimpleNamespace

import pydyf
import pytest
from pypdf import PdfReader

from mutualisation import pdf_speedups
from mutualisation.pdf import GC_OLDER_THRESHOLD, GC_THRESHOLD, gc_relaxed, html_to_pdf

SVG_HTML = """<html lang="fr-CA"><head><title>Essai</title>
<link rel="stylesheet" href="/static/css/pdf.css"></head><body>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200"
     font-family="sans-serif" font-size="12">
  <text x="10" y="20" fill="#1b1b1b">Bonjour le monde</text>
  <text x="200" y="60" text-anchor="middle" font-weight="bold">Aujourd'hui (4 décembre)</text>
  <text x="390" y="100" text-anchor="end" font-size="11">1 000 $</text>
  <text x="30" y="150" transform="rotate(-90 30 150)">Coût complet</text>
  <text x="10 20 30" y="180">abc</text>
  <text x="100" y="180"><tspan>Deux </tspan><tspan font-weight="bold">parties</tspan></text>
</svg></body></html>"""


@contextmanager
def per_letter_svg_text():
    """WeasyPrint's own SVG text drawing, for comparison."""
    package = sys.modules["weasyprint.svg"]
    patched = package.text
    original = patched.per_letter
    tags = dict(package.TAGS)
    package.text = original
    for tag, function in tags.items():
        if function is patched:
            package.TAGS[tag] = original
    try:
        yield
    finally:
        package.text = patched
        package.TAGS.update(tags)


@contextmanager
def recorded_text_boxes(boxes):
    """Record each drawn text node's text and bounding box."""
    package = sys.modules["weasyprint.svg"]
    tags = dict(package.TAGS)
    drawing = package.TAGS["text"]

    def record(svg, node, font_size):
        drawing(svg, node, font_size)
        if node.text:
            boxes.append((node.text, tuple(node.text_bounding_box)))

    for tag, function in tags.items():
        if function is drawing:
            package.TAGS[tag] = record
    saved_name = package.text
    package.text = record  # draw_node compares TAGS entries with this name
    try:
        yield
    finally:
        package.text = saved_name
        package.TAGS.update(tags)


LAYOUT_HTML = """<html lang="fr-CA"><head><title>Essai</title>
<link rel="stylesheet" href="/static/css/pdf.css">
<style>
  .half { width: 50%; padding: 2% 3mm; margin: 1% auto; border: 1pt solid #333; }
  .calc { width: calc(100% - 20mm); min-width: 10mm; max-width: 90%; }
  .border-box { box-sizing: border-box; width: 60%; padding: 4mm; border: 2pt solid #999; }
  .cut { width: 30mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .raised { font-variant-position: super; }
</style></head><body>
<h2>Mise en commun : « AVATAR », Wolf, Tâche, 1er janvier</h2>
<p class="half">L’économie nette cumulée du groupe atteint 12 345,67 $ ; le retour vient
en année 3. WAVE Toy Yacht — kerning, ligatures : fi fl ffi.</p>
<div class="calc"><p>Largeur calculée : calc() et min-width.</p></div>
<div class="border-box"><p>Boîte comptée bordure comprise.</p></div>
<p class="cut">Un texte beaucoup trop long pour sa boîte, coupé d’une ellipse</p>
<p>Exposant : m<span class="raised">2</span> et x<sup>2</sup>, puis ☃ et 漢字.</p>
<table class="dense"><colgroup><col class="w-35"><col><col></colgroup>
<thead><tr><th scope="col">Organisation</th><th scope="col">Utilisations −30 %</th>
<th scope="col">Prévues</th></tr></thead>
<tbody><tr><th scope="row">Banque alimentaire du Haut-Lac</th><td class="num">-1 234,50 $<br>
<span class="muted">dès l’année 2</span></td><td class="num">987,00 $</td></tr>
<tr><th scope="row">CDC des Seigneuries</th><td class="num">45 044,91 $</td>
<td class="num">pas de retour sur la période</td></tr></tbody></table>
</body></html>"""


@contextmanager
def weasyprints_own_layout_and_text():
    """WeasyPrint's `resolve_percentages` and `draw_first_line`, for comparison."""
    import importlib

    from weasyprint.draw import text as draw_text
    from weasyprint.layout import percent

    fast_percentages, fast_line = percent.resolve_percentages, draw_text.draw_first_line
    users = [
        importlib.import_module(f"weasyprint.layout.{name}")
        for name in pdf_speedups._PERCENTAGE_USERS
    ]

    def use(percentages, line):
        percent.resolve_percentages = percentages
        for module in users:
            module.resolve_percentages = percentages
        draw_text.draw_first_line = line

    use(fast_percentages.original, fast_line.original)
    try:
        yield
    finally:
        use(fast_percentages, fast_line)


def test_layout_and_text_speed_ups_write_the_very_same_pdf():
    """Same boxes, same operators: the PDF is byte for byte WeasyPrint's own, with
    percentages, calc(), border-box sizing, kerning, an ellipsis, a raised glyph, a
    glyph from the fallback font and one that no font has."""
    fast = html_to_pdf(LAYOUT_HTML).content
    with weasyprints_own_layout_and_text():
        slow = html_to_pdf(LAYOUT_HTML).content
    assert fast.startswith(b"%PDF-")
    assert fast == slow


def test_layout_and_text_speed_ups_are_installed():
    from weasyprint.draw import text as draw_text
    from weasyprint.layout import block, percent, table

    assert percent.resolve_percentages.original is not None
    assert block.resolve_percentages is percent.resolve_percentages
    assert table.resolve_percentages is percent.resolve_percentages
    assert draw_text.draw_first_line.original is not None


def test_installed_on_the_checked_versions():
    assert pdf_speedups.supported()
    assert pdf_speedups.install() is True  # already installed by mutualisation.pdf: no-op
    assert sys.modules["weasyprint.svg"].TAGS["text"] is sys.modules["weasyprint.svg"].text


@pytest.mark.parametrize(
    ("attributes", "text", "simple"),
    [
        ({"x": "10", "y": "20"}, "Bonjour", True),
        ({}, "Bonjour", True),
        ({"x": " 10 ", "y": "20"}, "Bonjour", True),
        ({"x": "10 20 30", "y": "20"}, "abc", False),
        ({"x": "10", "y": "20 30"}, "ab", False),
        ({"x": "10", "dx": "2"}, "ab", False),
        ({"dy": "2"}, "ab", False),
        ({"rotate": "45"}, "ab", False),
        ({"textLength": "100"}, "ab", False),
        ({"letter-spacing": "2"}, "ab", False),
        ({"x": "10"}, "", False),
        ({"x": "10"}, None, False),
    ],
)
def test_simple_text_detection(attributes, text, simple):
    node = SimpleNamespace(attrib=attributes, text=text, get=attributes.get)
    assert pdf_speedups.is_simple_text(node) is simple


def test_svg_text_boxes_match_weasyprints_letter_by_letter_drawing():
    """Each text lands where WeasyPrint's own code puts it (kerning aside), anchors too."""
    fast, slow = [], []
    with recorded_text_boxes(fast):
        fast_pdf = html_to_pdf(SVG_HTML).content
    with per_letter_svg_text(), recorded_text_boxes(slow):
        slow_pdf = html_to_pdf(SVG_HTML).content
    assert [text for text, _box in fast] == [text for text, _box in slow]
    assert len(fast) == 7
    for (text, fast_box), (_text, slow_box) in zip(fast, slow, strict=True):
        x, y, width, height = fast_box
        slow_x, slow_y, slow_width, slow_height = slow_box
        assert x == pytest.approx(slow_x, abs=0.01), text
        assert y == pytest.approx(slow_y, abs=0.01), text
        assert height == pytest.approx(slow_height, abs=0.01), text
        assert width == pytest.approx(slow_width, rel=0.03), text  # kerning
    assert len(fast_pdf) < len(slow_pdf)  # one text object per run, not per letter
    text = PdfReader(io.BytesIO(fast_pdf)).pages[0].extract_text()
    assert "Bonjour le monde" in text
    assert "1 000 $" in text


def test_page_references_follow_added_pages():
    pdf = pydyf.PDF()
    assert pdf.page_references == ()
    for expected in (1, 2, 3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        references = pdf.page_references
        assert len(references) == expected
        assert references is pdf.page_references  # kept between pages
    assert references == tuple(f"{n} 0 R".encode() for n in pdf.pages["Kids"][::3])


def test_streams_compressed_at_level_six_and_still_readable():
    stream = pydyf.Stream([b"BT /F1 12 Tf (Bonjour) Tj ET"] * 50, compress=True)
    data = stream.data
    body = data[data.index(b"stream\n") + 7 : data.rindex(b"\nendstream")]
    assert zlib.decompress(body) == b"\n".join([b"BT /F1 12 Tf (Bonjour) Tj ET"] * 50)
    assert pydyf.zlib.compressobj(9).flush() == zlib.compressobj(6).flush()


def test_gc_relaxed_holds_back_the_older_generations():
    before = gc.get_threshold()
    with gc_relaxed():
        inside = gc.get_threshold()
    assert inside[0] == max(GC_THRESHOLD, before[0])
    assert all(value >= GC_OLDER_THRESHOLD for value in inside[1:])
    assert gc.get_threshold() == before
