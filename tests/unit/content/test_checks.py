"""iastm_guide/content/checks.py: every content rule on one page, in one order."""

from __future__ import annotations

import datetime as dt

from iastm_guide.content import checks
from iastm_guide.content import rules as content_rules
from iastm_guide.content.page import Source

TODAY = dt.date(2026, 11, 24)
GOOD = """---
title: Scraping at home
description: Why scraping is done by a trained therapist.
page_type: topic
last_reviewed: 2026-11-24
next_review: 2027-11-24
review_status: awaiting clinical review
---

# Scraping at home

You can feel a bit sore after a session. It goes away in a day or two.
"""


def test_a_good_page_has_no_problems_and_its_figures(rules: content_rules.Rules) -> None:
    report = checks.check_page(Source.read("docs/t.md", GOOD), rules, TODAY)
    assert report.problems == []
    assert report.readability.figures is not None and report.due is None
    assert str(report.readability.note).startswith("docs/t.md: readability: Flesch-Kincaid grade")


def test_each_checker_reports_in_order_at_the_file_and_line(rules: content_rules.Rules) -> None:
    bad = GOOD.replace("page_type: topic", "page_type: topic\ncolour: teal") + (
        "\nIt cures back pain.\n\n![](a.svg)\n"
    )
    report = checks.check_page(Source.read("docs/t.md", bad), rules, TODAY)
    found = [str(p) for p in report.problems]
    assert found[0].startswith("docs/t.md:5: unknown front matter key 'colour'")
    assert found[1].startswith("docs/t.md:15: 'cures' is a claim this site does not make")
    assert found[2].startswith("docs/t.md:17: image a.svg has empty alt text")
    assert len(found) == 3


def test_a_page_due_for_review_is_reported_not_failed(rules: content_rules.Rules) -> None:
    due = GOOD.replace("2027-11-24", "2026-12-01")
    report = checks.check_page(Source.read("docs/t.md", due), rules, TODAY)
    assert report.problems == [] and report.due is not None and report.due.days == 7
