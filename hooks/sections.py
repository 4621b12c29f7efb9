"""Check that each page has the `##` sections its page type requires, in order.

Concern: page structure. The sections per page type are listed in
`content-rules.yml` (page_types.<type>.sections); with `exact_sections: true` no
other `##` section is allowed (use `###` inside a section instead). Headings are
compared without regard to case, extra spaces or a trailing `{#id}`.
"""

from __future__ import annotations

from collections.abc import Iterator

import content_rules
import markdown_source as md
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
_rules: content_rules.Rules | None = None

Problem = tuple[int, str]


def _norm(text: str) -> str:
    return " ".join(md.plain(text).casefold().split())


def check(headings: list[tuple[int, str]], page_type: content_rules.PageType) -> Iterator[Problem]:
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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _rules
    _rules = content_rules.for_config(config)
    return config


@event_priority(150)  # on the page as written, before citations.py adds "## References"
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _rules is not None, "on_config has not run"
    page_type = _rules.page_types.get(str(page.meta.get("page_type")))
    if page_type is None or not page_type.sections:
        return markdown  # no rule for this type (an unknown type is frontmatter.py's to report)
    src, offset = md.source_path(page, config), md.page_offset(page)
    headings = [
        (b.line + offset, b.text) for b in md.blocks(markdown) if b.kind == "heading" and b.level == 2
    ]
    for line, message in check(headings, page_type):
        log.warning(f"{src}:{line}: {message}")
    return markdown
