"""The English translation: a complete catalogue, and main pages free of French UI text.

The .mo file is built from locale/en/LC_MESSAGES/django.po (it is not committed): the
session fixture compiles it in Python (polib) when it is missing or older than the .po, so
`pytest` works on a fresh clone, without gettext.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from projects.demo import COORDINATOR_EMAIL
from projects.method import STEPS
from projects.models import User
from steps.demo import build_demo_project
from steps.models import Agreement, PooledResource
from tests.i18n import compile_catalogues, forget_loaded_catalogues

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# Words of the French interface (navigation, buttons, headings, labels) that must never
# show on an English page. Demo content is French on purpose, so none of these appears
# in it; each is checked with its case, as a whole phrase.
FRENCH_UI_WORDS = (
    "Mes projets",
    "Se déconnecter",
    "Aller au contenu",
    "À propos de la méthode",
    "Sources de la méthode",
    "Fil d’Ariane",
    "Enregistrer",
    "Membres et invitations",
    "Tableau de bord",
    "Organisations partenaires",
    "Étape",
    "Outils de l’étape",
    "Actions clés",
    "Points d’attention",
    "Soumettre",
    "Historique",
    "Légende",
    "Télécharger",
    "Ajouter un",
    "Ajouter une",
    "Mot de passe",
    "Se connecter",
)

# Attributes a person reads or hears (screen readers) as well as the text.
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "aria-description"}


# --- The .po file --------------------------------------------------------------------

_PO_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')
_PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_NAMED_PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z_0-9]*\)[sdifr]")
_BRACE_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*\}")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _PO_ESCAPES.get(match[1], match[0]), text)


def parse_po(path: Path) -> list[dict]:
    """Return the entries of a .po file: their flags and their msg* fields (no header)."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": set(), "fields": {}}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):  # obsolete: makemessages keeps them, msgfmt skips them
                entry = None
                break
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := _PO_LINE.match(line):
                field = match[1]
                entry["fields"][field] = _unescape(match[2])
            elif line.startswith('"') and field:
                entry["fields"][field] += _unescape(line[1:-1])
        if entry and entry["fields"].get("msgid"):
            entries.append(entry)
    return entries


def _describe(entry: dict) -> str:
    return repr(entry["fields"]["msgid"][:80])


def _translations(entry: dict) -> list[str]:
    fields = entry["fields"]
    return [value for name, value in sorted(fields.items()) if name.startswith("msgstr")]


@pytest.fixture(scope="module")
def po_entries():
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l en"
    return parse_po(PO_FILE)


def test_translation_catalogue_is_complete(po_entries):
    """Every message has an English translation, in every plural form."""
    untranslated = [
        _describe(entry)
        for entry in po_entries
        if not all(value.strip() for value in _translations(entry))
    ]
    assert not untranslated, (
        f"{len(untranslated)} message(s) without English translation in {PO_FILE.name}:\n"
        + "\n".join(untranslated)
    )


def test_translation_catalogue_has_no_fuzzy_entry(po_entries):
    """No entry is left fuzzy (msgfmt drops them, so the page would show French)."""
    fuzzy = [_describe(entry) for entry in po_entries if "fuzzy" in entry["flags"]]
    assert not fuzzy, f"{len(fuzzy)} fuzzy message(s) to check:\n" + "\n".join(fuzzy)


def test_translation_catalogue_keeps_placeholders(po_entries):
    """Each translation carries the named placeholders of its source, no more, no less."""
    wrong = []
    for entry in po_entries:
        fields = entry["fields"]
        for pattern in (_NAMED_PLACEHOLDER, _BRACE_PLACEHOLDER):
            if "msgid_plural" in fields:
                # The singular may say « one » instead of showing the count.
                pairs = [
                    (fields["msgid_plural"], fields.get("msgstr[1]", ""), "exact"),
                    (fields["msgid"] + fields["msgid_plural"], fields.get("msgstr[0]", ""), "in"),
                ]
            else:
                pairs = [(fields["msgid"], fields.get("msgstr", ""), "exact")]
            for source, translation, rule in pairs:
                expected = set(pattern.findall(source))
                found = set(pattern.findall(translation))
                if (rule == "exact" and found != expected) or not found <= expected:
                    wrong.append(f"{_describe(entry)}: {sorted(expected)} → {sorted(found)}")
    assert not wrong, "Placeholders differ:\n" + "\n".join(wrong)


# --- Compiled catalogue and pages ----------------------------------------------------


@pytest.fixture(scope="session")
def compiled_english():
    """The English catalogue, compiled in Python when missing or stale (tests.i18n)."""
    compile_catalogues()
    yield MO_FILE
    forget_loaded_catalogues()


class _ReadableText(HTMLParser):
    """Text nodes and read-aloud attributes of a page, scripts and styles left out."""

    def __init__(self):
        super().__init__()
        self.chunks = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        self.chunks.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(data)


