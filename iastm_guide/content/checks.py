"""Every content rule on one page, in one order: what the build and `make check` run.

`check_page(page, rules, today)` runs the checkers on the page as its editor wrote
it, in this order: front matter (and review dates), sections, readability, claims,
images. Each checker is one module of this folder and takes the page's `Source` and
the rules from content-rules.yml; a new rule is one function there, one entry in
content-rules.yml and one failing and one passing test. No MkDocs here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iastm_guide.content import claims, front_matter, images, readability, sections
from iastm_guide.content.page import Source
from iastm_guide.content.review_dates import Due
from iastm_guide.content.rules import Rules
from iastm_guide.problems import Problem


@dataclass(frozen=True)
class Report:
    problems: list[Problem]  # each fails a strict build
    readability: readability.Measured  # the figures (a note, never a failure by itself)
    due: Due | None  # the page's review, when it is overdue or due soon


def check_page(page: Source, rules: Rules, today: dt.date) -> Report:
    """Every content rule on one page."""
    found = list(front_matter.check_page(page, rules, today))
    found += sections.check_page(page, rules)
    measured = readability.check_page(page, rules)
    if measured.problem is not None:
        found.append(measured.problem)
    found += claims.check_page(page, rules)
    found += images.check_page(page)
    due = front_matter.review_due(page.meta, rules, today) if page.meta_problem is None else None
    return Report(found, measured, due)
