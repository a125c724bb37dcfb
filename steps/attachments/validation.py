"""What an uploaded file really is, read from its bytes, and a safe name for it.

The extension a person gives is only a hint: the type comes from the first bytes (the
« magic » of each format) and, for the office formats that are ZIP archives, from the
files inside (OOXML has `[Content_Types].xml` and a `word/`, `xl/` or `ppt/` folder;
ODF starts with a `mimetype` entry naming its type). Everything else is refused: HTML,
SVG, scripts and executables are never accepted, whatever their name says.
"""

import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils.text import get_valid_filename

NAME_MAX = 120
HEAD_BYTES = 2048
# An office file with more entries than this is not a document a person wrote.
ZIP_MAX_ENTRIES = 5000


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PDF = FileType("application/pdf", ".pdf", "PDF")
PNG = FileType("image/png", ".png", "PNG")
JPEG = FileType("image/jpeg", ".jpg", "JPEG")
GIF = FileType("image/gif", ".gif", "GIF")
WEBP = FileType("image/webp", ".webp", "WebP")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word"
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel"
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
    "PowerPoint",
)
ODT = FileType("application/vnd.oasis.opendocument.text", ".odt", "OpenDocument")
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", ".ods", "OpenDocument")
ODP = FileType("application/vnd.oasis.opendocument.presentation", ".odp", "OpenDocument")
OLE = FileType("application/vnd.ms-office", ".doc", "Office 97-2003")
TEXT = FileType("text/plain", ".txt", "texte")
CSV = FileType("text/csv", ".csv", "CSV")

ALLOWED = (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE, TEXT, CSV)
BY_CONTENT_TYPE = {t.content_type: t for t in ALLOWED}
# Only PDF may show in the browser (with a sandbox); every other type is downloaded.
INLINE_TYPES = {PDF.content_type}

OOXML_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
ODF_TYPES = {t.content_type: t for t in (ODT, ODS, ODP)}
OLE_EXTENSIONS = {".doc", ".xls", ".ppt"}
# Text that a browser could take for markup or a script, even served as text/plain.
MARKUP_STARTS = (b"<", b"{\\rtf", b"#!", b"%!")


def _zip_type(file) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_ENTRIES:
                return None
            names = [info.filename for info in infos]
            if names and names[0] == "mimetype":
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODF_TYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for folder, file_type in OOXML_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return file_type
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    return None


def _text_type(file, extension: str) -> FileType | None:
    """Plain text and CSV: UTF-8 (or Latin-1) with no NUL byte and no markup."""
    if extension not in (".txt", ".csv"):
        return None
    file.seek(0)
    data = file.read(64 * 1024)
    if b"\x00" in data:
        return None
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(MARKUP_STARTS) or b"<script" in data.lower():
        return None
    return CSV if extension == ".csv" else TEXT


def detect(file, name: str = "") -> FileType | None:
    """The type of `file` (a binary file object) read from its content; None if refused."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    extension = os.path.splitext(name or "")[1].lower()
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        found = _zip_type(file)
        file.seek(0)
        return found
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Word, Excel or PowerPoint 97-2003: the container does not say which.
        suffix = extension if extension in OLE_EXTENSIONS else ".doc"
        return FileType(OLE.content_type, suffix, OLE.label)
    found = _text_type(file, extension)
    file.seek(0)
    return found


def clean_name(name: str, file_type: FileType) -> str:
    """A safe original name: no path, no control character, the detected extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFC", base)
    stem = os.path.splitext(base)[0]
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    try:
        stem = get_valid_filename(stem)
    except Exception:  # SuspiciousFileOperation for « . », « .. » or an empty name
        stem = ""
    stem = stem.strip("._-")[: NAME_MAX - len(file_type.extension)] or "document"
    return f"{stem}{file_type.extension}"
