"""Fixtures of the report tests: small documents laid out by the real WeasyPrint."""

import pytest

from steps.reports import jobs

SMALL_PAGES = 3


@pytest.fixture
def small_documents(monkeypatch):
    """Jobs lay out a 3-page document instead of the real report: the build, its
    progress (WeasyPrint's page log), its storage and its failures stay real, in a tenth
    of the time. The context is still built, from the database, for the viewer."""
    seen = []

    def small_html(template_name, context):
        seen.append((template_name, context))
        pages = "".join(
            f'<section style="break-before: page"><h1>{context["project"].name} {n}</h1></section>'
            for n in range(1, SMALL_PAGES + 1)
        )
        return f"<html lang='fr-CA'><body>{pages}</body></html>"

    monkeypatch.setattr(jobs, "render_html", small_html)
    return seen


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test stores its reports in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
