"""The phrases that identify a warning sign, and a page's text split into blocks.

A phrase is one or more terms joined by `+`: a block (paragraph, list item, heading
or table row) matches when it holds every term, in any order, in any case, as whole
words. A term is a word or a few words; a word ending in `*` matches any ending
(`swell*`: swell, swelling, swells). `calf + swol* ` matches "my calf is swollen"
but not "calf muscle". Small and hand-written: a search library would match loosely
(stems, fuzzy spellings), and the rule needs exact, explainable matches.

`blocks` splits Markdown the way a reader sees it (code, HTML comments, citation
keys and link addresses left out), keeping each block's first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CODE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<tick>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=tick)[ \t]*$"  # fenced block
    r"|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"  # code span
    r"|<!--.*?-->",  # HTML comment
    re.MULTILINE | re.DOTALL,
)
HIDDEN = re.compile(r"\[\s*@[^\]]*\]|\]\([^)]*\)")  # citations, link addresses
HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|:)[ \t]+")  # list item or definition
TABLE_ROW = re.compile(r"^[ \t]*\|")
TERM = re.compile(r"^[\w&'\u2019-]+\*?(?: [\w&'\u2019-]+\*?)*$")


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: every term must occur in the block."""

    text: str
    terms: tuple[re.Pattern[str], ...]

    def matches(self, block: str) -> bool:
        return all(term.search(block) for term in self.terms)


def _word(word: str) -> str:
    return re.escape(word[:-1]) + r"[\w'\u2019-]*" if word.endswith("*") else re.escape(word)


def compile_phrase(text: str) -> Phrase:
    """`calf + swol*` -> a Phrase; ValueError naming the bad term."""
    terms = []
    for raw in text.split("+"):
        term = " ".join(raw.split())
        if not TERM.match(term):
            raise ValueError(
                f"'{raw.strip()}' is not a term: use words (a '*' at a word's end for any ending), "
                "joined by ' + '"
            )
        body = r"\s+".join(_word(word) for word in term.split(" "))
        terms.append(re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE))
    return Phrase(" + ".join(" ".join(t.split()) for t in text.split("+")), tuple(terms))


def blank(match: re.Match[str]) -> str:
    """A match replaced by spaces, newlines kept (so positions still map to lines)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def mask(text: str) -> str:
    """Code, HTML comments, citations and link addresses blanked out; lines unchanged."""
    return HIDDEN.sub(blank, CODE.sub(blank, text))


def blocks(text: str) -> Iterator[tuple[int, str]]:
    """(first line, text) of each paragraph, list item, heading and table row."""
    start = 0
    lines: list[str] = []
    for number, line in enumerate(mask(text).split("\n"), 1):
        new_block = HEADING.match(line) or ITEM.match(line) or TABLE_ROW.match(line)
        if lines and (not line.strip() or new_block):
            yield start, " ".join(lines)
            lines = []
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
            if HEADING.match(line) or TABLE_ROW.match(line):
                yield start, " ".join(lines)
                lines = []
    if lines:
        yield start, " ".join(lines)
