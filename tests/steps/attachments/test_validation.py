"""A file's type comes from its bytes: allowed formats pass, markup and programs never do."""

import io

import pytest

from steps.attachments import validation
from tests.steps.attachments import samples


@pytest.mark.parametrize(
    ("content", "name", "content_type", "extension"),
    [
        (samples.PDF, "devis.pdf", "application/pdf", ".pdf"),
        (samples.PDF, "devis.exe", "application/pdf", ".pdf"),  # misnamed, still a PDF
        (samples.PNG, "photo.png", "image/png", ".png"),
        (samples.JPEG, "photo.jpeg", "image/jpeg", ".jpg"),
        (samples.GIF, "anim.gif", "image/gif", ".gif"),
        (samples.DOCX, "entente.docx", validation.DOCX.content_type, ".docx"),
        (samples.XLSX, "budget.xlsx", validation.XLSX.content_type, ".xlsx"),
        (samples.ODT, "pv.odt", validation.ODT.content_type, ".odt"),
        (samples.OLE, "vieux.xls", "application/vnd.ms-office", ".xls"),
        (samples.OLE, "vieux.bin", "application/vnd.ms-office", ".doc"),
        (samples.CSV, "montants.csv", "text/csv", ".csv"),
        (b"Notes de la rencontre\n", "notes.txt", "text/plain", ".txt"),
    ],
)
def test_detect_accepts_by_content(content, name, content_type, extension):
    """The allowed formats are recognised by their first bytes (and zip contents)."""
    found = validation.detect(io.BytesIO(content), name)
    assert found is not None
    assert (found.content_type, found.extension) == (content_type, extension)


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (samples.HTML, "page.html"),
        (samples.HTML, "devis.pdf"),  # HTML renamed as a PDF
        (samples.HTML, "notes.txt"),  # HTML renamed as text
        (samples.SVG, "logo.svg"),
        (samples.SVG, "logo.png"),
        (samples.JS, "script.js"),
        (samples.JS, "script.pdf"),
        (samples.EXE, "setup.exe"),
        (samples.EXE, "devis.docx"),
        (samples.ELF, "programme.txt"),
        (samples.PLAIN_ZIP, "archive.docx"),  # a zip without the office structure
        (b"", "vide.pdf"),
        (b"<p>du texte</p>", "notes.csv"),
    ],
)
def test_detect_refuses_markup_programs_and_spoofed_names(content, name):
    """HTML, SVG, scripts and programs are refused whatever their name says."""
    assert validation.detect(io.BytesIO(content), name) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Soumission camion.pdf", "Soumission_camion.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\paul\\devis.PDF", "devis.pdf"),
        ("devis.html", "devis.pdf"),  # the detected type decides the extension
        ("..", "document.pdf"),
        ("", "document.pdf"),
        ("a\x00b\nc.pdf", "abc.pdf"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
        ("Reçu d'assurance.pdf", "Reçu_dassurance.pdf"),
    ],
)
def test_clean_name_removes_paths_and_keeps_the_detected_extension(name, expected):
    """Names lose their folders and odd characters and take the detected extension."""
    assert validation.clean_name(name, validation.PDF) == expected
