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
# uv itself is the one tool installed outside uv.lock: pinned with hashes in
# UV_BOOTSTRAP and installed (hash-checked) into .tools/, whatever uv is on PATH.
UV_BOOTSTRAP := scripts/requirements-bootstrap.txt
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
PY_SOURCES := iastm_guide hooks tests scripts bench

.PHONY: help install browser serve build check test lint lint-docs typecheck pytest linkrot review-due new-page bench screenshots clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(UV): $(UV_BOOTSTRAP)
	rm -rf $(TOOLS)
	python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
	  --require-hashes --no-deps --target $(TOOLS) -r $(UV_BOOTSTRAP)
	@touch $@

# Bytecode is compiled at install (the packages', and the project's own code), so no
# command spends its first second compiling what it imports.
$(BIN)/.installed: pyproject.toml uv.lock $(UV)
	$(UV) sync --locked --quiet --compile-bytecode
	$(BIN)/python -m compileall -q iastm_guide hooks
	@touch $@

install: $(BIN)/.installed ## install the pinned Python packages from uv.lock

browser: ## install chromium, Java, zbar-tools and poppler-utils for the tests (apt, root)
	@bash scripts/ensure-system-packages.sh

serve: install ## preview with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

build: install ## build the site into site/ strictly
	$(BIN)/mkdocs build --strict

check: install ## the content checks on every page, without building (about a second)
	$(BIN)/python -m iastm_guide.check

lint: install ## ruff format check and lint
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/ruff check $(PY_SOURCES)

lint-docs: install ## Markdown lint (pages and guides) and spelling (pages); also run by make test
	$(BIN)/pymarkdown --strict-config --config .pymarkdown.yml scan --recurse --exclude 'docs/includes/*' \
	  docs docs-guide templates README.md CONTRIBUTING.md
	$(BIN)/python scripts/spellcheck.py

typecheck: install ## mypy (strict on iastm_guide/, hooks/ and scripts/)
	$(BIN)/mypy --strict iastm_guide hooks scripts
	$(BIN)/mypy tests bench

pytest: install browser ## the test suite only
	$(BIN)/pytest

test: install browser lint typecheck ## everything; ends with pytest's summary line
	$(BIN)/pytest

linkrot: install ## check every DOI, PubMed and external link (network) -> linkrot-report.md
	$(BIN)/python scripts/linkrot.py --report linkrot-report.md

review-due: install ## list pages overdue or due for review within 60 days (no build) -> review-due-report.md
	$(BIN)/python scripts/review_due.py --report review-due-report.md

new-page: install ## start a page: make new-page TYPE=condition SLUG=knee-pain TITLE="Knee pain"
	@test -n "$(TYPE)" -a -n "$(SLUG)" -a -n "$(TITLE)" || \
	  { echo 'usage: make new-page TYPE=condition|topic SLUG=knee-pain TITLE="Knee pain" [DESCRIPTION="..."]'; exit 2; }
	$(BIN)/python scripts/new_page.py "$(TYPE)" "$(SLUG)" "$(TITLE)" $(if $(DESCRIPTION),--description "$(DESCRIPTION)")

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: install browser bench/node_modules/.installed ## measure page weight, Lighthouse, build time (BENCH_ARGS=--quick)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

screenshots: install browser build ## PNGs of the home page and a condition page: phone/desktop, light/dark
	$(BIN)/python -m scripts.screenshots site screenshots

clean: ## remove build output
	rm -rf site screenshots .pytest_cache .mypy_cache .ruff_cache
