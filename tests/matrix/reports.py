"""PDF reports: every member downloads the shared reports; a portrait of organisation A's
draft (world.org_a has not submitted anything) is refused to organisation B's partner.

The dossier, and the grid and the action plan of a project that has never had them built,
are built by a job: the request goes to the build's « Préparation… » page (302). A build
(`report_id`: a finished dossier of world.project for the coordination and the advisors,
audience « all ») is seen only by the members who share its audience: 404 to partners,
as to people outside the project."""

from django.core.files.base import ContentFile

from steps.models import GeneratedReport

from . import POST, READ, profile

BUILT = profile(302, 404, 302, 302, 302, 302)
# The build of the coordination and the advisors: 404 to the partners.
OWN_AUDIENCE = profile(302, 404, 404, 404, 200, 200)

MATRIX = {
    "steps:report_dossier": (BUILT, None),
    "steps:report_portrait": (profile(302, 404, 200, 403, 200, 200), None),
    "steps:report_grille": (BUILT, None),
    "steps:report_couts": (READ, None),
    "steps:report_plan": (BUILT, None),
    "steps:report_entente": (READ, None),
    "steps:report_evaluation": (READ, None),
    "steps:report_progress": (OWN_AUDIENCE, None),
    "steps:report_status": (OWN_AUDIENCE, None),
    "steps:report_retry": (OWN_AUDIENCE, POST),
    "steps:report_file": (OWN_AUDIENCE, None),
}


def _finished_dossier(world):
    """A finished dossier with its file, at a version no request of the matrix asks for
    (the report URLs above still build their own)."""
    project = world.project
    report, created = GeneratedReport.objects.get_or_create(
        project=project,
        key="dossier",
        language="fr-ca",
        audience="all",
        content_version=project.content_version + 1_000,
        defaults={
            "status": GeneratedReport.Status.DONE,
            "filename": f"dossier-{project.slug}.pdf",
            "pages": 1,
            "progress_done": 1,
            "progress_total": 1,
        },
    )
    if created:
        report.file.save("matrice.pdf", ContentFile(b"%PDF-1.7 matrice"), save=True)
    return report.pk


URL_KWARGS = {"report_id": _finished_dossier}
