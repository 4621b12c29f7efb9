"""Check every page's front matter against the schema in `content-rules.yml`.

Concern: front matter (the YAML block at the top of each page).
- Required keys (common ones and per page type), their types, allowed values of
  page_type and review_status, the keys a review status needs, no unknown keys.
- description at most N characters; dates written YYYY-MM-DD.
- next_review after last_reviewed, at most the review cycle apart; last_reviewed not
  in the future and not older than the cycle; a page past next_review fails.
- A page due for review within the warning window is reported at INFO level as
  "review due soon" (visible in `make serve` and the build log, not a failure).
Today's date comes from the IASTM_TODAY environment variable (YYYY-MM-DD) when set,
so tests can move the clock.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import content_rules
import yaml
from markdown_source import FRONT_MATTER, key_lines, source_path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TEMPLATE_HINT = "see templates/ or run make new-page"

_rules: content_rules.Rules | None = None

Problem = tuple[int, str]  # (line in the file, message after "file:line: ")


# libyaml's safe loader where PyYAML has it (it reads the same YAML the same way, faster).
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def today() -> dt.date:
    value = os.environ.get("IASTM_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise PluginError(f"IASTM_TODAY={value!r} is not a date; write it as YYYY-MM-DD or unset it") from err


def read_front_matter(source: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """The parsed front matter, or the problem that stops it being read."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None, (1, f"the page has no front matter; start it with a --- block of keys ({TEMPLATE_HINT})")
    try:
        data = yaml.load(match.group("yaml"), Loader=SAFE_LOADER)
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


def as_date(value: object) -> dt.date | None:
    """A YAML date, or a YYYY-MM-DD string; None for anything else (datetimes included)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


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
    cycle = rules.max_age_days
    if last and last > now:
        yield (
            at("last_reviewed"),
            f"last_reviewed {last} is in the future (today is {now}); use the day of the review",
        )
    if last and (now - last).days > cycle:
        yield (
            at("last_reviewed"),
            f"last_reviewed {last} is {(now - last).days} days ago, more than the {cycle}-day review cycle; "
            "have the whole page reviewed, then set last_reviewed to that day",
        )
    if last and due and due <= last:
        yield (
            at("next_review"),
            f"next_review {due} is not after last_reviewed {last}; set the date the next review is due",
        )
    elif last and due and (due - last).days > cycle:
        yield (
            at("next_review"),
            f"next_review {due} is {(due - last).days} days after last_reviewed; the review cycle is at most "
            f"{cycle} days, so set it on or before {last + dt.timedelta(days=cycle)}",
        )
    if due and due < now:
        yield (
            at("next_review"),
            f"the page was due for review on {due} (today is {now}); have the whole page reviewed, "
            "then set last_reviewed to that day and next_review to the next due date",
        )


def due_soon(meta: dict[str, Any], rules: content_rules.Rules, now: dt.date) -> int | None:
    """Days until next_review when it falls inside the warning window, else None."""
    due = as_date(meta.get("next_review"))
    if due is None or due < now:
        return None
    days = (due - now).days
    return days if days <= rules.warn_days else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _rules
    _rules = content_rules.for_config(config)
    today()  # a malformed IASTM_TODAY stops the build here, once
    return config


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
    days = due_soon(meta, _rules, now)
    if days is not None:
        line = lines.get("next_review", 1)
        log.info(
            f"{src}:{line}: review due soon: next_review {meta['next_review']} is in {days} days; "
            "plan a whole-page review with a clinical reviewer (not a failure)"
        )
    return markdown
