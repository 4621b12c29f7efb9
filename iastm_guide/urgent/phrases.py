"""The phrases that identify a warning sign.

A phrase is one or more terms joined by `+`: a block (paragraph, list item, heading
or table row) matches when it holds every term, in any order, in any case, as whole
words. A term is a word or a few words; a word ending in `*` matches any ending
(`swell*`: swell, swelling, swells). `calf + swol* ` matches "my calf is swollen"
but not "calf muscle". Small and hand-written: a search library would match loosely
(stems, fuzzy spellings), and the rule needs exact, explainable matches.

A page is split into the statements a phrase is matched in by the shared Markdown
reader (`iastm_guide.content.markdown.statements`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TERM = re.compile(r"^[\w&'\u2019-]+\*?(?: [\w&'\u2019-]+\*?)*$")


def fold(text: str) -> str:
    """Text case-folded for the quick test in `Phrase.matches` (a dotless i read as i,
    as the regular expressions' IGNORECASE reads it)."""
    return text.casefold().replace("\u0131", "i")


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: every term must occur in the block."""

    text: str
    terms: tuple[re.Pattern[str], ...]
    needles: tuple[str, ...] = ()  # one word of each term, folded: present in any match

    def could_match(self, present: frozenset[str] | set[str]) -> bool:
        """Whether every needle is among `present` (those found in the block): the quick
        test a page's every statement gets against every phrase."""
        return all(needle in present for needle in self.needles)

    def matches(self, block: str, folded: str | None = None) -> bool:
        """Whether every term is in `block`; `folded` is fold(block), if the caller has it
        (a page is tested against every phrase, so the quick test pays for itself)."""
        folded = fold(block) if folded is None else folded
        return all(needle in folded for needle in self.needles) and all(
            term.search(block) for term in self.terms
        )


def _word(word: str) -> str:
    return re.escape(word[:-1]) + r"[\w'\u2019-]*" if word.endswith("*") else re.escape(word)


def compile_phrase(text: str) -> Phrase:
    """`calf + swol*` -> a Phrase; ValueError naming the bad term."""
    terms = []
    needles = []
    for raw in text.split("+"):
        term = " ".join(raw.split())
        if not TERM.match(term):
            raise ValueError(
                f"'{raw.strip()}' is not a term: use words (a '*' at a word's end for any ending), "
                "joined by ' + '"
            )
        body = r"\s+".join(_word(word) for word in term.split(" "))
        terms.append(re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE))
        needles.append(fold(max((word.rstrip("*") for word in term.split(" ")), key=len)))
    text = " + ".join(" ".join(t.split()) for t in text.split("+"))
    return Phrase(text, tuple(terms), tuple(needles))
