# Two commands for a newcomer: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test setup install check-system migrate demo lint messages clean

run: setup demo
	$(BIN)/python manage.py runserver $(HOST)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: install check-system migrate

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

check-system:
	@$(BIN)/python -m rakor.syscheck

migrate:
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py load_regions -v 0

demo:
	$(BIN)/python manage.py load_demo

lint:
	$(BIN)/python -m ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

messages:
	$(BIN)/python manage.py makemessages -l id -l en --no-obsolete --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
