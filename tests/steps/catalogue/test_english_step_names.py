"""One English name per step (issue 19, item 9): the English texts (the catalogue's `*_en`
fields and the English translation catalogue) call the steps Impetus, Reflection,
Diagnosis, Modelling, Implementation and Evaluation, never by their French names, and
keep « Implementation » for step 5 alone (its second sub-phase is « Putting into
practice »)."""

import dataclasses
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from projects.method import STEPS
from steps import catalogue
from steps.catalogue import diagnostic, evaluation, impulsion, modelisation, realisation, reflexion

ENGLISH_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
ENGLISH_STEP_NAMES = {
    "impulsion": "Impetus",
    "reflexion": "Reflection",
    "diagnostic": "Diagnosis",
    "modelisation": "Modelling",
    "realisation": "Implementation",
    "evaluation": "Evaluation",
}
FRENCH_STEP_NAME = re.compile(
    r"\b(impulsions?|r[ée]flexions?|mod[ée]lisations?|r[ée]alisations?)\b"
    # other names once used in English: « the Impulse step », « the diagnostic » (a noun)
    r"|\bimpulse step|\bthe diagnostic\b(?! (grid|verdicts?)\b)",
    re.I,
)
IMPLEMENTATION = re.compile(r"\bimplement", re.I)
STEP_5_FRENCH = re.compile(r"r[ée]alisation", re.I)
# French titles quoted in English (a cited book, a URL path) are not step names.
FRENCH_SPANS = re.compile(r'<cite lang="fr">.*?</cite>|“[^”]*”|/[a-z0-9/-]*', re.S)


def _english_texts(value, french=""):
    """Yield (english, french) pairs from the catalogue's data, walking dataclasses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if isinstance(item, str):
                if f.name == "en" or f.name.endswith("_en"):
                    stem = f.name[: -len("en")]
                    yield item, getattr(value, stem + "fr", "")
            else:
                yield from _english_texts(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _english_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _english_texts(item)


def catalogue_texts():
    modules = (catalogue, diagnostic, evaluation, impulsion, modelisation, realisation, reflexion)
    seen, texts = set(), []
    for module in modules:
        for value in vars(module).values():
            for english, french in _english_texts(value):
                if english and (english, french) not in seen:
                    seen.add((english, french))
                    texts.append((english, french))
    return texts


def po_texts():
    texts = []
    for entry in polib.pofile(str(ENGLISH_PO)):
        if entry.obsolete:
            continue
        for english in [entry.msgstr, *entry.msgstr_plural.values()]:
            if english:
                texts.append((english, entry.msgid))
    return texts


def _offences(texts):
    offences = []
    for english, french in texts:
        bare = FRENCH_SPANS.sub(" ", english)
        if FRENCH_STEP_NAME.search(bare):
            offences.append(("French step name", english))
        if IMPLEMENTATION.search(bare) and not STEP_5_FRENCH.search(french):
            offences.append(("« Implementation » is step 5 only", english))
    return offences


def test_the_catalogue_walk_finds_the_english_texts():
    texts = dict(catalogue_texts())
    assert len(texts) > 200
    assert "Planning" in texts


@pytest.mark.parametrize("source", [catalogue_texts, po_texts], ids=["catalogue", "po"])
def test_english_texts_use_the_english_step_names(source):
    assert _offences(source()) == []


def test_the_check_catches_french_step_names_and_a_second_implementation():
    bad = [
        ("Plan it from the impulsion.", "Dès l'impulsion."),
        ("The modélisation designs the model.", "La modélisation…"),
        ("Implementation", "Mise en œuvre"),
        ("with its answers to the Impulse step", "…"),
        ("The diagnostic is validated as a group.", "…"),
    ]
    assert len(_offences(bad)) == 5
    good = [
        ("Implementation tools", "Outils de la réalisation"),
        ('<cite lang="fr">Réflexion</cite>', "…"),
        ("Impetus and Reflection questionnaires", "Impulsion et Réflexion"),
        ("Preparing the diagnostic grid…", "…"),
    ]
    assert _offences(good) == []


def test_steps_and_step_5_sub_phases_have_one_english_name_each():
    with translation.override("en"):
        names = {step.code: str(step.title) for step in STEPS}
    assert names == ENGLISH_STEP_NAMES
    sections = {section.code: section.title_en for section in realisation.CONTENT.sections}
    assert sections["realisation.planification"] == "Planning"
    assert sections["realisation.mise-en-oeuvre"] == "Putting into practice"
