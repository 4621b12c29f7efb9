"""iastm_guide/content/review_dates.py: the review date rules, with the clock moved by
IASTM_TODAY as the build and scripts/review_due.py move it."""

from __future__ import annotations

import datetime as dt

import pytest

from iastm_guide.content import review_dates
from iastm_guide.content.review_dates import Cycle, Due

CYCLE = Cycle(warn_days=60, max_age_days=400)
LAST, NEXT = dt.date(2026, 11, 24), dt.date(2027, 11, 24)


def _now(monkeypatch: pytest.MonkeyPatch, day: str) -> dt.date:
    monkeypatch.setenv("IASTM_TODAY", day)
    return review_dates.today()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2027-06-01", None),  # months away
        ("2027-09-24", None),  # 61 days before
        ("2027-09-25", Due(NEXT, 60)),  # 60 days before: inside the warning window
        ("2027-11-24", Due(NEXT, 0)),  # due today: due, not overdue
        ("2027-11-25", Due(NEXT, -1)),  # the day after: overdue
        ("2029-01-01", Due(NEXT, -404)),  # long overdue: still only a finding
    ],
)
def test_due_follows_the_clock(monkeypatch: pytest.MonkeyPatch, today: str, expected: Due | None) -> None:
    now = _now(monkeypatch, today)
    assert review_dates.due(LAST, NEXT, CYCLE, now) == expected
    assert list(review_dates.problems(LAST, NEXT, CYCLE, now)) == []  # never a build failure


def test_overdue_only_after_the_due_day() -> None:
    assert not Due(NEXT, 0).overdue and Due(NEXT, -1).overdue


def test_a_review_is_due_when_last_reviewed_is_a_cycle_old_whatever_next_review_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = _now(monkeypatch, "2028-01-01")
    # next_review missing or unreadable (its own problem, reported elsewhere): the cycle still counts.
    assert review_dates.due(LAST, None, CYCLE, now) == Due(dt.date(2027, 12, 29), -3)
    assert review_dates.due(None, None, CYCLE, now) is None


@pytest.mark.parametrize(
    ("last", "next_review", "key", "words"),
    [
        (
            dt.date(2026, 12, 1),
            dt.date(2027, 6, 1),
            "last_reviewed",
            "is in the future (today is 2026-11-30)",
        ),
        (LAST, LAST, "next_review", "next_review 2026-11-24 is not after last_reviewed 2026-11-24"),
        (LAST, dt.date(2026, 1, 1), "next_review", "is not after last_reviewed"),
        (LAST, dt.date(2027, 12, 30), "next_review", "401 days after last_reviewed; the review cycle is"),
    ],
)
def test_dates_written_wrongly_are_problems(
    monkeypatch: pytest.MonkeyPatch, last: dt.date, next_review: dt.date, key: str, words: str
) -> None:
    now = _now(monkeypatch, "2026-11-30")
    found = list(review_dates.problems(last, next_review, CYCLE, now))
    assert [k for k, _ in found] == [key]
    assert words in found[0][1]


def test_the_longest_cycle_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    now = _now(monkeypatch, "2026-11-30")
    assert list(review_dates.problems(LAST, LAST + dt.timedelta(days=400), CYCLE, now)) == []


def test_only_real_iso_dates_are_dates() -> None:
    assert review_dates.as_date(dt.date(2026, 2, 28)) == dt.date(2026, 2, 28)
    assert review_dates.as_date(" 2026-02-28 ") == dt.date(2026, 2, 28)
    for value in ("2026-02-30", "24/11/2026", "2026-1-5", dt.datetime(2026, 1, 5, 9), 20261124, None):
        assert review_dates.as_date(value) is None, value


def test_today_is_the_clock_or_iastm_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IASTM_TODAY", raising=False)
    assert review_dates.today() == dt.date.today()
    assert review_dates.today({"IASTM_TODAY": "2030-01-02"}) == dt.date(2030, 1, 2)
    with pytest.raises(ValueError, match="IASTM_TODAY='2030-02-30' is not a date; write it as YYYY-MM-DD"):
        review_dates.today({"IASTM_TODAY": "2030-02-30"})


def test_dates_in_words() -> None:
    assert review_dates.long_date(dt.date(2027, 11, 4)) == "4 November 2027"
    assert review_dates.describe(Due(NEXT, -1)) == "overdue: due for review on 2027-11-24 (1 day ago)"
    assert review_dates.describe(Due(NEXT, 0)) == "due for review today (2027-11-24)"
    assert review_dates.describe(Due(NEXT, 40)) == "due for review in 40 days (2027-11-24)"
