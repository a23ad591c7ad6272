# Two commands do all set-up: `make run` and `make test` (each creates .venv when needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test chat check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/boligbot run

chat: $(STAMP)
	$(BIN)/boligbot chat

check: $(STAMP)
	$(BIN)/boligbot check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_updates.py
	$(BIN)/python benchmarks/bench_faq.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
