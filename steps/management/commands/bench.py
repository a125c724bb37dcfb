"""`manage.py bench`: server time and query count of the main pages on a large project.

Builds, in the (fresh) database it is given, the demo project and two synthetic copies
(3 and 30 organisations, 10 pooled resources, 200 actions, every step filled), then
requests each main page with the Django test client, logged in as the coordinator, and
prints the median time of several runs next to two references measured in the same run:
a bare view returning a fixed string and a page rendering a 50 × 8 table that extends
base.html. Pages are measured with DEBUG off, as in production, and with the connection
handling of a real server (CONN_MAX_AGE, health checks: see request_boundary).

Downloads (the JSON backup) are listed apart: a file, not a page, so no 4 × target.
PDF reports: `steps.reports.bench.measure_reports(project)` when that module exists
(each report's time, bare WeasyPrint time of the same HTML, pages, peak memory).

`--json FILE` writes the results; `manage.py bench_compare a.json b.json` compares two
runs page by page (make bench: PostgreSQL against SQLite).
"""

import json
import os
import platform
import statistics
import time
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection, reset_queries
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from projects.method import STEPS
from projects.models import Project
from steps.demo import build_demo_project
from steps.models import PooledResource
from steps.reports.bench import measure_reports
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
# Targets of issue 9: every main page at 30 organisations within 4 × the reference table;
# a PDF report at most 20 % slower than bare WeasyPrint on the same HTML, and the
# 20-page dossier at 5 pages per second or more.
TARGET_RATIO = 4
TARGET_PDF_OVERHEAD = 0.20
TARGET_PAGES_PER_SECOND = 5
HEADER = [f"Colonne {n}" for n in range(1, 9)]
ROWS = [[f"Ligne {r}, valeur {c}" for c in range(1, 9)] for r in range(1, 51)]
JSON_FORMAT = "mutualisation.bench"
JSON_VERSION = 1


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
    ]
    return pages


def downloads(project):
    """(label, URL) of the files a page offers to download: measured, no page target."""
    return [("Sauvegarde JSON", reverse("steps:project_export", args=[project.slug]))]


