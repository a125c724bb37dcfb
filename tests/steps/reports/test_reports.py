"""The reports as documents: unique anchors, PDF/UA structure and metadata, long plans and
large grids laid out in parts, the small helpers of steps/reports."""

import gc
import io
import logging
import re
from datetime import date

import pytest
from pypdf import PdfReader

from mutualisation.pdf import GC_THRESHOLD, gc_relaxed
from steps.demo import build_demo_project
from steps.models import Answer, PooledResource, StepStatus
from steps.planning.timeline import Span, build_timeline
from steps.reports import agreement, costs, dossier, evaluation, grid, plan, portrait
from steps.reports.common import page_counter_css, render
from steps.reports.dossier import labelled_lines
from steps.reports.grid import ColumnGroup
from tests.factories import OrganisationFactory

KINDS = ["dossier", "portrait", "grille", "couts", "plan", "entente", "evaluation"]


@pytest.fixture
def demo(db):
    return build_demo_project()


def _context(kind, project):
    if kind == "portrait":
        organisation = project.organisations.order_by("name").first()
        return portrait.build_portrait_context(None, project, organisation=organisation)
    if kind == "couts":
        resource = PooledResource.objects.filter(project=project).order_by("pk").first()
        return costs.build_costs_context(None, project, resource=resource)
    builders = {
        "dossier": dossier.build_dossier_context,
        "grille": grid.build_grid_context,
        "plan": plan.build_plan_context,
        "entente": agreement.build_agreement_context,
        "evaluation": evaluation.build_evaluation_context,
    }
    return builders[kind](None, project)


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def weasyprint_log():
    """Every message WeasyPrint logs while the test runs."""
    handler = _Records()
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    yield handler.messages
    logger.removeHandler(handler)
    logger.setLevel(previous)


def _text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in pages))


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_demo_report_is_tagged_pdf_ua_without_duplicate_anchor(demo, weasyprint_log, kind):
    """Each demo report: ids unique (no WeasyPrint warning), PDF/UA-1 structure and metadata."""
    result = render(kind, _context(kind, demo))
    assert not [m for m in weasyprint_log if "Anchor defined twice" in m], weasyprint_log
    reader = PdfReader(io.BytesIO(result.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "fr-CA"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title and demo.name in reader.metadata.title
    assert reader.metadata.author == demo.name
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert reader.pdf_header == "%PDF-1.7"


@pytest.mark.slow
def test_pdf_dossier_pricing_anchors_are_numbered_per_resource(demo):
    """The break-even block of each resource has its own id in the dossier's HTML."""
    result = render("dossier", _context("dossier", demo))
    ids = re.findall(r'id="(seuil[^"]*)"', result.html)
    resources = PooledResource.objects.filter(project=demo)
    assert sorted(ids) == sorted(f"seuil-{resource.pk}" for resource in resources)
    every_id = re.findall(r'\bid="([^"]+)"', result.html)
    assert len(every_id) == len(set(every_id))


@pytest.mark.slow
def test_pdf_footer_counts_pages_in_the_document_language(demo):
    """« page X de Y » on every page of the cost sheet."""
    result = render("couts", _context("couts", demo))
    text = _text(result.content)
    for number in range(1, result.page_count + 1):
        assert f"page {number} de {result.page_count}" in text


def test_pdf_page_counter_css_cannot_leave_its_string():
    """The translated footer becomes CSS strings around the page counters."""
    assert page_counter_css() == '"page " counter(page) " de " counter(pages)'


def _timeline(count: int):
    spans = [
        Span(key=n, label=f"Action {n}", start=date(2026, 1 + n % 12, 1), end=date(2027, 6, 30))
        for n in range(count)
    ]
    return build_timeline(spans, today=date(2026, 11, 22))


def test_pdf_timeline_parts_keep_every_row_on_the_same_months():
    """A 200-action timeline is cut in page-sized parts sharing the month columns."""
    timeline = _timeline(200)
    parts = plan.timeline_parts(timeline)
    size = plan.rows_per_part(timeline, plan.LANDSCAPE_AREA)
    assert len(parts) == -(-200 // size) > 1
    assert [row.key for part in parts for row in part.rows] == [row.key for row in timeline.rows]
    assert all(part.months == timeline.months for part in parts)
    assert all(part.rows[0].y == timeline.rows[0].y for part in parts)
    width, height = plan.LANDSCAPE_AREA
    assert all(part.height * width / part.width <= height for part in parts)


def test_pdf_timeline_svgs_have_unique_ids():
    """From the second part on, the SVG title and description ids are numbered."""
    svgs = plan.timeline_svgs(plan.timeline_parts(_timeline(120)))
    ids = [i for svg in svgs for i in re.findall(r'\bid="([^"]+)"', svg)]
    assert len(svgs) > 1
    assert len(ids) == len(set(ids))
    assert 'aria-labelledby="timeline-2-titre timeline-2-desc"' in svgs[1]


@pytest.mark.parametrize(
    ("first", "count", "last", "span"),
    [(1, 1, 1, 2), (1, 6, 6, 7), (25, 6, 30, 7), (26, 5, 30, 6)],
)
def test_pdf_grid_column_group_bounds(first, count, last, span):
    """A group of organisations knows its last number and its number of columns."""
    group = ColumnGroup(tuple(range(count)), [], first)
    assert (group.last, group.span) == (last, span)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quorum : 3", [("Quorum", "3")]),
        ("A : 1\nsuite\nB : 2 : 3", [("A", "1\nsuite"), ("B", "2 : 3")]),
        ("sans étiquette", [("", "sans étiquette")]),
        ("", []),
    ],
)
def test_pdf_labelled_lines(text, expected):
    """« Label : value » lines, continuation lines joined to the previous value."""
    assert labelled_lines(text) == expected


def test_pdf_gc_relaxed_restores_the_thresholds():
    """The collector's thresholds are raised inside the block only."""
    before = gc.get_threshold()
    with gc_relaxed():
        assert gc.get_threshold()[0] == max(GC_THRESHOLD, before[0])
    assert gc.get_threshold() == before


def _thirty_organisations(world):
    for index in range(28):
        organisation = OrganisationFactory(name=f"Organisme {index + 3:02d}")
        world.project.organisations.add(organisation)
    for organisation in world.project.organisations.all():
        StepStatus.objects.create(
            project=world.project,
            organisation=organisation,
            step="reflexion",
            status=StepStatus.Status.SUBMITTED,
        )
        Answer.objects.create(
            project=world.project,
            organisation=organisation,
            question_code="reflexion.identite.mission.appreciation",
            value="force",
        )


@pytest.mark.slow
def test_pdf_grid_of_thirty_organisations_is_split_in_landscape_groups(world):
    """30 organisations: five landscape tables of six, each one named, every page landscape."""
    _thirty_organisations(world)
    result = render("grille", grid.build_grid_context(None, world.project))
    text = _text(result.content)
    for first, last in [(1, 6), (7, 12), (13, 18), (19, 24), (25, 30)]:
        assert f"Organisations {first} à {last} sur 30" in text
    for organisation in world.project.organisations.all():
        assert organisation.name in text
    reader = PdfReader(io.BytesIO(result.content))
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