def readable_text(html: str) -> list[str]:
    parser = _ReadableText()
    parser.feed(html)
    return [" ".join(chunk.split()) for chunk in parser.chunks]


def _french_ui_words(chunks: list[str]) -> list[str]:
    text = "\n".join(chunks)
    return [
        word for word in FRENCH_UI_WORDS if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    ]


def _untranslated_messages(chunks: list[str], catalogue: dict[str, str]) -> list[str]:
    """Whole text nodes equal to a French message whose English differs."""
    return sorted({chunk for chunk in chunks if chunk in catalogue})


def _main_pages(project) -> dict[str, str]:
    slug = {"project_slug": project.slug}
    organisation = project.organisations.order_by("name").first()
    resource = PooledResource.objects.filter(project=project).order_by("pk").first()
    pages = {
        "projects": reverse("projects:list"),
        "project home": reverse("projects:home", kwargs=slug),
        "dashboard": reverse("steps:dashboard", kwargs=slug),
        **{
            f"step {step.code}": reverse("steps:step", kwargs=slug | {"step_code": step.code})
            for step in STEPS
        },
        "organisation answers": reverse(
            "steps:org_answers",
            kwargs=slug | {"step_code": "reflexion", "organisation_id": organisation.pk},
        ),
        "impulsion synthesis": reverse("steps:impulsion_synthesis", kwargs=slug),
        "grid": reverse("steps:grid", kwargs=slug),
        "potential": reverse("steps:potential", kwargs=slug),
        "opportunities": reverse("steps:opportunities", kwargs=slug),
        "resources": reverse("steps:resources", kwargs=slug),
        "resource detail": reverse(
            "steps:resource_detail", kwargs=slug | {"resource_id": resource.pk}
        ),
        "operating model": reverse("steps:operating_model", kwargs=slug),
        "risks": reverse("steps:risks", kwargs=slug),
        "agreement": reverse("steps:agreement", kwargs=slug),
        "strategic plan": reverse("steps:strategic_plan", kwargs=slug),
        "actions": reverse("steps:actions", kwargs=slug),
        "timeline": reverse("steps:action_timeline", kwargs=slug),
        "communication": reverse("steps:communication", kwargs=slug),
        "logic model": reverse("steps:logic_model", kwargs=slug),
        "indicators": reverse("steps:indicators", kwargs=slug),
        "evaluation rounds": reverse("steps:evaluation_rounds", kwargs=slug),
        "members": reverse("projects:members", kwargs=slug),
        "about the method": reverse("about_method"),
    }
    return pages


def _check_page(client, name, url, catalogue, problems):
    response = client.get(url)
    if response.status_code != 200:
        problems.append(f"{name} ({url}): status {response.status_code}")
        return
    chunks = readable_text(response.content.decode())
    if words := _french_ui_words(chunks):
        problems.append(f"{name} ({url}): French words {words}")
    if messages := _untranslated_messages(chunks, catalogue):
        problems.append(f"{name} ({url}): untranslated messages {messages}")


@pytest.fixture
def french_messages(po_entries):
    """French source → English, for the phrases whose English differs (no placeholders)."""
    catalogue = {}
    for entry in po_entries:
        fields = entry["fields"]
        source, english = fields["msgid"], fields.get("msgstr", "")
        if "msgid_plural" in fields or "%" in source or "{" in source:
            continue
        source = " ".join(source.split())
        # One-word messages (« partenaires ») also occur in French demo content.
        if " " in source and english and " ".join(english.split()) != source:
            catalogue[source] = english
    return catalogue


@pytest.mark.slow
def test_main_pages_in_english_show_no_french_interface(
    db, client, compiled_english, french_messages
):
    """With English chosen, the demo coordinator's main pages show no French interface text."""
    project = build_demo_project()
    # The agreement is written in one language, chosen for it (French in the demo): in
    # English it is the draft's own text, not the interface, so it is written in English here.
    Agreement.objects.update_or_create(project=project, defaults={"language": "en"})
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    problems = []
    _check_page(client, "login", reverse("login"), french_messages, problems)
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    for name, url in _main_pages(project).items():
        _check_page(client, name, url, french_messages, problems)
    assert not problems, "French text on English pages:\n" + "\n".join(problems)


@pytest.mark.slow
def test_main_pages_in_french_show_the_french_interface(db, client, compiled_english):
    """The word list is real: the same pages in French do show those words."""
    project = build_demo_project()
    client.force_login(User.objects.get(email=COORDINATOR_EMAIL))
    seen = set()
    for url in _main_pages(project).values():
        response = client.get(url, headers={"accept-language": "fr-CA"})
        seen.update(_french_ui_words(readable_text(response.content.decode())))
    client.logout()
    login_page = client.get(reverse("login"), headers={"accept-language": "fr-CA"})
    seen.update(_french_ui_words(readable_text(login_page.content.decode())))
    assert seen == set(FRENCH_UI_WORDS), f"never seen in French: {set(FRENCH_UI_WORDS) - seen}"
