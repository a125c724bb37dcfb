"""Our own error pages, in French and English; the database down gives 503, JSON to scripts."""

import logging

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection refused (simulated outage)")


def test_error_pages_404_is_ours_in_french(client):
    response = client.get("/projets/inexistant/rien/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_error_pages_404_in_english(client):
    response = client.get("/projets/inexistant/rien/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content and 'lang="en"' in content


def test_error_pages_403_is_ours(client_as, world):
    client = client_as(world.partner_a)
    response = client.get(reverse("projects:edit", args=[world.project.slug]))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_error_pages_database_down_gives_our_503_page(world):
    """Logged-in pages with the database unreachable: our page, no database needed."""
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("projects:home", args=[world.project.slug]))
    assert response.status_code == 503
    content = response.content.decode()
    assert "Service momentanément indisponible" in content
    assert "Server Error" not in content
    assert response["Retry-After"] == "10"


def test_error_pages_database_down_autosave_gets_json(world):
    """The autosave script gets JSON it can read, and retries."""
    client = Client(raise_request_exception=False)
    client.force_login(world.partner_a)
    with connection.execute_wrapper(_database_down):
        response = client.post(
            reverse("steps:autosave", args=[world.project.slug]),
            {"question_code": "x"},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_error_pages_500_in_english(settings):
    """Any other failure: our 500 page, in the visitor's language."""
    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "tests.urls_failing"
    response = client.get("/panne/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    content = response.content.decode()
    assert 'lang="en"' in content and "Something went wrong on our side" in content


def test_error_pages_refusals_are_logged_on_one_line(client_as, world, caplog):
    """A 403 or 404 is one warning line, without a traceback."""
    client = client_as(world.partner_a)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(reverse("projects:edit", args=[world.project.slug]))
        client.get("/projets/inexistant/rien/")
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.status_code for r in records] == [403, 404]
    assert all(r.exc_info is None and r.exc_text is None for r in records)


def test_private_pages_and_exports_are_not_cached(client_as, world):
    """Logged-in pages and downloads say Cache-Control: private, no-store."""
    client = client_as(world.coordinator)
    for url in (
        reverse("projects:home", args=[world.project.slug]),
        reverse("steps:project_export", args=[world.project.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    assert "no-store" not in client.get(reverse("about_method")).get("Cache-Control", "")
