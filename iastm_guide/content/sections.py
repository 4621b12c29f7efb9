"""Check that each page has the `##` sections its page type requires, in order.

Concern: page structure. The sections per page type are listed in
`content-rules.yml` (page_types.<type>.sections); with `exact_sections: true` no
other `##` section is allowed (use `###` inside a section instead). Headings are
compared without regard to case, extra spaces or a trailing `{#id}`. Checked on the
page as written (before the build adds its "References" section). No MkDocs here.
"""

from __future__ import annotations

from collections.abc import Iterator

from iastm_guide.content import markdown as md
from iastm_guide.content.page import Source
from iastm_guide.content.rules import PageType, Rules
from iastm_guide.problems import Problem

LineProblem = tuple[int, str]


def _norm(text: str) -> str:
    return " ".join(md.plain(text).casefold().split())


def check(headings: list[tuple[int, str]], page_type: PageType) -> Iterator[LineProblem]:
    """Problems with a page's `##` headings, given as (line, text) in page order."""
    required = list(page_type.sections)
    if not required:
        return
    wanted = {_norm(name): n for n, name in enumerate(required)}
    listing = "; ".join(required)
    kind = page_type.name
    seen: dict[int, int] = {}  # index in required -> line
    furthest = -1
    for line, text in headings:
        index = wanted.get(_norm(text))
        if index is None:
            if page_type.exact_sections:
                yield (
                    line,
                    f"'## {text}' is not one of the sections of a {kind} page ({listing}); "
                    "rename it to one of them, or make it a ### subsection",
                )
            continue
        if index in seen:
            yield line, f"'## {required[index]}' appears twice (first at line {seen[index]}); merge the two"
            continue
        seen[index] = line
        if index < furthest:
            yield (
                line,
                f"'## {required[index]}' is out of order: it belongs before '## {required[furthest]}' "
                f"(a {kind} page has, in order: {listing})",
            )
        furthest = max(furthest, index)
    for index, name in enumerate(required):
        if index in seen:
            continue
        before = [seen[i] for i in range(index) if i in seen]
        after = [seen[i] for i in range(index + 1, len(required)) if i in seen]
        where = f"after '## {required[index - 1]}'" if index else "as the first section"
        line = after[0] if after else (before[-1] if before else 1)
        yield line, f"a {kind} page needs the section '## {name}'; add it {where} (in order: {listing})"


def check_page(page: Source, rules: Rules) -> Iterator[Problem]:
    """The page's `##` headings against its page type's sections."""
    page_type = rules.page_types.get(str(page.page_type))
    if page_type is None or not page_type.sections:
        return  # no rule for this type (an unknown type is the front matter check's to report)
    headings = [(b.line + page.offset, b.text) for b in page.blocks if b.kind == "heading" and b.level == 2]
    for line, message in check(headings, page_type):
        yield Problem(page.name, line, message)
