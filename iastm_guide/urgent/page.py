"""A page's urgent advice: `/// urgent-help` blocks checked and expanded, hand-typed advice found.

An editor names the warning signs that apply, one id a line:

    /// urgent-help
    calf-clot
    chest-pain-or-breathless
    ///

and may limit a block to some levels (`/// urgent-help | emergency`). The block
becomes the three levels in order (only those with signs), each with its lead-in
from the data file and its signs' wording and citations, the same on every page.

Problems (each `file:line: what; what to do`):
- an unknown sign id or level, a block not closed, a block naming no sign;
- on a condition page: no block at all, a sign the data file does not give for this
  condition, or a sign the data file gives for it missing from the page;
- anywhere: a paragraph, list item or heading outside the blocks that words a
  warning sign (its detect phrases) or a level's advice ("call 999") by hand.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from iastm_guide.content.markdown import mask_hidden, statements
from iastm_guide.urgent import Problem
from iastm_guide.urgent.data import AFTER_TREATMENT, LEVELS, Data
from iastm_guide.urgent.phrases import fold

OPEN = re.compile(r"^///[ \t]*(?P<name>urgent[\w-]*)[ \t]*(?:\|(?P<levels>[^\n]*))?$", re.MULTILINE)
CLOSE = re.compile(r"^///[ \t]*$", re.MULTILINE)
NAME = "urgent-help"
URGENT_HEADING = re.compile(r"^#{2,6}[ \t].*urgent", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    start: int  # character offsets of the whole block, closing line included
    end: int
    line: int  # line of the opening `///`
    signs: tuple[str, ...]
    levels: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    text: str
    problems: list[Problem]


def _hint(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _levels(argument: str, file: str, line: int) -> tuple[tuple[str, ...], list[Problem]]:
    """The levels after `|` (none: all), and a problem for each unknown one."""
    levels, problems = [], []
    for level in (part for part in re.split(r"[\s,]+", argument) if part):
        if level in LEVELS:
            levels.append(level)
        else:
            problems.append(
                Problem(
                    file, line, f"'{level}' is not a level{_hint(level, LEVELS)}; use {', '.join(LEVELS)}"
                )
            )
    return tuple(levels), problems


def _signs(
    body: str, first: int, levels: tuple[str, ...], data: Data, file: str
) -> tuple[tuple[str, ...], int, list[Problem]]:
    """The known sign ids of a block's body (one a line from line `first`), how many lines
    named one, and what is wrong with them."""
    ids: list[str] = []
    problems, listed = [], 0
    for where, raw in enumerate(body.split("\n"), first):
        sign = raw.strip()
        if not sign:
            continue
        listed += 1
        if sign in ids:
            problems.append(Problem(file, where, f"sign '{sign}' is listed twice in this block; keep one"))
        elif sign not in data.signs:
            problems.append(
                Problem(
                    file,
                    where,
                    f"'{sign}' is not a warning sign in {data.name}{_hint(sign, data.signs)}; use one of "
                    "its ids (one a line), or add the sign there",
                )
            )
        else:
            ids.append(sign)
            level = data.signs[sign].level
            if levels and level not in levels:
                problems.append(
                    Problem(
                        file,
                        where,
                        f"sign '{sign}' is a {level} sign ({data.name}:{data.line(sign)}) but this block "
                        f"shows only {', '.join(levels)}; add {level} after '|' or remove the sign",
                    )
                )
    return tuple(ids), listed, problems


def find_markers(text: str, data: Data, file: str, offset: int = 0) -> tuple[list[Marker], list[Problem]]:
    """The page's blocks and what is wrong with each (lines shifted by `offset`)."""
    masked = mask_hidden(text, generated=False)  # the blocks are what this reads
    markers: list[Marker] = []
    problems: list[Problem] = []
    for found in OPEN.finditer(masked):
        line = masked.count("\n", 0, found.start()) + 1
        if found.group("name") != NAME:
            message = f"'/// {found.group('name')}' is not a block; write '/// {NAME}'"
            problems.append(Problem(file, line + offset, message))
            continue
        closing = CLOSE.search(masked, found.end())
        following = OPEN.search(masked, found.end())
        if closing is None or (following is not None and following.start() < closing.start()):
            message = f"the '/// {NAME}' block is not closed; end it with a line '///' after the last sign id"
            problems.append(Problem(file, line + offset, message))
            continue
        levels, bad_levels = _levels(found.group("levels") or "", file, line + offset)
        body = masked[found.end() + 1 : closing.start()]
        signs, listed, bad_signs = _signs(body, line + 1 + offset, levels, data, file)
        problems += bad_levels + bad_signs
        if not listed:
            message = (
                f"the '/// {NAME}' block names no warning sign; list the ids of the signs that apply "
                f"(from {data.name}), one a line"
            )
            problems.append(Problem(file, line + offset, message))
        end = closing.end() + (1 if masked[closing.end() : closing.end() + 1] == "\n" else 0)
        markers.append(Marker(found.start(), end, line, signs, levels))
    return markers, problems


