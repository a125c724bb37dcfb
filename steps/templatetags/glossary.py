"""Words of the method linked to their definition on the glossary page.

    {% load glossary %}
    {% term "concertation" %}                    the term's own name, linked
    {% term "fusion" _("La fusion") %}           other words, linked to the same entry
    {% step_terms step.code %}                   « Mots de la méthode » of one step

The definition is the link's title, so it shows on hover without leaving the page. An
unknown slug raises KeyError: a typo fails the page's tests instead of linking nowhere.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from steps.glossary.terms import TERMS_BY_SLUG, terms_of_step

register = template.Library()


def _link(slug: str, text=None) -> str:
    entry = TERMS_BY_SLUG[slug]
    return format_html(
        '<a href="{}#{}" class="term" title="{}">{}</a>',
        reverse("glossary"),
        slug,
        entry.definition,
        text or entry.term,
    )


@register.simple_tag
def term(slug: str, text=None) -> str:
    return _link(slug, text)


@register.inclusion_tag("steps/glossary/_step_terms.html")
def step_terms(step: str) -> dict:
    return {"links": [_link(t.slug) for t in terms_of_step(step)]}
