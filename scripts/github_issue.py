"""Keep one GitHub issue for a weekly watch (link rot, review dates) with the GitHub CLI.

`gh` reads GH_TOKEN and GH_REPO, which the workflow sets. The issue is found by its
fixed title among open issues, so there is only ever one:
- something to report, no open issue: create it (with its label) from the report;
- something to report, issue open: replace its body with the new report;
- nothing to report, issue open: close it with a comment; otherwise do nothing.
Standard library only: the workflows run it with the runner's own python3, so it
lives beside the two scripts that import it (scripts/linkrot_issue.py and
scripts/review_due_issue.py), not in the iastm_guide package. No library serves: this
is three `gh` calls, and the GitHub CLI is the maintained client.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

MAX_BODY = 60_000  # GitHub refuses issue bodies over 65,536 characters


@dataclass(frozen=True)
class Watch:
    name: str  # "link rot": how messages name the issue
    title: str  # the issue's fixed title, by which it is found again
    label: str
    label_color: str  # six hex digits
    label_description: str
    found: str  # what a count counts: "broken", "due"
    closing_comment: str


def gh(*args: str) -> str:
    result = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"gh {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def open_issue(title: str) -> int | None:
    issues = json.loads(gh("issue", "list", "--state", "open", "--limit", "500", "--json", "number,title"))
    numbers = sorted(issue["number"] for issue in issues if issue["title"] == title)
    return numbers[0] if numbers else None


def issue_body(report: Path) -> Path:
    """The report, cut to what GitHub accepts, in a file next to it."""
    text = report.read_text(encoding="utf-8")
    if len(text) > MAX_BODY:
        cut = text[:MAX_BODY].rsplit("\n", 1)[0]
        text = cut + "\n\n(The report is longer: see the workflow run's summary for all of it.)\n"
    body = report.with_suffix(".issue.md")
    body.write_text(text, encoding="utf-8")
    return body


def keep_one_issue(watch: Watch, report: Path, count: int) -> str:
    """Open, update or close the watch's issue; returns what was done, in a line."""
    body = issue_body(report)
    number = open_issue(watch.title)
    if count > 0:
        if number is None:
            gh(
                "label",
                "create",
                watch.label,
                "--color",
                watch.label_color,
                "--force",
                "--description",
                watch.label_description,
            )
            gh("issue", "create", "--title", watch.title, "--label", watch.label, "--body-file", str(body))
            return f"opened the {watch.name} issue ({count} {watch.found})"
        gh("issue", "edit", str(number), "--body-file", str(body))
        return f"updated issue #{number} ({count} {watch.found})"
    if number is not None:
        gh("issue", "close", str(number), "--comment", watch.closing_comment)
        return f"closed issue #{number}: nothing {watch.found} any more"
    return f"nothing {watch.found} and no open {watch.name} issue"
