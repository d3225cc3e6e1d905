# The two commands of the loket portal: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

# Quickstart: SQLite, tasks run eagerly, e-mail to the console. MFA for staff is switched off
# here on purpose so the demo logins work at once; production refuses this setting.
RUN_ENV := DJANGO_DEBUG=true \
	DJANGO_SECRET_KEY=quickstart-insecure-key-only-for-make-run \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 \
	CELERY_TASK_ALWAYS_EAGER=true \
	LOKET_MFA_REQUIRED=false \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

# Tests: real PostgreSQL and Redis (started by .ci/ensure-system when not running).
TEST_ENV := DJANGO_DEBUG=true \
	DJANGO_SECRET_KEY=test-insecure-key-only-for-make-test \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost,testserver \
	DATABASE_URL=postgres://loket:loket@127.0.0.1:5432/loket \
	REDIS_URL=redis://127.0.0.1:6379/1 \
	CELERY_TASK_ALWAYS_EAGER=true \
	EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

# Production-like values for `check --deploy` (nothing connects).
DEPLOY_ENV := DJANGO_DEBUG=false \
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	DJANGO_ALLOWED_HOSTS=loket.onderwijsregio.example \
	DATABASE_URL=postgres://loket:loket@db:5432/loket \
	REDIS_URL=redis://redis:6379/0

.PHONY: help run test lint pytest messages bench

help:
	@echo "make run   - start the portal with demo data on http://127.0.0.1:8000"
	@echo "make test  - run every check (ruff, import-linter, migrations, deploy check, pytest)"

$(VENV)/.run-installed: pyproject.toml
	.ci/ensure-system run
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.run-installed
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo --scale small --seed 1 --if-empty
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.test-installed
	.ci/ensure-system test
	$(MAKE) --no-print-directory lint
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(MAKE) --no-print-directory pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# pytest exits 5 when it collects no tests; say so instead of failing silently or passing.
pytest: $(VENV)/.test-installed
	$(TEST_ENV) $(BIN)/pytest $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

# Refresh the translation catalogues after changing strings.
messages: $(VENV)/.test-installed
	$(TEST_ENV) $(PY) manage.py makemessages --locale en --ignore .venv --no-obsolete
	$(TEST_ENV) $(PY) manage.py compilemessages --locale en --ignore .venv

# Benchmarks (not part of `make test`); figures go to BENCHMARKS.md.
bench: $(VENV)/.test-installed
	.ci/ensure-system test
	$(TEST_ENV) $(BIN)/pytest tests/perf/bench_*.py -s $(ARGS)
