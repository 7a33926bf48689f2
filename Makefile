# The commands of the project. `make demo` and `make test` are the two a new user needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## set up and run the demo world (embedded SQLite, simulated web on 127.0.0.1)
	$(BIN)/watcher demo --once

test: $(STAMP)  ## set up and run the whole test suite (PostgreSQL too when WATCHER_TEST_DATABASE_URL is set)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/check_throughput.py --watches 1000
	$(BIN)/python bench/check_throughput.py --watches 10000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
