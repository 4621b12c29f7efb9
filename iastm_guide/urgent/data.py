"""`urgent-help.yml`: the three levels and every warning sign, read and checked.

The file's shape is a strict pydantic schema (`Level`, `Sign`, `UrgentHelp`: no
unknown fields, no type coercion). Beyond the schema, `check` refuses:
- levels other than emergency, same-day and soon, in that order (the one rule);
- a sign id used twice;
- one sign defined twice (so possibly at two levels): a sign's wording matched by
  another sign's phrases;
- phrases that do not identify their own sign's wording (or level's lead-in), which
  would let hand-typed advice through unnoticed;
- a sign without sources and without notes saying why.
Every problem is a `Problem` naming the file and line; `load` raises them together.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from iastm_guide.urgent import DATA_FILE, Problem, UrgentHelpError
from iastm_guide.urgent.phrases import Phrase, compile_phrase
from iastm_guide.yaml_lines import Located, Path, YamlError, parse

LEVELS = ("emergency", "same-day", "soon")
LevelId = Literal["emergency", "same-day", "soon"]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Key = Annotated[str, StringConstraints(pattern=r"^[\w-]+$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
MARKUP = re.compile(r"[\[\]*_`<>#|]")
SIGN_FIELDS = "id, says, level, conditions, sources, detect, notes"
AFTER_TREATMENT = "after-treatment"  # a "condition" for signs that can follow any session


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Level(_Strict):
    id: LevelId
    lead_in: Text
    detect: Annotated[list[Text], Field(min_length=1)]


class Sign(_Strict):
    id: Id
    says: Text
    level: LevelId
    conditions: Annotated[list[Id], Field(min_length=1)]
    sources: list[Key]
    detect: Annotated[list[Text], Field(min_length=1)]
    notes: Text | None = None


class UrgentHelp(_Strict):
    levels: list[Level]
    signs: Annotated[list[Sign], Field(min_length=1)]


@dataclass(frozen=True)
class Data:
    """The checked file: levels in order, signs by id, compiled phrases, lines."""

    name: str
    levels: dict[str, Level]
    signs: dict[str, Sign]
    level_phrases: dict[str, tuple[Phrase, ...]]
    sign_phrases: dict[str, tuple[Phrase, ...]]
    lines: dict[str, int]  # sign id -> line of its record
    item_lines: dict[tuple[str, str, str], int]  # (sign id, field, value) -> line of a list item

    def line(self, sign: str) -> int:
        return self.lines.get(sign, 1)

    @functools.cached_property
    def needle_index(self) -> dict[str, list[Phrase]]:
        """needle -> the phrases (of signs and levels) that have it: the quick test of
        every statement of every page (page.typed_by_hand), made once per file."""
        index: dict[str, list[Phrase]] = {}
        for group in (self.sign_phrases, self.level_phrases):
            for phrases in group.values():
                for phrase in phrases:
                    for needle in set(phrase.needles):
                        index.setdefault(needle, []).append(phrase)
        return index


_WORDS = {
    "string_type": "text (in quotes if it looks like a number, a date or true/false)",
    "list_type": "a list, such as [a, b] ([] for none)",
    "model_type": "a record of 'field: value' lines",
    "dict_type": "a record of 'field: value' lines",
}


def _where(located: Located, loc: Sequence[str | int]) -> str:
    data = located.data if isinstance(located.data, dict) else {}
    if len(loc) >= 2 and loc[0] in ("signs", "levels") and isinstance(loc[1], int):
        records = data.get(str(loc[0]))
        record = records[loc[1]] if isinstance(records, list) and loc[1] < len(records) else None
        name = record.get("id") if isinstance(record, dict) else None
        kind = "sign" if loc[0] == "signs" else "level"
        return f"{kind} '{name}'" if isinstance(name, str) else f"{kind} {loc[1] + 1}"
    return "the file"


def describe(located: Located, error: ErrorDetails) -> Problem:
    """One pydantic error in an editor's words, at its line."""
    loc = tuple(error["loc"])
    path: Path = tuple(p for p in loc if isinstance(p, str | int))
    where, field = _where(located, path), next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    kind = error["type"]
    if kind == "missing":
        message = f"{where} has no '{field}'; add it (the fields are described at the top of the file)"
    elif kind == "extra_forbidden":
        known = SIGN_FIELDS if path[:1] == ("signs",) else "levels, signs"
        message = f"'{field}' is not a field here; the fields are {known}"
    elif kind == "literal_error":
        message = f"{where}: '{error['input']}' is not a level; use {', '.join(LEVELS)}"
    elif kind == "string_pattern_mismatch":
        message = (
            f"{where}: '{error['input']}' in '{field}' is not a name: use lower-case words joined by '-'"
        )
    elif kind in ("too_short", "string_too_short"):
        message = f"{where}: '{field}' is empty; give at least one"
    elif kind in _WORDS and not path:
        message = "the file must be a record with 'levels:' and 'signs:' (see the comments in the real file)"
    elif kind in _WORDS:
        message = f"{where}: '{field}' must be {_WORDS[kind]}"
    else:
        message = f"{where}: '{field}': {error['msg']}"
    return Problem(located.name, located.line(path), message)


