"""French typography everywhere, English rules in English (issue 18, item 9).

The rules live in `mutualisation.typography`: a text follows them when `french(text)`
(or `english(text)`) leaves it unchanged. Checked here: the catalogue, every msgid of the
English .po (the French source strings of templates and code), every English msgstr,
and the agreement generated for the demo project in both languages.
"""

from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from mutualisation.formats import (
    format_date,
    format_datetime,
    format_money,
    format_quantity,
    format_time,
)
from mutualisation.typography import english, french

NBSP, NNBSP = "\u00a0", "\u202f"
PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# French msgids that may break the rules, each with its reason. Keep it short.
ALLOWED_FRENCH = {
    # Model help texts and choice labels: they are part of the migrations' state, so
    # fixing them takes a migration of their own (left to the owner of the models).
    "Moins de 100 000 $": "models (migration needed)",
    "100 000 $ à 500 000 $": "models (migration needed)",
    "500 000 $ à 1 M$": "models (migration needed)",
    "Action à échéance dans 7 jours": "notification kinds are model choices (migration)",
    "Pour un effet : prévu dès le départ ou constaté en cours de route.": "models (migration)",
    "Ex. : livraisons, $, %, personnes.": "models (migration needed)",
    "Les partenaires acceptent-ils de ne pas tous contribuer autant ?": "models (migration)",
    "Qui décide de quoi, ce qui remonte aux conseils d'administration, ce qui se passe en "
    "cas de blocage. Obligatoire si vous choisissez « Autre ».": "models (migration needed)",
    "Par exemple : la moitié des organisations partenaires plus une.": "models (migration)",
    "Du plus simple au plus intégré : prêt, collaboration, mutualisation, fusion.": "models",
    "Les valeurs qui guident le « nous » ; une par ligne, si vous voulez.": "models",
    "Ce qui dira que l'action est réussie (ex. : « 3 organisations inscrites »).": "models",
    "Si la date n'est pas fixée : « printemps 2026 », « avant le lancement »…": "models",
    "Ce que l'on compte : « km », « heure », « pied linéaire », « utilisation »…": "models",
    "Fraction : 0,05 pour 5 %.": "models (migration needed)",
    "Vide : le nombre d'utilisations × les unités d'une utilisation type.": "models",
    "De 3 à 10 ans.": "steps/study/models.py (migration 0007)",
    "0,05 pour 5 %.": "steps/study/models.py (migration 0007)",
    "Vide : l'organisation qui prévoit le plus d'utilisations.": "study models (0007)",
    "montrer à chaque partenaire les coûts « seul » des autres": "study models (0007)",
    "coût « seul »": "steps/study/models.py (migration 0007)",
    "coûts « seul »": "steps/study/models.py (migration 0007)",
    "Vide : un effet pour tout le groupe.": "steps/study/models.py (migration 0007)",
}


