"""Plurals in French and in English: French counts 0 as singular (« 0 écart »), English
does not (« 0 gaps »).

The msgids are French, so no French translation is needed, except for the plural rule:
without the French catalogue, gettext falls back to the English rule (n != 1) for every
plural message and French pages say « 0 écarts ».
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from tests.factories import PREMISES, STORAGE, TRANSPORT, portrait, set_reflexion
from tests.i18n import LOCALE_DIR
from tests.test_translations import parse_po

FRENCH_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"

# A plural message of the pairs page, named here rather than written in a gettext call
# (makemessages would otherwise list this file among its sources).
GAP = ("%(n)s écart d'identité", "%(n)s écarts d'identité")


def _plural_messages(path) -> set[tuple[str, str]]:
    return {
        (entry["fields"].get("msgctxt", ""), entry["fields"]["msgid"])
        for entry in parse_po(path)
        if "msgid_plural" in entry["fields"]
    }


def test_french_catalogue_counts_zero_as_singular():
    """The French catalogue declares the French rule: singular for 0 and 1."""
    header = FRENCH_PO.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in header


def test_french_catalogue_repeats_each_message():
    """Each French translation is its own msgid (singular and plural), none fuzzy.

    After makemessages, `make translations` fills the French catalogue so (msgen).
    """
    wrong = []
    for entry in parse_po(FRENCH_PO):
        fields = entry["fields"]
        if "msgid_plural" in fields:
            expected = {"msgstr[0]": fields["msgid"], "msgstr[1]": fields["msgid_plural"]}
        else:
            expected = {"msgstr": fields["msgid"]}
        found = {name: value for name, value in fields.items() if name.startswith("msgstr")}
        if found != expected or "fuzzy" in entry["flags"]:
            wrong.append(repr(fields["msgid"][:80]))
    assert not wrong, f"{len(wrong)} French message(s) to refill:\n" + "\n".join(wrong)


def test_french_catalogue_holds_every_plural_message():
    """Every plural message of the English catalogue is in the French one."""
    missing = _plural_messages(ENGLISH_PO) - _plural_messages(FRENCH_PO)
    assert not missing, f"plural messages missing from {FRENCH_PO}: {sorted(missing)}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr-ca", ["0 écart d'identité", "1 écart d'identité", "2 écarts d'identité"]),
        ("fr", ["0 écart d'identité", "1 écart d'identité", "2 écarts d'identité"]),
        ("en", ["0 identity gaps", "1 identity gap", "2 identity gaps"]),
    ],
)
def test_ngettext_follows_the_rule_of_each_language(compiled_catalogues, language, expected):
    """0, 1 and 2 in French (the site's fr-ca included) and in English."""
    with translation.override(language):
        found = [ngettext(*GAP, n) % {"n": n} for n in (0, 1, 2)]
    assert found == expected


@pytest.fixture
def two_partners(world, test_dimensions):
    """A and B: two offers meeting a need, one strength facing a weakness, no identity gap."""
    project, a, b = world.project, world.org_a, world.org_b
    set_reflexion(project, a)
    set_reflexion(project, b)
    portrait(project, a, TRANSPORT, appreciation="neutre", offre="Camion")
    portrait(project, b, TRANSPORT, appreciation="neutre", besoin="Camion")
    portrait(project, b, PREMISES, appreciation="neutre", offre="Salle")
    portrait(project, a, PREMISES, appreciation="neutre", besoin="Salle")
    portrait(project, a, STORAGE, appreciation="force")
    portrait(project, b, STORAGE, appreciation="faiblesse")
    return world


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr-ca",
            "7 points (2 offres répondant à un besoin, 1 force face à une faiblesse, "
            "0 écart d'identité)",
        ),
        (
            "en",
            "7 points (2 offers meeting a need, 1 strength facing a weakness, 0 identity gaps)",
        ),
    ],
)
def test_pairs_page_counts_in_each_language(
    compiled_catalogues,
    settings,
    two_partners,
    client_as,
    language,
    expected,
):
    """The most complementary pair reads « 0 écart d'identité » in French, « 0 identity
    gaps » in English, with 1 and 2 beside it."""
    settings.LANGUAGES = [("fr-ca", "Français"), ("en", "English")]
    client = client_as(two_partners.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    project = two_partners.project
    response = client.get(reverse("steps:pairs", kwargs={"project_slug": project.slug}))
    text = " ".join(response.content.decode().split()).replace("&#x27;", "'")
    assert expected in text
