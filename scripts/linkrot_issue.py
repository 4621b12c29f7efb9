"""Open, update or close the one "link rot" issue from a linkrot.py report.

    python3 scripts/linkrot_issue.py --report linkrot-report.md --broken 3

Uses the GitHub CLI (`gh`, with GH_TOKEN and GH_REPO set by the workflow). The issue is
found by its fixed title among open issues, so there is only ever one:
- something broken, no open issue: create it (label "link-rot") with the report;
- something broken, issue open: replace its body with the new report;
- nothing broken, issue open: close it with a comment; otherwise do nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

TITLE = "Link rot: references or links that no longer resolve"
LABEL = "link-rot"
MAX_BODY = 60_000  # GitHub refuses issue bodies over 65,536 characters


def gh(*args: str) -> str:
    result = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"gh {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def open_issue() -> int | None:
    issues = json.loads(gh("issue", "list", "--state", "open", "--limit", "500", "--json", "number,title"))
    numbers = sorted(issue["number"] for issue in issues if issue["title"] == TITLE)
    return numbers[0] if numbers else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Open, update or close the link rot issue.")
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--broken", type=int, required=True)
    args = parser.parse_args(argv)
    text = args.report.read_text(encoding="utf-8")
    if len(text) > MAX_BODY:
        cut = text[:MAX_BODY].rsplit("\n", 1)[0]
        text = cut + "\n\n(The report is longer: see the workflow run's summary for all of it.)\n"
    body = args.report.with_suffix(".issue.md")
    body.write_text(text, encoding="utf-8")
    number = open_issue()
    if args.broken > 0:
        if number is None:
            gh(
                "label",
                "create",
                LABEL,
                "--color",
                "B60205",
                "--force",
                "--description",
                "Links that no longer resolve",
            )
            gh("issue", "create", "--title", TITLE, "--label", LABEL, "--body-file", str(body))
            print(f"opened the link rot issue ({args.broken} broken)")
        else:
            gh("issue", "edit", str(number), "--body-file", str(body))
            print(f"updated issue #{number} ({args.broken} broken)")
    elif number is not None:
        gh("issue", "close", str(number), "--comment", "The weekly check found nothing broken any more.")
        print(f"closed issue #{number}: nothing is broken")
    else:
        print("nothing broken and no open link rot issue")
    return 0


if __name__ == "__main__":
    sys.exit(main())
