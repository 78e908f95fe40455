# The service-plan system. `make run` serves the demo council; `make test` runs every test; `make serve`
# runs it in production (gunicorn and the worker on PostgreSQL). All set up everything first: Debian
# packages, the virtual environment (from the locked requirements), GOV.UK Frontend from npm.

PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
GOVUK_FRONTEND := static/govuk/govuk-frontend.min.css
# Debian packages the product needs: WeasyPrint's libraries and fonts, pdftoppm, PostgreSQL for the
# second test run, Chromium for the browser tests, Node's npm for axe-core, Java for the Nu Html Checker.
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core \
	fonts-liberation2 poppler-utils postgresql chromium nodejs default-jre-headless

.DEFAULT_GOAL := help
.PHONY: help run serve test test-sqlite test-postgres lint format setup system-packages lock govuk-frontend clean bench loadtest

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: export DEBUG ?= true
run: setup ## Set up, load the demo council and serve it on http://127.0.0.1:$(PORT) (development, DEBUG on)
	$(PYTHON) manage.py migrate --noinput
	@[ -s .demo-password ] || $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(9))" > .demo-password
	@$(PYTHON) manage.py load_demo --password "$${DEMO_PASSWORD:-$$(cat .demo-password)}"
	@echo ""
	@echo "  The demo council: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Sign in as admin, performance, clerk, manager or officer"
	@echo "  with the password: $${DEMO_PASSWORD:-$$(cat .demo-password)}   (kept in .demo-password)"
	@echo ""
	@echo "  Big PDFs, workbook imports and big downloads are done in the background by a worker (manage.py db_worker), started here too."
	$(PYTHON) manage.py db_worker --no-reload --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

serve: setup ## Production: migrate, collect static files, run gunicorn and the worker (needs DATABASE_URL, SECRET_KEY)
	@case "$${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; \
	  *) echo "make serve runs on PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/name" >&2; \
	     echo "(and SECRET_KEY, ALLOWED_HOSTS; see README.md, Running it for real)" >&2; exit 1 ;; esac
	$(PYTHON) manage.py check --deploy
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py ensure_roles
	$(PYTHON) manage.py collectstatic --noinput -v0
	$(PYTHON) manage.py db_worker --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py

test: export DEBUG ?= true
test: setup ## Set up and run every check and test, on SQLite and on PostgreSQL (at the same time)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PYTHON) manage.py makemigrations --check --dry-run
	scripts/test-both.sh "$(MAKE)"

test-sqlite: ## Run the test suite on SQLite
	env -u DATABASE_URL $(BIN)/pytest -q $(PYTEST_ARGS)

test-postgres: ## Run the test suite on PostgreSQL: a throw-away server, stopped after (or TEST_DATABASE_URL's)
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
		echo "PostgreSQL test server: $$TEST_DATABASE_URL"; DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/pytest -q $(PYTEST_ARGS); \
	else \
		scripts/test-postgres.sh status || trap 'scripts/test-postgres.sh stop' EXIT INT TERM; \
		url=$$(scripts/test-postgres.sh start) && echo "PostgreSQL test server: $$url" && \
		DATABASE_URL="$$url" $(BIN)/pytest -q $(PYTEST_ARGS); \
	fi

bench: setup ## Print queries, median ms and size of every main page at 1x and 10x, the PDF, an import, an export
	$(PYTHON) scripts/bench.py $(BENCH_ARGS)

loadtest: setup ## 50 signed-in users for 60 s against gunicorn and PostgreSQL at 10x (locust); prints p50/p95/p99
	PYTHON=$(PYTHON) scripts/loadtest.sh

lint: setup ## ruff lint and format check, and the apps' one-way dependencies (import-linter)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports

format: setup ## Format the code with ruff
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

setup: system-packages $(VENV)/.installed node_modules/.installed $(GOVUK_FRONTEND) ## Install Debian, Python and npm packages

system-packages:
	@scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)

# Exactly the locked versions, each checked against its hash (make lock writes the lock files).
$(VENV)/.installed: requirements/dev.txt
	@scripts/make-venv.sh $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.txt \
		2>&1 | grep -v "is ignored" || true
	@$(PYTHON) -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in \
		('django', 'weasyprint', 'openpyxl', 'django_tables2', 'django_filters', 'django_tasks_db', 'pytest_django')))" \
		|| { echo "Python packages failed to install"; exit 1; }
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

# GOV.UK Frontend, at the version locked in package-lock.json, copied from node_modules into static/govuk/.
$(GOVUK_FRONTEND): node_modules/.installed scripts/vendor-govuk-frontend.sh
	@scripts/vendor-govuk-frontend.sh

govuk-frontend: node_modules/.installed ## Copy GOV.UK Frontend (locked in package-lock.json) into static/govuk/
	@scripts/vendor-govuk-frontend.sh

# The locked versions of every Python package, with hashes, from pyproject.toml's ranges: for Python 3.12 and
# newer on any platform. Versions already locked are kept unless a range excludes them (UPGRADE=--upgrade
# moves everything to the newest allowed).
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.12 --generate-hashes $(UPGRADE) pyproject.toml
lock: ## Lock the Python packages (requirements/*.txt, with hashes) after changing pyproject.toml
	@scripts/make-venv.sh $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check "uv>=0.9" 2>&1 | grep -v "is ignored" || true
	$(LOCK) -o requirements/base.txt
	$(LOCK) --extra dev -o requirements/dev.txt

clean: ## Remove the virtual environment, SQLite database and test PostgreSQL server
	-scripts/test-postgres.sh stop
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .demo-password static/govuk/*.min.* static/govuk/VERSION
