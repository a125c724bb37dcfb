"""Compile every .po catalogue of the project into its .mo, in Python (polib).

Django's compilemessages needs GNU gettext's msgfmt; without it the English interface
silently stayed French. This command needs nothing from the system, so `make run` and
`make test` always compile the catalogues.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile les catalogues de traduction (.po → .mo) sans dépendre de gettext."
    # The check of stale catalogues would warn about the very thing this command fixes.
    requires_system_checks = []

    def handle(self, *args, **options):
        catalogues = sorted(
            path for folder in settings.LOCALE_PATHS for path in Path(folder).rglob("*.po")
        )
        if not catalogues:
            raise CommandError("Aucun catalogue .po trouvé dans LOCALE_PATHS.")
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
            if fuzzy:
                raise CommandError(f"{po_path} : {len(fuzzy)} traduction(s) « fuzzy » à revoir.")
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            if options["verbosity"]:
                self.stdout.write(f"{po_path} : {len(catalogue.translated_entries())} traductions")
