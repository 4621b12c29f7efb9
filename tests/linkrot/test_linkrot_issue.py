"""scripts/linkrot_issue.py keeps exactly one issue, driven through a fake `gh`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

FAKE_GH = """#!{python}
import json, os, sys
with open(os.environ["GH_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if sys.argv[1:3] == ["issue", "list"]:
    print(os.environ["GH_ISSUES"])
"""
TITLE = "Link rot: references or links that no longer resolve"


def _run(
    tmp_path: Path, broken: int, issues: list[dict[str, object]], report_text: str = "# Link rot report\n"
) -> list[list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "gh"
    fake.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    report = tmp_path / "report.md"
    report.write_text(report_text, encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_LOG": str(log)}
    env["GH_ISSUES"] = json.dumps(issues)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "linkrot_issue.py"),
            "--report",
            str(report),
            "--broken",
            str(broken),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _verbs(calls: list[list[str]]) -> list[str]:
    return [" ".join(call[:2]) for call in calls]


def test_broken_links_open_a_labelled_issue_when_none_is_open(tmp_path: Path) -> None:
    calls = _run(tmp_path, 3, [{"number": 7, "title": "Something else"}])
    assert _verbs(calls) == ["issue list", "label create", "issue create"]
    create = calls[-1]
    assert create[create.index("--title") + 1] == TITLE
    assert create[create.index("--label") + 1] == "link-rot"


def test_broken_links_update_the_open_issue(tmp_path: Path) -> None:
    calls = _run(tmp_path, 1, [{"number": 12, "title": TITLE}])
    assert _verbs(calls) == ["issue list", "issue edit"]
    assert calls[-1][2] == "12"


@pytest.mark.parametrize(
    ("issues", "verbs"),
    [([{"number": 12, "title": TITLE}], ["issue list", "issue close"]), ([], ["issue list"])],
)
def test_nothing_broken_closes_the_open_issue_or_does_nothing(
    tmp_path: Path, issues: list[dict[str, object]], verbs: list[str]
) -> None:
    assert _verbs(_run(tmp_path, 0, issues)) == verbs


def test_the_issue_body_is_the_report_cut_to_what_github_accepts(tmp_path: Path) -> None:
    rows = "".join(f"| <https://example.org/{n}> | HTTP 404 | docs/page.md:{n} |\n" for n in range(2000))
    calls = _run(tmp_path, 2000, [], "# Link rot report\n\n" + rows)
    create = calls[-1]
    body = Path(create[create.index("--body-file") + 1]).read_text(encoding="utf-8")
    assert body.startswith("# Link rot report") and len(body) < 65_536
    assert body.endswith("see the workflow run's summary for all of it.)\n")
