"""Load test of Mutualisation (issue 9): people of the demo and synthetic projects at work.

Run by `make loadtest` (loadtest/run.sh), which prepares the database, starts gunicorn
on the loopback and sets LOADTEST_USERS to the JSON file of loadtest/prepare.py:
{"password": …, "personas": [{email, role, project, dashboard, grid, steps,
questionnaires}, …]}. Each simulated user logs in once, with its own account when there
are enough (accounts are shared round-robin otherwise); when all have (see Phases),
the measured mix starts and each one, with 1 to 4 s of thought between actions:

- partners open the dashboard, the diagnostic grid, a step page, and their
  organisation's portrait, where they type an answer: the page gives the CSRF token and
  each question's version, as static/js/autosave.js reads them, and each autosave sends
  the version the last save returned;
- the coordination does the same on the project's questionnaires (Réalisation,
  Évaluation);
- advisors read (dashboard, grid, steps).

A conflict (409, two sessions of one account on the same answer) is the app doing its
job: it counts as a success, and the save is sent again on top of the other version,
as the « garder ma version » button does. At the end the run fails (exit code 1) on any
error, logins included, or when the 95th percentile of the mix reaches P95_LIMIT_MS.
"""

import itertools
import json
import os
import random
import time
from html.parser import HTMLParser
from pathlib import Path

from gevent.event import Event
from locust import HttpUser, between, events, task

P95_LIMIT_MS = 300
LOGIN_URL = "/compte/login/"
WORDS = (
    "camion réfrigéré partage locaux entrepôt cuisine communication bénévoles "
    "coordination entente coûts territoire familles concertation gouvernance"
).split()


def _load_document():
    path = os.environ.get("LOADTEST_USERS")
    if not path:
        return {"password": "", "personas": []}
    return json.loads(Path(path).read_text(encoding="utf-8"))


DOCUMENT = _load_document()
_ACCOUNTS = {
    role: itertools.cycle([p for p in DOCUMENT["personas"] if p["role"] == role] or [None])
    for role in ("partner", "coordinator", "advisor")
}