def _phrases(texts: list[str], line: int, name: str, problems: list[Problem]) -> tuple[Phrase, ...]:
    found = []
    for text in texts:
        try:
            found.append(compile_phrase(text))
        except ValueError as err:
            problems.append(Problem(name, line, f"detect phrase '{text}': {err}"))
    return tuple(found)


def check(located: Located, model: UrgentHelp) -> tuple[Data, list[Problem]]:
    """The checks beyond the schema; the data as far as it could be built."""
    name, problems = located.name, []
    ids = [level.id for level in model.levels]
    if ids != list(LEVELS):
        problems.append(
            Problem(
                name,
                located.line(("levels",)),
                f"levels must be {', '.join(LEVELS)}, in this order "
                f"(found {', '.join(ids) or 'none'}): change their wording, not their names",
            )
        )
    level_phrases: dict[str, tuple[Phrase, ...]] = {}
    for n, level in enumerate(model.levels):
        line = located.line(("levels", n, "detect"))
        level_phrases[level.id] = phrases = _phrases(level.detect, line, name, problems)
        if phrases and not any(p.matches(level.lead_in) for p in phrases):
            problems.append(
                Problem(
                    name,
                    line,
                    f"level '{level.id}': no detect phrase matches its own "
                    "lead_in, so a copy typed by hand would go unnoticed; add one that does",
                )
            )
    signs: dict[str, Sign] = {}
    lines: dict[str, int] = {}
    sign_phrases: dict[str, tuple[Phrase, ...]] = {}
    item_lines: dict[tuple[str, str, str], int] = {}
    for n, sign in enumerate(model.signs):
        line = located.line(("signs", n))
        if sign.id in signs:
            problems.append(
                Problem(
                    name,
                    line,
                    f"sign id '{sign.id}' is used twice (first at line "
                    f"{lines[sign.id]}); give each sign its own id, or merge the two",
                )
            )
            continue
        signs[sign.id], lines[sign.id] = sign, line
        for field in ("sources", "conditions"):
            for k, value in enumerate(getattr(sign, field)):
                item_lines[(sign.id, field, value)] = located.line(("signs", n, field, k))
        if MARKUP.search(sign.says) or not sign.says[0].islower() or sign.says.endswith((".", ";", ",")):
            problems.append(
                Problem(
                    name,
                    located.line(("signs", n, "says")),
                    f"sign '{sign.id}': write "
                    "'says' as plain words that follow the lead-in '... if:' (lower-case "
                    "start, no full stop, no Markdown); its sources go in 'sources'",
                )
            )
        if not sign.sources and not sign.notes:
            problems.append(
                Problem(
                    name,
                    line,
                    f"sign '{sign.id}' has no sources; cite at least one "
                    "(a references.bib key), or say in 'notes' why there is none yet",
                )
            )
        detect_line = located.line(("signs", n, "detect"))
        sign_phrases[sign.id] = phrases = _phrases(sign.detect, detect_line, name, problems)
        if phrases and not any(p.matches(sign.says) for p in phrases):
            problems.append(
                Problem(
                    name,
                    detect_line,
                    f"sign '{sign.id}': no detect phrase matches its own "
                    "wording ('says'), so a copy typed by hand would go unnoticed; add one",
                )
            )
    for sign in signs.values():
        for other in signs.values():
            hit = next((p for p in sign_phrases[other.id] if p.matches(sign.says)), None)
            if other.id == sign.id or hit is None:
                continue
            levels = (
                f"at two levels ({sign.level} and {other.level})" if sign.level != other.level else "twice"
            )
            problems.append(
                Problem(
                    name,
                    lines[sign.id],
                    f"sign '{sign.id}' reads as sign '{other.id}' "
                    f"(line {lines[other.id]}; its phrase '{hit.text}' matches): one sign "
                    f"defined {levels}. Merge them into one sign at one level (the more "
                    "urgent where sources disagree), or make the phrases more specific",
                )
            )
    data = Data(
        name, {lv.id: lv for lv in model.levels}, signs, level_phrases, sign_phrases, lines, item_lines
    )
    return data, problems


