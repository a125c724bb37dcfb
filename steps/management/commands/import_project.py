import json
import zipfile

from django.core.management.base import BaseCommand, CommandError

from projects.models import RESERVED_SLUGS
from steps.transfer.archive import ArchiveProblem, read_archive
from steps.transfer.importer import ImportProblems, import_project


class Command(BaseCommand):
    help = (
        "Importe un projet exporté par export_project. Le fichier est vérifié en entier "
        "avant toute écriture ; un fichier invalide ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Document JSON ou archive ZIP produits par export_project."
        )

    def handle(self, *args, file, **options):
        files = None
        try:
            if zipfile.is_zipfile(file):
                # A backup with its documents' files: the archive is checked first.
                with open(file, "rb") as handle:
                    raw, files = read_archive(handle)
                document = json.loads(raw.decode("utf-8"))
            else:
                with open(file, encoding="utf-8") as handle:
                    document = json.load(handle)
        except ArchiveProblem as error:
            raise CommandError(f"Archive « {file} » refusée : {error}") from error
        except OSError as error:
            raise CommandError(f"Lecture impossible de « {file} » : {error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"« {file} » n'est pas un fichier texte UTF-8 (fichier binaire ?) : "
                "attendu, le document JSON produit par export_project."
            ) from error
        except json.JSONDecodeError as error:
            raise CommandError(f"« {file} » n'est pas du JSON valide : {error}") from error
        except RecursionError as error:
            raise CommandError(
                f"« {file} » est imbriqué trop profondément pour être un export de projet."
            ) from error
        try:
            result = import_project(document, files)
        except ImportProblems as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(
                f"Import refusé, rien n'a été modifié. Problèmes trouvés :\n{lines}"
            ) from error
        project = result.project
        self.stdout.write(self.style.SUCCESS(f"Projet « {project.name} » importé."))
        if result.slug_changed:
            asked = document["project"].get("slug") or ""
            if not asked:
                reason = "Le fichier ne donne pas d'identifiant"
            elif asked in RESERVED_SLUGS:
                reason = f"L'identifiant « {asked} » est réservé par l'application"
            else:
                reason = f"L'identifiant « {asked} » était déjà pris"
            self.stdout.write(f"{reason} : le projet est importé sous « {project.slug} ».")
        if result.created_users:
            self.stdout.write(
                f"{len(result.created_users)} compte(s) créé(s) sans mot de passe : chaque "
                "personne en choisit un par « Mot de passe oublié ? » sur la page de "
                "connexion (ou en suivant une invitation reçue) : "
                + ", ".join(result.created_users)
            )
        self.stdout.write(f"Adresse : {project.get_absolute_url()}")
