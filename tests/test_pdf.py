"""The PDF renderer: static files only, nothing fetched from anywhere else, metadata."""

import io

import pytest
from pypdf import PdfReader

from mutualisation.pdf import BASE_URL, StaticOnlyFetcher, html_to_pdf

HOSTILE_URLS = [
    "http://127.0.0.1:9/x.png",
    "https://example.org/x.css",
    "http://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd",
    "ftp://example.org/x.png",
    f"{BASE_URL}static/../../settings.py",
    f"{BASE_URL}static/css/pdf.css?x=1",
    f"{BASE_URL}admin/",
    "https://mutualisation.invalid.evil.example/static/css/pdf.css",
]


def _text(pdf_bytes):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_fetcher_refuses_anything_but_static_files(url):
    """Each hostile URL is refused without any network or disk access."""
    fetcher = StaticOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_our_static_css():
    """The PDF stylesheet is read from the app's static folder."""
    response = StaticOnlyFetcher().fetch(f"{BASE_URL}static/css/pdf.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_raw_html_with_remote_resources_fetches_nothing_outside_static():
    """Even unescaped tags pointing elsewhere only reach the fetcher, which refuses them."""
    html = """<html lang="fr-CA"><head><title>Essai</title>
      <link rel="stylesheet" href="/static/css/pdf.css">
      <link rel="stylesheet" href="https://example.org/evil.css">
      <link rel="attachment" href="/static/css/pdf.css">
      <link rel="attachment" href="file:///etc/passwd">
      <style>@import url("http://127.0.0.1:9/import.css");</style>
      </head><body><h1>Bonjour</h1>
      <img src="http://127.0.0.1:9/x.png" alt="">
      <img src="file:///etc/hostname" alt="">
      <a rel="attachment" href="/static/img/favicon.svg">pièce jointe</a>
      </body></html>"""
    result = html_to_pdf(html)
    outside = [u for u in result.fetcher.requested if not u.startswith(f"{BASE_URL}static/")]
    assert sorted(outside) == sorted(result.fetcher.refused)
    assert "file:///etc/passwd" not in result.fetcher.requested  # attachments never fetched
    reader = PdfReader(io.BytesIO(result.content))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert "Bonjour" in _text(result.content)


def test_pdf_metadata_comes_from_the_html():
    """Title, author and language are set from the document's head."""
    html = """<html lang="fr-CA"><head><title>Dossier du projet</title>
      <meta name="author" content="Camion partagé"></head><body><p>Texte</p></body></html>"""
    result = html_to_pdf(html)
    reader = PdfReader(io.BytesIO(result.content))
    assert reader.metadata.title == "Dossier du projet"
    assert reader.metadata.author == "Camion partagé"
    assert reader.trailer["/Root"]["/Lang"] == "fr-CA"
    assert result.page_count == 1
