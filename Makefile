# Mutualisation — the two commands a newcomer needs:
#   make run    installs what is missing, migrates, loads the demo, serves http://127.0.0.1:8000
#               with one background job worker (db_worker); Ctrl-C stops both
#   make test   lint + the whole suite on SQLite, then again on a throwaway PostgreSQL
# Also: make check (lint + the quick tests: neither slow nor browser), make lint, make format,
# make migrations-check, make clean.
#
# Variables: PYTHON (3.11+; default: the distribution's /usr/bin/python3 when it is 3.11+
# and can make a virtual environment, else python3), REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1
# (fail instead of skipping when the PostgreSQL server or Chromium is missing), PYTEST_ARGS.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# The distribution's Python is built with its optimisations (PGO, LTO, static libpython):
# the PDF reports run ~15 % faster on it than on a default `pyenv install` (README,
# « Interpréteur »). It needs its venv module (Debian: python3-venv, which ships ensurepip).
SYSTEM_PYTHON := /usr/bin/python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip, venv; \
	sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo $(SYSTEM_PYTHON) || echo python3)
endif
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip --disable-pip-version-check
PYTEST := $(BIN)/pytest
# pytest-xdist workers; 0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# Explicit, so that a DATABASE_URL in the environment or in .env does not leak in.
SQLITE_URL := sqlite://:memory:

# Install steps are cheap when already done: stamps keyed on the files that define them.
RUNTIME_STAMP := $(VENV)/.stamp-runtime
DEV_STAMP := $(VENV)/.stamp-dev
NPM_STAMP := node_modules/.stamp-npm

.PHONY: help run check test test-sqlite test-postgres lint format migrations-check messages \
	translations install install-dev assets clean bench loadtest lock

help:
	@echo "make run              installe, migre, charge la démo et sert http://127.0.0.1:8000 (avec un worker de tâches)"
	@echo "make test             lint + tests sur SQLite, puis sur PostgreSQL si disponible"
	@echo "make check            lint + tests rapides sur SQLite (ni « slow » ni navigateur)"
	@echo "make lint             ruff check et ruff format --check"
	@echo "make format           ruff format et ruff check --fix"
	@echo "make migrations-check vérifie qu'aucune migration ne manque"
	@echo "make translations     extrait les messages dans locale/ (en à traduire, fr rempli)"
	@echo "make lock             refige les versions (requirements*.lock) après un changement de pyproject.toml"
	@echo "make bench            banc d'essai des pages (SQLite, puis PostgreSQL si disponible)"
	@echo "make loadtest         test de charge : gunicorn + PostgreSQL jetable, 50 utilisateurs, 60 s"
	@echo "make clean            supprime .venv, node_modules et les fichiers produits"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "ERREUR : Python 3.11 ou plus récent est requis (PYTHON=$(PYTHON))." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@echo "Environnement $(VENV) créé avec $$($(PY) -c 'import sys; print(sys.version.split()[0])') ($(PYTHON))."
	$(PIP) install -q --upgrade pip

# Versions come from the committed locks (make lock), so every machine installs the same.
$(RUNTIME_STAMP): pyproject.toml requirements.lock | $(PY)
	$(PIP) install -q -c requirements.lock -e .
	@touch $@

$(DEV_STAMP): pyproject.toml requirements-dev.lock | $(PY)
	$(PIP) install -q -c requirements-dev.lock -e '.[dev]'
	@touch $@ $(RUNTIME_STAMP)

# Pin the dependencies again after editing pyproject.toml (uv, for every Python ≥ 3.11).
lock: | $(PY)
	$(PIP) install -q uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -q \
		-o requirements-dev.lock

$(NPM_STAMP): package.json $(wildcard package-lock.json)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
	else npm install --no-audit --no-fund --loglevel=error; fi
	@touch $@

install: $(RUNTIME_STAMP)
install-dev: $(DEV_STAMP)
assets: $(NPM_STAMP)

# Compile the translations in Python (polib): no system gettext needed.
messages: $(RUNTIME_STAMP)
	DEBUG=1 $(PY) manage.py compile_translations -v 0

