"""The library of inspiring cases: seeded from the sources, public, filtered by resource
type, shown in the reader's language, editable in the admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from steps.catalogue.resources import ResourceType
from steps.guidance.seed import CASES
from steps.models import InspiringCase

pytestmark = pytest.mark.django_db

CASES_URL = reverse("inspiring_cases")


def fr(text):
    """French typography: a no-break space before the colon."""
    return text.replace(" :", "\u00a0:")


def test_migration_seeds_every_built_in_case():
    """Migration 0011 loads each case of steps/guidance/seed.py, published."""
    titles = set(InspiringCase.objects.filter(published=True).values_list("title_fr", flat=True))
    assert titles == {case["title_fr"] for case in CASES}


@pytest.mark.parametrize(
    "resource_type, expected_title",
    [
        (ResourceType.TRANSPORT, "Exemple type : un camion partagé"),
        (ResourceType.STAFF, "La Halte et Le Relait, coopératives de remplacement agricole"),
        (ResourceType.FUNCTION, "Une agente de communication pour deux CDC"),
        (ResourceType.EQUIPMENT, "REFRAIN, des festivals qui partagent leur matériel"),
        (ResourceType.PREMISES, "Le Saiso / Plein Air Charlebourg"),
        (ResourceType.DATA, "Culture Pédia, une fiducie de données culturelles"),
        (ResourceType.ACTIVITY, "Le défi des générations, une campagne de financement commune"),
        (ResourceType.MISSION, "Le Voisinage du bout du Monde"),
        (ResourceType.EXPERTISE, "TISSÉ SERRÉ, un parcours de mutualisation en culture"),
    ],
)
def test_seeded_cases_cover_the_resource_types_of_the_sources(resource_type, expected_title):
    """Each resource type the sources illustrate has its case, in French and in English."""
    case = InspiringCase.objects.get(resource_type=resource_type, title_fr=fr(expected_title))
    for field in ("title", "who", "pooled", "lessons"):
        assert getattr(case, f"{field}_fr") and getattr(case, f"{field}_en")
    assert case.source and case.year


def test_seeded_french_texts_follow_french_typography():
    """A no-break space before « : ; ? ! » and inside guillemets, never an ordinary one."""
    for case in CASES:
        for key, value in case.items():
            if key.endswith("_fr"):
                for mark in (" :", " ;", " ?", " !", "« ", " »"):
                    assert mark not in value, (case["title_fr"], key, mark)


def test_page_lists_the_published_cases_with_their_filters(client, django_assert_num_queries):
    InspiringCase.objects.filter(resource_type=ResourceType.DATA).update(published=False)
    with django_assert_num_queries(2):  # the counts per type, then the cases
        response = client.get(CASES_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "REFRAIN, des festivals qui partagent leur matériel" in page
    assert "Culture Pédia" not in page
    assert f'href="{CASES_URL}?type=transport"' in page
    assert f'href="{CASES_URL}?type=data"' not in page


def test_page_query_count_does_not_grow_with_the_cases(client, django_assert_num_queries):
    InspiringCase.objects.bulk_create(
        InspiringCase(
            resource_type=ResourceType.STORAGE,
            title_fr=f"Entrepôt {n}",
            who_fr="Des organismes",
            pooled_fr="Un entrepôt",
            lessons_fr="Compter tous les coûts.",
        )
        for n in range(30)
    )
    with django_assert_num_queries(2):
        response = client.get(CASES_URL)
    assert response.content.decode().count('class="card h-100 inspiring-case"') == 30 + len(CASES)


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("?type=transport", "Exemple type : un camion partagé", "REFRAIN"),
        ("?type=staff", "La Halte et Le Relait", "Exemple type : un camion partagé"),
        ("?type=nimporte", "Exemple type : un camion partagé", None),
    ],
)
def test_page_filters_by_resource_type(client, query, shown, hidden):
    page = client.get(CASES_URL + query).content.decode().replace("\u00a0", " ")
    assert shown in page
    if hidden:
        assert hidden not in page


def test_a_type_without_case_says_so(client):
    page = client.get(CASES_URL + "?type=risk").content.decode()
    assert "Aucun cas pour ce type de ressource pour l'instant." in page


def test_case_reads_english_with_a_french_fallback():
    case = InspiringCase.objects.create(
        resource_type=ResourceType.IT,
        title_fr="Un serveur commun",
        who_fr="Trois OBNL",
        pooled_fr="Un serveur",
        lessons_fr="Prévoir qui le maintient.",
        lessons_en="Decide who maintains it.",
    )
    with translation.override("en"):
        assert case.lessons == "Decide who maintains it."
        assert case.title == "Un serveur commun"  # no English title: French shown
        assert not case.is_translated
    with translation.override("fr-ca"):
        assert case.lessons == "Prévoir qui le maintient."
        assert case.is_translated


def test_page_in_english_shows_the_english_texts(client, settings):
    settings.LANGUAGES = [("fr-ca", "Français"), ("en", "English")]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(CASES_URL + "?type=transport").content.decode()
    assert "Typical example: a shared truck" in page
    assert "Exemple type" not in page


def test_admin_adds_a_case_of_the_host(admin_client, client):
    """A host adds its own case in the admin; it appears on the page under its type."""
    response = admin_client.post(
        reverse("admin:steps_inspiringcase_add"),
        {
            "resource_type": ResourceType.STORAGE,
            "published": "on",
            "order": "5",
            "title_fr": "Un entrepôt partagé à Valleyfield",
            "who_fr": "Deux banques alimentaires",
            "pooled_fr": "Un entrepôt réfrigéré",
            "form_fr": "Contrat",
            "lessons_fr": "Tenir un registre des entrées et des sorties.",
            "title_en": "",
            "who_en": "",
            "pooled_en": "",
            "form_en": "",
            "lessons_en": "",
            "source": "Notre CDC",
            "year": "2026",
            "url": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(CASES_URL + "?type=storage").content.decode()
    assert "Un entrepôt partagé à Valleyfield" in page


def test_admin_list_filters_by_type_and_publication(admin_client):
    response = admin_client.get(
        reverse("admin:steps_inspiringcase_changelist") + "?resource_type__exact=staff"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "La Halte et Le Relait" in page
    assert "Le Voisinage du bout du Monde" not in page
