# Vänort — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export VANORT_LOCAL ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint pytest pytest-postgres bench messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## make run: set everything up, load the Huddinge demo and serve http://127.0.0.1:8000
run: install
	$(BIN)/vanort setup
	$(BIN)/vanort load-demo
	@echo "Demo accounts (local only): admin / handlaggare / registrator, password vanort-demo"
	$(BIN)/vanort serve --host $(HOST) --port $(PORT)

## make test: linters, migration check and the whole pytest suite
test: install lint pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports pyproject.toml
	$(BIN)/mypy
	DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run

pytest: install
	$(BIN)/python -m pytest -n 2 -q

pytest-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n 2 -q

bench: install
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f; done

messages: install
	cd src/vanort && ../../$(BIN)/python ../../manage.py makemessages -l en -l uk --no-obsolete --add-location file --ignore "*/tests/*"
	cd src/vanort && ../../$(BIN)/python ../../manage.py compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
