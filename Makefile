# gcmhub: the team's interface. `make run` serves the demo; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DEBUG ?= 1
export PYTHONDONTWRITEBYTECODE := 1
ADDRESS ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install system-deps chromium run test lint format migrations-check messages bench bench-all clean

help:
	@echo "make run     set up everything and serve the demo on http://127.0.0.1:8000"
	@echo "make test    set up and run ruff, the migrations check and the whole test suite"
	@echo "make install create the virtual environment, install, migrate, compile translations"
	@echo "make messages  refresh locale/tr/LC_MESSAGES/django.po from the code"
	@echo "make bench   the scale bench on a throwaway PostgreSQL: bench/results-scale.md"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

system-deps:
	@command -v msgfmt >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext)

install: system-deps $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py createcachetable -v0

# The web server and, beside it, a worker of the task queue (documents, exports, reminders);
# Ctrl-C, or the web server stopping, stops both.
run: install
	$(PY) manage.py load_demo
	@echo
	@echo "Serving gcmhub on http://$(ADDRESS) with a background worker (Ctrl-C stops both)"
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'pkill -TERM -P $$worker 2>/dev/null; kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(ADDRESS)

chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

test: install chromium lint migrations-check
	$(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l tr --ignore=.venv --ignore=staticfiles --no-obsolete --add-location=file
	$(PY) manage.py compilemessages --ignore=.venv -v0

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

$(VENV)/.bench-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

# The scale bench (bench/README.md) on a PostgreSQL 15 cluster of its own, removed at the end;
# BENCH_ARGS=--before files the figures as the "before" ones.
bench: install $(VENV)/.bench-installed
	bench/with-postgres $(PY) bench/scale_bench.py $(BENCH_ARGS)

# The scale bench, then the pages', documents' and search's benches (SQLite by default).
bench-all: bench
	$(PY) bench/run.py
	$(PY) bench/documents.py
	$(PY) bench/search.py
