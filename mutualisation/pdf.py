"""Turn a template and a context into a PDF with WeasyPrint, safely.

Every report goes through `render_pdf`. The documents are laid out from HTML we render
ourselves, where user text is always escaped; still, WeasyPrint must never be able to
fetch anything but the app's own static files, whatever ends up in the HTML:

- relative URLs resolve against a private base URL (`BASE_URL`), and `StaticOnlyFetcher`
  serves only paths under STATIC_URL, read from disk through the staticfiles finders;
- every other URL (http, https, file, ftp, data, another host, a path outside the static
  folders) is refused without any network or disk access, and noted in `refused`;
- attachments (`<link rel=attachment>`, `<a rel=attachment>`) are dropped before writing.

Fonts come from the system (fontconfig: DejaVu / Liberation, installed by `.ci/run` and
documented in the README); the PDF CSS declares no @font-face, so nothing is fetched.
"""

import mimetypes
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A host that cannot exist (RFC 6761 `.invalid`): URLs on it are only ever served from disk.
BASE_URL = "https://mutualisation.invalid/"

# Shared by every render in this process: logos and icons are decoded once.
_IMAGE_CACHE: dict = {}

ALLOWED_SUFFIXES = {".css", ".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp", ".woff", ".woff2"}


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to fetch (rendering goes on without it)."""


@dataclass
class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves the app's static files and nothing else."""

    requested: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def __post_init__(self):
        # No handlers at all: the parent's urllib opener is never used.
        super().__init__(timeout=2, allow_redirects=False, allowed_protocols=())

    def fetch(self, url, headers=None):
        self.requested.append(url)
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"PDF rendering may not fetch {url!r}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url=url, body=path.read_bytes(), headers={"Content-Type": mime_type}
        )

    @staticmethod
    def _static_path(url: str) -> Path | None:
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        if parts.query:
            return None
        static_prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/"
        raw_path = unquote(parts.path)
        if not raw_path.startswith(static_prefix):
            return None
        relative = posixpath.normpath(raw_path[len(static_prefix) :])
        if relative.startswith(("..", "/")) or "\x00" in relative:
            return None
        if Path(relative).suffix.lower() not in ALLOWED_SUFFIXES:
            return None
        found = finders.find(relative)
        if not found:
            return None
        return Path(found)


@dataclass
class PdfResult:
    content: bytes
    html: str
    fetcher: StaticOnlyFetcher
    page_count: int


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> PdfResult:
    """Lay out final HTML into a PDF with the static-only fetcher and no attachments."""
    fetcher = fetcher or StaticOnlyFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        cache=_IMAGE_CACHE, pdf_tags=True
    )
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    content = document.write_pdf(pdf_tags=True, attachments=None)
    return PdfResult(content, html, fetcher, len(document.pages))


def render_pdf(template_name: str, context: dict, *, request=None) -> PdfResult:
    """Render `template_name` (extending templates/pdf/base.html) to a PDF.

    The template sets the document title, the author (the project) and the language
    (fr-CA) through pdf/base.html's blocks; WeasyPrint turns them into PDF metadata.
    """
    html = render_to_string(template_name, context, request=request)
    return html_to_pdf(html)
