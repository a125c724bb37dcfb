"""Export one PDF report of a project, as an advisor sees it (the full view)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutualisation.pdf import ReportTooLong
from projects.models import Project
from steps.models import PooledResource
from steps.reports import agreement, costs, dossier, evaluation, grid, plan, portrait
from steps.reports.common import render

BUILDERS = {
    "dossier": dossier.build_dossier_context,
    "portrait": portrait.build_portrait_context,
    "grille": grid.build_grid_context,
    "couts": costs.build_costs_context,
    "plan": plan.build_plan_context,
    "entente": agreement.build_agreement_context,
    "evaluation": evaluation.build_evaluation_context,
}


class Command(BaseCommand):
    help = "Exporte un rapport PDF d'un projet (vue complète, comme un·e conseiller·ère)."

    def add_arguments(self, parser):
        parser.add_argument("project", help="Identifiant numérique ou slug du projet")
        parser.add_argument("--kind", required=True, choices=sorted(BUILDERS))
        parser.add_argument("--organisation", type=int, help="Organisation (portrait)")
        parser.add_argument("--resource", type=int, help="Ressource mise en commun (couts)")
        parser.add_argument("-o", "--output", required=True, help="Fichier PDF à écrire")

    def handle(self, *args, project, kind, organisation, resource, output, **options):
        found = self._project(project)
        kwargs = {}
        if kind == "portrait":
            if organisation is None:
                raise CommandError("Le portrait demande --organisation.")
            kwargs["organisation"] = found.organisations.filter(pk=organisation).first()
            if kwargs["organisation"] is None:
                raise CommandError(
                    f"L'organisation {organisation} ne participe pas au projet « {found.name} »."
                )
        if kind == "couts":
            if resource is None:
                raise CommandError("La fiche de coûts demande --resource.")
            kwargs["resource"] = (
                PooledResource.objects.select_related("responsible_organisation")
                .filter(project=found, pk=resource)
                .first()
            )
            if kwargs["resource"] is None:
                raise CommandError(
                    f"La ressource {resource} n'existe pas dans le projet « {found.name} »."
                )
        try:
            result = render(kind, BUILDERS[kind](None, found, **kwargs))
        except ReportTooLong as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(result.content)
        self.stdout.write(f"{output} : {result.page_count} page(s)")

    @staticmethod
    def _project(value: str) -> Project:
        lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
        project = Project.objects.filter(**lookup).first()
        if project is None:
            raise CommandError(f"Aucun projet « {value} ».")
        return project
