# Mengpaneel — the developer's entry point. `make run` and `make test` need nothing installed by hand.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/mengpaneel
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install run test test-sqlite test-postgres lint format chromium messages bench bench-live clean

help:
	@echo "make run    install everything, load the demo and serve on http://$(HOST):$(PORT)"
	@echo "make test   install everything and run the whole test suite (SQLite, then PostgreSQL)"
	@echo "make lint   ruff, the layering of the apps (import-linter), types (mypy);  make messages  refresh translation catalogues"

$(BIN)/activate:
	@py=$$(scripts/find-python) || exit 1; echo "Using $$py"; "$$py" -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.lock pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . || $(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: compiled-messages
compiled-messages: $(VENV)/.installed $(wildcard src/mengpaneel/locale/*/LC_MESSAGES/django.po)
	cd src/mengpaneel && ../../$(BIN)/django-admin compilemessages --settings=mengpaneel.settings -v 0

install: $(VENV)/.installed node_modules/.installed compiled-messages

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM). Install it: sudo apt-get install chromium"; \
	    echo "(or point to another build: make test CHROMIUM=/path/to/chromium)"; exit 1; \
	  fi; \
	fi

run: install
	$(BIN)/mengpaneel collectstatic --noinput -v 0
	$(BIN)/mengpaneel migrate --noinput -v 0
	$(BIN)/mengpaneel demo
	$(BIN)/mengpaneel serve --host $(HOST) --port $(PORT)

test: install chromium test-sqlite test-postgres

test-sqlite:
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

# Runs when PostgreSQL answers; under CI=true a missing server is an error, not a skip.
test-postgres:
	@if $(PY) scripts/db_ready.py "$(PG_URL)"; then \
	  echo "== the same suite on PostgreSQL"; \
	  DATABASE_URL=$(PG_URL) CHROMIUM=$(CHROMIUM) $(BIN)/pytest; \
	elif [ "$$CI" = true ]; then \
	  echo "PostgreSQL at $(PG_URL) does not answer, and CI=true requires it."; exit 1; \
	else \
	  echo "PostgreSQL at $(PG_URL) does not answer: the PostgreSQL run is skipped."; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# English msgids; nl is translated by hand, en is filled from the msgids (msgen).
messages: $(VENV)/.installed
	cd src/mengpaneel && ../../$(BIN)/mengpaneel makemessages -l nl -l en --no-location --no-obsolete --no-fuzzy-matching -v 0
	msgen --no-wrap -o src/mengpaneel/locale/en/LC_MESSAGES/django.po src/mengpaneel/locale/en/LC_MESSAGES/django.po

# A live round under load on this machine (loopback only, bounded, stops by itself):
# 300 participants in 100 trios moving faders for 60 s. Figures in docs/benchmarks.md.
# Extra options: make bench-live BENCH_LIVE_ARGS="--workers 2" (with REDIS_URL set).
bench-live: install
	$(PY) bench/live_bench.py $(BENCH_LIVE_ARGS)

# Insights pages at full size (342 municipalities × 3 moments), in one process, ~30 s:
# the comparison with coherence and peers under 200 ms, queries not growing with size.
# Each benchmark adds itself to `make bench`. Figures in docs/benchmarks.md.
.PHONY: bench-insights
bench: bench-insights
bench-insights: install
	$(PY) bench/insights_bench.py $(BENCH_INSIGHTS_ARGS)

# The trio panel page and a fader save against a floor view, through `mengpaneel serve`
# on loopback, ~1.5 minutes: ratios to the floor and the bytes the page transfers.
.PHONY: bench-panel
bench: bench-panel
bench-panel: install
	$(PY) bench/panel_bench.py $(BENCH_PANEL_ARGS)

# What one counted rate-limit event costs in each store, and whether counts survive
# processes counting at once (SQLite, and PostgreSQL at PG_URL; Redis with REDIS_URL), ~1 min.
.PHONY: bench-ratelimit
bench: bench-ratelimit
bench-ratelimit: install
	PG_URL=$(PG_URL) $(PY) bench/ratelimit_bench.py $(BENCH_RATELIMIT_ARGS)

# CPU time per request of the pages that show a panel, in one process, ~1 minute: unlike the
# throughput benchmarks it compares two versions fairly on a busy machine.
.PHONY: bench-cpu
bench: bench-cpu
bench-cpu: install
	$(PY) bench/cpu_bench.py $(BENCH_CPU_ARGS)

# Drawing a 200-unit org chart (the most allowed), in one process, ~10 s: median under 50 ms.
.PHONY: bench-orgchart
bench: bench-orgchart
bench-orgchart: install
	$(PY) bench/orgchart_bench.py $(BENCH_ORGCHART_ARGS)

clean:
	rm -rf $(VENV) node_modules var test-results
