"""Check a page's front matter against the schema in `content-rules.yml`.

The rules (each problem names the file, the key's line and what to do):
- the front matter is there and is YAML lines of `key: value`; no key written twice
  (YAML would silently keep one value);
- required keys (common ones and per page type), their types, allowed values of
  page_type and review_status, the keys a review status needs, no unknown keys;
- description at most N characters; dates written YYYY-MM-DD, and real dates;
- dates written wrongly: last_reviewed in the future, next_review not after
  last_reviewed or further than the review cycle after it.
Review dates coming due are not problems (`review_due`; the rules are in
review_dates.py, shared with scripts/review_due.py): a page past its next_review
builds and shows readers a notice, and one summary lists the pages due.
Today's date comes from IASTM_TODAY (YYYY-MM-DD) when set, so tests can move the
clock. Hand-written: these are the site's own rules; PyYAML does the reading. No
MkDocs here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import yaml

from iastm_guide.content import review_dates
from iastm_guide.content.markdown import FRONT_MATTER
from iastm_guide.content.review_dates import as_date
from iastm_guide.content.rules import Rules
from iastm_guide.problems import Problem

if TYPE_CHECKING:
    from iastm_guide.content.page import Source

TEMPLATE_HINT = "see templates/ or run make new-page"

LineProblem = tuple[int, str]  # (line in the file, message after "file:line: ")

# libyaml's safe loader where PyYAML has it (it reads the same YAML the same way, faster).
_SAFE_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterLoader(_SAFE_BASE):  # type: ignore[misc,valid-type]
    """The safe loader, with dates kept as the text written: PyYAML's own date
    constructor stops with a traceback on an impossible date (2026-02-30), where
    `as_date` turns it into a problem at the key's line."""


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def today() -> dt.date:
    """Today, or IASTM_TODAY; ValueError (saying what to do) when that is no date."""
    return review_dates.today()


