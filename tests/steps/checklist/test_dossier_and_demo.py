"""The checklist in the complete dossier, in the demo and in the project's export."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mutualisation.pdf import render_html
from projects.models import ChangeRecord
from steps.checklist import demo as checklist_demo
from steps.checklist.catalogue import ITEMS, ITEMS_BY_CODE
from steps.checklist.services import entry_save
from steps.models import ChecklistEntry
from steps.reports import dossier
from steps.transfer.export import export_project
from steps.transfer.schema import SECTIONS, V5_SECTIONS


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", html.replace("&#x27;", "'").replace("\u00a0", " "))


def test_dossier_has_the_checklist_section_with_ticks_and_notes(world):
    entry_save(
        project=world.project,
        code="besoin-reel-partage",
        checked=True,
        note="Confirmé au lancement",
        version=0,
        user=world.coordinator,
    )
    entry_save(
        project=world.project,
        code="bris-equipement",
        checked=False,
        note="Clause à écrire",
        version=0,
        user=world.partner_a,
    )
    context = dossier.build_dossier_context(None, world.project)
    html = _plain(render_html("pdf/dossier.html", context))
    assert 'href="#conditions"' in html  # in the table of contents
    assert 'id="conditions"' in html
    assert "Conditions de réussite et pièges" in html
    for item in ITEMS:
        assert _plain(str(item.text)) in html, item.code
    assert "Confirmé au lancement" in html and "Clause à écrire" in html
    assert "1 sur 6 cochés" in html  # impulsion: one of its six items
    assert html.count("✓ coché") == 1


def test_dossier_checklist_costs_one_query_whatever_the_ticks(world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            dossier.build_dossier_context(None, world.project)
        return len(queries)

    entry_save(
        project=world.project,
        code=ITEMS[0].code,
        checked=True,
        note="",
        version=0,
        user=world.coordinator,
    )
    few = count()
    for item in ITEMS[1:]:
        entry_save(
            project=world.project,
            code=item.code,
            checked=True,
            note="n",
            version=0,
            user=world.coordinator,
        )
    assert count() == few


def test_demo_ticks_some_items_with_notes_through_the_history(world):
    checklist_demo.populate(world.project)
    entries = ChecklistEntry.objects.filter(project=world.project)
    assert entries.count() == len(checklist_demo.TICKS)
    assert entries.filter(checked=True).exists() and entries.filter(checked=False).exists()
    assert entries.exclude(note="").exists()
    assert {e.code for e in entries} <= set(ITEMS_BY_CODE)
    assert {e.updated_by for e in entries} == {world.coordinator, world.partner_a}
    assert ChangeRecord.objects.filter(project=world.project).count() == entries.count()
    steps = {ITEMS_BY_CODE[e.code].step for e in entries}
    assert len(steps) >= 4  # spread over the steps


def test_export_has_the_checklist_entries(world):
    assert "checklist_entries" in V5_SECTIONS
    assert "checklist_entries" in [section.name for section in SECTIONS]
    entry_save(
        project=world.project,
        code="commencer-petit",
        checked=True,
        note="Un été",
        version=0,
        user=world.partner_b,
    )
    document = export_project(world.project)
    (row,) = document["checklist_entries"]
    assert row["code"] == "commencer-petit"
    assert row["checked"] is True and row["note"] == "Un été"