def parse_data(text: str, name: str = DATA_FILE) -> Data:
    """Parse and check the file's text; UrgentHelpError with every problem."""
    try:
        located = parse(text, name)
    except YamlError as err:
        raise UrgentHelpError(err.problems) from err
    try:
        model = UrgentHelp.model_validate(located.data if located.data is not None else {})
    except ValidationError as err:
        raise UrgentHelpError([describe(located, e) for e in err.errors()]) from err
    data, problems = check(located, model)
    if problems:
        raise UrgentHelpError(problems)
    return data


def load(path: FilePath, name: str = DATA_FILE) -> Data:
    """Read and check the data file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UrgentHelpError([Problem(name, 1, f"cannot be read ({err}); restore the file")]) from err
    return parse_data(text, name)


_cache: dict[FilePath, tuple[int, Data]] = {}


def load_cached(path: FilePath, name: str = DATA_FILE) -> Data:
    """`load`, read again only when the file has changed on disk (`mkdocs serve`)."""
    stamp = path.stat().st_mtime_ns if path.is_file() else -1
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, load(path, name))
        _cache[path] = cached
    return cached[1]


def check_links(data: Data, known_keys: Collection[str], condition_pages: Collection[str]) -> list[Problem]:
    """Every source is a references.bib key; every condition is a condition page."""
    problems = []
    keys = {key.casefold() for key in known_keys}
    for sign in data.signs.values():
        for key in sign.sources:
            if key.casefold() not in keys:
                problems.append(
                    Problem(
                        data.name,
                        data.item_lines.get((sign.id, "sources", key), data.line(sign.id)),
                        f"sign '{sign.id}' cites '{key}', which is not in references.bib; add the "
                        "entry there (checked, see CONTRIBUTING.md) or fix the key",
                    )
                )
        for condition in sign.conditions:
            if condition != AFTER_TREATMENT and condition not in condition_pages:
                problems.append(
                    Problem(
                        data.name,
                        data.item_lines.get((sign.id, "conditions", condition), data.line(sign.id)),
                        f"sign '{sign.id}' names the condition '{condition}', but there is no page "
                        f"docs/conditions/{condition}.md; use a condition page's file name, or "
                        f"{AFTER_TREATMENT}",
                    )
                )
    return problems


def unsourced(data: Data) -> list[Problem]:
    """Signs with no source yet (reported, not a failure: their notes say why)."""
    return [
        Problem(
            data.name,
            data.line(sign.id),
            f"sign '{sign.id}' has no source yet (reported, not a failure); cite one when it has been read",
        )
        for sign in data.signs.values()
        if not sign.sources
    ]
