# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NHIEMVU := $(BIN)/nhiemvu
export NHIEMVU_DATA_DIR ?= $(CURDIR)/var
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nhiemvu
# Test processes (pytest-xdist); each test file stays in one process, so a class's
# setUpTestData runs once. TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile
# Some machines set PYTHONDONTWRITEBYTECODE: every process (each test worker, each command)
# would then compile Django and the project from source again, ~9 s a process.
unexport PYTHONDONTWRITEBYTECODE
VENDOR := nhiemvu/web/static/vendor

.PHONY: demo test test-sqlite test-postgres test-system test-browser install assets browser office lint bench serve

demo: install assets
	$(NHIEMVU) migrate --no-input -v0
	$(NHIEMVU) load-demo
	$(MAKE) --no-print-directory serve

serve:
	@echo "Đang chạy tại http://127.0.0.1:8000 (Ctrl+C để dừng) / serving on http://127.0.0.1:8000"
	@trap 'kill 0' INT TERM EXIT; \
	$(NHIEMVU) run_huey --workers 2 & \
	$(NHIEMVU) runserver --insecure 127.0.0.1:8000

test: install assets browser office
	$(MAKE) --no-print-directory test-sqlite test-postgres test-system test-browser

# The rules, the services and the pages, on both databases: the suite a change is tried
# against while it is written. The system tests (pyproject.toml's markers: real processes
# and programs, the full demo, every page as every user, the seeds end to end) are a stage
# of their own, on both databases too; the browser journeys run once, on the embedded
# default that `make demo` serves (they drive pages, whose queries the suite runs on both).
# On SQLite the test database is made from the models (--no-migrations: 3.5 s less per test
# process); the PostgreSQL stage and the system stage (migrations back and forth, on both
# databases) run the migrations, and `make lint` checks they match the models.
test-sqlite:
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(PYTEST) --no-migrations -m "not browser and not system"

test-postgres:
	@echo "== Test suite on PostgreSQL =="
	DATABASE_URL=$(TEST_DATABASE_URL) $(PYTEST) -m "not browser and not system"

test-system:
	@echo "== System tests on SQLite =="
	env -u DATABASE_URL $(PYTEST) -m system
	@echo "== System tests on PostgreSQL =="
	DATABASE_URL=$(TEST_DATABASE_URL) $(PYTEST) -m system

# A journey that fails is run once more, alone: a real browser on a shared 2-core machine
# can miss a wait. A failure that comes back fails the stage; the first one stays in the log.
test-browser:
	@echo "== Browser journeys (Chromium) =="
	env -u DATABASE_URL $(PYTEST) -m browser || { \
	  echo "== Browser journeys: the failed ones once more =="; \
	  env -u DATABASE_URL $(PYTEST) -m browser --last-failed --last-failed-no-failures none; }

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --isolated -q --disable-pip-version-check uv
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]'
	touch $@

assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/htmx $(VENDOR)/chart.js
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/chart.js/
	touch $@

# Debian's Chromium for the real-browser journeys (Playwright never downloads a browser here).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null)

# LibreOffice for the .pdf of reports (from their .docx) and poppler to test it; Liberation
# Serif v2 has Times New Roman's widths and every Vietnamese letter (v1 lacks some).
office:
	@command -v soffice >/dev/null && command -v pdftoppm >/dev/null && test -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf || (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-liberation2 >/dev/null)

lint: install
	$(BIN)/ruff check nhiemvu tests bench
	$(BIN)/ruff format --check nhiemvu tests bench
	$(NHIEMVU) makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/run.py