# --- The rules themselves -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pourquoi? Parce que !", f"Pourquoi{NBSP}? Parce que{NBSP}!"),
        ("Note : voir ci-dessous; merci", f"Note{NBSP}: voir ci-dessous{NBSP}; merci"),
        ("Vraiment ?!", f"Vraiment{NBSP}?!"),
        ("le projet « Cuisine »", f"le projet «{NBSP}Cuisine{NBSP}»"),
        ("le projet «Cuisine»", f"le projet «{NBSP}Cuisine{NBSP}»"),
        ("12 345,67 $", f"12{NNBSP}345,67{NBSP}$"),
        ("12345,67 $", f"12{NNBSP}345,67{NBSP}$"),
        ("Un taux de 12,5%", f"Un taux de 12,5{NBSP}%"),
        ("à 20:30", f"à 20{NBSP}h{NBSP}30"),
        ("à 20h30", f"à 20{NBSP}h{NBSP}30"),
        ("vers 9h", f"vers 9{NBSP}h"),
        ("50 pieds linéaires", f"50{NBSP}pieds linéaires"),
        ("10 000 km", f"10{NNBSP}000{NBSP}km"),
        ("dans 15 minutes", f"dans 15{NBSP}minutes"),
        ("le 1 avril 2026", "le 1er avril 2026"),
        ("du 1 avr. au 11 avr.", "du 1er avr. au 11 avr."),
        ("le 21 avril", "le 21 avril"),
        ("%(name)s : %(count)s %%", f"%(name)s{NBSP}: %(count)s{NBSP}%%"),
        ("{{ name }} : {{ percent }} %", f"{{{{ name }}}}{NBSP}: {{{{ percent }}}}{NBSP}%"),
        (
            '<a href="https://x.org/?a=1">lien</a> : ici',
            f'<a href="https://x.org/?a=1">lien</a>{NBSP}: ici',
        ),
        (
            "Voir https://exemple.org/a?b=1 ou info@exemple.org",
            "Voir https://exemple.org/a?b=1 ou info@exemple.org",
        ),
        ("Tom &amp; Jerry ; fin", f"Tom &amp; Jerry{NBSP}; fin"),
        ("en 2026, à 14:05:00", "en 2026, à 14:05:00"),
    ],
)
def test_french_applies_the_rules(text, expected):
    """French: no-break spaces before « : ; ! ? », inside « », in numbers, units and times."""
    assert french(text) == expected
    assert french(expected) == expected  # the rules hold on their own result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why ? Because !", "Why? Because!"),
        (f"Note{NBSP}: see below", "Note: see below"),
        ("the « Kitchen » project", "the “Kitchen” project"),
        (f"a rate of 100{NBSP}%", "a rate of 100%"),
        ("(%(percent)s %%)", "(%(percent)s%%)"),
        ("Run: python manage.py check", "Run: python manage.py check"),
        ("at 8:30 pm, $1,234.50", "at 8:30 pm, $1,234.50"),
    ],
)
def test_english_applies_the_rules(text, expected):
    """English: no space before « : ; ! ? », “quotes”, « 100% »."""
    assert english(text) == expected
    assert english(expected) == expected


@pytest.mark.parametrize(
    ("language", "function", "value", "expected"),
    [
        ("fr-ca", format_date, date(2026, 4, 1), "1er avril 2026"),
        ("en", format_date, date(2026, 4, 1), "April 1, 2026"),
        ("fr-ca", format_time, time(20, 30), f"20{NBSP}h{NBSP}30"),
        (
            "fr-ca",
            format_datetime,
            datetime(2026, 4, 1, 20, 30),
            f"1er avril 2026 à 20{NBSP}h{NBSP}30",
        ),
        ("fr-ca", format_money, Decimal("12345.67"), f"12{NNBSP}345,67{NBSP}$"),
        ("en", format_money, Decimal("12345.67"), "$12,345.67"),
    ],
)
def test_formats_follow_the_rules(language, function, value, expected):
    """The formats module writes what the rules ask, and the rules leave it as is."""
    with translation.override(language):
        assert function(value) == expected
        fix = english if language == "en" else french
        assert fix(expected) == expected


def test_format_quantity_keeps_number_and_unit_together():
    with translation.override("fr-ca"):
        assert format_quantity(50, "pied linéaire") == f"50{NBSP}pieds linéaires"


def test_typo_filter_applies_the_current_language():
    """`|typo` follows the page's language and keeps the escaping of the text."""
    template = Template("{% load fr_ca %}{{ text|typo }}")
    context = Context({"text": "Prix : 5 % <b>"})
    with translation.override("fr-ca"):
        assert template.render(context) == f"Prix{NBSP}: 5{NBSP}% &lt;b&gt;"
    with translation.override("en"):
        assert template.render(context) == "Prix: 5% &lt;b&gt;"


# --- The catalogue ------------------------------------------------------------------------


