# The service-plan system. `make run` serves the demo council; `make test` runs every test.
# Both set up everything first: Debian packages, the virtual environment, the database.

PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
# Debian packages the product needs: WeasyPrint's libraries and fonts, pdftoppm, PostgreSQL for the
# second test run, Chromium for the browser tests, Node's npm for axe-core.
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core \
	fonts-liberation2 poppler-utils postgresql chromium nodejs

.DEFAULT_GOAL := help
.PHONY: help run test test-sqlite test-postgres lint format setup system-packages clean bench loadtest

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

run: setup ## Set up, load the demo council and serve it on http://127.0.0.1:$(PORT)
	$(PYTHON) manage.py migrate --noinput
	@[ -s .demo-password ] || $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(9))" > .demo-password
	@$(PYTHON) manage.py load_demo --password "$${DEMO_PASSWORD:-$$(cat .demo-password)}"
	@echo ""
	@echo "  The demo council: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Sign in as admin, performance, clerk, manager or officer"
	@echo "  with the password: $${DEMO_PASSWORD:-$$(cat .demo-password)}   (kept in .demo-password)"
	@echo ""
	@echo "  Big PDFs and workbook imports are done in the background by a worker (manage.py db_worker), started here too."
	$(PYTHON) manage.py db_worker --no-reload --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

test: setup ## Set up and run every check and test, on SQLite and then on PostgreSQL
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: ## Run the test suite on SQLite
	env -u DATABASE_URL $(BIN)/pytest -q

test-postgres: ## Run the test suite on a PostgreSQL server (started here unless TEST_DATABASE_URL is set)
	@url="$${TEST_DATABASE_URL:-$$(scripts/test-postgres.sh start)}" && \
	echo "PostgreSQL test server: $$url" && DATABASE_URL="$$url" $(BIN)/pytest -q

bench: setup ## Print queries, median ms and size of every main page at 1x and 10x, the PDF, an import, an export
	$(PYTHON) scripts/bench.py $(BENCH_ARGS)

loadtest: setup ## 50 signed-in users for 60 s against gunicorn and PostgreSQL at 10x (locust); prints p50/p95/p99
	PYTHON=$(PYTHON) scripts/loadtest.sh

lint: setup ## ruff lint and format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: setup ## Format the code with ruff
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

setup: system-packages $(VENV)/.installed node_modules/.installed ## Install Debian, Python and npm packages

system-packages:
	@scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)

$(VENV)/.installed: pyproject.toml
	@scripts/make-venv.sh $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	@$(PYTHON) -c "import importlib.util as u, sys; sys.exit(any(u.find_spec(m) is None for m in \
		('django', 'weasyprint', 'openpyxl', 'django_tables2', 'django_filters', 'django_tasks_db', 'pytest_django')))" \
		|| { echo "Python packages failed to install"; exit 1; }
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	@touch $@

clean: ## Remove the virtual environment, SQLite database and test PostgreSQL server
	-scripts/test-postgres.sh stop
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .demo-password
