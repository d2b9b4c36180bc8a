# bilateral: common tasks. `make help` lists them.
#
# Every target sets up .venv by itself (created with $(PYTHON) when missing) and installs the
# package editable with the extras it needs; the install is redone when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# Report parameters: `make report A=AZE B=RUS START=2010 END=2024 OUT=reports/aze`.
A ?= ARM
B ?= RUS
START ?=
END ?=
OUT ?=
# Raw-data directory for `make data` (default: $BILATERAL_RAW_DIR, else data/raw if it exists,
# else the user's data directory, where `bilateral data fetch` puts the files).
RAW ?=
# Extra arguments for pytest: `make test PYTEST_ARGS="-k packaging -x"`.
PYTEST_ARGS ?=

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

# On the project's own machines the real raw files sit beside the repo; use them when present so
# the raw-data tests run there. A fresh machine without them still works from the embedded data.
SHARED_RAW := $(abspath $(ROOT)/../shared/data/raw)
ifeq ($(origin BILATERAL_RAW_DIR),undefined)
  ifneq ($(wildcard $(SHARED_RAW)/.),)
    export BILATERAL_RAW_DIR := $(SHARED_RAW)
  endif
endif

# Stamps inside .venv record what was installed; removing .venv removes them too.
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
STAMP_LAB := $(VENV)/.stamp-lab

.DEFAULT_GOAL := help
.PHONY: help report test lab data lint format bench example chromium clean

help:  ## List the targets
	@echo "usage: make TARGET [A=ARM B=RUS START=YYYY END=YYYY] [PYTEST_ARGS=...]"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  %-8s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

report: $(STAMP_RUN)  ## Write the HTML report for A-B (default ARM RUS) under reports/
	$(BIN)/bilateral report $(A) $(B)$(if $(START), --start $(START))$(if $(END), --end $(END))$(if $(OUT), --out $(OUT))

# The suite runs on every core (pytest-xdist); a module's tests stay on one worker, so module
# fixtures are built once. PYTEST_ARGS="-n 0" runs it in one process.
test: $(STAMP_TEST) chromium  ## Run the test suite (warnings are errors)
	$(BIN)/python -m pytest -n auto --dist loadscope $(PYTEST_ARGS)

# The browser tests drive Debian's Chromium (Playwright from PyPI never downloads a browser here).
# Install it when missing and possible (root + apt-get); otherwise say so in one line: the browser
# tests are then skipped, except with CI=true, where they fail.
CHROMIUM ?= $(or $(BILATERAL_CHROMIUM),/usr/bin/chromium)
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the browser tests (apt-get install chromium)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium >/dev/null; } \
		|| echo "chromium could not be installed with apt-get: the browser tests will not run"; \
	else \
		echo "chromium missing at $(CHROMIUM) and not installable here (needs root and apt-get): browser tests skipped (they fail with CI=true)"; \
	fi

# The example is built from the embedded data alone, whatever BILATERAL_RAW_DIR says.
example: $(STAMP_TEST) chromium  ## Regenerate the committed example reports (full and brief) and the screenshot
	@set -e; path=$$($(BIN)/bilateral report ARM RUS --start 2000 --out reports/examples); \
	for old in reports/examples/ARM-RUS_*.html; do \
		[ "$$old" = "$$path" ] || [ "$$old" = "reports/examples/$$(basename $$path)" ] || rm -f "$$old"; \
	done; \
	brief=$$($(BIN)/bilateral report ARM RUS --start 2000 --brief --out reports/examples); \
	rm -rf reports/examples/failed; \
	$(BIN)/python -m analysis.browser "$$path" reports/examples/ARM-RUS-first-screen.png; \
	echo "$$path"; echo "$$brief"

lab: $(STAMP_LAB)  ## Open JupyterLab on notebooks/ with the .venv kernel
	$(BIN)/jupyter lab notebooks/$(if $(filter 0,$(shell id -u)), --allow-root)

data: $(STAMP_RUN)  ## Rebuild data/processed/ from the raw sources
	$(BIN)/bilateral data build$(if $(RAW), --raw $(RAW))

lint: $(STAMP_TEST)  ## Check lint and formatting with ruff (code and notebooks)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP_TEST)  ## Format with ruff and apply its safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP_RUN)  ## Run every benchmarks/*.py
	@set -e; found=0; \
	for script in benchmarks/*.py; do \
		[ -e "$$script" ] || continue; found=1; \
		echo "== $$script"; $(BIN)/python "$$script"; \
	done; \
	[ "$$found" = 1 ] || echo "no benchmarks/*.py to run"

clean:  ## Remove .venv and caches (keeps data/ and reports/)
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# --- set-up -----------------------------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The test and lab extras include the runtime dependencies, so they also satisfy the run stamp.
$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

$(STAMP_LAB): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@ $(STAMP_RUN)
