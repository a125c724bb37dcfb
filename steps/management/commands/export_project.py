import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from projects.models import Project
from steps.transfer.export import export_project


class Command(BaseCommand):
    help = (
        "Exporte un projet complet (organisations, membres sans mot de passe, réponses et "
        "leur historique, outils de chaque étape) en un document JSON versionné."
    )

    def add_arguments(self, parser):
        parser.add_argument("project", help="Identifiant (slug) ou numéro du projet.")
        parser.add_argument(
            "-o", "--output", help="Fichier à écrire (par défaut : la sortie standard)."
        )

    def handle(self, *args, project, output=None, **options):
        lookup = {"pk": int(project)} if project.isdigit() else {"slug": project}
        try:
            instance = Project.objects.get(**lookup)
        except Project.DoesNotExist as error:
            raise CommandError(f"Aucun projet « {project} ».") from error
        text = json.dumps(
            export_project(instance), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        )
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(self.style.SUCCESS(f"Projet « {instance.name} » exporté : {output}"))
        else:
            self.stdout.write(text)
