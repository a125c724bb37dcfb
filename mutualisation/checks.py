"""System checks about the machine the app runs on, shown at start-up and by `check`."""

import ctypes.util
from pathlib import Path

from django.conf import settings
from django.core.checks import Warning
from django.utils.translation import gettext as _

HARFBUZZ_SUBSET_MISSING = "mutualisation.W001"
CATALOGUE_NOT_COMPILED = "mutualisation.W002"


def harfbuzz_subset_available() -> bool:
    """Tell whether the system's libharfbuzz-subset, which WeasyPrint loads, is installed."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


def check_harfbuzz_subset(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when PDF reports would fall back to WeasyPrint's much slower font subsetting."""
    if harfbuzz_subset_available():
        return []
    return [
        Warning(
            _(
                "La bibliothèque libharfbuzz-subset est introuvable : WeasyPrint réduira "
                "les polices des rapports PDF par une méthode beaucoup plus lente."
            ),
            hint=_("Installez-la, par exemple : apt-get install libharfbuzz-subset0"),
            id=HARFBUZZ_SUBSET_MISSING,
        )
    ]


def check_translations_compiled(app_configs=None, **kwargs) -> list[Warning]:
    """Warn when a catalogue is missing or older than its .po: English is then not
    offered (settings.LANGUAGES) or shows strings older than the code."""
    problems = []
    for folder in settings.LOCALE_PATHS:
        for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/django.po")):
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                problems.append(
                    Warning(
                        _("Le catalogue %(path)s n'est pas compilé ou date d'avant sa source.")
                        % {"path": po_path},
                        hint=_("Lancez : python manage.py compile_translations"),
                        id=CATALOGUE_NOT_COMPILED,
                    )
                )
    return problems


SITE_URL_MISSING = "mutualisation.W003"


def check_site_url(app_configs=None, **kwargs) -> list[Warning]:
    """With `check --deploy`: mails sent by jobs have no request to take the site's address
    from, so their links need SITE_URL."""
    if settings.SITE_URL:
        return []
    return [
        Warning(
            _(
                "SITE_URL est vide : les liens des courriels envoyés en arrière-plan "
                "(rappels, résumés, notifications) mèneraient à %(fallback)s."
            )
            % {"fallback": settings.SITE_URL_FALLBACK},
            hint=_(
                "Donnez l'adresse publique du site, par exemple SITE_URL=https://mutualisation.exemple.org"
            ),
            id=SITE_URL_MISSING,
        )
    ]
