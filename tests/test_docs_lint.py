"""Markdown lint and spelling of the pages (docs/**/*.md): clean on the real pages, and
each checker seen to fail on bad input with file:line. `make lint-docs` and pre-commit
run the same commands."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers import BIN, ROOT

MARKDOWN_LINT = [
    str(BIN / "pymarkdown"),
    "--strict-config",
    "--config",
    str(ROOT / ".pymarkdown.yml"),
    "scan",
]
SPELLCHECK = [str(BIN / "python"), str(ROOT / "scripts" / "spellcheck.py")]
BAD_PAGE = """---
title: A page
description: A page with mistaks.
---

# A page

Scraping is ofen done with a steel tool.

![](tool.svg)

#### A skipped heading level
"""


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def test_markdown_lint_is_clean_on_the_pages_and_the_guides() -> None:
    paths = ["docs", "docs-guide", "templates", "README.md", "CONTRIBUTING.md"]
    result = _run([*MARKDOWN_LINT, "--recurse", "--exclude", "docs/includes/*", *paths], ROOT)
    assert result.returncode == 0, (
        "Markdown lint findings (file:line:column: rule):\n" + result.stdout + result.stderr
    )


def test_spelling_is_clean_on_the_pages() -> None:
    result = _run(SPELLCHECK, ROOT)
    assert result.returncode == 0, "Unknown words (file:line):\n" + result.stdout + result.stderr


def test_markdown_lint_fails_on_bad_markdown_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text(BAD_PAGE, encoding="utf-8")
    result = _run([*MARKDOWN_LINT, "bad.md"], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.md:10:1: MD045" in result.stdout  # image without alt text
    assert "bad.md:12:1: MD001" in result.stdout  # heading level skipped


def test_spellcheck_fails_on_typos_with_file_and_line_and_knows_the_word_list(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text(
        BAD_PAGE + "\nGua sha and Astym are in the word list.\n", encoding="utf-8"
    )
    result = _run([*SPELLCHECK, "bad.md"], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.md:3: unknown word 'mistaks'" in result.stdout
    assert "bad.md:8: unknown word 'ofen' (did you mean" in result.stdout
    assert "Astym" not in result.stdout and "Gua" not in result.stdout
    assert result.stdout.count("unknown word") == 2
