"""Every image has real alt text; every SVG has a title.

Concern: text alternatives for images (WCAG 1.1.1).
- Markdown `![alt](src)` (and `![alt][ref]`) with empty alt text fails: it renders
  `alt=""`, which marks the image as decorative, and browser checkers do not flag
  it. So do alt texts that are only a file name or a word like "image".
- A raw `<img>` without a non-empty `alt` fails.
- Every SVG under docs/ needs a non-empty `<title>` inside its root `<svg>`, which
  screen readers announce (and browsers show as a tooltip).
Images inside code are examples, not images, and are not checked. Hand-written: the
alt text rules are the site's; the SVG is read by the standard library. No MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from iastm_guide.content import markdown as md
from iastm_guide.content.page import Source
from iastm_guide.problems import Problem

MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\](?:\((?P<src>[^)\s]*)[^)]*\)|\[[^\]]*\])")
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
ALT_ATTR = re.compile(r"""\balt\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE)
PLACEHOLDER = {
    "image",
    "img",
    "picture",
    "photo",
    "figure",
    "diagram",
    "graphic",
    "icon",
    "chart",
    "alt",
    "alt text",
}
FILE_NAME = re.compile(r"^[\w./-]+\.(?:svg|png|jpe?g|gif|webp|avif)$", re.IGNORECASE)
ALT_HINT = "say what the image shows, for someone who cannot see it"

LineProblem = tuple[int, str]


def alt_problem(alt: str | None) -> str | None:
    """Why an alt text is not real alt text, or None if it is."""
    if alt is None:
        return "has no alt text"
    text = " ".join(alt.split())
    if not text:
        return 'has empty alt text (alt="" hides it from screen readers)'
    if text.casefold() in PLACEHOLDER or FILE_NAME.match(text):
        return f"has alt text '{text}', which says nothing about the image"
    return None


def check_markdown(markdown: str) -> Iterator[LineProblem]:
    """Images without real alt text, as (line in the Markdown, message)."""
    text = md.mask_code(markdown)
    for match in MD_IMAGE.finditer(text):
        problem = alt_problem(match.group("alt"))
        if problem:
            src = match.group("src") or "the image"
            yield (
                md.line_of(text, match.start()),
                f"image {src} {problem}; {ALT_HINT}, e.g. ![A steel tool held at an angle on the calf](...)",
            )
    for match in HTML_IMG.finditer(text):
        attr = ALT_ATTR.search(match.group("attrs"))
        alt = next((g for g in attr.groups() if g is not None), "") if attr else None
        problem = alt_problem(alt)
        if problem:
            yield md.line_of(text, match.start()), f'<img> {problem}; add alt="..." that will {ALT_HINT}'


def svg_problem(text: str) -> LineProblem | None:
    """(line, message) when an SVG has no title, or cannot be read."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        return err.position[0], f"the SVG is not well-formed XML ({err}); fix it so browsers can draw it"
    if not root.tag.endswith("svg"):
        return 1, "the file does not start with an <svg> element"
    title = next((child for child in root if child.tag.rsplit("}", 1)[-1] == "title"), None)
    if title is None or not "".join(title.itertext()).strip():
        line = text.count("\n", 0, text.find("<svg")) + 1 if "<svg" in text else 1
        return (
            line,
            "the SVG has no <title>; add <title>What the figure shows</title> as the first element inside "
            '<svg> (and role="img" on <svg>) so screen readers can name it',
        )
    return None


def check_page(page: Source) -> Iterator[Problem]:
    """Images without real alt text in a page, at their file and line."""
    for line, message in check_markdown(page.body):
        yield Problem(page.name, line + page.offset, message)


def check_svg(text: str, name: str) -> Iterator[Problem]:
    """An SVG file without a title, at its file and line."""
    problem = svg_problem(text)
    if problem:
        yield Problem(name, *problem)
