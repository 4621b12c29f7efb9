"""Review dates watch: which pages are overdue for review, or due within the warning window?

Reads the front matter of every page under docs/ without building the site (about a
second), with the build's own date rules (iastm_guide/content/review_dates.py), front
matter reader (iastm_guide/content/front_matter.py) and review cycle (`review_cycle` in
content-rules.yml), and writes a Markdown report listing, soonest first, every page
overdue or due within `warn_days`, and every page whose dates cannot be read.

    .venv/bin/python scripts/review_due.py --report review-due-report.md   (make review-due)

Run weekly by .github/workflows/review-due.yml, which files the report as an issue
(scripts/review_due_issue.py). Exit status 0 when the listing ran, whatever it found;
1 with one line when content-rules.yml cannot be read. With GITHUB_OUTPUT set, it also
writes `due=<count>` there (pages listed). IASTM_TODAY=YYYY-MM-DD moves the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from iastm_guide.content import review_dates
from iastm_guide.content import rules as content_rules  # the rules file, read and checked as the build does
from iastm_guide.content.front_matter import read_front_matter
from iastm_guide.content.markdown import key_lines

ROOT = Path(__file__).resolve().parent.parent

# Folders under docs/ that hold no pages (mkdocs.yml: exclude_docs).
NOT_PAGES = ("includes",)


@dataclass
class Listing:
    due: list[tuple[str, review_dates.Due]] = field(default_factory=list)  # (docs/page.md:6, due)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (docs/page.md:6, problem)

    def __len__(self) -> int:
        return len(self.due) + len(self.unreadable)


def pages(docs: Path) -> Iterator[Path]:
    for path in sorted(docs.rglob("*.md")):
        if path.relative_to(docs).parts[0] not in NOT_PAGES:
            yield path


def listing(root: Path, rules: content_rules.Rules, now: dt.date) -> Listing:
    """Every page overdue or due within the warning window, soonest first, and every
    page whose dates cannot be read."""
    found = Listing()
    for path in pages(root / "docs"):
        name = path.relative_to(root).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            found.unreadable.append((f"{name}:1", f"cannot be read ({err}); save it as UTF-8"))
            continue
        meta, problem = read_front_matter(source)
        if problem or meta is None:
            line, message = problem or (1, "no front matter")
            found.unreadable.append((f"{name}:{line}", message))
            continue
        lines = key_lines(source)
        last = review_dates.as_date(meta.get("last_reviewed"))
        next_review = review_dates.as_date(meta.get("next_review"))
        for key, value in (("last_reviewed", last), ("next_review", next_review)):
            if value is None:
                where = f"{name}:{lines.get(key, 1)}"
                found.unreadable.append((where, f"'{key}' is missing or not a real YYYY-MM-DD date"))
        due = review_dates.due(last, next_review, rules.review_cycle, now)
        if due is not None:
            key = "next_review" if due.on == next_review else "last_reviewed"
            found.due.append((f"{name}:{lines.get(key, 1)}", due))
    found.due.sort(key=lambda item: (item[1].on, item[0]))
    return found


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def report(found: Listing, rules: content_rules.Rules, now: dt.date) -> str:
    """The listing as Markdown: the issue's body and the workflow run's summary."""
    cycle = rules.review_cycle
    overdue = sum(1 for _, due in found.due if due.overdue)
    counts = f"{overdue} overdue, {len(found.due) - overdue} due within {cycle.warn_days} days"
    if found.unreadable:
        counts += f", {len(found.unreadable)} with dates that cannot be read"
    lines = [
        "# Pages due for review",
        "",
        f"Checked on {now} from each page's front matter (no site was built). A page is listed when "
        f"its review is overdue or due within {cycle.warn_days} days; reviews are at most "
        f"{cycle.max_age_days} days apart.",
        "",
        f"**{counts}.**",
        "",
    ]
    if found.due:
        lines += ["| Page | Review due | When |", "|---|---|---|"]
        for where, due in found.due:
            if due.overdue:
                when = f"overdue by {_days(-due.days)}"
            else:
                when = "today" if due.days == 0 else f"in {_days(due.days)}"
            lines.append(f"| `{where}` | {due.on} | {when} |")
        lines += [
            "",
            "Overdue pages still build and are published, with a notice under the title telling readers "
            "when the page was due for review. To clear a page: have a clinical reviewer review it as a "
            "whole, then set `last_reviewed` to that day and `next_review` to the next due date "
            '(CONTRIBUTING.md, "Review").',
            "",
        ]
    if found.unreadable:
        lines += ["## Pages whose review dates cannot be read", ""]
        lines += [f"- `{where}`: {problem}" for where, problem in found.unreadable]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List the pages due for review (no site build).")
    parser.add_argument("--report", type=Path, required=True, help="where to write the Markdown report")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (mkdocs.yml's folder)")
    args = parser.parse_args(argv)
    try:
        rules = content_rules.load(args.root / content_rules.FILE_NAME)
        now = review_dates.today()
    except (content_rules.RulesError, ValueError) as err:
        print(f"review_due: {err}", file=sys.stderr)
        return 1
    found = listing(args.root, rules, now)
    args.report.write_text(report(found, rules, now), encoding="utf-8")
    print(f"{len(found)} page(s) listed in {args.report}")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with Path(output).open("a", encoding="utf-8") as out:
            out.write(f"due={len(found)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
