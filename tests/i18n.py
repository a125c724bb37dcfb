"""Translated text in tests: compiled catalogues, and a sentence read in one language.

The .mo files are built from the .po files and not committed. `make` compiles them before
the suite; `compile_catalogues` does it when one is missing or older than its .po, so
`pytest` alone works on a fresh clone. French needs its catalogue too: its msgids are the
French text, but only the catalogue says that French counts 0 as singular (« 0 écart »).
"""

import fcntl
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def stale_catalogues() -> list[Path]:
    """The .po files whose .mo is missing or older."""
    stale = []
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            stale.append(po_path)
    return stale


def forget_loaded_catalogues() -> None:
    """Drop the catalogues loaded before a .mo changed (Django reloads them on demand)."""
    # Django's own test signal handler empties its translation caches on this setting.
    setting_changed.send(
        sender=settings._wrapped.__class__,
        setting="LOCALE_PATHS",
        value=settings.LOCALE_PATHS,
        enter=True,
    )


def compile_catalogues() -> None:
    """Compile the stale catalogues, one pytest-xdist worker at a time."""
    if not stale_catalogues():
        return
    # The same lock as test_translations' own compilation.
    lock_path = Path(tempfile.gettempdir()) / f"compilemessages-{os.getuid()}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if stale_catalogues():  # another worker may have compiled them meanwhile
                call_command("compile_translations", verbosity=0)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    forget_loaded_catalogues()


def in_language(language: str, text) -> str:
    """`text` (a lazy translation, or a sentence built from some) read in `language`."""
    with translation.override(language):
        return str(text)


def in_french(text) -> str:
    return in_language(settings.LANGUAGE_CODE, text)


def in_english(text) -> str:
    return in_language("en", text)
