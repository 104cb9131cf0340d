# The two commands of README.md: `make demo` and `make test`. Everything else is a helper.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: demo test lint bench check-compose

demo:  ## install, migrate, seed the demo community and serve it (SQLite, in-process tasks)
	@scripts/setup demo
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py seed_demo
	@echo "==> 邻里 Linli: http://$(HOST)/"
	@$(PY) manage.py runserver $(HOST)

# One test process per core (pytest-xdist), each with its own test database, Celery queue and cache keys;
# a module's tests stay in one process (--dist loadfile) so its fixtures are built once.
test:  ## the whole suite on PostgreSQL with a real Celery worker on Redis and headless Chromium
	@scripts/setup test
	@$(PY) -m pytest -n auto --dist loadfile

lint:
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(PY) manage.py makemigrations --check --dry-run -v 0

bench:
	@$(PY) -m bench
