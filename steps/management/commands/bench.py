"""`manage.py bench`: server time and query count of the main pages on a large project.

Builds, in the (fresh) database it is given, the demo project and two synthetic copies
(3 and 30 organisations, 10 pooled resources, 200 actions, every step filled), then
requests each main page with the Django test client, logged in as the coordinator, and
prints the median time of several runs next to two references measured in the same run:
a bare view returning a fixed string and a page rendering a 50 × 8 table that extends
base.html. Pages are measured with DEBUG off, as in production.

PDF reports: the PDF work adds its own rows through BENCH_REPORTS in steps.reports
(a list of (label, callable(project) -> bytes)); the list is empty until then.
"""

import importlib
import json
import os
import platform
import statistics
import time
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from projects.demo import build_demo_project
from projects.models import Project
from steps.method import STEPS
from steps.models import PooledResource
from steps.transfer.export import export_project
from steps.transfer.synthetic import build_synthetic_project

REFERENCE_TABLE = engines["django"].from_string(
    """{% extends "base.html" %}
{% block title %}Référence{% endblock %}
{% block content %}<h1>Tableau de référence</h1>
<table class="table"><thead><tr>{% for h in header %}<th scope="col">{{ h }}</th>{% endfor %}
</tr></thead><tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>
{% endfor %}</tr>{% endfor %}</tbody></table>{% endblock %}"""
)
# Target of issue 9: every main page at 30 organisations within 4 × the reference table.
TARGET_RATIO = 4
HEADER = [f"Colonne {n}" for n in range(1, 9)]
ROWS = [[f"Ligne {r}, valeur {c}" for c in range(1, 9)] for r in range(1, 51)]


def bare_view(request):
    return HttpResponse("ok")


def reference_table_view(request):
    return HttpResponse(REFERENCE_TABLE.render({"header": HEADER, "rows": ROWS}, request=request))


# This module is the URLconf while measuring: the two references, then the real site.
urlpatterns = [
    path("bench/nu/", bare_view, name="bench_bare"),
    path("bench/tableau/", reference_table_view, name="bench_table"),
    path("", include(settings.ROOT_URLCONF)),
]


def report_callables():
    """The PDF reports to time, from steps.reports.BENCH_REPORTS when it exists."""
    try:
        reports = importlib.import_module("steps.reports")
    except ImportError:
        return []
    return list(getattr(reports, "BENCH_REPORTS", []))


def main_pages(project):
    """(label, URL) of the main pages of `project`."""
    slug = project.slug
    resource = PooledResource.objects.filter(project=project).order_by("pk").first()
    pages = [
        ("Accueil du projet", reverse("projects:home", args=[slug])),
        ("Tableau de bord", reverse("steps:dashboard", args=[slug])),
    ]
    pages += [
        (f"Étape : {step.code}", reverse("steps:step", args=[slug, step.code])) for step in STEPS
    ]
    pages += [
        ("Grille de diagnostic", reverse("steps:grid", args=[slug])),
        ("Potentiel", reverse("steps:potential", args=[slug])),
        ("Ressources (calculateur)", reverse("steps:resources", args=[slug])),
        ("Fiche d'une ressource", reverse("steps:resource_detail", args=[slug, resource.pk])),
        ("Modèle de fonctionnement", reverse("steps:operating_model", args=[slug])),
        ("Risques", reverse("steps:risks", args=[slug])),
        ("Plan stratégique", reverse("steps:strategic_plan", args=[slug])),
        ("Plan d'action", reverse("steps:actions", args=[slug])),
        ("Modèle logique", reverse("steps:logic_model", args=[slug])),
        ("Indicateurs", reverse("steps:indicators", args=[slug])),
        ("Sauvegarde JSON", reverse("steps:project_export", args=[slug])),
    ]
    return pages


def measure(client, url, runs):
    """(median milliseconds, query count) of GET url, in the steady state.

    A first request warms up the per-process caches (content types, templates), so the
    count does not depend on which page came first.
    """
    response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} a répondu {response.status_code}")
    # The log is a bounded deque that each request empties: count right away.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)
    timings = []
    for _run in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), count


