# Two commands do all set-up: `make run` and `make test` (each creates .venv when needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core (MPL-2.0) checks the desk's pages for accessibility in the browser tests; installed
# from npm when Debian's chromium is there to run them (.ci/run installs both).
AXE_VERSION := 4.14.1
AXE := tests/desk/node_modules/axe-core/axe.min.js

.PHONY: run test chat check lint bench clean desk-screenshots

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

$(AXE):
	@if [ -x /usr/bin/chromium ]; then \
	  npm install --no-save --silent --no-audit --no-fund --prefix tests/desk axe-core@$(AXE_VERSION); \
	fi

test: $(STAMP) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

desk-screenshots: $(STAMP) $(AXE)
	DESK_SCREENSHOTS=docs $(BIN)/pytest -q tests/desk/test_desk_browser.py \
	  -k "home_page or answered_on_the_desk or tip_from_the_desk or qr_link"

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_updates.py
	$(BIN)/python benchmarks/bench_faq.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
