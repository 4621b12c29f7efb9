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
PY_SOURCES := hooks tests scripts

.PHONY: help install browser serve build test lint typecheck pytest screenshots clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	uv sync --locked --quiet
	@touch $@

install: $(BIN)/.installed ## install the pinned Python packages from uv.lock

browser: ## install chromium, Java, zbar-tools and poppler-utils for the tests (apt, root)
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
	$(BIN)/mypy tests scripts

pytest: install browser ## the test suite only
	$(BIN)/pytest

test: install browser lint typecheck ## everything; ends with pytest's summary line
	$(BIN)/pytest

screenshots: install browser build ## PNGs of the home page and a condition page: phone/desktop, light/dark
	$(BIN)/python scripts/screenshots.py site screenshots

clean: ## remove build output
	rm -rf site screenshots .pytest_cache .mypy_cache .ruff_cache