class Command(BaseCommand):
    help = (
        "Mesure le temps serveur (médiane) et le nombre de requêtes SQL des pages "
        "principales sur un grand projet synthétique, avec des pages de référence. "
        "À lancer sur une base neuve (make bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=9, help="Mesures par page (9).")
        parser.add_argument(
            "--organisations", type=int, default=30, help="Taille du grand projet (30)."
        )

    def handle(self, *args, runs, organisations, **options):
        if Project.objects.exists():
            raise CommandError(
                "La base contient déjà des projets : le banc d'essai veut une base neuve "
                "(make bench en crée une)."
            )
        # WhiteNoise warns that STATIC_ROOT is empty: the bench serves no static file.
        warnings.filterwarnings("ignore", message="No directory at")
        started = time.perf_counter()
        template = json.loads(json.dumps(export_project(build_demo_project())))
        small = build_synthetic_project(template, organisations=3)
        large = build_synthetic_project(
            template, organisations=organisations, resources=10, actions=200
        )
        self.stdout.write(
            f"Projets construits en {time.perf_counter() - started:.1f} s "
            f"({connection.vendor}, Python {platform.python_version()}, "
            f"{platform.machine()}, {_cpus()} cœurs)."
        )
        coordinator = large.memberships.filter(role="coordinator").first().user
        plain_storage = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(
            ROOT_URLCONF=__name__,
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            STORAGES=plain_storage,
            SECURE_SSL_REDIRECT=False,
        ):
            client = Client()
            client.force_login(coordinator)
            bare, bare_queries = measure(client, reverse("bench_bare"), runs)
            table, table_queries = measure(client, reverse("bench_table"), runs)
            rows = []
            small_pages = dict(main_pages(small))
            for label, url in main_pages(large):
                median, queries = measure(client, url, runs)
                _median, small_queries = measure(client, small_pages[label], 1)
                rows.append((label, median, median / table, small_queries, queries))
            reports = []
            for label, build in report_callables():
                timings = []
                for _run in range(max(3, runs // 3)):
                    start = time.perf_counter()
                    build(large)
                    timings.append(time.perf_counter() - start)
                reports.append((label, statistics.median(timings)))
        self.print_table(
            (bare, bare_queries), (table, table_queries), rows, reports, organisations, runs
        )

    def print_table(self, bare_ref, table_ref, rows, reports, organisations, runs):
        write = self.stdout.write
        (bare, bare_queries), (table, table_queries) = bare_ref, table_ref
        write("")
        write(f"Médiane de {runs} requêtes par page, client de test, DEBUG désactivé.")
        header = (
            f"{'Page':32} {'ms':>8} {'× réf.':>7} "
            f"{'req. 3 org.':>11} {f'req. {organisations} org.':>12}"
        )
        write(header)
        write("-" * len(header))
        write(
            f"{'Référence : vue nue':32} {bare:8.2f} {bare / table:7.2f} "
            f"{bare_queries:>11} {bare_queries:>12}"
        )
        write(
            f"{'Référence : tableau 50 × 8':32} {table:8.2f} {1:7.2f} "
            f"{table_queries:>11} {table_queries:>12}"
        )
        for label, median, ratio, small_queries, queries in rows:
            flag = "" if ratio <= TARGET_RATIO else f"  > {TARGET_RATIO} × réf."
            flag += "" if small_queries == queries else "  requêtes variables"
            write(f"{label:32} {median:8.2f} {ratio:7.2f} {small_queries:>11} {queries:>12}{flag}")
        if reports:
            write("")
            write("Rapports PDF (médiane, s)")
            for label, seconds in reports:
                write(f"{label:32} {seconds:8.3f}")
        else:
            write("")
            write("Rapports PDF : aucun branché (steps.reports.BENCH_REPORTS absent ou vide).")


def _cpus():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
