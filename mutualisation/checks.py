"""System checks about the machine the app runs on, shown at start-up and by `check`."""

import ctypes.util

from django.core.checks import Warning
from django.utils.translation import gettext as _

HARFBUZZ_SUBSET_MISSING = "mutualisation.W001"


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
                "La bibliothèque libharfbuzz-subset est introuvable : WeasyPrint réduira "
                "les polices des rapports PDF par une méthode beaucoup plus lente."
            ),
            hint=_("Installez-la, par exemple : apt-get install libharfbuzz-subset0"),
            id=HARFBUZZ_SUBSET_MISSING,
        )
    ]
