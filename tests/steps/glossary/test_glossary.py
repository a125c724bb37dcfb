"""The glossary (issue 19, item 8): a public page with an anchor per term, sorted in
French order, and the `{% term %}` / `{% step_terms %}` tags that link pages to it."""

import re
from html import unescape

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils import translation

from projects.method import STEPS, STEPS_BY_CODE
from steps.glossary.terms import TERMS, TERMS_BY_SLUG, continuum, sort_key, sorted_terms
from tests.i18n import compile_catalogues

DT = re.compile(r'<dt id="([^"]+)">(.*?)</dt>', re.S)
REQUIRED = ["consultation", "concertation", "collaboration", "partenariat", "cooperation"]
REQUIRED += ["mutualisation", "fusion", "modele-logique", "theorie-changement", "moyens"]


@pytest.fixture(scope="module", autouse=True)
def catalogues():
    compile_catalogues()


def _glossary(client, language="fr-ca"):
    response = client.get(reverse("glossary"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Étude d'opportunité", "etude d'opportunite"),
        ("Coopération", "cooperation"),
        ("OBNL", "obnl"),
        ("Prêt", "pret"),
    ],
)
def test_sort_key_ignores_accents_and_case(text, key):
    """« Étude » files under E, « Prêt » beside « Pret »."""
    assert sort_key(text) == key


def test_terms_have_unique_slugs_known_steps_and_related_terms():
    """Each slug is an anchor: unique, lowercase ASCII; steps and related terms exist."""
    slugs = [term.slug for term in TERMS]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z-]+", slug) for slug in slugs)
    assert all(term.step in STEPS_BY_CODE for term in TERMS if term.step)
    assert all(r in TERMS_BY_SLUG and r != t.slug for t in TERMS for r in t.related)
    assert set(REQUIRED) <= set(slugs)


def test_terms_every_step_has_words_of_its_own():
    """Each of the six steps lists at least one word on its page."""
    assert all(any(term.step == step.code for term in TERMS) for step in STEPS)


def test_continuum_goes_from_consultation_to_fusion():
    """The forms of working together, lightest first, as the sources list them."""
    assert [term.slug for term in continuum()] == [
        "consultation",
        "concertation",
        "collaboration",
        "partenariat",
        "cooperation",
        "mutualisation",
        "fusion",
    ]


def test_glossary_page_is_public_with_an_anchor_per_term_in_french_order(db, client):
    """Anonymous visitors read every term, each with its id, in alphabetical order
    (accents ignored: « Étude d'opportunité » between « Divergence » and « Fusion »)."""
    html = _glossary(client)
    found = DT.findall(html)
    assert [slug for slug, _ in found] == [term.slug for term in sorted_terms()]
    names = [unescape(name) for _, name in found]
    assert names == sorted(names, key=sort_key)
    assert names.index("Étude d'opportunité") < names.index("Fusion")
    assert names.index("Divergence") < names.index("Étude d'opportunité")
    assert str(TERMS_BY_SLUG["concertation"].definition) in unescape(html)


def test_glossary_page_links_related_terms_and_names_the_step(db, client):
    """« Voir aussi » links stay on the page; a method word names its step."""
    html = unescape(_glossary(client))
    assert '<a href="#theorie-changement">Théorie du changement</a>' in html
    assert "Étape de la méthode\u00a0: 6. Évaluation" in html
    for slug in REQUIRED:
        assert f'id="{slug}"' in html


def test_glossary_page_in_english_sorts_the_english_names(db, client):
    """In English the page speaks English and sorts by the English names."""
    html = _glossary(client, "en")
    assert '<html lang="en"' in html
    names = [unescape(name) for _, name in DT.findall(html)]
    assert "Merger" in names and "Fusion" not in names
    assert names == sorted(names, key=sort_key)


def test_glossary_linked_from_the_footer_and_the_about_page(db, client):
    """The footer of every page and « À propos de la méthode » lead to the glossary."""
    html = client.get(reverse("about_method")).content.decode()
    url = reverse("glossary")
    assert html.count(f'href="{url}"') >= 2  # footer and the continuum paragraph
    assert f'href="{url}#fusion" class="term"' in html


def test_term_tag_renders_a_link_with_the_definition_as_title():
    """`{% term %}` links the word to its anchor; the definition shows on hover."""
    with translation.override("fr-ca"):
        html = Template('{% load glossary %}{% term "fusion" %}').render(Context())
        other = Template('{% load glossary %}{% term "fusion" _("La fusion") %}').render(Context())
    definition = str(TERMS_BY_SLUG["fusion"].definition)
    assert html == (
        f'<a href="/methode/glossaire/#fusion" class="term" title="{definition}">Fusion</a>'
    ).replace("'", "&#x27;")
    assert ">La fusion</a>" in other


def test_term_tag_escapes_the_text_it_is_given():
    """A variable's text is escaped like any other."""
    html = Template('{% load glossary %}{% term "cdc" text %}').render(
        Context({"text": "<b>CDC</b>"})
    )
    assert "&lt;b&gt;CDC&lt;/b&gt;" in html


def test_term_tag_with_an_unknown_slug_fails_loudly():
    """A typo in a template fails its tests instead of linking nowhere."""
    with pytest.raises((KeyError, TemplateSyntaxError)):
        Template('{% load glossary %}{% term "nope" %}').render(Context())


@pytest.mark.parametrize("step", [step.code for step in STEPS])
def test_step_page_lists_the_words_of_its_step(world, client_as, step):
    """Each step page shows « Mots de la méthode » linked to the glossary."""
    url = reverse("steps:step", args=[world.project.slug, step])
    html = client_as(world.partner_a).get(url).content.decode()
    assert "Mots de la méthode" in html
    for term in TERMS:
        if term.step == step:
            assert f'{reverse("glossary")}#{term.slug}"' in html


def test_glossary_page_reads_no_database_for_visitors(db, client, django_assert_num_queries):
    """The terms are data in code: an anonymous visit costs no query."""
    with django_assert_num_queries(0):
        assert client.get(reverse("glossary")).status_code == 200
