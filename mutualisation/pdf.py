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

The two halves are callable on their own (the benchmark times WeasyPrint alone on the
very HTML a report produced): `render_html` (template → final HTML string) and
`html_to_pdf` (HTML → PDF); `render_pdf` chains them.

Accessibility: every PDF is written as PDF/UA-1 (`PDF_OPTIONS`): tagged (structure tree,
headings, lists, tables with their header cells, figures with the SVG <title> as
alternative text), marked, with the document language, the title shown by viewers and
the PDF/UA identifier in the XMP metadata. WeasyPrint 70 lays out our reports exactly as
with plain `pdf_tags=True` (compared page by page as images), without a warning.

Speed: WeasyPrint allocates millions of short-lived objects; Python's cyclic garbage
collector, run at its default thresholds, took about 30 % of the time of a report
(measured on the demo's dossier and on a 138-page synthetic one) while freeing almost
nothing, since the document's boxes stay alive until the PDF is written. The render runs
with a much higher first-generation threshold (`gc_relaxed`): same peak memory within a
few per cent, a third less time; the older generations wait for 1 000 collections of the
younger one (no full collection during a report: ~0.5 s less on the 155-page dossier).

Five narrow patches of WeasyPrint 70 / pydyf 0.13 (`mutualisation.pdf_speedups`: SVG
text laid out as whole runs instead of letter by letter, page references kept, zlib
level 6, percentages resolved in one call, glyph runs read in one go) take about another
20 % off the dossier (README, « Banc d'essai des pages »).
"""

import gc
import mimetypes
import posixpath
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import pdf_speedups

pdf_speedups.install()

# A host that cannot exist (RFC 6761 `.invalid`): URLs on it are only ever served from disk.
BASE_URL = "https://mutualisation.invalid/"

# Shared by every render in this process: logos and icons are decoded once.
IMAGE_CACHE: dict = {}

# Options of every write: PDF/UA-1 (tagged PDF, PDF 1.7, XMP identification).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

# First-generation threshold of the garbage collector while WeasyPrint works (default 700).
GC_THRESHOLD = 50_000
# Older generations: collected only after this many collections of the younger one
# (default 10). Each collection of an older generation walked the growing layout
# (~0.5 s of the 155-page dossier) and freed nothing; same peak memory without them.
GC_OLDER_THRESHOLD = 1_000

ALLOWED_SUFFIXES = {".css", ".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp", ".woff", ".woff2"}


class ReportTooLong(Exception):
    """A report whose HTML or layout goes past the limits (`PDF_MAX_HTML_BYTES`,
    `PDF_TIME_LIMIT_SECONDS`); its message is for the person who asked for it."""

    def __init__(self):
        super().__init__(
            gettext(
                "Ce rapport est trop long pour être produit : il dépasse le temps ou la "
                "taille permis. Raccourcissez les textes les plus longs du projet, ou "
                "demandez un rapport plus ciblé (par exemple le portrait d'une organisation)."
            )
        )


ALARM_REPEAT_SECONDS = 0.2


@contextmanager
def bounded_time(seconds: float):
    """Interrupt the block with ReportTooLong after `seconds` (SIGALRM).

    Signals reach the main thread only: gunicorn's sync workers (our deployment) render
    there. In a threaded server the limit is skipped; the HTML size limit still holds.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    running = [True]

    def interrupt(signum, frame):
        if not running[0]:
            return
        # An exception raised where Python cannot pass it on (a __del__, a gc callback)
        # is dropped: the alarm rings again until one reaches the render.
        signal.setitimer(signal.ITIMER_REAL, ALARM_REPEAT_SECONDS)
        raise ReportTooLong

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        while True:  # an alarm ringing in here is retried, never let out
            try:
                running[0] = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except ReportTooLong:
                continue


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


@contextmanager
def gc_relaxed(threshold: int = GC_THRESHOLD):
    """Collect garbage less often for the duration of the block (then as before)."""
    previous = gc.get_threshold()
    gc.set_threshold(
        max(threshold, previous[0]), *(max(GC_OLDER_THRESHOLD, value) for value in previous[1:])
    )
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def html_to_pdf(
    html: str, *, fetcher: StaticOnlyFetcher | None = None, time_limit: float = 0
) -> PdfResult:
    """Lay out final HTML into a PDF/UA document, static-only fetcher, no attachments.

    A report asked for in a request passes `time_limit` (settings.PDF_TIME_LIMIT_SECONDS,
    under gunicorn's timeout); the command line and the benchmark take their time. The
    HTML size limit holds for every caller.
    """
    fetcher = fetcher or StaticOnlyFetcher()
    if len(html.encode()) > settings.PDF_MAX_HTML_BYTES:
        raise ReportTooLong
    with bounded_time(time_limit), gc_relaxed():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            cache=IMAGE_CACHE, **PDF_OPTIONS
        )
        document.metadata.attachments = []
        for page in document.pages:
            page.links = [link for link in page.links if link[0] != "attachment"]
        content = document.write_pdf(attachments=None, **PDF_OPTIONS)
    return PdfResult(content, html, fetcher, len(document.pages))


def render_html(template_name: str, context: dict, *, request=None) -> str:
    """The final HTML of a report: `template_name` (extending templates/pdf/base.html).

    The template sets the document title, the author (the project) and the language
    (fr-CA) through pdf/base.html's blocks; WeasyPrint turns them into PDF metadata.
    """
    return render_to_string(template_name, context, request=request)


def render_pdf(
    template_name: str, context: dict, *, request=None, time_limit: float = 0
) -> PdfResult:
    """Render `template_name` to HTML, then to a PDF (`render_html` + `html_to_pdf`)."""
    return html_to_pdf(render_html(template_name, context, request=request), time_limit=time_limit)
