from django.conf import settings
from django.core.management.base import BaseCommand

from steps.reports.cache import prune

NBSP = "\u00a0"


class Command(BaseCommand):
    help = (
        "Supprime les rapports produits (et leurs fichiers) de plus de REPORTS_KEEP_DAYS "
        "jours, ceux d'une version dépassée du projet depuis plus d'un jour, et les "
        "fichiers qu'aucun rapport ne désigne plus. Ne touche jamais un rapport en "
        "préparation. La tâche horaire la lance d'elle-même."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compte ce qui serait supprimé, sans rien supprimer.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        pruned = prune(dry_run=dry_run)
        if verbosity < 1:
            return
        verb = "à supprimer" if dry_run else "supprimés"
        self.stdout.write(
            f"Rapports {verb}{NBSP}: {pruned.reports} (fichiers{NBSP}: {pruned.files}){NBSP}; "
            f"fichiers orphelins {verb}{NBSP}: {pruned.orphans} "
            f"(conservation{NBSP}: {settings.REPORTS_KEEP_DAYS}{NBSP}jours)."
        )
