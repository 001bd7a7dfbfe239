# Two commands for a newcomer (see README.md):
#   make run    set up .venv, the database, reference and demo data; serve http://127.0.0.1:8000
#   make test   the same set-up, then the whole test suite
# DATABASE_URL=postgres://user@host:5432/name switches both from SQLite to PostgreSQL.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test setup install check-python check-system migrate demo lint messages clean

run: setup
	$(BIN)/python manage.py runserver $(HOST)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: install check-system migrate demo

install: check-python $(VENV)/.installed

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed: sudo apt-get install -y python3.11 python3.11-venv" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
	  echo "Rakor needs Python 3.11, found $$($(PYTHON) --version 2>&1) at $(PYTHON)." >&2; \
	  echo "Install it (sudo apt-get install -y python3.11 python3.11-venv) or run: make PYTHON=/path/to/python3.11 ..." >&2; \
	  exit 1; }

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create the virtual environment: sudo apt-get install -y python3.11-venv" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

# WeasyPrint's system libraries, and with DATABASE_URL the PostgreSQL server and database.
check-system:
	@$(BIN)/python -m rakor.syscheck

migrate:
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_regions -v 0
	$(BIN)/python manage.py load_nomenclature -v 0
	$(BIN)/python manage.py make_demo_certificate -v 0

# Idempotent: safe to re-run; prints the demo logins.
demo:
	$(BIN)/python manage.py load_demo

lint:
	$(BIN)/python -m ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# The msgids are Indonesian, so only English needs a catalogue.
messages:
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
