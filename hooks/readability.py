"""Measure how easy each page is to read, and hold it to its page type's limits.

Concern: readability. On the page's own prose (paragraphs and list items: not
front matter, code, tables, headings, admonition titles, link URLs, citations or
the generated reference list), with textstat 0.7.8 (works offline):
- Flesch-Kincaid grade (US school grade; lower is easier) at most `max_grade`;
- Flesch Reading Ease (0-100; higher is easier) at least `min_ease`;
limits per page type in `content-rules.yml` (a page with too few words to measure
is only reported). Every page's figures are logged at
INFO and stored in `page.meta["readability"]` for templates. A page past a limit
fails, naming its hardest paragraphs by line so the editor knows where to start.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import content_rules
import markdown_source as md
import textstat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
_rules: content_rules.Rules | None = None
PROSE = ("paragraph", "item")
MIN_WORDS_TO_RANK = 15  # shorter paragraphs give erratic figures
HARDEST_SHOWN = 3


@dataclass(frozen=True)
class Figures:
    grade: float
    ease: float
    words: int


def prose(blocks: tuple[md.Block, ...]) -> list[tuple[int, str]]:
    """(line, sentence-ended plain text) for every paragraph and list item."""
    found = []
    for block in blocks:
        if block.kind in PROSE:
            text = md.sentence(md.plain(block.text))
            if text:
                found.append((block.line, text))
    return found


def measure(text: str) -> Figures:
    return Figures(
        float(textstat.flesch_kincaid_grade(text)),
        float(textstat.flesch_reading_ease(text)),
        int(textstat.lexicon_count(text)),
    )


def hardest(paragraphs: list[tuple[int, str]]) -> list[tuple[int, float]]:
    """(line, grade) of the hardest paragraphs long enough to judge, hardest first."""
    graded = [
        (measure(text).grade, line)
        for line, text in paragraphs
        if textstat.lexicon_count(text) >= MIN_WORDS_TO_RANK
    ]
    return [(line, grade) for grade, line in sorted(graded, reverse=True)[:HARDEST_SHOWN]]


def problems(figures: Figures, limits: content_rules.Readability, page_type: str) -> list[str]:
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _rules
    _rules = content_rules.for_config(config)
    return config


@event_priority(150)  # on the page as written, before citations.py appends references
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _rules is not None, "on_config has not run"
    name = str(page.meta.get("page_type"))
    page_type = _rules.page_types.get(name)
    src, offset = md.source_path(page, config), md.page_offset(page)
    paragraphs = prose(md.blocks(markdown))
    if not paragraphs:
        log.info(f"{src}: readability: no prose to measure")
        return markdown
    figures = measure("\n".join(text for _, text in paragraphs))
    limits = page_type.readability if page_type else None
    page.meta["readability"] = {**asdict(figures), **(asdict(limits) if limits else {})}
    if limits and figures.words < _rules.readability_min_words:
        limits, judged = None, f"fewer than {_rules.readability_min_words} words: too short to judge"
    elif limits:
        judged = f"limits: grade at most {limits.max_grade:g}, ease at least {limits.min_ease:g}"
    else:
        judged = "exempt"
    log.info(
        f"{src}: readability: Flesch-Kincaid grade {figures.grade:.1f}, Flesch Reading Ease "
        f"{figures.ease:.1f}, {figures.words} words ({judged})"
    )
    if limits is None:
        return markdown
    found = problems(figures, limits, name)
    if found:
        ranked = hardest(paragraphs) or [(paragraphs[0][0], figures.grade)]
        where = ", ".join(f"line {line + offset} (grade {grade:.1f})" for line, grade in ranked)
        log.warning(
            f"{src}:{ranked[0][0] + offset}: {'; '.join(found)}; use shorter sentences (about 15 words) "
            f"and everyday words, starting with the hardest paragraphs: {where}"
        )
    return markdown
