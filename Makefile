# Hearthside: `make run` serves the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint typecheck pytest browser-deps clean fmt bench

# The environment is rebuilt only when the dependency lists change.
$(BIN)/hearthside: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(BIN)/hearthside node_modules/.package-lock.json

run: setup
	$(BIN)/hearthside migrate --noinput -v 0
	$(BIN)/hearthside collectstatic --noinput -v 0
	$(BIN)/hearthside demo --if-empty
	@echo ""
	@echo "  Hearthside is at http://$(HOST):$(PORT)/"
	@echo "  Sign in as alex@example.com (or sam@example.com) with password hearthside-demo"
	@echo ""
	@# The worker (reminders and other due notifications) runs beside the web server and stops
	@# with it; in production run `hearthside worker` and `hearthside serve` as two services.
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/hearthside worker & worker=$$!; \
	$(BIN)/hearthside serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Every model change has its migration.
	$(BIN)/hearthside makemigrations --check --dry-run

typecheck: setup
	$(BIN)/mypy hearthside

browser-deps:
	scripts/ensure-browser

pytest: setup browser-deps
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test: lint typecheck pytest

# The coach and insights benches run first (seconds each, in-process); then the server bench.
bench: setup bench-coach bench-insights
	$(BIN)/python scripts/bench.py

# How fast the language coach reads a sentence and a 300-word text, and how long it takes to load.
.PHONY: bench-coach
bench-coach: setup
	$(BIN)/python scripts/coach_bench.py

# How long the insights pages take to render for a couple with ten years of daily practice.
.PHONY: bench-insights
bench-insights: setup
	$(BIN)/python scripts/insights_bench.py

# How many due reminders one worker delivers per second (SQLite here; for PostgreSQL:
# `scripts/with-postgres .venv/bin/python scripts/worker_bench.py`).
.PHONY: bench-worker
bench-worker: setup
	$(BIN)/python scripts/worker_bench.py

fmt: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
