"""Open, update or close the one "review dates" issue from a review_due.py report.

    python3 scripts/review_due_issue.py --report review-due-report.md --due 3

Uses the GitHub CLI (`gh`, with GH_TOKEN and GH_REPO set by the workflow). The issue is
found by its fixed title among open issues, so there is only ever one
(scripts/github_issue.py, shared with the link rot watch):
- pages due or overdue, no open issue: create it (label "review-due") with the list;
- pages due or overdue, issue open: replace its body with the new list;
- nothing due, issue open: close it with a comment; otherwise do nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from github_issue import Watch, keep_one_issue  # scripts/github_issue.py, beside this file

REVIEW_DUE = Watch(
    name="review dates",
    title="Review dates: pages due for review",
    label="review-due",
    label_color="FBCA04",
    label_description="Pages due for a whole-page review",
    found="due",
    closing_comment="The weekly check found no page due for review within the warning window any more.",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Open, update or close the review dates issue.")
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--due", type=int, required=True)
    args = parser.parse_args(argv)
    print(keep_one_issue(REVIEW_DUE, args.report, args.due))
    return 0


if __name__ == "__main__":
    sys.exit(main())
