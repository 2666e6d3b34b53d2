# govbrief — make help lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install compile run test test-fast fuzz lint format bench clean

# The mypyc build of the hot models/ modules (models/compiled.py), redone when a models/ source
# changes. A failed build is not an error (the package runs as pure Python) and is not retried
# until a source changes. COMPILE=0 skips it.
COMPILE ?= 1
COMPILED := build/mypyc.stamp
ifeq ($(COMPILE),1)
COMPILED_DEP := $(COMPILED)
endif

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(COMPILED): $(STAMP) $(shell find models -name '*.py')
	-GOVBRIEF_COMPILED=0 $(BIN)/python -c "from models.compiled import main; raise SystemExit(main(['build']))"
	mkdir -p build && touch $(COMPILED)

install: $(STAMP) $(COMPILED_DEP) ## create .venv, install govbrief with its dev tools, compile models/ (mypyc)

compile: $(STAMP) ## rebuild the mypyc-compiled models/ modules now (build/mypyc/)
	GOVBRIEF_COMPILED=0 $(BIN)/python -c "from models.compiled import main; raise SystemExit(main(['build']))"

run: $(STAMP) $(COMPILED_DEP) ## start API (127.0.0.1:8000) and UI (127.0.0.1:8501) on the embedded SQLite default
	$(BIN)/govbrief run

test: $(STAMP) $(COMPILED_DEP) ## run the whole test suite (SQLite and a throwaway PostgreSQL)
	$(BIN)/python -m pytest -n $${GOVBRIEF_TEST_WORKERS:-auto}

test-fast: $(STAMP) $(COMPILED_DEP) ## the suite without PostgreSQL, browser, heavy (model-fitting) tests and the schemathesis probe
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

bench: $(STAMP) $(COMPILED_DEP) ## run the benchmarks; results go to bench/results/
	$(BIN)/python -m bench

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var build .pytest_cache .ruff_cache .mypy_cache
