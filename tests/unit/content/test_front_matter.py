"""Front matter schema and review dates: every rule seen to pass and to fail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from iastm_guide.content import front_matter as frontmatter
from iastm_guide.content import review_dates
from iastm_guide.content import rules as content_rules
from iastm_guide.content.markdown import key_lines

TODAY = dt.date(2026, 11, 24)
GOOD = """---
title: Neck pain
description: What research says about scraping for neck pain.
page_type: condition
last_reviewed: 2026-11-24
next_review: 2027-11-24
review_status: awaiting clinical review
---

# Neck pain
"""


def _problems(rules: content_rules.Rules, source: str = GOOD, **change: Any) -> list[tuple[int, str]]:
    meta, problem = frontmatter.read_front_matter(source)
    assert problem is None and meta is not None
    for key, value in change.items():
        if value is None:
            meta.pop(key)
        else:
            meta[key] = value
    return list(frontmatter.check(meta, key_lines(source), rules, TODAY))


def test_a_good_page_passes(rules: content_rules.Rules) -> None:
    assert _problems(rules) == []
    assert _problems(rules, next_review="2027-06-01", last_reviewed="2026-11-01") == []  # strings too


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        ({"next_review": None}, 1, "front matter has no 'next_review'"),
        ({"review_status": None}, 1, "front matter has no 'review_status'"),
        ({"page_type": "conditon"}, 4, "did you mean 'condition'?"),
        ({"review_status": "reviewed"}, 7, "review_status 'reviewed' is not allowed"),
        ({"review_status": "clinically reviewed"}, 1, "front matter has no 'reviewed_by'"),
        ({"description": "x" * 161}, 3, "description is 161 characters; shorten it to at most 160"),
        ({"description": ""}, 3, "'description' must be non-empty text"),
        ({"title": ["a"]}, 2, "'title' must be non-empty text"),
        ({"last_reviewed": "24/11/2026"}, 5, "'last_reviewed' must be a real date written YYYY-MM-DD"),
        ({"last_reviewed": "2026-02-30"}, 5, "must be a real date"),
        ({"last_reviewed": dt.datetime(2026, 11, 24, 10, 0)}, 5, "must be a real date"),
        ({"next_review": dt.date(2026, 11, 1), "last_reviewed": dt.date(2026, 11, 2)}, 6, "is not after"),
        ({"next_review": dt.date(2026, 11, 24)}, 6, "is not after last_reviewed 2026-11-24"),
        ({"next_review": dt.date(2028, 6, 1)}, 6, "the review cycle is at most 400 days"),
        ({"next_review": "2027-02-29"}, 6, "'next_review' must be a real date"),
        ({"last_reviewed": dt.date(2026, 12, 1)}, 5, "is in the future"),
        ({"reviwed_by": "Dr A"}, 1, "unknown front matter key 'reviwed_by'; did you mean 'reviewed_by'?"),
        ({"claims_allow": "cure"}, 1, "'claims_allow' must be a list of text"),
    ],
)
def test_each_rule_fails_with_the_line_and_what_to_do(
    rules: content_rules.Rules, change: dict[str, Any], line: int, words: str
) -> None:
    found = _problems(rules, **change)
    assert any(words in message for _, message in found), found
    assert line in [n for n, message in found if words in message]


def test_a_reviewed_page_names_its_reviewer(rules: content_rules.Rules) -> None:
    assert (
        _problems(rules, review_status="clinically reviewed", reviewed_by="Dr A Smith, physiotherapist") == []
    )


def test_unreadable_or_missing_front_matter(rules: content_rules.Rules) -> None:
    meta, problem = frontmatter.read_front_matter("# No front matter\n")
    assert meta is None and problem is not None and "has no front matter" in problem[1]
    meta, problem = frontmatter.read_front_matter("---\ntitle: A\ndescription: Pain: what helps\n---\n")
    assert meta is None and problem is not None
    assert problem[0] == 3 and "not valid YAML" in problem[1]


def test_an_impossible_date_is_a_problem_at_its_line_not_a_crash(rules: content_rules.Rules) -> None:
    source = GOOD.replace("next_review: 2027-11-24", "next_review: 2027-02-30")
    meta, problem = frontmatter.read_front_matter(source)
    assert problem is None and meta is not None
    assert list(frontmatter.check(meta, key_lines(source), rules, TODAY)) == [
        (6, "'next_review' must be a real date written YYYY-MM-DD (for example 2026-11-24), not '2027-02-30'")
    ]


def test_a_page_past_its_review_date_is_no_problem_but_is_due(rules: content_rules.Rules) -> None:
    """Overdue (past next_review, or last reviewed longer ago than the cycle) never fails
    the build: it is reported and shown to readers instead."""
    past: dict[str, Any] = {"last_reviewed": dt.date(2026, 1, 1), "next_review": dt.date(2026, 11, 23)}
    assert _problems(rules, **past) == []
    due = frontmatter.review_due(past, rules, TODAY)
    assert due is not None and due.overdue and due.on == dt.date(2026, 11, 23)
    soon = {"last_reviewed": dt.date(2026, 1, 10), "next_review": dt.date(2027, 1, 10)}
    assert frontmatter.review_due(soon, rules, TODAY) == review_dates.Due(dt.date(2027, 1, 10), 47)
    later = {"last_reviewed": dt.date(2026, 11, 1), "next_review": dt.date(2027, 6, 1)}
    assert frontmatter.review_due(later, rules, TODAY) is None


def test_the_build_summary_lists_overdue_pages_first(rules: content_rules.Rules) -> None:
    text = frontmatter.summary(
        [
            ("docs/b.md", 6, review_dates.Due(dt.date(2027, 1, 10), 47)),
            ("docs/a.md", 6, review_dates.Due(dt.date(2026, 11, 20), -4)),
        ],
        60,
    )
    lines = text.splitlines()
    assert lines[0].startswith("review dates: 1 page(s) overdue, 1 due within 60 days (not a failure")
    assert lines[1] == "  docs/a.md:6: overdue: due for review on 2026-11-20 (4 days ago)"
    assert lines[2] == "  docs/b.md:6: due for review in 47 days (2027-01-10)"
    assert "set last_reviewed to that day" in lines[3]


def test_today_can_be_set_for_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IASTM_TODAY", "2030-01-02")
    assert frontmatter.today() == dt.date(2030, 1, 2)
    monkeypatch.setenv("IASTM_TODAY", "soon")
    with pytest.raises(Exception, match="IASTM_TODAY"):
        frontmatter.today()
    monkeypatch.delenv("IASTM_TODAY")
    assert frontmatter.today() == dt.date.today()
