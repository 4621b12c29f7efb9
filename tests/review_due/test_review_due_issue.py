"""scripts/review_due_issue.py keeps exactly one review dates issue, driven through a
fake `gh`; and the weekly workflow that runs it is built like the link rot watch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

FAKE_GH = """#!{python}
import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"]:
    print(os.environ["GH_ISSUES"])
"""
TITLE = "Review dates: pages due for review"
WORKFLOWS = ROOT / ".github" / "workflows"


def _run(tmp_path: Path, due: int, issues: list[dict[str, object]]) -> tuple[list[list[str]], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "gh"
    fake.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    report = tmp_path / "review-due-report.md"
    report.write_text("# Pages due for review\n", encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_LOG": str(log)}
    env["GH_ISSUES"] = json.dumps(issues)
    # The runner's own python3 runs it in the workflow: -S (no site-packages) proves
    # it needs nothing but the standard library and the repository.
    script = ROOT / "scripts" / "review_due_issue.py"
    result = subprocess.run(
        [sys.executable, "-S", str(script), "--report", str(report), "--due", str(due)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()], result.stdout


def _verbs(calls: list[list[str]]) -> list[str]:
    return [" ".join(call[:2]) for call in calls]


def test_pages_due_open_a_labelled_issue_when_none_is_open(tmp_path: Path) -> None:
    calls, said = _run(
        tmp_path, 3, [{"number": 7, "title": "Link rot: references or links that no longer resolve"}]
    )
    assert _verbs(calls) == ["issue list", "label create", "issue create"]
    create = calls[-1]
    assert create[create.index("--title") + 1] == TITLE
    assert create[create.index("--label") + 1] == "review-due"
    body = Path(create[create.index("--body-file") + 1]).read_text(encoding="utf-8")
    assert body == "# Pages due for review\n"
    assert said == "opened the review dates issue (3 due)\n"


def test_pages_due_update_the_open_issue(tmp_path: Path) -> None:
    calls, said = _run(tmp_path, 1, [{"number": 15, "title": TITLE}, {"number": 21, "title": TITLE}])
    assert _verbs(calls) == ["issue list", "issue edit"]
    assert calls[-1][2] == "15", "the oldest open one"
    assert said == "updated issue #15 (1 due)\n"


@pytest.mark.parametrize(
    ("issues", "verbs"),
    [([{"number": 15, "title": TITLE}], ["issue list", "issue close"]), ([], ["issue list"])],
)
def test_nothing_due_closes_the_open_issue_or_does_nothing(
    tmp_path: Path, issues: list[dict[str, object]], verbs: list[str]
) -> None:
    assert _verbs(_run(tmp_path, 0, issues)[0]) == verbs


def _load(name: str) -> dict[str, Any]:
    workflow: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as True
    return workflow


def test_the_workflow_runs_weekly_never_on_pull_requests_with_least_privilege() -> None:
    workflow, model = _load("review-due.yml"), _load("linkrot.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in workflow["on"]["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), f"weekly: {cron}"
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    steps = job["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    (model_job,) = model["jobs"].values()
    assert uses == [step["uses"] for step in model_job["steps"] if "uses" in step], "same pinned actions"
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    runs = [str(step.get("run", "")) for step in steps]
    assert not any("github.event" in run for run in runs)
    assert "make review-due" in runs
    issue = next(step for step in steps if "review_due_issue.py" in str(step.get("run", "")))
    assert issue["env"]["DUE"] == "${{ steps.check.outputs.due }}"
    assert '--due "$DUE"' in issue["run"]
