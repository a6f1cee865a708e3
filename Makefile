# One target per job. Run `make help` for the list.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO_ENV = PORTAL_ENV=development PORTAL_DEMO=1
PORT ?= 5000

.PHONY: help install demo test test-sqlite test-postgres test-browser lint typecheck format translations benchmark clean demo-reset vendor

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed translations ## Install the portal and its test tools into .venv

translations: $(VENV)/.installed ## Compile the message catalogs
	$(BIN)/pybabel compile -d vertalingen

demo: install ## Install, add demo data and start the portal and its notification worker at http://127.0.0.1:5000
	$(DEMO_ENV) $(BIN)/flask --app portal demo seed
	@# The worker runs beside the web server, as in production; Ctrl+C stops both.
	$(DEMO_ENV) $(BIN)/flask --app portal notificaties run & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/flask --app portal run --host 127.0.0.1 --port $(PORT)

test: install lint typecheck test-sqlite test-postgres test-browser ## Install and run the whole suite (SQLite, PostgreSQL if configured, browser)

# The non-browser tests run in parallel (pytest-xdist, one database per worker); the browser
# tests in one process, so Chromium starts once. Each run prints its 15 slowest tests.
PYTEST = $(BIN)/pytest --durations=15

test-sqlite: install ## All non-browser tests on SQLite, in parallel
	env -u PORTAL_TEST_DATABASE_URL $(PYTEST) -n auto -m "not postgres and not browser"

test-postgres: install ## All non-browser tests on PostgreSQL (PORTAL_TEST_DATABASE_URL), in parallel
	@if [ -n "$$PORTAL_TEST_DATABASE_URL" ]; then \
		PORTAL_SWEEP_VOORBEELDEN=$${PORTAL_SWEEP_VOORBEELDEN:-60} $(PYTEST) -n auto -m "not browser"; \
	else \
		echo "PORTAL_TEST_DATABASE_URL is not set: the PostgreSQL run is left out."; \
	fi

test-browser: install node_modules/.package-lock.json ## The browser tests, with the W3C Nu HTML check over every page they load
	$(PYTEST) -m browser

# NL Design System component CSS, pinned in package.json / package-lock.json, is kept in the
# repository (static/vendor/nlds) so the portal runs without Node; this refreshes it.
NLDS_CSS = \
	@nl-design-system-candidate/skip-link-css/dist/skip-link.css \
	@nl-design-system-candidate/heading-css/dist/heading.css \
	@nl-design-system-candidate/paragraph-css/dist/paragraph.css \
	@nl-design-system-candidate/data-badge-css/dist/data-badge.css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

vendor: node_modules/.package-lock.json ## Copy the pinned NL Design System CSS into static/vendor/nlds
	for f in $(NLDS_CSS); do \
		naam=$$(echo $$f | sed -E 's#^@[^/]+/([^/]+)-css/dist/(index\.)?#\1/#; s#/.*##'); \
		cp node_modules/$$f static/vendor/nlds/$$naam.css; \
	done
	cp node_modules/@nl-design-system-candidate/skip-link-css/LICENSE.md static/vendor/nlds/LICENSE.md

lint: $(VENV)/.installed ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed ## Check types with mypy (strict on services, models and notificaties)
	$(BIN)/mypy

format: $(VENV)/.installed ## Format code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) instance

benchmark: install ## Run the benchmarks (PostgreSQL on 127.0.0.1, databases "bench*", created when missing)
	@command -v wrk >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || \
	  { echo "wrk is missing and could not be installed: apt-get install wrk"; exit 1; }
	$(BIN)/python benchmarks/seed_volume.py
	$(BIN)/python benchmarks/notificaties.py
	$(BIN)/python benchmarks/kwartaalupdate.py
	$(BIN)/python benchmarks/import.py
	$(BIN)/python benchmarks/page_weight.py
	$(BIN)/python benchmarks/http_load.py
	$(BIN)/python benchmarks/request_cost.py

demo-reset: $(VENV)/.installed ## Start the demo over: empty the database and add the demo personas again (no reinstall)
	$(DEMO_ENV) $(BIN)/flask --app portal demo reset --yes
