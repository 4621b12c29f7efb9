"""Review dates: which dates are wrong, and when a page is due for review.

One place for the date rules, shared by the build (iastm_guide/content/front_matter.py) and the
weekly listing (scripts/review_due.py), so the two never disagree. No MkDocs here.

Two kinds of finding, kept apart on purpose:
- `problems`: dates an editor wrote wrongly (last_reviewed in the future,
  next_review not after last_reviewed, or further away than the review cycle).
  These fail the build: they are typing mistakes, fixed in the same pull request.
- `due`: a page whose review is coming (within `warn_days`) or overdue (past its
  next_review, or last reviewed longer ago than the cycle). This never fails the
  build: every page may share one review date, and a deploy must not stop on
  that day. Readers see a notice on an overdue page instead.
A malformed or impossible date is caught where the front matter's types are
checked (`as_date` returns None for it); these functions skip such dates.

Today's date comes from the IASTM_TODAY environment variable (YYYY-MM-DD) when it
is set, so tests can move the clock. The standard library's `datetime` does all the
date arithmetic; what is left is a few comparisons, too small and too specific to
this site's rules for a library.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

TODAY_VARIABLE = "IASTM_TODAY"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Cycle:
    """`review_cycle` in content-rules.yml."""

    warn_days: int  # a review this close (days) is reported as due soon
    max_age_days: int  # at most this many days between reviews


@dataclass(frozen=True)
class Due:
    """A page whose review is due soon or overdue."""

    on: dt.date  # the day the review is (or was) due
    days: int  # days from today to `on`: 0 today, negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days < 0


def today(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today, or IASTM_TODAY when set; ValueError (with what to do) when that is no date."""
    value = environ.get(TODAY_VARIABLE)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise ValueError(
            f"{TODAY_VARIABLE}={value!r} is not a date; write it as YYYY-MM-DD or unset it"
        ) from err


def as_date(value: object) -> dt.date | None:
    """A YAML date, or a YYYY-MM-DD string; None for anything else (datetimes included)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:  # 2026-02-30
            return None
    return None


def long_date(day: dt.date) -> str:
    """24 November 2027: the way a reader writes a date, whatever the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def problems(
    last: dt.date | None, next_review: dt.date | None, cycle: Cycle, now: dt.date
) -> Iterator[tuple[str, str]]:
    """(front matter key, message) for each date written wrongly; each one fails the build."""
    if last and last > now:
        yield (
            "last_reviewed",
            f"last_reviewed {last} is in the future (today is {now}); use the day of the review",
        )
    if last and next_review and next_review <= last:
        yield (
            "next_review",
            f"next_review {next_review} is not after last_reviewed {last}; "
            "set the date the next review is due",
        )
    elif last and next_review and (next_review - last).days > cycle.max_age_days:
        yield (
            "next_review",
            f"next_review {next_review} is {(next_review - last).days} days after last_reviewed; the review "
            f"cycle is at most {cycle.max_age_days} days, so set it on or before "
            f"{last + dt.timedelta(days=cycle.max_age_days)}",
        )


def due(last: dt.date | None, next_review: dt.date | None, cycle: Cycle, now: dt.date) -> Due | None:
    """When the page's review is overdue or due within `warn_days`; None otherwise.

    The review falls due on next_review, or when last_reviewed is `max_age_days`
    old, whichever comes first (with dates that pass `problems`, that is next_review)."""
    candidates = [day for day in (next_review,) if day]
    if last:
        candidates.append(last + dt.timedelta(days=cycle.max_age_days))
    if not candidates:
        return None
    on = min(candidates)
    days = (on - now).days
    return Due(on, days) if days <= cycle.warn_days else None


def describe(item: Due) -> str:
    """A page's review date in a few words: "due for review in 40 days (2027-11-24)"."""
    if item.overdue:
        days = -item.days
        return f"overdue: due for review on {item.on} ({days} day{'s' if days != 1 else ''} ago)"
    if item.days == 0:
        return f"due for review today ({item.on})"
    return f"due for review in {item.days} day{'s' if item.days != 1 else ''} ({item.on})"