class FormParser(HTMLParser):
    """What autosave.js reads in a questionnaire page.

    `url` and `organisation_id` of form[data-autosave-url], its CSRF token, and the
    version of each [data-question] block holding an editable textarea of that name.
    """

    def __init__(self):
        super().__init__()
        self.url = None
        self.organisation_id = ""
        self.csrf = None
        self.in_form = False
        self.versions = {}
        self.textareas = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-autosave-url" in attrs:
            self.url = attrs["data-autosave-url"]
            self.organisation_id = attrs.get("data-organisation-id") or ""
            self.in_form = True
            return
        if not self.in_form:
            return
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf = self.csrf or attrs.get("value")
        elif "data-question" in attrs:
            self.versions[attrs["data-question"]] = int(attrs.get("data-version") or 0)
        elif tag == "textarea" and "disabled" not in attrs and "readonly" not in attrs:
            self.textareas.add(attrs.get("name"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False

    def editable(self):
        """{question code: version} of the questions typed into through a textarea."""
        if not (self.url and self.csrf):
            return {}
        return {code: v for code, v in self.versions.items() if code in self.textareas}


def sentence():
    return " ".join(random.choices(WORDS, k=random.randint(15, 60))).capitalize() + "."  # noqa: S311


class Member(HttpUser):
    abstract = True
    role = None
    wait_time = between(1, 4)

    def on_start(self):
        self.persona = next(_ACCOUNTS[self.role])
        if self.persona is None:
            raise RuntimeError(f"Aucun compte « {self.role} » dans {os.environ['LOADTEST_USERS']}")
        self.login()
        self.after_login()
        PHASES.wait_for_everyone(self.environment)
        self.wait()  # a first pause too: the 50 people do not all click at once

    def after_login(self):
        """What a persona does once, before the mix starts."""

    def login(self):
        response = self.client.get(LOGIN_URL, name="connexion (page)")
        token = _csrf_token(response.text)
        with self.client.post(
            LOGIN_URL,
            data={
                "username": self.persona["email"],
                "password": DOCUMENT["password"],
                "csrfmiddlewaretoken": token,
            },
            name="connexion",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or LOGIN_URL in response.url:
                response.failure(f"connexion refusée ({response.status_code})")

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif LOGIN_URL in response.url:
                response.failure("session perdue : renvoyé à la connexion")
            return response

    @task(3)
    def dashboard(self):
        self.page(self.persona["dashboard"], "tableau de bord")

    @task(3)
    def grid(self):
        self.page(self.persona["grid"], "grille de diagnostic")

    @task(2)
    def step(self):
        self.page(random.choice(self.persona["steps"]), "page d'étape")  # noqa: S311


class Contributor(Member):
    abstract = True

    @task(5)
    def type_an_answer(self):
        """Open a questionnaire and type into one answer: two autosaves, as the JS does."""
        questionnaires = self.persona["questionnaires"]
        response = self.page(random.choice(questionnaires), "questionnaire")  # noqa: S311
        parser = FormParser()
        parser.feed(response.text or "")
        editable = parser.editable()
        if not editable:
            return  # submitted: the page is read-only, as it should be
        code = random.choice(sorted(editable))  # noqa: S311
        version = editable[code]  # the page is fresh: its version is the latest
        for _keystrokes in range(2):
            version = self.autosave(parser, code, version, sentence())
            self.wait()

    def autosave(self, parser, code, version, text, conflict=False):
        """Send one autosave; return the version to send next time."""
        data = {
            "csrfmiddlewaretoken": parser.csrf,
            "question_code": code,
            "organisation_id": parser.organisation_id,
            "base_version": str(version),
            code: text,
        }
        with self.client.post(
            parser.url,
            data=data,
            headers={"Accept": "application/json"},
            name="enregistrement auto (conflit)" if conflict else "enregistrement auto",
            catch_response=True,
        ) as response:
            body = _json(response)
            if response.status_code == 200 and body.get("status") == "saved":
                return body["version"]
            if response.status_code != 409 or body.get("status") != "conflict":
                response.failure(f"{response.status_code} {response.text[:200]}")
                return version
            response.success()
            theirs = body["their_version"]
        if conflict:
            return theirs  # a second conflict in a row: leave it to the next keystroke
        # « Garder ma version »: send it again on top of the other person's.
        return self.autosave(parser, code, theirs, text, conflict=True)


class Partner(Contributor):
    role = "partner"
    weight = 8

    def after_login(self):
        """Each partner asks for its organisation's complete dossier (its own drafts make it
        a build of its own): the builds wait in the job queue, no worker runs during the
        test, and the pages of the mix must stay fast because no web worker lays them out."""
        url = self.persona["dashboard"].rsplit("tableau-de-bord/", 1)[0] + "rapports/dossier.pdf"
        with self.client.get(
            url, name="dossier complet (demande)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code} au lieu d'une mise en file (302)")


class Coordinator(Contributor):
    role = "coordinator"
    weight = 1


class Advisor(Member):
    role = "advisor"
    weight = 1


def _csrf_token(html):
    parser = HTMLParser()
    found = []

    def start(tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and not found:
            found.append(attrs.get("value"))

    parser.handle_starttag = start
    parser.feed(html or "")
    return found[0] if found else ""


def _json(response):
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def server_cpu_seconds():
    """CPU time of gunicorn (GUNICORN_PID) and its workers, finished ones included.

    On a machine shared with other work, latencies measure the neighbours as much as
    the app; the CPU the server spent per request does not. None when unknown (no
    GUNICORN_PID, or no /proc).
    """
    try:
        pid = int(os.environ["GUNICORN_PID"])
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            # After the ")" of the name: state, ppid, …; utime, stime, cutime, cstime are
            # fields 14 to 17 of the line, so 11 to 14 here.
            if proc.name == str(pid):
                total += sum(int(value) for value in fields[11:15])  # reaped workers too
            elif fields[1] == str(pid):
                total += int(fields[11]) + int(fields[12])
        return total / ticks
    except (KeyError, ValueError, OSError):
        return None


class Phases:
    """Logins first, then the measured mix.

    Every simulated user logs in once in on_start, then waits until all have (or
    LOGIN_TIMEOUT has passed): the 50 logins of the first seconds, each checking an
    argon2 hash that is slow on purpose (~80 ms of CPU), would otherwise queue the first
    pages behind them. Their figures are kept, then the statistics restart for the mix
    of dashboards, grids, steps, questionnaires and autosaves that the targets are about.
    """

    LOGIN_TIMEOUT = 30

    def __init__(self):
        self.ready = Event()
        self.logged_in = 0
        self.login = None  # figures of the login phase
        self.login_errors = []
        self.cpu_at_mix = None

    def wait_for_everyone(self, environment):
        self.logged_in += 1
        runner = environment.runner
        if runner is not None and self.logged_in >= runner.target_user_count:
            self.start_mix(environment)
        if not self.ready.wait(timeout=self.LOGIN_TIMEOUT):
            self.start_mix(environment)

    def start_mix(self, environment):
        if self.ready.is_set():
            return
        stats = environment.stats
        duration = max(time.time() - stats.total.start_time, 1e-9)
        self.login = _figures(stats.total, duration)
        self.login_errors = [_error_line(error) for error in stats.errors.values()]
        stats.clear_all()  # the final table then shows the mix alone
        self.cpu_at_mix = server_cpu_seconds()
        self.ready.set()


PHASES = Phases()


def _figures(entry, duration):
    p50, p95, p99 = (entry.get_response_time_percentile(q) for q in (0.5, 0.95, 0.99))
    return {
        "requests": entry.num_requests,
        "seconds": duration,
        "rps": entry.num_requests / duration,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": entry.num_failures,
    }


def _line(label, figures):
    return (
        f"{label:11} : {figures['requests']} requêtes en {figures['seconds']:.0f} s, "
        f"{figures['rps']:.1f}/s, p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, "
        f"p99 {figures['p99']:.0f} ms, {figures['errors']} erreur(s)"
    )


def _error_line(error):
    return f"  {error.occurrences} × {error.method} {error.name} : {error.error}"


@events.quitting.add_listener
def check_targets(environment, **_kwargs):
    """Print the figures of issue 9; fail on any error, or a p95 of the mix at the limit."""
    stats = environment.stats
    total = stats.total
    login = PHASES.login or {"requests": 0, "errors": 0}
    print()
    print("== Résultat du test de charge ==")
    if login["requests"]:
        print(_line("connexions", login))
    if not total.num_requests:
        print("ÉCHEC : aucune requête après les connexions.")
        environment.process_exit_code = 1
        return
    mix = _figures(total, max(total.last_request_timestamp - total.start_time, 1e-9))
    print(_line("travail", mix))
    end = server_cpu_seconds()
    if PHASES.cpu_at_mix is not None and end is not None:
        per_request = (end - PHASES.cpu_at_mix) / total.num_requests * 1000
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        print(
            f"CPU serveur : {per_request:.1f} ms par requête du travail (gunicorn), soit au "
            f"plus ~{cores * 1000 / per_request:.0f} requêtes/s sur {cores} cœurs libres"
        )
    for line in PHASES.login_errors + [_error_line(e) for e in stats.errors.values()]:
        print(line)
    problems = []
    errors = login["errors"] + total.num_failures
    if errors:
        problems.append(f"{errors} erreur(s)")
    if mix["p95"] >= P95_LIMIT_MS:
        problems.append(f"p95 {mix['p95']:.0f} ms ≥ {P95_LIMIT_MS} ms")
    if problems:
        print("ÉCHEC : " + ", ".join(problems))
        environment.process_exit_code = 1
    else:
        print(f"OK : aucune erreur, p95 < {P95_LIMIT_MS} ms")
        environment.process_exit_code = 0
