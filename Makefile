# Vänort — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export VANORT_LOCAL ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run ocr-packages test install lint pytest pytest-postgres bench messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

OCR_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-ukr tesseract-ocr-eng

## make run: set everything up, load the Huddinge demo, serve http://127.0.0.1:8000 and run the
## background worker (document OCR) beside it; Ctrl-C stops both.
run: install ocr-packages
	$(BIN)/vanort setup
	$(BIN)/vanort load-demo
	@echo "Demo accounts (local only): admin / handlaggare / registrator / trostianets (partner official), password vanort-demo"
	@$(BIN)/python manage.py db_worker --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/vanort serve --host $(HOST) --port $(PORT)

## Tesseract with the Swedish, Ukrainian and English models (Debian packages), when missing
ocr-packages:
	@missing=""; command -v tesseract >/dev/null 2>&1 || missing="$(OCR_PACKAGES)"; \
	if [ -z "$$missing" ]; then for l in swe ukr eng; do tesseract --list-langs 2>/dev/null | grep -qx $$l || missing="$$missing tesseract-ocr-$$l"; done; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing $$missing (OCR of scanned documents)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
	  || { echo "Could not install; run: sudo apt-get install $(OCR_PACKAGES)"; exit 1; }; \
	fi

## make test: linters, migration check and the whole pytest suite
test: install lint pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
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