def read_front_matter(source: str) -> tuple[dict[str, Any] | None, LineProblem | None]:
    """The parsed front matter, or the problem that stops it being read."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None, (1, f"the page has no front matter; start it with a --- block of keys ({TEMPLATE_HINT})")
    try:
        data = yaml.load(match.group("yaml"), Loader=FrontMatterLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or "cannot be read"
        return None, (
            line,
            f"front matter is not valid YAML ({problem}); check the colon after each key and quote "
            'values that contain a colon or start with a quote, e.g. title: "Neck pain: what helps"',
        )
    if not isinstance(data, dict):
        return None, (2, f"front matter must be lines of key: value ({TEMPLATE_HINT})")
    return data, None


class _UniqueKeyLoader(_SAFE_BASE):  # type: ignore[misc,valid-type]
    """A safe YAML loader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"the key '{key}' is written twice (lines {seen[key]} and {key_node.start_mark.line + 2}); "
                "keep one: YAML would silently drop the other value",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 2  # file line: the opening --- is line 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def as_written_problem(source: str) -> tuple[int, str, bool] | None:
    """(line, message, fatal) when the front matter cannot be read as written.

    Fatal: a date that is no real day (2026-02-30), on which MkDocs' own reader drops
    the whole front matter silently, or crashes; the build stops on it before reading
    any page. Not fatal: a key written twice, which loses one of its values."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None
    try:
        yaml.load(match.group("yaml"), Loader=_UniqueKeyLoader)
    except yaml.constructor.ConstructorError as err:
        line = err.problem_mark.line + 2 if err.problem_mark else 1
        return line, f"front matter: {err.problem}", False
    except yaml.YAMLError:
        return None  # read_front_matter explains YAML syntax errors with the file and line
    except ValueError as err:  # a date such as 2026-02-30: day is out of range for month
        lines = match.group("yaml").split("\n")
        bad = next((n + 2 for n, line in enumerate(lines) if _impossible_date(line)), 1)
        return (
            bad,
            (
                f"front matter has a date that is not a real day ({err}); write a real date as "
                "YYYY-MM-DD, for example 2026-02-28"
            ),
            True,
        )
    return None


def _impossible_date(line: str) -> bool:
    found = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", line)
    if not found:
        return False
    try:
        dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return True
    return False


def _type_problem(key: str, kind: str, value: object) -> str | None:
    if kind == "text" and not (isinstance(value, str) and value.strip()):
        return f"'{key}' must be non-empty text"
    if kind == "date" and as_date(value) is None:
        return f"'{key}' must be a real date written YYYY-MM-DD (for example 2026-11-24), not {value!r}"
    if kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return f"'{key}' must be a list of text, e.g. {key}: [a, b]"
    if kind == "person" and not (
        (isinstance(value, str) and value.strip())
        or (isinstance(value, dict) and isinstance(value.get("name"), str) and value["name"].strip())
    ):
        return f"'{key}' must name a real person: '{key}: Jane Doe, physiotherapist' or a mapping with a name"
    if kind == "mapping" and not isinstance(value, dict):
        return f"'{key}' must be a mapping of key: value"
    return None


def _choice(what: str, value: object, allowed: list[str]) -> str:
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"{what} {value!r} is not allowed{hint} Use one of: {', '.join(allowed)}"


def check(meta: dict[str, Any], lines: dict[str, int], rules: Rules, now: dt.date) -> Iterator[LineProblem]:
    """Every schema and date problem of one page's front matter."""

    def at(key: str) -> int:
        return lines.get(key, 1)

    for key in meta:
        if key not in rules.key_types:
            close = difflib.get_close_matches(key, list(rules.key_types), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "remove it, or add it to front_matter.keys"
            yield at(key), f"unknown front matter key '{key}'; {hint} (content-rules.yml lists the keys)"
    page_type = rules.page_types.get(str(meta.get("page_type")))
    status = meta.get("review_status")
    required = list(rules.required_keys)
    required += page_type.required_keys if page_type else ()
    required += rules.review_statuses.get(str(status), ()) if isinstance(status, str) else ()
    for key in dict.fromkeys(required):
        if key not in meta or meta[key] is None:
            kind = rules.key_types[key]
            example = "YYYY-MM-DD" if kind == "date" else "..."
            yield 1, f"front matter has no '{key}'; add a line '{key}: {example}' ({TEMPLATE_HINT})"
    for key, value in meta.items():
        key_type = rules.key_types.get(key)
        problem = _type_problem(key, key_type, value) if key_type and value is not None else None
        if problem:
            yield at(key), problem
    if "page_type" in meta and page_type is None:
        yield at("page_type"), _choice("page_type", meta["page_type"], list(rules.page_types))
    if status is not None and status not in rules.review_statuses:
        yield (
            at("review_status"),
            _choice("review_status", status, list(rules.review_statuses))
            + " (a page says openly that it awaits clinical review until a named clinician has reviewed it)",
        )
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > rules.description_max_chars:
        yield (
            at("description"),
            f"description is {len(description.strip())} characters; shorten it to at most "
            f"{rules.description_max_chars} (search results and link previews cut it off)",
        )
    yield from _dates(meta, at, rules, now)


def _dates(
    meta: dict[str, Any], at: Callable[[str], int], rules: Rules, now: dt.date
) -> Iterator[LineProblem]:
    last, due = as_date(meta.get("last_reviewed")), as_date(meta.get("next_review"))
    for key, message in review_dates.problems(last, due, rules.review_cycle, now):
        yield at(key), message


def review_due(meta: dict[str, Any], rules: Rules, now: dt.date) -> review_dates.Due | None:
    """The page's review when it is overdue or due within the warning window."""
    last, due = as_date(meta.get("last_reviewed")), as_date(meta.get("next_review"))
    return review_dates.due(last, due, rules.review_cycle, now)


def due_line(meta: dict[str, Any], lines: dict[str, int], due: review_dates.Due) -> int:
    """The line to point at for a page's review: next_review's, or last_reviewed's."""
    key = "next_review" if due.on == as_date(meta.get("next_review")) else "last_reviewed"
    return lines.get(key, 1)


def check_page(page: Source, rules: Rules, now: dt.date) -> Iterator[Problem]:
    """Every front matter problem of a page, each at its file and line."""
    written = as_written_problem(page.text)
    if written is not None:  # the build stops on a fatal one before it reads any page
        yield Problem(page.name, written[0], written[1])
    if page.meta_problem is not None:
        yield Problem(page.name, *page.meta_problem)
        return
    for line, message in check(page.meta, page.key_lines, rules, now):
        yield Problem(page.name, line, message)


def summary(found: list[tuple[str, int, review_dates.Due]], warn_days: int) -> str:
    """One message listing every page due for review: overdue first, then by date."""
    overdue = sum(1 for _, _, due in found if due.overdue)
    lines = [
        f"review dates: {overdue} page(s) overdue, {len(found) - overdue} due within {warn_days} days "
        "(not a failure; overdue pages show readers a notice):"
    ]
    for src, line, due in sorted(found, key=lambda item: (item[2].on, item[0])):
        lines.append(f"  {src}:{line}: {review_dates.describe(due)}")
    lines.append(
        "  Have each page reviewed as a whole, then set last_reviewed to that day and next_review "
        "to the next due date (CONTRIBUTING.md, Review)."
    )
    return "\n".join(lines)