def check_condition(
    markers: list[Marker], data: Data, file: str, condition: str, offset: int = 0, section_line: int = 1
) -> list[Problem]:
    """A condition page shows exactly the signs the data file gives for it.
    `section_line`: where to point when the page has no block (its urgent section)."""
    if not markers:
        return [
            Problem(
                file,
                section_line + offset,
                f"a condition page needs its urgent advice from {data.name}: under "
                f"'## When to get medical help urgently', add a '/// {NAME}' block listing the ids of "
                "the signs that apply (see CONTRIBUTING.md)",
            )
        ]
    problems: list[Problem] = []
    shown: set[str] = set()
    for marker in markers:
        for sign in marker.signs:
            shown.add(sign)
            given = data.signs[sign].conditions
            if condition not in given and AFTER_TREATMENT not in given:
                problems.append(
                    Problem(
                        file,
                        marker.line + offset,
                        f"sign '{sign}' is not given for "
                        f"'{condition}' in {data.name}:{data.line(sign)}; add '{condition}' "
                        "to its conditions, or remove it from this block",
                    )
                )
    for sign_id, record in data.signs.items():
        if condition in record.conditions and sign_id not in shown:
            problems.append(
                Problem(
                    file,
                    markers[0].line + offset,
                    f"sign '{sign_id}' applies to "
                    f"'{condition}' ({data.name}:{data.line(sign_id)}) but this page does not "
                    "list it; add its id to the block, or remove the condition from the sign",
                )
            )
    return problems


def typed_by_hand(text: str, markers: list[Marker], data: Data, file: str, offset: int = 0) -> list[Problem]:
    """Blocks outside the markers that word a warning sign or a level's advice themselves."""
    outside = text
    for marker in reversed(markers):
        outside = (
            outside[: marker.start]
            + re.sub(r"[^\n]", " ", text[marker.start : marker.end])
            + outside[marker.end :]
        )
    problems = []
    # Each statement is first tested for the needles (one word of each term) of every
    # phrase at once; only phrases with a needle there, and then all of them, are
    # matched in full. Most statements hold none and cost one pass over the needles.
    index = data.needle_index
    for line, block in statements(outside):
        folded = fold(block)
        present = {needle for needle in index if needle in folded}
        candidates = {id(p): p for needle in present for p in index[needle]}
        matched = {i for i, p in candidates.items() if p.could_match(present) and p.matches(block, folded)}
        if not matched:
            continue
        signs = [s for s, phrases in data.sign_phrases.items() if any(id(p) in matched for p in phrases)]
        if signs:
            names = ", ".join(f"'{s}' ({data.name}:{data.line(s)})" for s in signs)
            problems.append(
                Problem(
                    file,
                    line + offset,
                    f"this text words the warning sign {names} by hand; "
                    f"list the id in a '/// {NAME}' block instead, so the advice reads the "
                    "same on every page",
                )
            )
            continue
        for level, phrases in data.level_phrases.items():
            hit = next((p for p in phrases if id(p) in matched), None)
            if hit is not None:
                problems.append(
                    Problem(
                        file,
                        line + offset,
                        f"this text gives urgent advice by hand "
                        f"('{hit.text}', the {level} level); define the warning sign in "
                        f"{data.name} and list it in a '/// {NAME}' block",
                    )
                )
                break
    return problems


def render(signs: Iterable[str], data: Data) -> str:
    """The Markdown of one block: each level with signs, in order, lead-in then signs."""
    chosen = [data.signs[s] for s in signs]
    parts = ['<div class="urgent-help" markdown>', ""]
    for level in LEVELS:
        here = [s for s in chosen if s.level == level]
        if not here:
            continue
        parts += [
            f"**{data.levels[level].lead_in}**",
            f"{{: .urgent-help__lead .urgent-help__lead--{level} }}",
            "",
        ]
        for sign in here:
            cite = f" [{'; '.join('@' + key for key in sign.sources)}]" if sign.sources else ""
            parts.append(f"- {sign.says}{cite}")
        parts.append("")
    parts += ["</div>", ""]
    return "\n".join(parts)


def condition_of(src_uri: str, page_type: str | None) -> str | None:
    """The condition a page is about (its slug), if it is a condition page."""
    return PurePosixPath(src_uri).stem if page_type == "condition" else None


def process(text: str, data: Data, file: str, condition: str | None = None, offset: int = 0) -> Result:
    """Check a page and expand its blocks. `condition`: the page's slug if it is a condition page."""
    markers, problems = find_markers(text, data, file, offset)
    if condition is not None:
        heading = URGENT_HEADING.search(text)
        section_line = text.count("\n", 0, heading.start()) + 1 if heading else 1
        problems += check_condition(markers, data, file, condition, offset, section_line)
    problems += typed_by_hand(text, markers, data, file, offset)
    out = text
    for marker in reversed(markers):
        out = out[: marker.start] + render(marker.signs, data) + out[marker.end :]
    return Result(out, sorted(problems))


__all__ = ["Marker", "Result", "condition_of", "find_markers", "process", "render", "typed_by_hand"]
