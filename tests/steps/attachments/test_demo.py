"""The demo shows shared documents: the truck's quote and an insurance certificate."""

import io

import pytest
from pypdf import PdfReader

from steps.attachments.models import Document
from steps.demo import build_demo_project

pytestmark = pytest.mark.django_db


def test_demo_attaches_the_quote_to_the_truck_and_the_certificate_to_a_risk():
    project = build_demo_project()
    documents = Document.objects.filter(project=project).select_related("resource", "risk")
    assert documents.count() == 2
    quote = documents.get(title__startswith="Soumission")
    assert "camion" in quote.resource.name.lower()
    certificate = documents.get(title__startswith="Attestation d'assurance")
    assert certificate.risk is not None and certificate.risk.project == project
    assert certificate.organisation is not None
    for document in documents:
        content = document.file.read()
        assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
        assert document.size == len(content)
        assert document.content_type == "application/pdf"
    text = PdfReader(io.BytesIO(quote.file.open("rb").read())).pages[0].extract_text()
    assert "325 $ par jour" in text
