# videoklub: `make run` starts the app with demo data, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# The embedded default: SQLite and a media folder in var/, DEBUG on, demo data.
RUN_ENV := DEBUG=$(or $(DEBUG),1)
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/videoklub
PYTEST_ARGS ?=
TEST_PROCESSES ?= 2

.PHONY: help
help:
	@echo "make run            set up and start web app + worker with demo data on http://127.0.0.1:8000"
	@echo "make test           set up and run the whole test suite (SQLite, Redis, Chromium)"
	@echo "make test-postgres  the same suite against PostgreSQL ($(POSTGRES_TEST_URL))"
	@echo "make lint / fmt     ruff + mypy + import-linter (layers) / format"
	@echo "make bench          run the benchmarks in bench/"
	@echo "make mutate         mutation testing of the security core (slow; not in make test)"
	@echo "make screenshots    regenerate the user guide's screenshots from a fresh demo"
	@echo "make messages       extract translatable strings into the .po files"

# --- setup -----------------------------------------------------------------------------------
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages: gettext to compile translations, pango for WeasyPrint (PDF), Chromium for
# the browser tests.
.PHONY: system-deps system-deps-test
system-deps:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext; }
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }

system-deps-test: system-deps
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

.PHONY: setup compilemessages assets
setup: $(VENV)/.installed system-deps compilemessages assets

# Front-end libraries come from npm and are served from our own static files (no CDN).
VENDOR := videoklub/static/vendor
assets: $(VENDOR)/tus.min.js

# With its source map: collectstatic's manifest storage refuses a script whose map is missing.
$(VENDOR)/tus.min.js: node_modules/.installed
	mkdir -p $(VENDOR)
	cp node_modules/tus-js-client/dist/tus.min.js node_modules/tus-js-client/dist/tus.min.js.map $(VENDOR)/

# Compiled message files are built here, never committed. Run through `-m django`, without
# settings: the production settings refuse to load without SECRET_KEY, and compilemessages only
# needs the locale/ folder of the current directory.
compilemessages: $(VENV)/.installed system-deps
	cd videoklub && ../$(PY) -m django compilemessages --verbosity 0

# --- run -------------------------------------------------------------------------------------
.PHONY: run
run: setup
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_demo
	@echo
	@echo "  VideoKLuB runs on http://127.0.0.1:8000  (stop with Ctrl-C)"
	@echo
	@trap 'kill 0' INT TERM EXIT; \
	  $(RUN_ENV) $(PY) manage.py db_worker --no-startup-delay & \
	  $(RUN_ENV) $(PY) manage.py maintenance --loop 60 & \
	  $(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# --- quality -----------------------------------------------------------------------------------
.PHONY: test test-postgres services lint fmt messages bench
services:
	bash scripts/ensure-services.sh

# The suite in two pytest runs, each with its own summary; PYTEST_ARGS goes to both. First all
# but the browser and worker tests, in TEST_PROCESSES processes (pytest-xdist: each has its own
# SQLite database, Redis key prefix and media folders). Then those, one at a time: they start
# Chromium or worker processes, and the workers take jobs from queues every process shares.
# A run that selects no test (exit status 5) is fine; the target fails when either run fails.
define run_tests
	$(1) $(PY) -m pytest -n $(TEST_PROCESSES) -m "not browser and not worker" $(PYTEST_ARGS); \
	  parallel=$$?; \
	  $(1) $(PY) -m pytest -m "browser or worker" $(PYTEST_ARGS); \
	  serial=$$?; \
	  for status in $$parallel $$serial; do [[ $$status == [05] ]] || exit $$status; done; \
	  [[ $$parallel$$serial != 55 ]]
endef

test: setup system-deps-test
	bash scripts/ensure-services.sh redis
	$(call run_tests,)

test-postgres: setup system-deps-test services
	$(call run_tests,DATABASE_URL=$(POSTGRES_TEST_URL))

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy videoklub
	$(VENV)/bin/lint-imports

fmt: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed system-deps
	cd videoklub && ../$(PY) ../manage.py makemessages --locale nl_BE --no-obsolete --no-location --ignore "*/tests/*" --ignore "testing/*"

# The screenshots of the user guide (docs/gebruikersgids/): a fresh demo in var/screenshots/ on a
# port of its own, its video processed by the worker, then scripts/screenshots.py writes the PNGs
# into videoklub/static/videoklub/gids/. Commit the changed images with the guide.
SCREENSHOT_PORT ?= 8001
SCREENSHOT_ENV := DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/var/screenshots/db.sqlite3 MEDIA_ROOT=$(CURDIR)/var/screenshots/media
.PHONY: screenshots
screenshots: setup system-deps-test
	rm -rf var/screenshots && mkdir -p var/screenshots
	$(SCREENSHOT_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(SCREENSHOT_ENV) $(PY) manage.py seed_demo
	$(SCREENSHOT_ENV) $(PY) manage.py db_worker --batch --no-startup-delay --no-reload
	$(SCREENSHOT_ENV) $(PY) manage.py db_worker --batch --no-startup-delay --no-reload
	@$(SCREENSHOT_ENV) $(PY) manage.py runserver 127.0.0.1:$(SCREENSHOT_PORT) --noreload & server=$$!; \
	  trap 'kill $$server' EXIT; \
	  SCREENSHOT_URL=http://127.0.0.1:$(SCREENSHOT_PORT) SCREENSHOT_WAIT=60 $(PY) scripts/screenshots.py

bench: setup services
	$(PY) -m bench

# Mutation testing of the security core (README, "Mutation testing"): mutmut changes the code in a
# copy (mutants/), one small bug at a time, and runs the tests that call it; a bug no test
# notices survives. Too slow for `make test` and CI: run it when the core changes. A fresh copy
# each time; afterwards `$(PY) scripts/mutate.py show NAME` shows a mutant. MUTANTS narrows the
# run to the part that changed, e.g. MUTANTS="videoklub.sharing.*" make mutate.
MUTANTS ?=
.PHONY: mutate
mutate: setup
	bash scripts/ensure-services.sh redis
	rm -rf mutants
	time $(PY) scripts/mutate.py run --max-children $(TEST_PROCESSES) $(MUTANTS)
	$(PY) scripts/mutate.py results
