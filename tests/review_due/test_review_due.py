"""scripts/review_due.py lists the pages due for review from their front matter,
without building the site, with the build's own date rules and a moved clock."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.test_content_rules import DUE, REVIEWED
from tests.helpers import ROOT
from tests.linkrot.conftest import load_script

SCRIPT = ROOT / "scripts" / "review_due.py"
NOW = REVIEWED + dt.timedelta(days=10)  # nothing in the real site is due then


def _project(tmp_path: Path) -> Path:
    """The pages and the rules: all the script reads (no mkdocs.yml, no hooks run)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy2(ROOT / "content-rules.yml", project / "content-rules.yml")
    return project


def _dates(project: Path, page: str, last: dt.date | str, due: dt.date | str) -> None:
    path = project / page
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^last_reviewed:.*$", f"last_reviewed: {last}", text, count=1, flags=re.M)
    text = re.sub(r"^next_review:.*$", f"next_review: {due}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def _run(
    project: Path, tmp_path: Path, today: dt.date | str
) -> tuple[subprocess.CompletedProcess[str], str, str]:
    report, output = tmp_path / "report.md", tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    env = {**os.environ, "IASTM_TODAY": str(today), "GITHUB_OUTPUT": str(output)}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(project), "--report", str(report)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    text = report.read_text(encoding="utf-8") if report.exists() else ""
    return result, text, output.read_text(encoding="utf-8")


def test_nothing_due_writes_an_empty_listing(tmp_path: Path) -> None:
    result, report, output = _run(_project(tmp_path), tmp_path, NOW)
    assert result.returncode == 0, result.stderr
    assert output == "due=0\n"
    assert "**0 overdue, 0 due within 60 days.**" in report and "| Page |" not in report


def test_overdue_due_soon_and_unreadable_pages_are_listed_soonest_first(tmp_path: Path) -> None:
    project = _project(tmp_path)
    overdue_on, soon_on = NOW - dt.timedelta(days=3), NOW + dt.timedelta(days=45)
    _dates(project, "docs/faq.md", NOW - dt.timedelta(days=300), soon_on)
    _dates(project, "docs/safety.md", NOW - dt.timedelta(days=380), overdue_on)
    _dates(project, "docs/history.md", "2026-02-30", DUE)
    result, report, output = _run(project, tmp_path, NOW)
    assert result.returncode == 0, result.stderr
    assert output == "due=3\n"
    assert "**1 overdue, 1 due within 60 days, 1 with dates that cannot be read.**" in report
    rows = [line for line in report.splitlines() if line.startswith("| `")]
    assert rows == [
        f"| `docs/safety.md:6` | {overdue_on} | overdue by 3 days |",
        f"| `docs/faq.md:6` | {soon_on} | in 45 days |",
    ]
    assert "- `docs/history.md:5`: 'last_reviewed' is missing or not a real YYYY-MM-DD date" in report
    assert not (project / "site").exists(), "no site is built"


def test_it_agrees_with_the_build_on_the_real_pages_at_their_due_date(tmp_path: Path) -> None:
    """Every page shares one review date in the real site: on the day after, all are overdue."""
    result, report, output = _run(_project(tmp_path), tmp_path, DUE + dt.timedelta(days=1))
    assert result.returncode == 0, result.stderr
    pages = [path for path in (ROOT / "docs").rglob("*.md") if "includes" not in path.parts]
    assert output == f"due={len(pages)}\n"
    assert f"**{len(pages)} overdue, 0 due within 60 days.**" in report


@pytest.mark.parametrize("today", ["2026-02-30", "soon"])
def test_a_bad_clock_is_one_line(tmp_path: Path, today: str) -> None:
    result, _, output = _run(_project(tmp_path), tmp_path, today)
    assert result.returncode == 1 and output == ""
    assert (
        result.stderr
        == f"review_due: IASTM_TODAY='{today}' is not a date; write it as YYYY-MM-DD or unset it\n"
    )


def test_broken_rules_are_one_line(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "content-rules.yml").write_text("front_matter: [\n", encoding="utf-8")
    result, _, _ = _run(project, tmp_path, NOW)
    assert result.returncode == 1
    assert result.stderr.startswith("review_due: content-rules.yml:") and "Traceback" not in result.stderr


def test_the_folders_it_skips_are_the_ones_mkdocs_excludes() -> None:
    review_due = load_script("review_due")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    excluded = re.search(r"^exclude_docs: \|\n((?:  .*\n)+)", config, re.M)
    assert excluded, "mkdocs.yml has an exclude_docs block"
    folders = tuple(line.strip().strip("/") for line in excluded.group(1).splitlines())
    assert folders == review_due.NOT_PAGES
