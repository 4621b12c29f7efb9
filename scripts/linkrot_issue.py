"""Open, update or close the one "link rot" issue from a linkrot.py report.

    python3 scripts/linkrot_issue.py --report linkrot-report.md --broken 3

Uses the GitHub CLI (`gh`, with GH_TOKEN and GH_REPO set by the workflow). The issue is
found by its fixed title among open issues, so there is only ever one
(scripts/github_issue.py, shared with the review dates watch):
- something broken, no open issue: create it (label "link-rot") with the report;
- something broken, issue open: replace its body with the new report;
- nothing broken, issue open: close it with a comment; otherwise do nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from github_issue import Watch, keep_one_issue  # scripts/github_issue.py, beside this file

LINK_ROT = Watch(
    name="link rot",
    title="Link rot: references or links that no longer resolve",
    label="link-rot",
    label_color="B60205",
    label_description="Links that no longer resolve",
    found="broken",
    closing_comment="The weekly check found nothing broken any more.",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Open, update or close the link rot issue.")
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--broken", type=int, required=True)
    args = parser.parse_args(argv)
    print(keep_one_issue(LINK_ROT, args.report, args.broken))
    return 0


if __name__ == "__main__":
    sys.exit(main())
