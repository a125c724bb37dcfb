"""The public glossary page, /methode/glossaire/, beside « À propos de la méthode »."""

from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_GET

from projects.method import STEPS_BY_CODE

from .terms import TERMS_BY_SLUG, Term, continuum, sorted_terms


@dataclass(frozen=True)
class Entry:
    term: Term
    step: object  # a projects.method.Step, or None for the words of sharing in general
    related: list[Term]


@require_GET
def glossary(request):
    """Every term with its definition and an anchor, in alphabetical order; the continuum
    of working together first."""
    entries = [
        Entry(term, STEPS_BY_CODE.get(term.step), [TERMS_BY_SLUG[s] for s in term.related])
        for term in sorted_terms()
    ]
    return render(
        request,
        "steps/glossary/glossary.html",
        {"entries": entries, "continuum": continuum()},
    )
