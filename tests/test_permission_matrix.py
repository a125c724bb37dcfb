"""Every URL of the app, requested by every persona, answers with the expected status.

The URLs are discovered from the resolver: a new URL that is not in MATRIX fails
`test_every_url_is_in_the_matrix`, so nobody can add a page without saying who may see it.

Conventions: anonymous visitors are sent to the login page (302); people outside the
project get 404 (the project's existence is not revealed); members whose role does not
allow the page get 403. A POST-only URL answers 405 to a GET from someone allowed, and the
access check runs before the method check, so denied personas still get 302/404/403.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import matrix as matrix_package
from .matrix import PERSONAS, POST


def _load_matrix():
    matrix, url_kwargs = {}, {}
    for info in pkgutil.iter_modules(matrix_package.__path__):
        module = importlib.import_module(f"{matrix_package.__name__}.{info.name}")
        overlap = set(matrix) & set(module.MATRIX)
        assert not overlap, f"URLs listed twice in tests/matrix: {overlap}"
        matrix.update(module.MATRIX)
        url_kwargs.update(getattr(module, "URL_KWARGS", {}))
    return matrix, url_kwargs


MATRIX, URL_KWARGS = _load_matrix()

# Names that are not ours to test here (Django's own views, checked by Django).
IGNORED_PREFIXES = ("admin:", "set_language", "login", "logout", "password_")


def _named_patterns(resolver=None, namespace="", params=()):
    """Yield (name, URL parameters including those of enclosing includes)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        own = tuple(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern, ns, params + own)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", params + own


def _our_patterns():
    return {
        name: params for name, params in _named_patterns() if not name.startswith(IGNORED_PREFIXES)
    }


def test_every_url_is_in_the_matrix():
    missing = sorted(set(_our_patterns()) - set(MATRIX))
    assert not missing, f"URLs absent from the permission matrix: {missing}"


def test_matrix_has_no_stale_entries():
    stale = sorted(set(MATRIX) - set(_our_patterns()))
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def _url_for(name, params, world):
    kwargs = {param: URL_KWARGS[param](world) for param in params}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_expected(persona, world, client_as):
    client = client_as(world.user(persona))
    failures = []
    for name, params in sorted(_our_patterns().items()):
        expected_profile, method = MATRIX[name]
        expected = expected_profile[persona]
        if method == POST and expected == 200:
            expected = 405
        url = _url_for(name, params, world)
        status = client.get(url).status_code
        if status != expected:
            failures.append(f"{name} ({url}): expected {expected}, got {status}")
    assert not failures, f"as {persona}:\n" + "\n".join(failures)


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "partner_b", "advisor"])
def test_denied_personas_cannot_post_either(persona, world, client_as):
    """A POST from a persona denied by the matrix is refused the same way as a GET."""
    client = client_as(world.user(persona))
    failures = []
    for name, params in sorted(_our_patterns().items()):
        expected_profile, _method = MATRIX[name]
        expected = expected_profile[persona]
        if expected not in (302, 403, 404):
            continue
        url = _url_for(name, params, world)
        status = client.post(url, {}).status_code
        if status != expected:
            failures.append(f"POST {name} ({url}): expected {expected}, got {status}")
    assert not failures, f"as {persona}:\n" + "\n".join(failures)
