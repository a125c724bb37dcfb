"""Catalogues compile in Python, and a missing compilation is said, never hidden."""

import gettext

import pytest
from django.core.management import CommandError, call_command

from mutualisation.checks import CATALOGUE_NOT_COMPILED, check_translations_compiled

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Bonjour"
msgstr "Hello"

msgid "%(n)s écart"
msgid_plural "%(n)s écarts"
msgstr[0] "%(n)s gap"
msgstr[1] "%(n)s gaps"
"""


@pytest.fixture
def locale(tmp_path, settings):
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(PO, encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    return folder


def test_compile_translations_writes_a_mo_that_gettext_reads(locale):
    call_command("compile_translations", verbosity=0)
    with open(locale / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("Bonjour") == "Hello"
    assert catalogue.ngettext("%(n)s écart", "%(n)s écarts", 2) == "%(n)s gaps"


def test_compile_translations_refuses_fuzzy_entries(locale):
    text = (locale / "django.po").read_text(encoding="utf-8")
    (locale / "django.po").write_text(
        text.replace('msgid "Bonjour"', '#, fuzzy\nmsgid "Bonjour"'), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="fuzzy"):
        call_command("compile_translations", verbosity=0)


def test_check_warns_when_a_catalogue_is_not_compiled(locale):
    assert [w.id for w in check_translations_compiled()] == [CATALOGUE_NOT_COMPILED]
    call_command("compile_translations", verbosity=0)
    assert check_translations_compiled() == []
