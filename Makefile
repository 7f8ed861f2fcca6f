# The project's front door. `make run` and `make test` work on a fresh clone with Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

AXE := node_modules/axe-core/axe.min.js

.PHONY: run test stack bench load lint format messages

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*; touch $@

# The demo on the embedded default: SQLite, eager Celery, console email.
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	$(PY) manage.py runserver 127.0.0.1:8000

# axe-core for the accessibility test (tests/trust/test_accessibility.py), pinned in package-lock.json.
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "make test needs npm (apt-get install -y npm) for axe-core"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(STAMP) $(AXE)
	$(PY) -m pytest $(PYTEST_ARGS)

# The production topology without Docker: gunicorn, a Celery worker and beat, against the
# DATABASE_URL and CELERY_BROKER_URL in the environment (see Procfile and docker-compose.yml).
stack: $(STAMP)
	DEBUG=$${DEBUG:-False} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-False} $(PY) manage.py collectstatic --noinput -v0
	DEBUG=$${DEBUG:-False} $(VENV)/bin/honcho start -f Procfile

bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

# Load against a running `make stack` (started with BENCH_BARE_VIEW=1 for the bare-view comparison):
# loopback only, bounded in time and requests. Short form for CI: LOAD_ARGS="--duration 5 --concurrency 4".
LOAD_ARGS ?= --base http://127.0.0.1:$${PORT:-8000} --concurrency 4 16 32 --duration 20
load: $(STAMP)
	$(PY) -m bench.load $(LOAD_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Extract translations (project-wide strings into topfreelancer/locale, each app into its own), then compile.
messages: $(STAMP)
	$(PY) -m topfreelancer.messages
	$(PY) manage.py compilemessages --ignore='.venv/*' -v0
