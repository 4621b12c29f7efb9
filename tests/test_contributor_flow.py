"""The contributor flow: page templates and `make new-page`, the GitHub forms and
routing, and the pre-commit hooks (each run here as pre-commit would run it)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.faults.test_bad_input import _replace
from tests.helpers import BIN, ROOT, build_in_process, copy_project

NEW_PAGE = [sys.executable, str(ROOT / "scripts" / "new_page.py")]
# The clock for a new page: the latest day any real page was reviewed, so that no real
# page is dated after "today" whatever day the editors last reviewed them.
TODAY = max(
    dt.date.fromisoformat(found)
    for page in (ROOT / "docs").rglob("*.md")
    for found in re.findall(r"^last_reviewed: (\d{4}-\d{2}-\d{2})$", page.read_text(encoding="utf-8"), re.M)
)
GITHUB = ROOT / ".github"
TEAM = "@iastm-guide/clinical-reviewers"


def _run(command: list[str], cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False, env={**_env(), **env}
    )


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "IASTM_TODAY"}


def _project_with_templates(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "templates", project / "templates")
    return project


def test_the_condition_template_has_the_required_sections_in_order() -> None:
    rules = yaml.safe_load((ROOT / "content-rules.yml").read_text(encoding="utf-8"))
    template = (ROOT / "templates" / "condition.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", template, re.M) == rules["page_types"]["condition"]["sections"]


@pytest.mark.slow
def test_new_page_scaffolds_pages_that_pass_every_build_check(tmp_path: Path) -> None:
    project = _project_with_templates(tmp_path)
    made = []
    for kind, slug, title in (
        ("condition", "knee-pain", "Knee pain: what helps"),
        ("topic", "science/fat", "Fat"),
    ):
        result = _run([*NEW_PAGE, kind, slug, title, "--root", str(project)], IASTM_TODAY=TODAY.isoformat())
        assert result.returncode == 0, result.stderr
        assert "Next: add it to nav in mkdocs.yml" in result.stdout
        made.append(re.search(r"Created (docs/\S+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert made == ["docs/conditions/knee-pain.md", "docs/science/fat.md"]
    page = (project / made[0]).read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Knee pain: what helps"\n')
    assert (
        f"last_reviewed: {TODAY}\nnext_review: {TODAY + dt.timedelta(days=365)}\n"
        "review_status: awaiting clinical review\n" in page
    )
    nav = "\nnav:\n  - Knee: conditions/knee-pain.md\n  - Fat: science/fat.md\n"
    _replace("mkdocs.yml", "\nnav:\n", nav)(project)
    result = build_in_process(project, tmp_path / "site", IASTM_TODAY=TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_new_page_refuses_to_overwrite_and_explains_bad_input(tmp_path: Path) -> None:
    project = _project_with_templates(tmp_path)
    assert _run([*NEW_PAGE, "condition", "knee-pain", "Knee pain", "--root", str(project)]).returncode == 0
    page = project / "docs" / "conditions" / "knee-pain.md"
    page.write_text("my work", encoding="utf-8")
    again = _run([*NEW_PAGE, "condition", "knee-pain", "Knee pain", "--root", str(project)])
    assert again.returncode == 1
    assert "docs/conditions/knee-pain.md already exists" in again.stderr
    assert page.read_text(encoding="utf-8") == "my work"
    for args, words in (
        (["condition", "Knee Pain", "K"], "must be lower case words joined by hyphens"),
        (["evidence", "x", "X"], "no template for TYPE 'evidence'; use one of: condition, topic"),
        (["topic", "x", " "], "TITLE is empty"),
    ):
        result = _run([*NEW_PAGE, *args, "--root", str(project)])
        assert result.returncode == 1 and words in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("ISSUE_TEMPLATE/report-error.yml", "vendor.github-issue-forms"),
        ("ISSUE_TEMPLATE/suggest-topic.yml", "vendor.github-issue-forms"),
        ("ISSUE_TEMPLATE/config.yml", "vendor.github-issue-config"),
    ],
)
def test_issue_forms_match_githubs_schema(path: str, schema: str) -> None:
    result = _run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(GITHUB / path)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_codeowners_route_content_and_references_to_the_reviewers_team() -> None:
    rules = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()]
    owners = {rule[0]: rule[1:] for rule in rules if rule and not rule[0].startswith("#")}
    assert TEAM in owners["/docs/"]
    assert TEAM in owners["/references.bib"]
    assert TEAM in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")  # the handle is explained


def test_pull_request_template_has_the_review_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "**Sources confirmed**" in text
    assert "**Whole-page review rule**" in text
    items = (
        "6. Is it balanced",
        "8. Does it refer to areas of uncertainty",
        "11. Does it describe the risks",
    )
    for item in (*items, "12. Does it describe what would happen if no treatment"):
        assert item in text
    assert len(re.findall(r"^- \[ \] ", text, re.M)) >= 8


@pytest.mark.slow
def test_every_pre_commit_hook_is_local_and_passes_on_the_repository(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert {
        "ruff-format",
        "ruff-check",
        "markdown-lint",
        "spelling",
        "yamllint",
        "content-checks",
        "strict-build",
    } <= {hook["id"] for hook in hooks}
    for hook in hooks:
        assert hook["language"] == "system" and hook["pass_filenames"] is False, hook["id"]
        command = shlex.split(hook["entry"])
        assert command[0].startswith(".venv/bin/") and (ROOT / command[0]).exists(), hook["id"]
        if hook["id"] == "strict-build":
            command += ["--site-dir", str(tmp_path / "site")]  # not into the working tree
        result = _run(command)
        assert result.returncode == 0, f"{hook['id']}: {result.stdout}{result.stderr}"
