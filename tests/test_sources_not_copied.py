"""No sentence of the method's sources is copied (issue 19): facts carry over, sentences
do not. Every text the app can show — the question catalogue, the templates, the
translation catalogues and the strings of the code — shares with each source a run of
at most MAX_RUN - 1 consecutive words.

The sources are the public documents of /work/shared/sources/ (README there), outside the
repository: the test is skipped where they are absent, or reads the folder named by
MUTUALISATION_SOURCES_DIR. Words are compared lowercase, apostrophes and punctuation
ignored, through the set of MAX_RUN-word shingles of every source (fast: one set lookup
per word of our texts).
"""

import ast
import os
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

MAX_RUN = 12  # the rule: the longest shared run stays under 12 words
ROOT = Path(settings.BASE_DIR)
SOURCES_DIR = Path(os.environ.get("MUTUALISATION_SOURCES_DIR", ROOT.parent / "shared" / "sources"))
CODE_PACKAGES = ("steps", "projects", "mutualisation", "notifications")

# Names and titles may be reused as they are (sources/README.md): they are taken out of our
# texts before the comparison. Add one only for a proper name or a document's title.
NAMES_AND_TITLES = (
    "Comité sectoriel de main-d'œuvre de l'économie sociale et de l'action communautaire",
    "Outil de réflexion pour la réalisation d'un projet de mutualisation : choisir ses "
    "partenaires",
)
URL = re.compile(r"\b(?:https?|ftp)://\S+")
WORD = re.compile(r"[^\W_]+")
TEMPLATE_CODE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]*>", re.S)


def words(text: str) -> list[str]:
    """Lowercase words; « l'action » is « l », « action », like the sources' noise."""
    return WORD.findall(text.lower())


def our_words(text: str) -> list[str]:
    """The words of one of our texts, without its addresses, names and titles (each
    replaced by a mark that matches no source)."""
    joined = " ".join(words(URL.sub(" ", text)))
    for name in NAMES_AND_TITLES:
        joined = joined.replace(" ".join(words(name)), "§")
    return joined.split()


def shingles(tokens: list[str], size: int = MAX_RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def longest_shared_run(tokens: list[str], source_tokens: dict[int, set]) -> list[str]:
    """The longest run of `tokens` found in a source, if it has MAX_RUN words or more.

    `source_tokens[n]` holds the n-word shingles of the sources, built on demand."""
    found: list[str] = []
    start = 0
    while start <= len(tokens) - MAX_RUN:
        if tuple(tokens[start : start + MAX_RUN]) not in source_tokens[MAX_RUN]:
            start += 1
            continue
        end = start + MAX_RUN
        while end < len(tokens) and _in_sources(tokens[start : end + 1], source_tokens):
            end += 1
        if end - start > len(found):
            found = tokens[start:end]
        start = end - MAX_RUN + 1
    return found


def _in_sources(run: list[str], source_tokens: dict[int, set]) -> bool:
    size = len(run)
    if size not in source_tokens:
        source_tokens[size] = set().union(
            *(shingles(tokens, size) for tokens in source_tokens["texts"])
        )
    return tuple(run) in source_tokens[size]


@pytest.fixture(scope="module")
def sources() -> dict:
    paths = sorted(SOURCES_DIR.glob("*.txt"))
    if not paths:
        pytest.skip(f"the method's sources are not here ({SOURCES_DIR})")
    texts = [words(path.read_text(encoding="utf-8")) for path in paths]
    return {"texts": texts, MAX_RUN: set().union(*(shingles(t) for t in texts))}


def _code_strings(path: Path):
    """The string constants of a Python file (implicit concatenations come joined)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def _texts():
    """(where, text) for everything the app may show."""
    for package in CODE_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield from _code_strings(path)
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = TEMPLATE_CODE.sub(" ", path.read_text(encoding="utf-8"))
        yield str(path.relative_to(ROOT)), text
    for path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            where = f"{path.relative_to(ROOT)} « {entry.msgid[:40]} »"
            for text in (entry.msgid, entry.msgid_plural, entry.msgstr):
                if text:
                    yield where, text


def test_sources_shingles_find_a_copied_sentence(sources):
    """The check works: a sentence taken from a source is found, with its length."""
    copied = sources["texts"][0][100:115]
    run = longest_shared_run(["nous", *copied, "aussi"], dict(sources))
    assert run == copied


def test_sources_not_copied_in_our_texts(sources):
    """No text of ours shares MAX_RUN consecutive words with a source."""
    cache = dict(sources)
    offenders = []
    for where, text in _texts():
        run = longest_shared_run(our_words(text), cache)
        if run:
            offenders.append(f"{where}: {len(run)} words « {' '.join(run)} »")
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'action, « commune » !", ["l", "action", "commune"]),
        ("Voir https://tiess.ca/guide-2023.pdf ici", ["voir", "ici"]),
        (
            "Le CSMO (Comité sectoriel de main-d'œuvre de l'économie sociale et de l'action "
            "communautaire) aide.",
            ["le", "csmo", "§", "aide"],
        ),
    ],
)
def test_our_words_drop_addresses_names_and_punctuation(text, expected):
    """Addresses and known names are not sentences; punctuation is not a word."""
    assert our_words(text) == expected
