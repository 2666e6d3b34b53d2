# govbrief — make help lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast fuzz lint format bench clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install govbrief with its dev tools

run: $(STAMP) ## start API (127.0.0.1:8000) and UI (127.0.0.1:8501) on the embedded SQLite default
	$(BIN)/govbrief run

test: $(STAMP) ## run the whole test suite (SQLite and a throwaway PostgreSQL)
	$(BIN)/python -m pytest -n $${GOVBRIEF_TEST_WORKERS:-auto}

test-fast: $(STAMP) ## the suite without PostgreSQL, browser, heavy (model-fitting) tests and the schemathesis probe
	$(BIN)/python -m pytest -n $${GOVBRIEF_TEST_WORKERS:-auto} -m "not postgres and not browser and not heavy and not fuzz"

fuzz: $(STAMP) ## schemathesis over the whole API on SQLite and PostgreSQL, more examples
	GOVBRIEF_FUZZ_EXAMPLES=$${GOVBRIEF_FUZZ_EXAMPLES:-25} $(BIN)/python -m pytest -m fuzz -q -s

lint: $(STAMP) ## ruff check, format check and mypy (strict on models/)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP) ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) ## run the benchmarks; results go to bench/results/
	$(BIN)/python -m bench

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
