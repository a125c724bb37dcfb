"""The cost sheet PDF: headings apart from the text that follows them, « — sans objet »
with its space (as pdftotext and pypdf extract them), then the year's reconciliation."""

import io
import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from pypdf import PdfReader

from steps.demo import build_demo_project
from steps.models import PooledResource
from steps.reports import costs
from steps.reports.common import render

pytestmark = pytest.mark.slow


_RENDERED: dict[str, bytes] = {}


@pytest.fixture
def cost_sheet(db):
    """The demo truck's cost sheet, rendered once for the module."""
    if "couts" not in _RENDERED:
        project = build_demo_project()
        resource = PooledResource.objects.get(project=project, name="Camion réfrigéré")
        context = costs.build_costs_context(None, project, resource=resource)
        _RENDERED["couts"] = render("couts", context).content
    return _RENDERED["couts"]


def _pypdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


PDFTOTEXT = shutil.which("pdftotext")


def _pdftotext(content: bytes) -> str:
    return subprocess.run(  # noqa: S603 - poppler's pdftotext on our own PDF
        [PDFTOTEXT, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


EXTRACTORS = [
    pytest.param(_pypdf_text, id="pypdf"),
    pytest.param(
        _pdftotext,
        id="pdftotext",
        marks=pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils absent"),
    ),
]


@pytest.mark.parametrize("extract", EXTRACTORS)
def test_cost_sheet_headings_are_apart_from_their_text(cost_sheet, extract):
    text = extract(cost_sheet)
    for glued in ("guideLe", "completTous", "—sans objet", "objet(", "seuil»"):
        assert glued not in text, glued
    flat = re.sub(r"\s+", " ", text)
    assert "Méthode du guide Le prix d’achat réparti" in flat
    assert "Tous les coûts fixes de l’année répartis" in flat
    assert "— sans objet" in flat


@pytest.mark.parametrize("extract", EXTRACTORS)
def test_cost_sheet_ends_with_the_year_reconciliation(cost_sheet, extract):
    flat = re.sub(r"\s+", " ", extract(cost_sheet))
    year = timezone.localdate().year
    assert f"Engagements et bilan de l'année {year}" in flat
    assert "Total dû" in flat
    assert "Résultat de la ressource" in flat