def _catalogue_texts():
    """(where, language, text) for every French and English string of the catalogue."""
    from steps import catalogue

    roots = [
        *catalogue.STEP_CONTENT.values(),
        catalogue.DIMENSIONS,
        catalogue.APPRECIATION_CHOICES,
        catalogue.PORTRAIT_PART_LABELS,
        catalogue._PART_HELP,
        catalogue.OTHER_ITEM_LABEL,
        catalogue.all_questions(),
    ]
    seen, texts = set(), []

    def walk(node, where):
        if id(node) in seen:
            return
        seen.add(id(node))
        if is_dataclass(node):
            where = getattr(node, "code", where)
            for field in fields(node):
                value = getattr(node, field.name)
                if isinstance(value, str):
                    if field.name in ("fr", "en") or field.name.endswith(("_fr", "_en")):
                        texts.append((f"{where}.{field.name}", field.name[-2:], value))
                else:
                    walk(value, where)
        elif isinstance(node, (tuple, list)):
            for item in node:
                walk(item, where)
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, f"{where}.{key}")

    for root in roots:
        walk(root, "catalogue")
    return texts


def test_catalogue_follows_the_rules_of_each_language():
    """Every label, help text, choice and guidance of the catalogue, French and English."""
    texts = _catalogue_texts()
    assert len(texts) > 300  # the whole catalogue was read
    wrong = [
        f"{where}: {text!r}"
        for where, language, text in texts
        if (french(text) if language == "fr" else english(text)) != text
    ]
    assert wrong == []


# --- The interface's strings (the .po) ------------------------------------------------------


def _po_entries():
    return [entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete]


def test_french_source_strings_follow_the_french_rules():
    """Every msgid (the French of templates and code) follows the French rules."""
    wrong = []
    for entry in _po_entries():
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if msgid not in ALLOWED_FRENCH and french(msgid) != msgid:
                where = entry.occurrences[0][0] if entry.occurrences else "?"
                wrong.append(f"{where}: {msgid!r} → {french(msgid)!r}")
    assert wrong == []


def test_english_translations_follow_the_english_rules():
    """Every msgstr: no space before « : ; ! ? », no « », « 100% »."""
    wrong = []
    for entry in _po_entries():
        values = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for value in filter(None, values):
            if english(value) != value:
                wrong.append(f"{entry.msgid[:60]!r}: {value!r}")
    assert wrong == []


# --- The generated agreement ---------------------------------------------------------------


def _typed_texts(node) -> list[str]:
    """The words people typed, found in the agreement's facts (names, decisions…)."""
    if isinstance(node, str):
        return [node] if node.strip() else []
    if is_dataclass(node):
        return [text for field in fields(node) for text in _typed_texts(getattr(node, field.name))]
    if isinstance(node, (tuple, list)):
        return [text for item in node for text in _typed_texts(item)]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr-ca", "en"])
def test_generated_agreement_follows_the_rules(compiled_catalogues, language):
    """The agreement written for the demo project, in French and in English.

    In French the whole text is checked, the demo's own words included. The demo's words
    stay French in an English agreement, so there only the generated wording is checked.
    """
    from steps.demo import build_demo_project
    from steps.modelling import agreement
    from steps.modelling.selectors import agreement_facts

    project = build_demo_project()
    with translation.override(language):
        facts = agreement_facts(project)
        sections = agreement.generate(facts)
    texts = [title for _code, title, _text in sections] + [text for *_, text in sections]
    if language == "en":
        typed = {t.strip() for t in _typed_texts(facts)}
        typed |= {t[:1].lower() + t[1:] for t in typed}  # as written after a colon
        typed = sorted(typed, key=len, reverse=True)
        for words in typed:
            texts = [text.replace(words, "X") for text in texts]
    fix = english if language == "en" else french
    wrong = [(text, fix(text)) for text in texts if fix(text) != text]
    assert len(sections) == len(agreement.SECTIONS)
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr-ca", "Statut\u00a0: «\u00a0&lt;b&gt;\u00a0» → a\u00a0; b"),
        ("en", "Statut: “&lt;b&gt;” → a; b"),
    ],
)
def test_punctuation_between_template_values_follows_the_page_language(language, expected):
    """Punctuation written between values, outside a translated string, follows the
    language of the page; the quoted value stays escaped."""
    template = Template(
        "{% load fr_ca %}{{ label }}{% colon %}{{ old|quoted }} → a{% semicolon %}b"
    )
    with translation.override(language):
        assert template.render(Context({"label": "Statut", "old": "<b>"})) == expected
