"""An advisor's journey in Chromium: accept, read every step, take the files away.

Louise, from the regional social-economy support body, is invited to the demo project.
She opens an account from the e-mail's link, reads the six step pages and the dashboard
without a single editing control in her way, then downloads the project's dossier (PDF)
and the diagnostic grid (XLSX). Both files are opened and read, not only received.

The dossier is built by a job (issue 17): with the database queue, her request leads to
« Préparation du dossier… »; a worker (the loop of `db_worker`, run here by the test)
builds it while the page polls its progress, the page then offers the file; asked again,
the dossier comes from the cache, the download starting without the preparation page.
"""

import io
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from projects.demo import COORDINATOR_EMAIL, DEMO_ORGANISATIONS
from projects.method import STEPS
from projects.models import Membership, Role, User
from steps.demo import build_demo_project
from steps.models import GeneratedReport
from tests.browser.a11y import assert_accessible
from tests.browser.journeys import accept_with_new_account, invitation_link, send_invitation
from tests.workers import run_worker_in_process

pytestmark = pytest.mark.browser

LOUISE = "louise@pole-es.example"
# The demo's small rural CDC has not submitted its portrait: the grid leaves it out.
DRAFT = DEMO_ORGANISATIONS["cdc_vallee"]["name"]
SUBMITTED = [data["name"] for key, data in DEMO_ORGANISATIONS.items() if key != "cdc_vallee"]


@pytest.fixture
def demo_with_invitation(live_server, mailoutbox):
    """The demo project, with Louise's invitation in her mailbox."""
    project = build_demo_project()
    send_invitation(
        live_server=live_server,
        project=project,
        email=LOUISE,
        role=Role.ADVISOR,
        sent_by=User.objects.get(email=COORDINATOR_EMAIL),
    )
    return project


@pytest.fixture(autouse=True)
def database_queue(settings, tmp_path):
    """Reports wait in the database queue until the test runs the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


def run_worker():
    """What `manage.py db_worker --batch` does, in the test's process (and database)."""
    run_worker_in_process("parcours-conseil")


def read_pdf(download) -> bytes:
    assert download.suggested_filename.endswith(".pdf")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    return content


def step_titles() -> list[str]:
    with translation.override("fr-ca"):
        return [str(step.title) for step in STEPS]


def test_journey_advisor_reads_every_step_and_takes_the_files(
    page: Page, live_server, demo_with_invitation, screenshot
):
    """Louise joins as advisor, reads each step and downloads the dossier and the grid."""
    project = demo_with_invitation

    # 1. Accepts the invitation with a new account.
    accept_with_new_account(page, invitation_link(LOUISE), "Louise Pôle", screenshot=screenshot)
    expect(page.get_by_role("heading", level=1)).to_have_text(project.name)
    expect(page.get_by_text("Votre rôle : Conseiller·ère")).to_be_visible()
    expect(page.get_by_role("link", name="Membres et invitations")).to_have_count(0)
    screenshot("01-accueil-projet")

    # 2. Reads every step: the guidance, the organisations' progress, nothing to edit.
    for number, title in enumerate(step_titles(), start=1):
        page.get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Étape {number}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        expect(page.get_by_role("heading", name="Outils de l’étape")).to_be_visible()
        expect(page.get_by_role("button", name="Enregistrer")).to_have_count(0)
        expect(page.get_by_role("button", name="Soumettre", exact=False)).to_have_count(0)
        screenshot(f"02-etape-{number}")
        page.get_by_role("navigation", name="Fil d’Ariane").get_by_role(
            "link", name=project.name
        ).click()

    # 3. The dashboard, and the project's dossier as a PDF.
    page.get_by_role("link", name="Tableau de bord").first.click()
    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    screenshot("03-tableau-de-bord")
    dashboard = page.url
    dossier_link = page.get_by_role("link", name="Télécharger le dossier complet du projet (PDF)")
    dossier_link.click()
    expect(page.get_by_role("heading", name="Préparation du dossier…", level=1)).to_be_visible()
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.get_by_role("link", name="Actualiser")).to_be_hidden()  # the script polls
    screenshot("03-preparation-du-dossier")
    assert_accessible(page)
    assert GeneratedReport.objects.get(key="dossier").status == GeneratedReport.Status.QUEUED
    run_worker()
    # The page hears that the build is over and offers the file.
    download_button = page.get_by_role("link", name="Télécharger le PDF")
    expect(download_button).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Le document est prêt")).to_be_visible()
    screenshot("03-dossier-pret")
    assert_accessible(page)
    with page.expect_download() as download_info:
        download_button.click()
    pdf = read_pdf(download_info.value)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((page_.extract_text() or "").split()) for page_ in reader.pages)
    assert project.name in text
    assert len(reader.pages) > 3

    # Asked again, unchanged: the file at once, from the cache, without leaving the page.
    page.goto(dashboard)
    with page.expect_download() as download_info:
        dossier_link.click()
    assert read_pdf(download_info.value) == pdf
    assert page.url == dashboard
    assert GeneratedReport.objects.filter(key="dossier").count() == 1

    # 4. The diagnostic grid, and its spreadsheet.
    page.get_by_role("link", name="3. Diagnostic").first.click()
    page.get_by_role("link", name="Grille du diagnostic").click()
    expect(page.get_by_role("heading", name="Grille du diagnostic", level=1)).to_be_visible()
    expect(page.get_by_text("Confirmer ou corriger")).to_have_count(0)
    screenshot("04-grille")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    # Each sheet (one per dimension) has a column per organisation and part of its portrait.
    columns = {
        str(header).removesuffix(" — Appréciation")
        for sheet in workbook.worksheets
        for header in next(sheet.iter_rows(max_row=1, values_only=True))
        if str(header).endswith(" — Appréciation")
    }
    workbook.close()
    assert columns == set(SUBMITTED)
    assert DRAFT not in columns

    louise = User.objects.get(email=LOUISE)
    assert Membership.objects.get(user=louise, project=project).role == Role.ADVISOR
