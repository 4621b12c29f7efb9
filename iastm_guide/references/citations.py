"""`[@key]` citations in a page's Markdown: checked, and prepared for mkdocs-bibtex.

The rules (`check`, each problem at its line in the Markdown given):
- an unknown key, with the nearest known key (mkdocs-bibtex alone drops it silently
  when not strict);
- a key written in another case than in references.bib (it would be listed twice);
- text in square brackets with an `@` that is not a citation (an e-mail address in
  link text): mkdocs-bibtex would destroy it;
- a line that starts with `[@key]:` (Markdown reads it as a link definition and hides
  the line); a footnote named like a reference key (the reference list would swallow it).
`prepare` then shields `[@key]` inside code spans and blocks from mkdocs-bibtex
(`unshield` restores them in the HTML), joins a citation wrapped over two lines onto
one (mkdocs-bibtex reads one line at a time) and gives a page that cites a
"References" heading, where the footnotes are placed; Material's search leaves that
section out of its index (`data-search-exclude`), as every reader downloads the index.
Runs after snippets are expanded, so citations in included files are checked too.
Hand-written: mkdocs-bibtex has no checks of its own. No MkDocs here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator

from iastm_guide.content.markdown import CODE

SHIELD = "\ue000"  # private-use character standing in for "@" inside code
FOOTNOTE_MARKER = "///Footnotes Go Here///"
REFERENCES_HEADING = '## References {#references .references-heading data-search-exclude="reference-list"}'
BRACKETS = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
CITATION_SPAN = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
CITATION_BLOCK = re.compile(r"^\s*@[\w-]+\s*(;\s*@[\w-]+\s*)*$")
KEY = re.compile(r"@([\w-]+)")
# A citation block over more than one line (mkdocs-bibtex would leave it as text).
WRAPPED = re.compile(r"\[(\s*@[\w-]+\s*(?:;\s*@[\w-]+\s*)*)\]")
# A line that starts with a citation and a colon: a Markdown link reference definition.
DEFINITION_LIKE = re.compile(r"^ {0,3}\[\s*@[\w-]+(?:\s*;\s*@[\w-]+)*\s*\]:", re.MULTILINE)
FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")

LineProblem = tuple[int, str]


def shield_code(markdown: str) -> str:
    """Replace "@" inside code with a placeholder mkdocs-bibtex does not see."""
    return CODE.sub(lambda m: m.group(0).replace("@", SHIELD), markdown)


def unshield(html: str) -> str:
    """The rendered page with "@" back inside code."""
    return html.replace(SHIELD, "@")


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


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def check(markdown: str, known: Collection[str]) -> Iterator[LineProblem]:
    """Every citation problem of a page's (expanded) Markdown, by line in it."""
    exact = set(known)
    lowered = {key.lower(): key for key in exact}
    shielded = shield_code(markdown)
    for match in DEFINITION_LIKE.finditer(shielded):
        yield (
            _line(shielded, match.start()),
            f"a line that starts with '{match.group(0)}' is read by Markdown as a link definition and "
            "disappears; start the line with words and put the citation after them",
        )
    for match in FOOTNOTE_LABEL.finditer(shielded):
        if match.group(1).lower() in lowered:
            yield (
                _line(shielded, match.start()),
                f"the footnote '[^{match.group(1)}]' has the name of a reference in references.bib and "
                "would be lost in the reference list; cite the reference as [@key], or give the footnote "
                "another name",
            )
    for line, key in cited_keys(shielded):
        if key in exact:
            continue
        problem = case_problem(key, exact, lowered)
        if problem:
            yield line, problem
            continue
        close = difflib.get_close_matches(key, list(exact), n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?" if close else "; add the entry to references.bib or fix the key"
        )
        yield line, f"unknown citation key '{key}'{hint}"
    for line, text in bracket_problems(shielded):
        yield (
            line,
            f"'{text}' has an '@' but is not a citation; mkdocs-bibtex would mangle it. Write citations as "
            "[@key] or [@a; @b]; put an e-mail address outside square brackets (<name@example.org>) or "
            "in `code`",
        )


def prepare(markdown: str) -> str:
    """The page ready for mkdocs-bibtex: code shielded, wrapped citations joined, and a
    "References" heading (with the footnotes' place) on a page that cites."""
    shielded = join_wrapped(shield_code(markdown))
    if any(True for _ in cited_keys(shielded)):
        shielded += f"\n\n{REFERENCES_HEADING}\n\n{FOOTNOTE_MARKER}\n\n\\bibliography\n"
    return shielded
