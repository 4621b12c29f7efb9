"""Check every page's front matter against the schema in `content-rules.yml`.

Concern: front matter (the YAML block at the top of each page).
- Required keys (common ones and per page type), their types, allowed values of
  page_type and review_status, the keys a review status needs, no unknown keys.
- description at most N characters; dates written YYYY-MM-DD, and real dates.
- Dates written wrongly fail the build: last_reviewed in the future, next_review not
  after last_reviewed or further than the review cycle after it.
- Review dates never fail the build (iastm_guide/content/review_dates.py has the
  rules, shared with scripts/review_due.py): a page past its next_review builds and
  shows readers a notice near its top (`review_notice` in the template context,
  overrides/partials/review-notice.html). At the end of the build one INFO summary
  lists every page overdue or due within `review_cycle.warn_days`.
Today's date comes from the IASTM_TODAY environment variable (YYYY-MM-DD) when set,
so tests can move the clock.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from typing import Any

import content_rules
import yaml
from markdown_source import FRONT_MATTER, key_lines, source_path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from iastm_guide.content import review_dates
from iastm_guide.content.review_dates import as_date

log = get_plugin_logger(__name__)
TEMPLATE_HINT = "see templates/ or run make new-page"

_rules: content_rules.Rules | None = None
# Pages whose review is due soon or overdue, this build: source URI -> (file, line, due).
_due: dict[str, tuple[str, int, review_dates.Due]] = {}

Problem = tuple[int, str]  # (line in the file, message after "file:line: ")


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
    try:
        return review_dates.today()
    except ValueError as err:
        raise PluginError(str(err)) from err


def read_front_matter(source: str) -> tuple[dict[str, Any] | None, Problem | None]:
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


def check(
    meta: dict[str, Any], lines: dict[str, int], rules: content_rules.Rules, now: dt.date
) -> Iterator[Problem]:
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
    meta: dict[str, Any], at: Callable[[str], int], rules: content_rules.Rules, now: dt.date
) -> Iterator[Problem]:
    last, due = as_date(meta.get("last_reviewed")), as_date(meta.get("next_review"))
    for key, message in review_dates.problems(last, due, rules.review_cycle, now):
        yield at(key), message


def review_due(meta: dict[str, Any], rules: content_rules.Rules, now: dt.date) -> review_dates.Due | None:
    """The page's review when it is overdue or due within the warning window."""
    last, due = as_date(meta.get("last_reviewed")), as_date(meta.get("next_review"))
    return review_dates.due(last, due, rules.review_cycle, now)


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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _rules
    _rules = content_rules.for_config(config)
    today()  # a malformed IASTM_TODAY stops the build here, once
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    _due.clear()  # `make serve` builds again and again in one process


@event_priority(150)  # before the other content hooks and citations.py
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _rules is not None, "on_config has not run"
    src = source_path(page, config)
    source = page.file.content_string
    # The file's own front matter, not page.meta: MkDocs drops invalid YAML silently,
    # and other hooks may add keys to page.meta (readability.py does).
    meta, problem = read_front_matter(source)
    if problem:
        log.warning(f"{src}:{problem[0]}: {problem[1]}")
        return markdown
    assert meta is not None
    now, lines = today(), key_lines(source)
    for line, message in check(meta, lines, _rules, now):
        log.warning(f"{src}:{line}: {message}")
    due = review_due(meta, _rules, now)
    if due is not None:
        key = "next_review" if due.on == as_date(meta.get("next_review")) else "last_reviewed"
        _due[page.file.src_uri] = (src, lines.get(key, 1), due)
    return markdown


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """`review_notice` for the template: the day an overdue page was due for review."""
    found = _due.get(page.file.src_uri)
    if found is not None and found[2].overdue:
        day = found[2].on
        context["review_notice"] = {"date": day.isoformat(), "text": review_dates.long_date(day)}
    return context


@event_priority(-100)  # after the other hooks' end-of-build work: the last thing said
def on_post_build(config: MkDocsConfig) -> None:
    if _due and _rules is not None:
        log.info(summary(list(_due.values()), _rules.warn_days))
