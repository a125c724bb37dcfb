from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projects.demo import (
    ADVISOR_EMAIL,
    COORDINATOR_EMAIL,
    DEMO_ORGANISATIONS,
    DEMO_PASSWORD,
)
from steps.demo import build_demo_project


class Command(BaseCommand):
    help = (
        "Crée le projet de démonstration (quatre organismes de Montérégie-Ouest) et ses "
        "comptes. Peut être relancée sans risque : les comptes et les organisations sont "
        "mis à jour, et le projet de démonstration est supprimé puis reconstruit à neuf "
        "(toute modification faite dans ce projet est perdue). Refuse de s'exécuter quand "
        "DEBUG est désactivé, sauf avec --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Exécuter même quand DEBUG est désactivé (par exemple sur un serveur de test).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG est désactivé : le projet de démonstration et ses comptes au mot de "
                "passe connu n'ont pas leur place en production. Relancez avec --force si "
                "c'est bien voulu."
            )
        project = build_demo_project()
        self.stdout.write(self.style.SUCCESS(f"Projet de démonstration prêt : {project.name}"))
        self.stdout.write(f"Adresse : {project.get_absolute_url()}")
        self.stdout.write(f"Mot de passe de tous les comptes : {DEMO_PASSWORD}")
        self.stdout.write(f"  {COORDINATOR_EMAIL:32} coordonnateur·rice")
        for data in DEMO_ORGANISATIONS.values():
            self.stdout.write(f"  {data['partner_email']:32} partenaire · {data['name']}")
        self.stdout.write(f"  {ADVISOR_EMAIL:32} conseiller·ère")