# Extract the messages of the code and templates into both catalogues (GNU gettext needed),
# then fill the French one: its msgids already are the French text, so each translation
# repeats its msgid (msgen), fuzzy guesses dropped first. French needs its catalogue for
# its plural rule alone: 0 and 1 are singular (« 0 écart »). English is translated by hand.
FR_PO := locale/fr/LC_MESSAGES/django.po
translations: $(RUNTIME_STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l en -l fr -i .venv -i node_modules -i tests --no-obsolete
	msgattrib --clear-fuzzy --empty -o $(FR_PO) $(FR_PO)
	msgen -o $(FR_PO) $(FR_PO)

# The site and one job worker (mails printed here: console backend) run together. Ctrl-C
# reaches both; if the server ends on its own, the worker is stopped (TERM: it finishes
# its job first). The worker does not reload on code changes: restart `make run` after
# changing a job. `send_reminders --schedule` puts the hourly job in the queue.
run: install assets messages
	DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	DEBUG=1 $(PY) manage.py demo
	DEBUG=1 $(PY) manage.py send_reminders --schedule
	@export DEBUG=1; $(PY) manage.py db_worker --no-reload & worker=$$!; \
		trap 'for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 $$worker 2>/dev/null || break; \
			sleep 0.3; done; kill -TERM $$worker 2>/dev/null || true; \
			wait $$worker 2>/dev/null || true' EXIT; \
		echo "== Site : http://127.0.0.1:8000 · tâches : db_worker (processus $$worker) · Ctrl-C arrête les deux =="; \
		$(PY) manage.py runserver 127.0.0.1:8000

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

test: install-dev assets messages lint
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

# Quick feedback while working: the tests marked slow (PDF, benchmarks, subprocesses, 30
# organisations) and the browser tests are left to `make test`.
check: install-dev assets messages lint
	@echo "== Vérification rapide sur SQLite (ni « slow » ni navigateur) =="
	DATABASE_URL=$(SQLITE_URL) $(PYTEST) $(XDIST) -m "not slow and not browser" $(PYTEST_ARGS)

# The browser tests run on their own so their count shows; pytest's exit 5 (nothing
# collected) fails the target like any other failure.
check test-sqlite test-postgres: XDIST = $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS))
test-sqlite: install-dev assets
	@echo "== Tests sur SQLite (base en mémoire) =="
	DATABASE_URL=$(SQLITE_URL) $(PYTEST) $(XDIST) -m "not browser" $(PYTEST_ARGS)
	@echo "== Tests navigateur (Chromium) sur SQLite =="
	DATABASE_URL=$(SQLITE_URL) $(PYTEST) -m browser $(PYTEST_ARGS)

test-postgres: install-dev assets
	@echo "== Tests sur PostgreSQL =="
	.ci/with-postgres bash -c '$(PYTEST) $(XDIST) -m "not browser" $(PYTEST_ARGS) && \
		echo "== Tests navigateur (Chromium) sur PostgreSQL ==" && \
		$(PYTEST) -m browser $(PYTEST_ARGS)'

# A fresh database each time: a temporary SQLite file, then a throwaway PostgreSQL cluster,
# both with persistent connections as in production (DEBUG=1 only spares a SECRET_KEY: the
# pages are measured with DEBUG off), then PostgreSQL / SQLite page by page.
# BENCH_ARGS: e.g. --runs 15.
BENCH_ARGS ?=
bench: install
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; export DEBUG=1 BENCH_DIR="$$dir"; \
		export CONN_MAX_AGE=$${CONN_MAX_AGE:-60}; \
		echo "== Banc d'essai sur SQLite (fichier temporaire) =="; \
		DATABASE_URL="sqlite:///$$dir/bench.sqlite3" $(PY) manage.py migrate --noinput -v 0; \
		DATABASE_URL="sqlite:///$$dir/bench.sqlite3" $(PY) manage.py bench $(BENCH_ARGS) \
			--json "$$dir/sqlite.json"; \
		echo "== Banc d'essai sur PostgreSQL =="; \
		.ci/with-postgres bash -c '$(PY) manage.py migrate \
			--noinput -v 0 && $(PY) manage.py bench $(BENCH_ARGS) --json "$$BENCH_DIR/postgresql.json"'; \
		if [ -f "$$dir/postgresql.json" ]; then \
			echo "== PostgreSQL / SQLite =="; \
			$(PY) manage.py bench_compare "$$dir/sqlite.json" "$$dir/postgresql.json"; \
		fi

# Bounded load test (issue 9): gunicorn with 2 workers on a throwaway PostgreSQL, locust
# headless on the loopback, 50 users for 60 s; fails on any error or a p95 ≥ 500 ms.
loadtest: install-dev assets
	REQUIRE_POSTGRES=1 .ci/with-postgres loadtest/run.sh

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts .pytest_cache .ruff_cache
	find . -name '*.mo' -not -path './.git/*' -delete
