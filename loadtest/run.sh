#!/usr/bin/env bash
# The bounded load test of issue 9, against PostgreSQL (make loadtest runs it as
# `.ci/with-postgres loadtest/run.sh`, which sets DATABASE_URL to a throwaway cluster).
#
# Migrates, loads the demo and a synthetic project (LOADTEST_ORGANISATIONS, 30; 0 for the
# demo alone), collects the static files, starts gunicorn on a free port of 127.0.0.1
# with production-like settings (DEBUG off, a generated SECRET_KEY, 2 workers recycled
# after 500 ± 50 requests), runs locust headless (LOADTEST_USERS_COUNT users, 50, spawned
# 10 per second, for LOADTEST_DURATION, 60s), stops gunicorn and exits with locust's code:
# non-zero on any error or a p95 of 300 ms or more (loadtest/locustfile.py). Each partner
# first asks for its organisation's dossier: the builds wait in the job queue meanwhile.
#
# Plain HTTP on the loopback, hence SECURE_SSL_REDIRECT=0 and SECURE_COOKIES=0; these
# two are for this test only, never for a server reached over a network.
#
# For digging: LOADTEST_LOCUST_ARGS (e.g. "--csv /tmp/charge --csv-full-history"),
# LOADTEST_GUNICORN_ARGS (e.g. "--log-level info") and LOADTEST_KEEP_LOG=FILE (a copy of
# gunicorn's log).
set -euo pipefail

if [ -z "${DATABASE_URL:-}" ]; then
    echo "usage : .ci/with-postgres $0 (DATABASE_URL manquant)" >&2
    exit 2
fi

cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
PY="$BIN/python"
organisations="${LOADTEST_ORGANISATIONS:-30}"
users="${LOADTEST_USERS_COUNT:-50}"
duration="${LOADTEST_DURATION:-60s}"
workdir="$(mktemp -d "${TMPDIR:-/tmp}/mutualisation-charge.XXXXXX")"
gunicorn_pid=""

cleanup() {
    local status=$?
    if [ -n "$gunicorn_pid" ] && kill -0 "$gunicorn_pid" 2>/dev/null; then
        kill -TERM "$gunicorn_pid" 2>/dev/null || true
        wait "$gunicorn_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

unset DEBUG
export DJANGO_SETTINGS_MODULE=mutualisation.settings
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 LOG_LEVEL=WARNING
export EMAIL_URL=consolemail://

echo "== Préparation : migrations, démo et projet synthétique ($organisations organisations) =="
"$PY" manage.py migrate --noinput -v 0
"$PY" loadtest/prepare.py --organisations "$organisations" -o "$workdir/users.json"
"$PY" manage.py collectstatic --noinput -v 0

port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "== gunicorn sur 127.0.0.1:$port (2 processus, --max-requests 500) =="
"$BIN/gunicorn" mutualisation.wsgi --bind "127.0.0.1:$port" --workers 2 \
    --max-requests 500 --max-requests-jitter 50 --log-level warning \
    --error-logfile "$workdir/gunicorn.log" --capture-output ${LOADTEST_GUNICORN_ARGS:-} &
gunicorn_pid=$!

# Ready when /healthz answers 200 (the database is reachable); give up after 30 s.
"$PY" - "$port" <<'EOF'
import sys, time, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/healthz"
for _ in range(60):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — loopback
            if response.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit("gunicorn ne répond pas sur " + url)
EOF

echo "== locust : $users utilisateurs, 10 par seconde, $duration =="
set +e
LOADTEST_USERS="$workdir/users.json" GUNICORN_PID="$gunicorn_pid" "$BIN/locust" -f loadtest/locustfile.py --headless \
    --host "http://127.0.0.1:$port" --users "$users" --spawn-rate 10 --run-time "$duration" \
    --stop-timeout 10 --only-summary --loglevel WARNING ${LOADTEST_LOCUST_ARGS:-}
status=$?
set -e
# The partners' dossiers were queued, never laid out by gunicorn (no worker runs here).
"$PY" -c 'import django; django.setup()
from steps.models import GeneratedReport
waiting = GeneratedReport.objects.filter(key="dossier", status="queued").count()
print(f"Dossiers complets en file pendant le test (aucun rendu par gunicorn) : {waiting}")'
if [ -n "${LOADTEST_KEEP_LOG:-}" ]; then
    cp "$workdir/gunicorn.log" "$LOADTEST_KEEP_LOG"
fi
if grep -q -E "Traceback|ERROR" "$workdir/gunicorn.log"; then
    echo "Erreurs dans le journal de gunicorn :" >&2
    cat "$workdir/gunicorn.log" >&2
    status=1
fi
exit "$status"
