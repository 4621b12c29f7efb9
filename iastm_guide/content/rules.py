"""Read `content-rules.yml`: the limits and lists the content checkers hold pages to.

`load(path)` parses and validates the file once, and again only when it changes on
disk (so `make serve` picks up edits). A malformed rules file raises RulesError with
the file, the key and what to do (the build stops on it; `make check` prints it).
No MkDocs here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from iastm_guide.content.review_dates import Cycle
from iastm_guide.security.files import NotTextError, read_text

FILE_NAME = "content-rules.yml"
KEY_TYPES = ("text", "date", "list", "mapping", "person")


class RulesError(ValueError):
    """content-rules.yml cannot be used; str() is one line with the file and key."""


@dataclass(frozen=True)
class Readability:
    max_grade: float
    min_ease: float


@dataclass(frozen=True)
class PageType:
    name: str
    readability: Readability | None  # None: exempt (figures reported only)
    sections: tuple[str, ...] = ()
    exact_sections: bool = False
    required_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class BannedClaim:
    name: str
    forms: tuple[str, ...]
    advice: str
    pattern: re.Pattern[str] = field(compare=False)


@dataclass(frozen=True)
class Rules:
    key_types: dict[str, str]
    required_keys: tuple[str, ...]
    description_max_chars: int
    review_statuses: dict[str, tuple[str, ...]]
    warn_days: int
    max_age_days: int
    readability_min_words: int
    page_types: dict[str, PageType]
    banned_claims: tuple[BannedClaim, ...]
    bib_required_fields: dict[str, tuple[str, ...]]

    @property
    def review_cycle(self) -> Cycle:
        """`review_cycle`, as the review date rules (iastm_guide/content/review_dates.py) take it."""
        return Cycle(self.warn_days, self.max_age_days)

    @functools.cached_property
    def any_banned(self) -> re.Pattern[str] | None:
        """Any form of any banned claim: one search tells whether a block needs a closer look."""
        forms = tuple(form for claim in self.banned_claims for form in claim.forms)
        return phrase_pattern(forms) if forms else None


class _Reader:
    """Typed access to the parsed YAML; every failure names the key path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, what: str) -> RulesError:
        return RulesError(f"{self.path.name}: {where} {what}; fix it (see the comments in the file)")

    def mapping(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a mapping of name: value")
        return {str(k): v for k, v in value.items()}

    def strings(self, value: object, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, "must be a list of text items")
        return tuple(value)

    def number(self, value: object, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, "must be a number")
        return float(value)

    def days(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(where, "must be a whole number of days above 0")
        return value


def phrase_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words, any case, any run of spaces between the words of a phrase."""
    alternatives = sorted((r"\s+".join(map(re.escape, form.split())) for form in forms), key=len)
    return re.compile(r"(?<![\w-])(?:" + "|".join(reversed(alternatives)) + r")(?![\w-])", re.IGNORECASE)


def _page_type(r: _Reader, name: str, value: object, key_types: dict[str, str]) -> PageType:
    where = f"page_types.{name}"
    spec = r.mapping(value, where)
    unknown = set(spec) - {"readability", "sections", "exact_sections", "required_keys"}
    if unknown:
        raise r.fail(where, f"has unknown settings {sorted(unknown)}")
    limits = spec.get("readability")
    readability = None
    if limits != "exempt":
        limits = r.mapping(limits, f"{where}.readability")
        readability = Readability(
            r.number(limits.get("max_grade"), f"{where}.readability.max_grade"),
            r.number(limits.get("min_ease"), f"{where}.readability.min_ease"),
        )
    required = r.strings(spec.get("required_keys", []), f"{where}.required_keys")
    for key in required:
        if key not in key_types:
            raise r.fail(f"{where}.required_keys", f"names '{key}', which is not in front_matter.keys")
    exact = spec.get("exact_sections", False)
    if not isinstance(exact, bool):
        raise r.fail(f"{where}.exact_sections", "must be true or false")
    return PageType(
        name, readability, r.strings(spec.get("sections", []), f"{where}.sections"), exact, required
    )


def parse(text: str, path: Path) -> Rules:
    """Validate the rules file's content; raise RulesError naming the bad key."""
    r = _Reader(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise RulesError(f"{path.name}{line}: not valid YAML ({err}); fix the indentation or quotes") from err
    top = r.mapping(data, "the file")
    fm = r.mapping(top.get("front_matter"), "front_matter")
    key_types = {k: str(v) for k, v in r.mapping(fm.get("keys"), "front_matter.keys").items()}
    for key, kind in key_types.items():
        if kind not in KEY_TYPES:
            raise r.fail(f"front_matter.keys.{key}", f"has type '{kind}'; use one of {', '.join(KEY_TYPES)}")
    required = r.strings(fm.get("required"), "front_matter.required")
    for key in required:
        if key not in key_types:
            raise r.fail("front_matter.required", f"names '{key}', which is not in front_matter.keys")
    statuses = {
        name: r.strings(keys, f"review_statuses.{name}")
        for name, keys in r.mapping(top.get("review_statuses"), "review_statuses").items()
    }
    cycle = r.mapping(top.get("review_cycle"), "review_cycle")
    readability = r.mapping(top.get("readability"), "readability")
    page_types = {
        name: _page_type(r, name, spec, key_types)
        for name, spec in r.mapping(top.get("page_types"), "page_types").items()
    }
    banned = []
    claims = top.get("banned_claims")
    if not isinstance(claims, list) or not claims:
        raise r.fail("banned_claims", "must be a list of {name, forms, advice}")
    for n, item in enumerate(claims):
        spec = r.mapping(item, f"banned_claims[{n}]")
        name, advice = spec.get("name"), spec.get("advice")
        if not isinstance(name, str) or not isinstance(advice, str):
            raise r.fail(f"banned_claims[{n}]", "needs a text name and a text advice")
        forms = r.strings(spec.get("forms"), f"banned_claims[{n}].forms")
        banned.append(BannedClaim(name, forms, advice, phrase_pattern(forms)))
    refs = r.mapping(top.get("references"), "references")
    fields = r.mapping(refs.get("required_fields"), "references.required_fields")
    return Rules(
        key_types=key_types,
        required_keys=required,
        description_max_chars=int(
            r.number(fm.get("description_max_chars"), "front_matter.description_max_chars")
        ),
        review_statuses=statuses,
        warn_days=r.days(cycle.get("warn_days"), "review_cycle.warn_days"),
        max_age_days=r.days(cycle.get("max_age_days"), "review_cycle.max_age_days"),
        readability_min_words=int(r.number(readability.get("min_words"), "readability.min_words")),
        page_types=page_types,
        banned_claims=tuple(banned),
        bib_required_fields={
            kind: r.strings(names, f"references.required_fields.{kind}") for kind, names in fields.items()
        },
    )


_cache: dict[Path, tuple[int, Rules]] = {}


def load(path: Path) -> Rules:
    """Parse once; parse again only when the file has changed on disk."""
    if not path.is_file():
        raise RulesError(
            f"{path}: the content rules file is missing; restore {FILE_NAME} at the repository root"
        )
    stamp = path.stat().st_mtime_ns
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        try:
            text = read_text(path, FILE_NAME)
        except NotTextError as err:
            raise RulesError(str(err)) from None
        cached = (stamp, parse(text, path))
        _cache[path] = cached
    return cached[1]
