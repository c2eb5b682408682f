# wagtail-helpcenter developer commands. `make demo` and `make test` are all a fresh
# machine with Python 3.11+ needs; everything else is installed into .venv.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_PORT ?= 8000
export PYTHONPATH := $(CURDIR)

.DEFAULT_GOAL := help
.PHONY: help install demo demo-data test test-fast test-modelsearch test-postgres test-opensearch test-browser opensearch bench load lint format migrations-check docs clean

help:
	@echo "make demo       run the example help center on http://127.0.0.1:$(DEMO_PORT)"
	@echo "make test       lint, check migrations, build the docs and run the whole test suite"
	@echo "make test-fast  the test suite on the database backend only, without lint"
	@echo "make test-modelsearch  django-modelsearch's backend tests on our database backend"
	@echo "make test-browser  the browser tests, in headless Chromium (installed from Debian if missing)"
	@echo "make test-postgres the test suite on PostgreSQL (installed from Debian if missing)"
	@echo "make opensearch run a local OpenSearch node on http://127.0.0.1:9200 (needs Java 11-23, Maven)"
	@echo "make bench      benchmarks: pages, import, indexing, search, relevance (reports in benchmarks/results/)"
	@echo "make load       load test on gunicorn + PostgreSQL, report in benchmarks/results/load.md"
	@echo "make format     format the code with ruff"
	@echo "make docs       build the documentation into site/"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wagtail-helpcenter needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the package metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[localize,discussions,semantic,spelling,test,docs]"
	touch $@

install: $(VENV)/.installed

# Debian's Hunspell dictionaries for the editor's spelling check, when apt-get can fetch
# them; without them the check uses pyspellchecker's word lists (the leading "-").
demo-data: install
	-$(BIN)/python -m tools.dictionaries
	cd example_project && ../$(BIN)/python manage.py migrate --noinput
	cd example_project && ../$(BIN)/python manage.py helpcenter_demo --site-root
	cd example_project && ../$(BIN)/python manage.py helpcenter_embed
	cd example_project && ../$(BIN)/python manage.py demo_admin --port $(DEMO_PORT)

demo: demo-data
	cd example_project && ../$(BIN)/python manage.py runserver 127.0.0.1:$(DEMO_PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/django-admin makemigrations --check --dry-run

# The database passes run on every core (pytest-xdist, one test database per worker);
# OpenSearch (one node, shared indexes) and the browser (one live server) run in one process.
test: lint migrations-check docs
	$(BIN)/pytest -m "not browser" -n auto
	$(MAKE) test-modelsearch
	$(MAKE) test-postgres
	$(MAKE) test-opensearch
	$(MAKE) test-browser

# The suite again on PostgreSQL (Debian's package, installed when missing), as production runs.
test-postgres: install
	$(BIN)/python -m tools.postgres.server run -- $(BIN)/pytest -m "not browser and not any_database" -q -n auto
	$(BIN)/python -m tools.postgres.server run -- $(BIN)/python -m tools.modelsearch_suite

# django-modelsearch's own backend test suite (its sdist, fetched from PyPI once) against
# our database backend on SQLite; test-postgres runs it again on PostgreSQL.
test-modelsearch: install
	$(BIN)/python -m tools.modelsearch_suite

# The shared search tests again, on a real OpenSearch node started for the run.
test-opensearch: install
	HELPCENTER_TEST_SEARCH_ENGINE=opensearch $(BIN)/python -m tools.opensearch.node run -- $(BIN)/pytest -m search

test-fast: install
	$(BIN)/pytest -m "not browser" -n auto

# Tests in a real headless Chromium (Debian's package, installed when missing).
# Visitor, editor and moderator journeys, axe-core accessibility checks (axe-core from the
# npm registry, cached in ~/.cache) and screenshots in screenshots/.
test-browser: install
	$(BIN)/python -m tools.browser.axe > /dev/null
	HELPCENTER_CHROMIUM="$$(tools/browser/ensure_chromium.sh)" $(BIN)/pytest -m browser

# Benchmarks (not part of `make test`): Markdown reports in benchmarks/results/. Page
# rendering, import and indexing on SQLite; search by engine and corpus size (it starts
# an OpenSearch node; 10,000 articles take a while); search relevance on Debian's Python
# FAQ (fetched with apt-get download) and the demo's Dutch and Persian content; the
# spelling check's false alarms and caught typos.
bench: install
	$(BIN)/python -m benchmarks.pages --out benchmarks/results/pages.md
	$(BIN)/python -m benchmarks.imports --articles 10000 --out benchmarks/results/import.md
	$(BIN)/python -m benchmarks.search --out benchmarks/results/search.md
	$(BIN)/python -m benchmarks.relevance --out benchmarks/results/relevance.md
	$(BIN)/python -m benchmarks.spelling --out benchmarks/results/spelling.md

# The load test: gunicorn + PostgreSQL (Debian's package, installed when missing) + locust;
# writes benchmarks/results/load.md. Not part of `make test`.
load: install
	$(BIN)/python -m pip install --quiet -e ".[load]"
	$(BIN)/python benchmarks/load/run.py

opensearch: install
	$(BIN)/python -m tools.opensearch.node serve --port 9200

docs: install
	$(BIN)/mkdocs build --strict --quiet

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache .import_linter_cache .grimp_cache example_project/db.sqlite3 example_project/media
