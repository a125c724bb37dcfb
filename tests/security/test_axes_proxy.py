"""Login throttling behind a reverse proxy: X-Forwarded-For counts only when trusted."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mutualisation.throttling import client_ip
from tests.factories import UserFactory

PROXY = "10.0.0.1"  # every request reaches the app from the proxy's address


def attempt(client, password: str, forwarded_for: str):
    return client.post(
        reverse("login"),
        {"username": "claire@exemple.org", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def claire(db):
    return UserFactory(email="claire@exemple.org")


def test_axes_proxy_trusted_header_throttles_each_client_address_apart(client, claire, settings):
    """With one trusted proxy, five failures lock out one client address, not another."""
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt(client, "mauvais", "203.0.113.5")

    assert attempt(client, "mauvais", "203.0.113.5").status_code == 429
    assert attempt(client, "mauvais", "198.51.100.7").status_code == 200


def test_axes_proxy_header_ignored_by_default(client, claire, settings):
    """Without the setting, X-Forwarded-For changes nothing: the proxy's address counts."""
    assert settings.TRUSTED_PROXY_COUNT == 0
    for _ in range(5):
        attempt(client, "mauvais", "203.0.113.5")

    assert attempt(client, "mauvais", "198.51.100.7").status_code == 429


def test_axes_proxy_forged_left_entries_do_not_escape_the_lockout(client, claire, settings):
    """A client prepending addresses of its own still counts as the address the proxy saw."""
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        attempt(client, "mauvais", f"192.0.2.{number}, 203.0.113.5")

    assert attempt(client, "mauvais", "192.0.2.99, 203.0.113.5").status_code == 429


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "203.0.113.5", PROXY),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),
        (1, "", PROXY),
        (1, "pas-une-adresse", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_axes_proxy_client_ip_reads_the_trusted_entry(settings, count, header, expected):
    """The N-th entry from the right, or REMOTE_ADDR when the header cannot be trusted."""
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)

    assert client_ip(request) == expected
