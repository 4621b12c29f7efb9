# The IASTM Guide. The two commands that matter:
#   make serve   preview the site with live reload at http://127.0.0.1:8000
#   make test    every check and test, ending with pytest's summary line
# Both install what they need first (Python packages from uv.lock; Chromium via apt).

SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
PY_SOURCES := hooks tests bench

.PHONY: help install browser serve build test lint typecheck pytest bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	uv sync --locked --quiet
	@touch $@

install: $(BIN)/.installed ## install the pinned Python packages from uv.lock

browser: ## install Debian's chromium for the browser tests (needs apt and root)
	@bash scripts/ensure-system-packages.sh

serve: install ## preview with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

build: install ## build the site into site/ strictly
	$(BIN)/mkdocs build --strict

lint: install ## ruff format check and lint
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/ruff check $(PY_SOURCES)

typecheck: install ## mypy (strict on hooks/)
	$(BIN)/mypy --strict hooks
	$(BIN)/mypy tests bench

pytest: install browser ## the test suite only
	$(BIN)/pytest

test: install browser lint typecheck ## everything; ends with pytest's summary line
	$(BIN)/pytest

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: install browser bench/node_modules/.installed ## measure page weight, Lighthouse, build time (BENCH_ARGS=--quick)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean: ## remove build output
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
