"""Check `[@key]` citations in each page before mkdocs-bibtex rewrites them.

Concern: citations in page Markdown.
- An unknown key fails the build with file, line and the nearest known key
  (mkdocs-bibtex alone drops it silently when not strict).
- Text in square brackets with an `@` that is not a citation (an e-mail address in
  link text) fails with a clear message: mkdocs-bibtex would destroy it.
- `[@key]` inside code spans and code blocks is shielded from mkdocs-bibtex and
  restored after rendering, so examples in code stay as written.
- A page that cites gets a "References" heading, where the footnotes are placed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from markdown_source import CODE, page_offset, source_path
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

SHIELD = "\ue000"  # private-use character standing in for "@" inside code
FOOTNOTE_MARKER = "///Footnotes Go Here///"
REFERENCES_HEADING = "## References {#references .references-heading}"
BRACKETS = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
CITATION_BLOCK = re.compile(r"^\s*@[\w-]+\s*(;\s*@[\w-]+\s*)*$")
KEY = re.compile(r"@([\w-]+)")


def shield_code(markdown: str) -> str:
    """Replace "@" inside code with a placeholder mkdocs-bibtex does not see."""
    return CODE.sub(lambda m: m.group(0).replace("@", SHIELD), markdown)


def cited_keys(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, key) for every citation outside code, in page order."""
    for match in BRACKETS.finditer(markdown):
        if CITATION_BLOCK.match(match.group(1)):
            line = markdown.count("\n", 0, match.start()) + 1
            for key in KEY.findall(match.group(1)):
                yield line, key


def bracket_problems(markdown: str) -> Iterator[tuple[int, str]]:
    """Bracketed text with an "@" that is not a well-formed citation block."""
    for match in BRACKETS.finditer(markdown):
        if not CITATION_BLOCK.match(match.group(1)):
            yield markdown.count("\n", 0, match.start()) + 1, match.group(0)


@event_priority(100)  # before mkdocs-bibtex (priority 0)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = source_path(page, config)
    known = config.plugins["bibtex"].registry.bib_data.entries  # type: ignore[attr-defined]
    # Front matter is already stripped by MkDocs: count it back for true line numbers.
    offset = page_offset(page)
    shielded = shield_code(markdown)
    any_citation = False
    for line, key in cited_keys(shielded):
        any_citation = True
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else "; add the entry to references.bib or fix the key"
            )
            log.warning(f"{src}:{line + offset}: unknown citation key '{key}'{hint}")
    for line, text in bracket_problems(shielded):
        log.warning(
            f"{src}:{line + offset}: '{text}' has an '@' but is not a citation; mkdocs-bibtex would "
            "mangle it. Write citations as [@key] or [@a; @b]; put an e-mail address outside "
            "square brackets (<name@example.org>) or in `code`"
        )
    if any_citation:
        shielded += f"\n\n{REFERENCES_HEADING}\n\n{FOOTNOTE_MARKER}\n\n\\bibliography\n"
    return shielded


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return html.replace(SHIELD, "@")