def count_queries(client, url):
    """Query count of GET url in the steady state.

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
    return len(queries)


def time_urls(client, urls, runs, clock=None):
    """{url: [(milliseconds, CPU milliseconds) of each run]}, in rounds over all the URLs.

    Round-robin rather than one URL after the other: a burst of load from another
    process on a shared machine then spreads over every page instead of hitting one.
    Each request's time includes the connection handling of a real server. The CPU
    time (see CpuClock) is None when it cannot be read.
    """
    clock = clock or CpuClock()
    clock()  # finds the database server's process before anything is timed
    timings = {url: [] for url in urls}
    for _run in range(runs):
        for url in urls:
            cpu = clock()
            start = time.perf_counter()
            request_boundary()
            client.get(url)
            request_boundary()
            elapsed = (time.perf_counter() - start) * 1000
            after = clock()
            used = None if cpu is None or after is None else (after - cpu) / 1e6
            timings[url].append((elapsed, used))
    return timings


class CpuClock:
    """CPU time (ns) spent by this process and, on PostgreSQL, by the server process of
    its connection: the work of a page on both sides, without the time spent waiting
    for a core. On a machine shared with other work it varies far less than the
    elapsed time. None when it cannot be read: no /proc, a database on another host,
    or a connection that changed meanwhile (CONN_MAX_AGE=0).
    """

    LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")

    def __init__(self):
        self.server_pid = None

    def __call__(self):
        own = time.process_time_ns()
        if connection.vendor != "postgresql":
            return own
        server = self.server_ns()
        return None if server is None else own + server

    def server_ns(self):
        host = connection.settings_dict.get("HOST") or ""
        if connection.connection is None or (
            host not in self.LOCAL_HOSTS and not host.startswith("/")
        ):
            return None
        pid = connection.connection.info.backend_pid
        changed = self.server_pid is not None and pid != self.server_pid
        self.server_pid = pid
        if changed:
            return None  # a new connection: this interval is not comparable
        server = Path(f"/proc/{pid}")
        try:
            if (server / "comm").read_text().strip() != "postgres":
                return None
            return int((server / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None


def request_boundary():
    """What a real server does around each request and the test client skips.

    Django's handler closes obsolete connections when a request starts and ends
    (CONN_MAX_AGE, CONN_HEALTH_CHECKS); the test client leaves that out. Doing it here
    measures pages with production's connection handling: a new connection per request
    when CONN_MAX_AGE is 0, a health check per request on a persistent one. Skipped
    inside a transaction (the test suite's), which it would break.
    """
    if not connection.in_atomic_block:
        close_old_connections()


def summary(timings):
    """Median and best elapsed time of a page, and its median CPU time (ms)."""
    elapsed = [ms for ms, _cpu in timings]
    cpu = [cpu for _ms, cpu in timings if cpu is not None]
    return {
        "ms": statistics.median(elapsed),
        "best_ms": min(elapsed),
        "cpu_ms": statistics.median(cpu) if len(cpu) * 2 > len(timings) else None,
    }


def database_settings():
    """What the run measured with: the vendor and, on PostgreSQL, how connections live."""
    db = connection.settings_dict
    return {
        "vendor": connection.vendor,
        "conn_max_age": db.get("CONN_MAX_AGE", 0),
        "conn_health_checks": bool(db.get("CONN_HEALTH_CHECKS", False)),
        "pool": bool((db.get("OPTIONS") or {}).get("pool", False)),
    }


def round_trip_microseconds(samples=200):
    """Median time of `SELECT 1` through Django's cursor: the cost of one query's trip.

    On PostgreSQL it is a network round trip to another process; on a busy machine that
    process waits for a core, and a page pays it once per query.
    """
    timings = []
    with connection.cursor() as cursor:
        for _sample in range(samples):
            start = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchall()
            timings.append((time.perf_counter() - start) * 1e6)
    return statistics.median(timings)


class ConnectionCounter:
    """Counts the database connections opened meanwhile (0 when they persist)."""

    def __init__(self):
        self.opened = 0

    def __enter__(self):
        connection_created.connect(self.count)
        return self

    def __exit__(self, *exc_info):
        connection_created.disconnect(self.count)

    def count(self, sender, **kwargs):
        self.opened += 1


def report_row(row):
    """A report's measurement with the overhead and the flags of the targets."""
    seconds, bare = float(row["seconds"]), float(row.get("bare_seconds") or 0)
    overhead = seconds / bare - 1 if bare else float(row.get("overhead") or 0)
    pages = int(row.get("pages") or 0)
    per_second = float(row.get("pages_per_second") or (pages / seconds if seconds else 0))
    is_dossier = "dossier" in str(row.get("kind", row["label"])).lower()
    flags = []
    if overhead >= TARGET_PDF_OVERHEAD:
        flags.append(f"surcoût ≥ {TARGET_PDF_OVERHEAD * 100:.0f} %")
    if is_dossier and per_second < TARGET_PAGES_PER_SECOND:
        flags.append(f"< {TARGET_PAGES_PER_SECOND} pages/s")
    return {
        "label": str(row["label"]),
        "seconds": seconds,
        "bare_seconds": bare,
        "overhead": overhead,
        "html_seconds": float(row.get("html_seconds") or 0),
        "pages": pages,
        "pages_per_second": per_second,
        "peak_mb": float(row.get("peak_mb") or 0),
        "flags": flags,
    }


def page_flags(ratio, small_queries, queries):
    flags = []
    if ratio > TARGET_RATIO:
        flags.append(f"> {TARGET_RATIO} × réf.")
    if small_queries != queries:
        flags.append("requêtes variables")
    return flags


class Command(BaseCommand):
    help = (
        "Mesure le temps serveur (médiane) et le nombre de requêtes SQL des pages "
        "principales sur un grand projet synthétique, avec des pages de référence, puis "
        "les rapports PDF. À lancer sur une base neuve (make bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=9, help="Mesures par page (9).")
        parser.add_argument(
            "--organisations", type=int, default=30, help="Taille du grand projet (30)."
        )
        parser.add_argument(
            "--json",
            dest="json_file",
            metavar="FICHIER",
            help="Écrit aussi les résultats dans ce fichier JSON (pour bench_compare).",
        )
        parser.add_argument(
            "--no-reports", action="store_true", help="Ne mesure pas les rapports PDF."
        )

    def handle(self, *args, runs, organisations, json_file=None, no_reports=False, **options):
        if Project.objects.exists():
            raise CommandError(
                "La base contient déjà des projets : le banc d'essai veut une base neuve "
                "(make bench en crée une)."
            )
        # WhiteNoise warns that STATIC_ROOT is empty: the bench serves no static file.
        warnings.filterwarnings("ignore", message="No directory at")
        started = time.perf_counter()
        template = _json_roundtrip(export_project(build_demo_project()))
        small = build_synthetic_project(template, organisations=3)
        large = build_synthetic_project(
            template, organisations=organisations, resources=10, actions=200
        )
        if connection.vendor == "postgresql":
            # A production database has statistics (autovacuum); a fresh one has none,
            # and its planner would guess 6 answers where a project has 3 000.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        results = {
            "format": JSON_FORMAT,
            "version": JSON_VERSION,
            "database": database_settings(),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": _cpus(),
            "organisations": organisations,
            "runs": runs,
            "build_seconds": time.perf_counter() - started,
            "round_trip_us": round_trip_microseconds(),
        }
        self.print_header(results)
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
            results |= self.measure_all(client, small, large, runs)
        results["reports"] = (
            None if no_reports else [report_row(row) for row in measure_reports(large)]
        )
        if no_reports:
            results["reports_skipped"] = "--no-reports"
        self.print_tables(results)
        if json_file:
            Path(json_file).write_text(_dumps(results), encoding="utf-8")
            self.stdout.write(f"\nRésultats écrits dans {json_file}.")

    def measure_all(self, client, small, large, runs):
        """References, main pages and downloads: query counts, then timed rounds."""
        references = [
            ("Référence : vue nue", reverse("bench_bare")),
            ("Référence : tableau 50 × 8", reverse("bench_table")),
        ]
        sections = {
            "references": (references, references),
            "pages": (main_pages(large), main_pages(small)),
            "downloads": (downloads(large), downloads(small)),
        }
        rows = {}
        for name, (large_urls, small_urls) in sections.items():
            small_urls = dict(small_urls)
            rows[name] = [
                {
                    "label": label,
                    "url": url,
                    "queries": count_queries(client, url),
                    "queries_small": count_queries(client, small_urls[label]),
                }
                for label, url in large_urls
            ]
        everything = [row for section in rows.values() for row in section]
        with ConnectionCounter() as counter:
            timings = time_urls(client, [row["url"] for row in everything], runs)
        for row in everything:
            row |= summary(timings.pop(row["url"]))
        rows["connections_opened"] = counter.opened
        table = rows["references"][1]["ms"]
        for row in rows["pages"]:
            row["ratio"] = row["ms"] / table
            row["flags"] = page_flags(row["ratio"], row["queries_small"], row["queries"])
        return rows

    def print_header(self, results):
        db = results["database"]
        if db["pool"]:
            connections = ", pool psycopg"
        elif db["conn_max_age"]:
            connections = f", connexions persistantes CONN_MAX_AGE={db['conn_max_age']}"
        else:
            connections = ", une connexion par requête (CONN_MAX_AGE=0)"
        self.stdout.write(
            f"Projets construits en {results['build_seconds']:.1f} s "
            f"({db['vendor']}{connections}, Python {results['python']}, "
            f"{results['machine']}, {results['cpus']} cœurs)."
        )

    @staticmethod
    def line(row, ratio, flags=()):
        cpu = "" if row.get("cpu_ms") is None else f"{row['cpu_ms']:.2f}"
        return (
            f"{row['label']:32} {row['ms']:8.2f} {row['best_ms']:8.2f} {cpu:>7} {ratio} "
            f"{row['queries_small']:>11} {row['queries']:>12}"
            + "".join(f"  {flag}" for flag in flags)
        )

    def print_tables(self, results):
        write = self.stdout.write
        organisations, runs = results["organisations"], results["runs"]
        table = results["references"][1]["ms"]
        write("")
        write(
            f"Médiane (et meilleur temps) de {runs} requêtes par page, mesurées à tour de "
            "rôle, client de test, DEBUG désactivé ; CPU : temps de calcul médian de ce "
            "processus et du serveur de base de données."
        )
        write(
            f"Aller-retour SQL (SELECT 1) : {results['round_trip_us']:.0f} µs ; connexions "
            f"ouvertes pendant les mesures : {results['connections_opened']}."
        )
        header = (
            f"{'Page':32} {'ms':>8} {'meilleur':>8} {'CPU ms':>7} {'× réf.':>7} "
            f"{'req. 3 org.':>11} {f'req. {organisations} org.':>12}"
        )
        write(header)
        write("-" * len(header))
        for row in results["references"]:
            write(self.line(row, f"{row['ms'] / table:7.2f}"))
        for row in results["pages"]:
            write(self.line(row, f"{row['ratio']:7.2f}", row["flags"]))
        write("")
        write("Téléchargements (fichiers, sans cible de temps)")
        for row in results["downloads"]:
            flags = [] if row["queries_small"] == row["queries"] else ["requêtes variables"]
            write(self.line(row, " " * 7, flags))
        write("")
        if results["reports"] is None:
            write(f"Rapports PDF : non mesurés ({results.get('reports_skipped')}).")
            return
        write(
            "Rapports PDF (médiane) — cibles : surcoût < "
            f"{TARGET_PDF_OVERHEAD * 100:.0f} %, "
            f"≥ {TARGET_PAGES_PER_SECOND} pages/s pour le dossier ; « contexte s » : notre "
            "part seule (requêtes et gabarit), chronométrée à part"
        )
        header = (
            f"{'Rapport':32} {'s':>7} {'WeasyPrint s':>12} {'surcoût':>8} "
            f"{'contexte s':>10} {'pages':>5} {'pages/s':>7} {'pic Mo':>7}"
        )
        write(header)
        write("-" * len(header))
        for row in results["reports"]:
            flags = "".join(f"  {flag}" for flag in row["flags"])
            write(
                f"{row['label']:32} {row['seconds']:7.3f} {row['bare_seconds']:12.3f} "
                f"{row['overhead'] * 100:6.1f} % {row['html_seconds']:10.3f} {row['pages']:>5} "
                f"{row['pages_per_second']:7.1f} {row['peak_mb']:7.1f}{flags}"
            )


def _json_roundtrip(document):
    return json.loads(json.dumps(document))


def _dumps(results):
    return json.dumps(results, ensure_ascii=False, indent=2) + "\n"


def _cpus():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
