import json
import shutil

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from projects.models import Project
from steps.transfer.archive import write_archive
from steps.transfer.export import export_project


class Command(BaseCommand):
    help = (
        "Exporte un projet complet (organisations, membres sans mot de passe, réponses et "
        "leur historique, outils de chaque étape) en un document JSON versionné ; avec "
        "-o FICHIER.zip, une archive ZIP qui porte aussi les fichiers des documents partagés."
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
        document = export_project(instance)
        if output and output.lower().endswith(".zip"):
            with write_archive(document, instance) as archive, open(output, "wb") as file:
                shutil.copyfileobj(archive, file)
            self.stderr.write(self.style.SUCCESS(f"Projet « {instance.name} » exporté : {output}"))
            return
        if document.get("documents"):
            self.stderr.write(
                self.style.WARNING(
                    "Ce projet a des documents partagés : le JSON seul ne porte pas leurs "
                    "fichiers. Pour les garder, exportez vers un fichier .zip (-o projet.zip)."
                )
            )
        text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(self.style.SUCCESS(f"Projet « {instance.name} » exporté : {output}"))
        else:
            self.stdout.write(text)
