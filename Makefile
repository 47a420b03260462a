# Every target bootstraps its own virtualenv in .venv, so a fresh clone needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AS_OF ?= 2026-12-31

.PHONY: demo test lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/onex check --registry registry --as-of $(AS_OF)
	$(BIN)/onex report --registry registry --as-of $(AS_OF) --year 2026

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check onex tests
	$(BIN)/ruff format --check onex tests

docs: $(STAMP)
	$(BIN)/python -m onex.reference

bench: $(STAMP)
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.data

clean:
	rm -rf $(VENV) .pytest_cache .onex-cache build *.egg-info
