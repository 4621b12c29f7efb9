"""The search's flow diagram (PRISMA-style), an SVG drawn from the search-log numbers.

Hand-written, on purpose: the diagram is seven boxes and six arrows at fixed places,
which is less code than driving a charting library (matplotlib has no flow-chart
type; graphviz would be a system binary to install; the maintained PRISMA tools are
R packages or web apps). Everything is drawn in `currentColor`, the page's text
colour, so it follows the light and dark palettes and prints black; no class, no
inline style, no script, no ids but the two that name its title and description.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from iastm_guide.evidence.schema import Question

WIDTH, MAIN_W, SIDE_X, SIDE_W, BOX_H, GAP = 360, 196, 222, 134, 58, 26
LINE = 'stroke="currentColor" stroke-width="1.2"'


@dataclass(frozen=True)
class Flow:
    identified: int
    duplicates: int
    screened: int
    excluded_screening: int
    full_text: int
    excluded_full_text: int
    included: int
    studies: int  # different studies among the inclusions (one study may answer several questions)
    reasons: tuple[tuple[str, int], ...]  # exclusion reasons after full text, most common first


def flow(questions: Sequence[Question]) -> Flow:
    """The search log's counts, added up over the questions."""
    reasons = Counter(" ".join(x.reason.split()) for q in questions for x in q.excluded_after_full_text)
    return Flow(
        identified=sum(q.records_identified for q in questions),
        duplicates=sum(q.duplicates_removed for q in questions),
        screened=sum(q.records_screened for q in questions),
        excluded_screening=sum(q.excluded_on_screening for q in questions),
        full_text=sum(q.full_text_assessed for q in questions),
        excluded_full_text=sum(len(q.excluded_after_full_text) for q in questions),
        included=sum(len(q.included) for q in questions),
        studies=len({key for q in questions for key in q.included}),
        reasons=tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
    )


def _box(x: int, y: int, w: int, lines: Sequence[str], number: int) -> str:
    cx = x + w // 2
    parts = [f'<rect x="{x}" y="{y}" width="{w}" height="{BOX_H}" rx="4" fill="none" {LINE}/>']
    top = y + 20 if len(lines) == 1 else y + 15
    for n, line in enumerate(lines):
        parts.append(f'<text x="{cx}" y="{top + 15 * n}">{html.escape(line)}</text>')
    parts.append(f'<text x="{cx}" y="{y + BOX_H - 9}" font-size="14" font-weight="700">{number}</text>')
    return "".join(parts)


def _arrow(x1: int, y1: int, x2: int, y2: int) -> str:
    """A line with a filled head pointing at (x2, y2); only straight down or right."""
    if x1 == x2:
        head = f"M{x2 - 5} {y2 - 8}L{x2} {y2}L{x2 + 5} {y2 - 8}z"
    else:
        head = f"M{x2 - 8} {y2 - 5}L{x2} {y2}L{x2 - 8} {y2 + 5}z"
    return f'<path d="M{x1} {y1}L{x2} {y2}" fill="none" {LINE}/><path d="{head}"/>'


def describe(f: Flow) -> str:
    """The diagram in words: its text equivalent."""
    studies = f" ({f.studies} different studies)" if f.studies != f.included else ""
    return (
        f"Searching found {f.identified} records. {f.duplicates} duplicates were removed, leaving "
        f"{f.screened} records to screen by title and abstract, of which {f.excluded_screening} were "
        f"left out. {f.full_text} were read more closely (abstract, first page or trial record), and "
        f"{f.excluded_full_text} of those were left "
        f"out. {f.included} were included{studies}."
    )


def diagram(f: Flow) -> str:
    """The flow as one line of inline SVG."""
    main = [
        (("Records found by searching",), f.identified),
        (("Records screened", "(title and abstract)"), f.screened),
        (("Read more closely", "(abstract, first page)"), f.full_text),
        (("Included",), f.included),
    ]
    side = [
        (("Duplicates removed",), f.duplicates),
        (("Left out after", "screening"), f.excluded_screening),
        (("Left out after", "reading closely"), f.excluded_full_text),
    ]
    parts = []
    for row, (lines, number) in enumerate(main):
        y = 4 + row * (BOX_H + GAP)
        parts.append(_box(4, y, MAIN_W, lines, number))
        if row < len(side):
            cx, bottom = 4 + MAIN_W // 2, y + BOX_H
            parts.append(_arrow(cx, bottom, cx, bottom + GAP))
            parts.append(_arrow(4 + MAIN_W, y + BOX_H // 2, SIDE_X, y + BOX_H // 2))
            parts.append(_box(SIDE_X, y, SIDE_W, *side[row]))
    height = 4 + len(main) * (BOX_H + GAP) - GAP + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="prisma-flow" '
        'role="img" aria-labelledby="prisma-flow-title" aria-describedby="prisma-flow-desc" '
        'fill="currentColor" font-size="12" text-anchor="middle">'
        '<title id="prisma-flow-title">How we searched: records found, screened, read and included</title>'
        '<desc id="prisma-flow-desc">The caption below gives the numbers in words.</desc>'
        + "".join(parts)
        + "</svg>"
    )
