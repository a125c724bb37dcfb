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
Reports through the job engine (issue 17): the large project's dossier asked for as a
person does (its job, run at once here), then asked again: the file served from the
cache (`measure_cached_report`, target < 50 ms, body read to the end).

Follow-up and jobs (issue 16): the queries the « À faire pour vous » block adds to the
project home (home page with the block minus home page without it, coordinator and
partner, at 3 and N organisations); 1 000 mails sent by 2 `db_worker` processes
(PostgreSQL only: subprocesses on the bench's database); `send_reminders` for the large
project with 6 people per organisation, then for 200 projects in one pass, whose query
counts must be equal (a bulk insertion split into several INSERTs counts once).

`--json FILE` writes the results; `manage.py bench_compare a.json b.json` compares two
runs page by page (make bench: PostgreSQL against SQLite).
"""

import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings
from collections import Counter
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from unittest import mock
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection, reset_queries
from django.db.backends.signals import connection_created
from django.db.models import F, Max, Min
from django.http import HttpResponse
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from notifications import delivery
from notifications.models import OutgoingMail
from projects.method import STEPS
from projects.models import Membership, Project, Role
from steps.demo import build_demo_project
from steps.followup.reminders import send_reminders
from steps.followup.templatetags import followup as followup_tags
from steps.models import GeneratedReport, PooledResource, StepDeadline
from steps.reports.bench import measure_reports
from steps.transfer.export import export_project
from steps.transfer.importer import import_project
from steps.transfer.synthetic import build_synthetic_project, synthetic_document

REFERENCE_TABLE = engines["django"].from_string(
    """{% extends "base.html" %}
{% block title %}Référence{% endblock %}
{% block content %}<h1>Tableau de référence</h1>
<table class="table"><thead><tr>{% for h in header %}<th scope="col">{{ h }}</th>{% endfor %}
</tr></thead><tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>
{% endfor %}</tr>{% endfor %}</tbody></table>{% endblock %}"""
)
# Targets of issue 9: every main page at 30 organisations within 4 × the reference table;
# a PDF report at most 20 % slower than bare WeasyPrint on the same HTML. Issue 17: the
# dossier at 15 pages per second or more, our own share (queries and template) at most
# 5 % of its time.
TARGET_RATIO = 4
TARGET_PDF_OVERHEAD = 0.20
TARGET_PAGES_PER_SECOND = 15
TARGET_OWN_SHARE = 0.05
# Issue 16: the « À faire » block adds at most this many queries to the project home.
TARGET_TODO_QUERIES = 3
# Issue 17: a report already built is served from the cache in less than this (ms).
TARGET_CACHED_MS = 50
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
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


def python_build() -> dict:
    """Which interpreter runs the bench: its speed moves the PDF figures by 15 % or more
    (README, « Interpréteur »)."""
    return {"executable": os.path.realpath(sys.executable), "shared": _links_libpython()}


def _links_libpython() -> bool:
    """Whether this process runs the interpreter from a shared libpython (a default
    pyenv build) rather than linked into the executable (Debian's python3). Debian's
    sysconfig says Py_ENABLE_SHARED either way: the loaded libraries tell."""
    try:
        with open("/proc/self/maps", encoding="ascii", errors="replace") as maps:
            return any("/libpython3" in line for line in maps)
    except OSError:
        return bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))


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
    html_seconds = float(row.get("html_seconds") or 0)
    if is_dossier and seconds and html_seconds / seconds > TARGET_OWN_SHARE:
        flags.append(f"notre part > {TARGET_OWN_SHARE * 100:.0f} %")
    return {
        "label": str(row["label"]),
        "seconds": seconds,
        "bare_seconds": bare,
        "overhead": overhead,
        "html_seconds": html_seconds,
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


def statements(queries):
    """The number of queries, a bulk insertion split into several INSERTs into one table
    counted once: SQLite takes at most 999 parameters per query, and a job is queued per
    MAIL_BATCH_SIZE mails, so their number follows the data, not the number of queries
    the code makes."""
    count, previous = 0, None
    for query in queries:
        sql = query["sql"]
        table = sql.split("(", 1)[0] if sql.startswith("INSERT") else None
        if table is None or table != previous:
            count += 1
        previous = table
    return count


def measure_todo(members, runs):
    """What the « À faire pour vous » block adds to the project home: the home's queries
    and median time with the block, then with an empty to-do (the block's reading of
    the database left out), for each (label, size, membership) of `members`."""
    empty = SimpleNamespace(items=[], deadlines=None, step_dues={})
    rows = []
    for label, size, membership in members:
        client = Client()
        client.force_login(membership.user)
        url = reverse("projects:home", args=[membership.project.slug])
        with_block = count_queries(client, url)
        with mock.patch.object(followup_tags, "followup_for", lambda *args, **kwargs: empty):
            without = count_queries(client, url)
            bare = [ms for ms, _cpu in time_urls(client, [url], runs)[url]]
        full = [ms for ms, _cpu in time_urls(client, [url], runs)[url]]
        added = with_block - without
        rows.append(
            {
                "label": label,
                "organisations": size,
                "queries": with_block,
                "queries_without": without,
                "added": added,
                "ms": statistics.median(full),
                "ms_without": statistics.median(bare),
                "flags": [f"> {TARGET_TODO_QUERIES} requêtes"]
                if added > TARGET_TODO_QUERIES
                else [],
            }
        )
    return rows


def database_url():
    """The bench's PostgreSQL database as a DATABASE_URL, for the worker processes."""
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    host = quote(db["HOST"] or "localhost", safe="")
    return f"postgres://{user}:{password}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


def measure_workers(mails, workers=2):
    """`mails` mails queued in jobs of MAIL_BATCH_SIZE, sent by `workers` processes of
    `manage.py db_worker --batch` on this database (mail backend in memory)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    stamp = now.strftime("%Y%m%d%H%M%S%f")
    created = OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                key=f"bench:{stamp}:{number}",
                to=f"personne-{number}@bench.exemple.org",
                subject=f"Banc d'essai : courriel {number}",
                body_text=f"Bonjour,\n\nCeci est le courriel {number} du banc d'essai.\n",
                body_html=f"<p>Bonjour,</p><p>Ceci est le courriel {number} du banc d'essai.</p>",
                next_attempt_at=now,
            )
            for number in range(mails)
        ]
    )
    ids = sorted(mail.pk for mail in created)
    # Jobs already waiting (building the projects may have queued some) wait a day
    # longer, so that the workers send the bench's mails only; put back afterwards.
    waiting = dict(
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).values_list("pk", "run_after")
    )
    DBTaskResult.objects.filter(pk__in=waiting).update(run_after=now + timedelta(days=1))
    with override_settings(TASKS=DATABASE_TASKS):
        delivery.enqueue_delivery(ids)
    jobs = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        .exclude(pk__in=waiting)
        .values_list("pk", flat=True)
    )
    environment = os.environ | {
        "DATABASE_URL": database_url(),
        "TASK_BACKEND": "database",
        "EMAIL_URL": "memorymail://",  # never a real mail server, whatever .env says
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "-v",
        "0",
    ]
    started = time.perf_counter()
    processes = [
        subprocess.Popen(  # noqa: S603 — fixed arguments, our own manage.py
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _worker in range(workers)
    ]
    for process in processes:
        _out, errors = process.communicate(timeout=600)
        if process.returncode:
            raise CommandError(f"db_worker a échoué ({process.returncode}) : {errors[-2000:]}")
    elapsed = time.perf_counter() - started
    for run_after in set(waiting.values()):
        DBTaskResult.objects.filter(
            pk__in=[pk for pk, value in waiting.items() if value == run_after]
        ).update(run_after=run_after)
    results = DBTaskResult.objects.filter(pk__in=jobs)
    span = results.aggregate(first=Min("started_at"), last=Max("finished_at"))
    sending = (span["last"] - span["first"]).total_seconds()
    outcome = Counter()
    used = set()
    for value, worker_ids in results.values_list("return_value", "worker_ids"):
        outcome.update(value or {})
        used.update(worker_ids)
    sent = OutgoingMail.objects.filter(pk__in=ids, status=OutgoingMail.Status.SENT).count()
    flags = []
    if sent != mails:
        flags.append(f"{mails - sent} non envoyés")
    if outcome["sent"] != mails or outcome["skipped"]:
        flags.append("envois en trop")
    return {
        "mails": mails,
        "workers": workers,
        "workers_used": len(used),
        "jobs": len(jobs),
        "sent": sent,
        "seconds": elapsed,
        "sending_seconds": sending,
        "mails_per_second": mails / sending if sending else 0.0,
        "flags": flags,
    }


def add_partners(project, per_organisation):
    """Partners until each organisation of `project` has `per_organisation` of them;
    return the number of partners."""
    have = Counter(
        Membership.objects.filter(project=project, role=Role.PARTNER).values_list(
            "organisation_id", flat=True
        )
    )
    User = get_user_model()
    password = make_password(None)
    wanted = [
        (organisation, number)
        for organisation in project.organisations.order_by("pk")
        for number in range(have[organisation.pk], per_organisation)
    ]
    users = User.objects.bulk_create(
        [
            User(
                email=f"personne-{project.pk}-{organisation.pk}-{number}@bench.exemple.org",
                full_name=f"Personne {number + 1} ({organisation.pk})",
                password=password,
            )
            for organisation, number in wanted
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, project=project, role=Role.PARTNER, organisation=organisation)
            for user, (organisation, _number) in zip(users, wanted, strict=True)
        ]
    )
    return Membership.objects.filter(project=project, role=Role.PARTNER).count()


def build_small_projects(template, total):
    """Projects of 3 organisations (the demo's document) until `total` are active;
    without their history, which reminders never read (twice as fast to import)."""
    have = Project.objects.filter(status=Project.Status.ACTIVE).count()
    for number in range(have + 1, total + 1):
        document = synthetic_document(template, organisations=3, resources=1, actions=10)
        document["answer_revisions"] = document["change_records"] = []
        document["project"]["slug"] = f"rappels-{number}"
        document["project"]["name"] = f"Projet des rappels {number}"
        import_project(document)


def set_deadlines(today):
    """In each project without target dates: impulsion 3 days late, réflexion tomorrow,
    so that every project has reminders to send."""
    bare = Project.objects.filter(deadlines__isnull=True).values_list("pk", flat=True)
    StepDeadline.objects.bulk_create(
        [
            StepDeadline(project_id=pk, step=step, due_date=today + timedelta(days=days))
            for pk in bare
            for step, days in (("impulsion", -3), ("reflexion", 1))
        ]
    )


def run_reminders(label, now, projects=None):
    """One pass of send_reminders: time, queries (raw and with bulk insertions counted
    once), what it sent."""
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        counts = send_reminders(now, projects=projects)
        elapsed = time.perf_counter() - start
    skip = {"projects", "digests", "requeued"}
    return {
        "label": label,
        "projects": counts["projects"],
        "seconds": elapsed,
        "queries": statements(queries.captured_queries),
        "raw_queries": len(queries),
        "reminders": sum(value for key, value in counts.items() if key not in skip),
        "digests": counts.get("digests", 0),
    }


def measure_reminders(large, template, *, projects, people):
    """send_reminders for the large project with `people` partners per organisation,
    then for `projects` projects in one pass, then that pass again (nothing new)."""
    started = time.perf_counter()
    partners = add_partners(large, people)
    build_small_projects(template, projects)
    # At the hour of the daily digest if it has not come yet today: digests measured too.
    now = timezone.localtime()
    if now.hour < settings.DIGEST_HOUR:
        now = now.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    set_deadlines(now.date())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    organisations = large.organisations.count()
    setup = time.perf_counter() - started
    with override_settings(TASKS=DATABASE_TASKS):
        rows = [
            run_reminders(
                f"1 projet ({organisations} org. × {people} pers.)", now, projects=[large]
            ),
            run_reminders(f"{projects} projets", now),
            run_reminders(f"{projects} projets, 2e passe", now),
        ]
    one, many = rows[0], rows[1]
    rows[1]["flags"] = [] if one["queries"] == many["queries"] else ["requêtes variables"]
    return {"partners": partners, "rows": rows, "setup_seconds": setup}


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
        parser.add_argument(
            "--projects",
            type=int,
            default=200,
            help="Projets en cours pour la mesure des rappels (200).",
        )
        parser.add_argument(
            "--people",
            type=int,
            default=6,
            help="Partenaires par organisation du grand projet, pour les rappels (6).",
        )
        parser.add_argument(
            "--mails",
            type=int,
            default=1000,
            help="Courriels envoyés par 2 workers db_worker, sur PostgreSQL (1000).",
        )
        parser.add_argument(
            "--no-workers", action="store_true", help="Ne mesure pas les workers db_worker."
        )

    def handle(
        self,
        *args,
        runs,
        organisations,
        json_file=None,
        no_reports=False,
        projects=200,
        people=6,
        mails=1000,
        no_workers=False,
        **options,
    ):
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
            "python_build": python_build(),
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
            results["todo"] = measure_todo(
                [
                    (label, project.organisations.count(), member)
                    for label, role in (
                        ("coordination", Role.COORDINATOR),
                        ("partenaire", Role.PARTNER),
                    )
                    for project in (small, large)
                    for member in [
                        Membership.objects.filter(project=project, role=role)
                        .select_related("user", "project")
                        .order_by("pk")
                        .first()
                    ]
                ],
                runs,
            )
            results["cached_report"] = (
                None if no_reports else measure_cached_report(client, large, runs)
            )
        results["reports"] = (
            None if no_reports else [report_row(row) for row in measure_reports(large)]
        )
        if no_reports:
            results["reports_skipped"] = "--no-reports"
        skipped = workers_skipped(no_workers)
        results["workers"] = {"skipped": skipped} if skipped else measure_workers(mails)
        results["reminders"] = measure_reminders(large, template, projects=projects, people=people)
        self.print_tables(results)
        self.print_cached_report(results)
        self.print_followup(results)
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
        build = results.get("python_build")
        if build:
            self.stdout.write(
                f"Interpréteur : {build['executable']}"
                + (" (libpython partagée)" if build["shared"] else "")
                + " — voir README, « Interpréteur », pour la vitesse des rapports PDF."
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
            f"≥ {TARGET_PAGES_PER_SECOND} pages/s pour le dossier et notre part ≤ "
            f"{TARGET_OWN_SHARE * 100:.0f} % de son temps ; « contexte s » : notre part seule "
            "(requêtes et gabarit), chronométrée à part"
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

    def print_cached_report(self, results):
        """Issue 17: the dossier built by its job, then served from the cache."""
        row = results.get("cached_report")
        if not row:
            return
        self.stdout.write("")
        self.stdout.write(
            f"Dossier préparé par sa tâche en {row['build_seconds']:.1f} s ({row['pages']} "
            f"pages, {row['build_pages_per_second']:.1f} pages/s, progression et stockage "
            f"compris) ; rapport en cache servi en {row['ms']:.1f} ms (médiane, meilleur "
            f"{row['best_ms']:.1f} ms, {row['queries']} requêtes SQL, "
            f"{row['size'] / 1e6:.1f} Mo lus) — cible < {TARGET_CACHED_MS} ms"
            + "".join(f"  {flag}" for flag in row["flags"])
        )
        if row.get("queued_ms") is not None:
            self.stdout.write(
                f"Dossier pas encore préparé : mis en file par le processus web en "
                f"{row['queued_ms']:.1f} ms (médiane ; la mise en page revient aux workers)."
            )

    def print_followup(self, results):
        """The tables of issue 16: the « À faire » block, the workers, the reminders."""
        write = self.stdout.write
        if results.get("todo"):
            write("")
            write(
                "« À faire pour vous » sur l'accueil du projet — cible : au plus "
                f"{TARGET_TODO_QUERIES} requêtes de plus que l'accueil sans le bloc"
            )
            header = (
                f"{'Accueil, vu par':20} {'org.':>5} {'requêtes':>8} {'sans bloc':>9} "
                f"{'ajoutées':>8} {'ms':>8} {'sans bloc ms':>12}"
            )
            write(header)
            write("-" * len(header))
            for row in results["todo"]:
                write(
                    f"{row['label']:20} {row['organisations']:>5} {row['queries']:>8} "
                    f"{row['queries_without']:>9} {row['added']:>8} {row['ms']:8.2f} "
                    f"{row['ms_without']:12.2f}" + "".join(f"  {flag}" for flag in row["flags"])
                )
        workers = results.get("workers")
        if workers:
            write("")
            if workers.get("skipped"):
                write(f"Workers db_worker : non mesurés ({workers['skipped']}).")
            else:
                write(
                    f"Workers db_worker : {workers['mails']} courriels en {workers['jobs']} "
                    f"tâches, {workers['workers']} processus ({workers['workers_used']} ont "
                    f"servi) : envoi en {workers['sending_seconds']:.2f} s "
                    f"({workers['mails_per_second']:.0f} courriels/s), "
                    f"{workers['seconds']:.2f} s démarrage des processus compris ; "
                    f"{workers['sent']} envoyés."
                    + "".join(f"  {flag}" for flag in workers["flags"])
                )
        reminders = results.get("reminders")
        if reminders:
            write("")
            write(
                "Rappels (send_reminders, une passe ; requêtes : une insertion en plusieurs "
                "lots compte pour une, toutes entre parenthèses) — cible : autant de "
                "requêtes pour 1 projet que pour tous ; projets construits en "
                f"{reminders.get('setup_seconds', 0):.0f} s"
            )
            header = (
                f"{'Passe':32} {'projets':>7} {'s':>7} {'requêtes':>8} {'(toutes)':>8} "
                f"{'rappels':>7} {'résumés':>7}"
            )
            write(header)
            write("-" * len(header))
            for row in reminders["rows"]:
                write(
                    f"{row['label']:32} {row['projects']:>7} {row['seconds']:7.2f} "
                    f"{row['queries']:>8} {'(' + str(row['raw_queries']) + ')':>8} "
                    f"{row['reminders']:>7} {row['digests']:>7}"
                    + "".join(f"  {flag}" for flag in row.get("flags", []))
                )


def measure_cached_report(client, project, runs):
    """The dossier of `project` asked for through its address, as a person does: built
    by its job (run at once here, progress and storage included), then asked for `runs`
    times more and served from the cache, each body read to the end. Files go to a
    temporary folder."""
    url = reverse("steps:report_dossier", args=[project.slug])
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media, TASKS=IMMEDIATE_TASKS),
    ):
        gc.collect()
        start = time.perf_counter()
        response = client.get(url)
        build_seconds = time.perf_counter() - start
        report = GeneratedReport.objects.filter(project=project, key="dossier").first()
        if response.status_code != 302 or report is None or report.status != "done":
            raise CommandError(
                f"{url} : le dossier n'a pas été préparé ({response.status_code}, "
                f"{report.error if report else 'aucun rapport'})"
            )
        timings = []
        for _run in range(max(1, runs)):
            request_boundary()
            start = time.perf_counter()
            response = client.get(url)
            # Read to the end: the test client then closes the file (and the response).
            body = b"".join(response.streaming_content)
            request_boundary()
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200 or len(body) != report.size:
                raise CommandError(f"{url} : le dossier en cache n'a pas été servi")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(url).streaming_content)
        query_count = len(queries)  # now: the next request empties the log
    queued = measure_queued_dossier(client, project, url, runs)
    ms = statistics.median(timings)
    return {
        "label": "Dossier complet en cache",
        "ms": ms,
        "best_ms": min(timings),
        "queries": query_count,
        "size": report.size,
        "pages": report.pages,
        "build_seconds": build_seconds,
        "build_pages_per_second": report.pages / build_seconds,
        "queued_ms": statistics.median(queued),
        "flags": [] if ms < TARGET_CACHED_MS else [f"≥ {TARGET_CACHED_MS} ms"],
    }


def measure_queued_dossier(client, project, url, runs):
    """What a web worker spends on a dossier that is not built yet, with the database
    queue: the row, the job, the redirection (ms per request). Each request finds a new
    version of the project; the rows and jobs are removed afterwards."""
    from django_tasks_db.models import DBTaskResult

    from steps.reports.jobs import build_report

    timings = []
    with override_settings(TASKS=DATABASE_TASKS):
        for _run in range(max(1, runs)):
            Project.objects.filter(pk=project.pk).update(content_version=F("content_version") + 1)
            request_boundary()
            start = time.perf_counter()
            response = client.get(url)
            request_boundary()
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 302:
                raise CommandError(f"{url} : demande du dossier, réponse {response.status_code}")
        DBTaskResult.objects.filter(task_path=build_report.module_path).delete()
        GeneratedReport.objects.filter(project=project, status="queued").delete()
    return timings


def workers_skipped(no_workers):
    """Why the workers are not measured, or None."""
    if no_workers:
        return "--no-workers"
    if connection.vendor != "postgresql":
        return "PostgreSQL seulement : sur SQLite, un seul processus écrit à la fois"
    if connection.in_atomic_block:
        return "base dans une transaction, invisible des autres processus"
    return None


def _json_roundtrip(document):
    return json.loads(json.dumps(document))


def _dumps(results):
    return json.dumps(results, ensure_ascii=False, indent=2) + "\n"


def _cpus():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
