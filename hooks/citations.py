"""Check `[@key]` citations in each page before mkdocs-bibtex rewrites them.

Concern: citations in page Markdown.
- An unknown key fails the build with file, line and the nearest known key
  (mkdocs-bibtex alone drops it silently when not strict).
- Text in square brackets with an `@` that is not a citation (an e-mail address in
  link text) fails with a clear message: mkdocs-bibtex would destroy it.
- `[@key]` inside code spans and code blocks is shielded from mkdocs-bibtex and
  restored after rendering, so examples in code stay as written.
- A page that cites gets a "References" heading, where the footnotes are placed.
- Nothing cited vanishes: a key written in another case than in references.bib fails
  (it would be listed twice); a line that starts with `[@key]:` fails (Markdown reads
  it as a link definition and hides the line); a footnote named like a reference key
  fails (the reference list would swallow it); a citation wrapped over two lines is
  joined onto one, so mkdocs-bibtex sees it (it reads one line at a time).
Runs after snippets are expanded (hooks/content_security.py), so citations in
included files are checked too, and messages name the included file and its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from markdown_source import CODE, page_offset, where
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

SHIELD = "\ue000"  # private-use character standing in for "@" inside code
FOOTNOTE_MARKER = "///Footnotes Go Here///"
REFERENCES_HEADING = "## References {#references .references-heading}"
BRACKETS = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
CITATION_SPAN = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
CITATION_BLOCK = re.compile(r"^\s*@[\w-]+\s*(;\s*@[\w-]+\s*)*$")
KEY = re.compile(r"@([\w-]+)")
# A citation block over more than one line (mkdocs-bibtex would leave it as text).
WRAPPED = re.compile(r"\[(\s*@[\w-]+\s*(?:;\s*@[\w-]+\s*)*)\]")
# A line that starts with a citation and a colon: a Markdown link reference definition.
DEFINITION_LIKE = re.compile(r"^ {0,3}\[\s*@[\w-]+(?:\s*;\s*@[\w-]+)*\s*\]:", re.MULTILINE)
FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")


def shield_code(markdown: str) -> str:
    """Replace "@" inside code with a placeholder mkdocs-bibtex does not see."""
    return CODE.sub(lambda m: m.group(0).replace("@", SHIELD), markdown)


def cited_keys(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, key) for every citation outside code, in page order (a citation
    wrapped over several lines included, at the line where it starts)."""
    for match in CITATION_SPAN.finditer(markdown):
        if CITATION_BLOCK.match(match.group(1)):
            line = markdown.count("\n", 0, match.start()) + 1
            for key in KEY.findall(match.group(1)):
                yield line, key


def bracket_problems(markdown: str) -> Iterator[tuple[int, str]]:
    """Bracketed text with an "@" that is not a well-formed citation block."""
    for match in BRACKETS.finditer(markdown):
        if not CITATION_BLOCK.match(match.group(1)):
            yield markdown.count("\n", 0, match.start()) + 1, match.group(0)


def join_wrapped(markdown: str) -> str:
    """Citation blocks spread over several lines, put on one line each."""
    return WRAPPED.sub(
        lambda m: "[" + " ".join(m.group(1).split()) + "]" if "\n" in m.group(0) else m.group(0), markdown
    )


def case_problem(key: str, exact: set[str], lowered: dict[str, str]) -> str | None:
    """Why a key that references.bib knows only in another case is refused."""
    if key in exact or key.lower() not in lowered:
        return None
    return (
        f"citation key '{key}' is written '{lowered[key.lower()]}' in references.bib; write it exactly "
        "so (the same reference in two cases would be listed twice)"
    )


@event_priority(100)  # before mkdocs-bibtex (priority 0); after snippets are expanded (120)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    known = config.plugins["bibtex"].registry.bib_data.entries  # type: ignore[attr-defined]
    exact = set(known.keys())
    lowered = {key.lower(): key for key in exact}
    # Front matter is already stripped by MkDocs: count it back for true line numbers.
    offset = page_offset(page)

    def at(line: int) -> str:
        return where(page, config, line, offset)

    shielded = shield_code(markdown)
    for match in DEFINITION_LIKE.finditer(shielded):
        log.warning(
            f"{at(shielded.count(chr(10), 0, match.start()) + 1)}: a line that starts with "
            f"'{match.group(0)}' is read by Markdown as a link definition and disappears; "
            "start the line with words and put the citation after them"
        )
    for match in FOOTNOTE_LABEL.finditer(shielded):
        if match.group(1).lower() in lowered:
            log.warning(
                f"{at(shielded.count(chr(10), 0, match.start()) + 1)}: the footnote "
                f"'[^{match.group(1)}]' has the name of a reference in references.bib and would be "
                "lost in the reference list; cite the reference as [@key], or give the footnote another name"
            )
    any_citation = False
    for line, key in cited_keys(shielded):
        any_citation = True
        if key in known:
            problem = case_problem(key, exact, lowered)
            if problem:
                log.warning(f"{at(line)}: {problem}")
            continue
        close = difflib.get_close_matches(key, list(exact), n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?" if close else "; add the entry to references.bib or fix the key"
        )
        log.warning(f"{at(line)}: unknown citation key '{key}'{hint}")
    for line, text in bracket_problems(shielded):
        log.warning(
            f"{at(line)}: '{text}' has an '@' but is not a citation; mkdocs-bibtex would "
            "mangle it. Write citations as [@key] or [@a; @b]; put an e-mail address outside "
            "square brackets (<name@example.org>) or in `code`"
        )
    shielded = join_wrapped(shielded)
    if any_citation:
        shielded += f"\n\n{REFERENCES_HEADING}\n\n{FOOTNOTE_MARKER}\n\n\\bibliography\n"
    return shielded


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return html.replace(SHIELD, "@")
