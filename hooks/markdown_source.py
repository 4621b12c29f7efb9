"""Read a page's Markdown source the way the content hooks need it.

A helper module for the hooks (not a hook itself):
- `source_path`, `body_offset` and `key_lines`: the file as an editor names it, how
  many lines of front matter MkDocs removed, and the line of each front matter key,
  so messages give true file:line.
- `mask_code`: code spans, code blocks, HTML comments and generated blocks
  (`/// urgent-help`) blanked out, keeping every other character where it was, so
  positions still map to lines.
- `blocks`: the page split into paragraphs, list items, headings, table rows and
  admonition titles, each with its first line (parsed once per page, shared by hooks).
- `plain`: the words a reader reads in a block (no markup, URLs or citations).
- `remember_expansion`, `expansion` and `where`: after snippets are expanded
  (hooks/content_security.py), the file and line each line of a page came from.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from iastm_guide.content.snippets import Expanded

CODE = re.compile(
    r"(?P<fence>^(?P<indent>[ \t]*)(?P<tick>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=tick)[ \t]*$)"
    r"|(?P<span>(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`))",
    re.MULTILINE | re.DOTALL,
)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)[ \t]*:", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Blocks the build writes (/// urgent-help ... ///): their lines are ids, not prose.
GENERATED_BLOCK = re.compile(r"^[ \t]*///[^\n]*\n.*?^[ \t]*///[ \t]*$", re.MULTILINE | re.DOTALL)
CITATION = re.compile(r"\[\s*@[\w-]+(?:\s*;\s*@[\w-]+)*\s*\]")

HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|:)[ \t]+")  # list item or definition
QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
TITLE = re.compile(
    r'^[ \t]*(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*|===\+?)[ \t]*(?:"(?P<title>.*)")?[ \t]*$'
)
TABLE_ROW = re.compile(r"^[ \t]*\|")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
SKIP = re.compile(
    r"^(?:\*\[[^\]]+\]:"  # abbreviation definition
    r"| {0,3}\[[^\]]+\]:[ \t]"  # link reference or footnote definition
    r"|[ \t]*\\(?:full_)?bibliography[ \t]*$"  # mkdocs-bibtex commands
    r"|[ \t]*;*-+8<-+"  # a snippet (an included file, checked on its own)
    r"|[ \t]*</?[A-Za-z][^>]*>[ \t]*$"  # a line that is only an HTML tag
    r"| {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$)"  # horizontal rule
)

IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
URL = re.compile(r"https?://\S+")
TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTR = re.compile(r"\{:?[ \t]*[#.][^}]*\}")
EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|~~|==")
END = (".", "?", "!", ":")


@dataclass(frozen=True)
class Block:
    line: int  # first line, 1-based, in the page's Markdown after front matter
    kind: str  # paragraph, item, heading, table, title
    text: str  # the source lines (code blanked out), joined with newlines
    level: int = 0  # heading level (1 for #, 2 for ##, ...)


def source_path(page: Page, config: MkDocsConfig) -> str:
    """The page's file relative to mkdocs.yml, as an editor would type it."""
    root = Path(config.config_file_path).parent
    return os.path.relpath(page.file.abs_src_path or page.file.src_uri, root)


def body_offset(source: str, body: str) -> int:
    """Lines before `body` in the file: front matter plus the blank lines MkDocs strips."""
    if body and source.endswith(body):
        return source.count("\n", 0, len(source) - len(body))
    return 0


def key_lines(source: str) -> dict[str, int]:
    """Line of each top-level front matter key in the file (line 1 is the opening ---)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}
    start = match.start("yaml")
    return {
        m.group("key"): source.count("\n", 0, start + m.start()) + 1
        for m in KEY_LINE.finditer(match.group("yaml"))
    }


_expansions: dict[str, Expanded] = {}  # page src_uri -> its snippet expansion (this build)


def remember_expansion(page: Page, expanded: Expanded) -> None:
    _expansions[page.file.src_uri] = expanded


def expansion(page: Page) -> Expanded:
    """The page's expansion; an empty one (no includes) if snippets were not expanded."""
    found = _expansions.get(page.file.src_uri)
    if found is None:
        lines = (page.markdown or "").count("\n") + 1
        return Expanded(page.markdown or "", [(None, n) for n in range(1, lines + 1)])
    return found


def where(page: Page, config: MkDocsConfig, line: int, offset: int) -> str:
    """'file:line' for line `line` of the page's expanded Markdown body: the page's own
    file (front matter counted back with `offset`), or the included file it came from."""
    name, number = expansion(page).origin(line)
    if name is None:
        return f"{source_path(page, config)}:{number + offset}"
    return f"{name}:{number} (included in {source_path(page, config)})"


def page_offset(page: Page) -> int:
    """`body_offset` for a page, during on_page_markdown (page.markdown is the body)."""
    return body_offset(page.file.content_string, page.markdown or "")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(markdown: str) -> str:
    """Code and HTML comments replaced by spaces; lines and columns unchanged."""
    return GENERATED_BLOCK.sub(_blank, COMMENT.sub(_blank, CODE.sub(_blank, markdown)))


def line_of(text: str, index: int) -> int:
    """1-based line of a character index."""
    return text.count("\n", 0, index) + 1


@functools.lru_cache(maxsize=8)  # each content hook asks for the same page in turn
def blocks(markdown: str) -> tuple[Block, ...]:
    """Split (code-masked) Markdown into the blocks a reader sees, in order."""
    found: list[Block] = []
    current: list[str] = []
    start, kind = 0, ""

    def close() -> None:
        nonlocal current
        if current:
            found.append(Block(start, kind, "\n".join(current)))
        current = []

    for number, line in enumerate(mask_code(markdown).split("\n"), 1):
        bare = QUOTE.sub("", line)
        heading = HEADING.match(bare)
        title = TITLE.match(bare)
        if not bare.strip() or SKIP.match(bare) or (TABLE_RULE.match(bare) and "-" in bare):
            close()
        elif heading:
            close()
            text = heading.group("text") or ""
            found.append(Block(number, "heading", text, len(heading.group("marks"))))
        elif title:
            close()
            found.append(Block(number, "title", title.group("title") or ""))
        elif TABLE_ROW.match(bare):
            close()
            found.append(Block(number, "table", bare))
        elif ITEM.match(bare) and (not current or kind == "item"):  # a list cannot interrupt a paragraph
            close()
            start, kind, current = number, "item", [bare]
        elif current:
            current.append(bare)
        else:
            start, kind, current = number, "paragraph", [bare]
    close()
    return tuple(found)


def plain(text: str) -> str:
    """The words of a block: no list markers, links' URLs, images, tags or citations."""
    text = "\n".join(ITEM.sub("", QUOTE.sub("", line), count=1) for line in text.split("\n"))
    text = CITATION.sub("", text)
    text = IMAGE.sub("", text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub("", text)
    text = TAG.sub("", text)
    text = URL.sub("", text)
    text = ATTR.sub("", text)
    text = EMPHASIS.sub("", text)
    text = text.replace("|", " ")
    return " ".join(text.split())


def sentence(text: str) -> str:
    """Text ending as a sentence (list items often have no full stop)."""
    if text and not text.rstrip("\"')]").endswith(END):
        return text + "."
    return text
