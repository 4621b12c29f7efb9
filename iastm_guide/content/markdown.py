"""The shared Markdown reader: the only code that reads a page's source.

Every checker and every transformation that looks at a page as an editor wrote it
reads it through here (content checks, citations, snippets, urgent help, evidence
markers, spelling), so a page is split, masked and numbered one way:
- `split_front_matter`: the front matter and the body exactly as MkDocs hands them to
  plugins (mkdocs.utils.meta.get_data, written again here without MkDocs so that
  `make check` needs no build), with how many lines the body is shifted by;
- `key_lines`: the line of each front matter key, so messages give true file:line;
- `mask_code`: code spans, code blocks, HTML comments and generated blocks
  (`/// urgent-help`) blanked out, keeping every other character where it was, so
  positions still map to lines; `mask_hidden` also blanks citations and link
  addresses (what a reader never reads);
- `blocks`: the page split into paragraphs, list items, headings, table rows and
  admonition titles, each with its first line, as Python-Markdown renders them (a
  list item cannot interrupt a paragraph); `statements`: every heading, list item,
  definition, table row and paragraph on its own, for matching phrases;
- `plain`: the words a reader reads in a block (no markup, URLs or citations).
Hand-written on purpose: Python-Markdown's parser does not keep source lines, and
the checks need the line of every finding. No MkDocs here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

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


# What MkDocs (mkdocs.utils.meta) takes for front matter: a YAML block, or else
# MultiMarkdown-style "Key: value" lines at the top.
MKDOCS_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
MKDOCS_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
MKDOCS_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(source: str) -> str:
    """The page's Markdown body as MkDocs gives it to plugins (`page.markdown`).

    As mkdocs.utils.meta.get_data: a YAML block that reads as a mapping is removed with
    the blank lines after it; a block that does not read is left in place; without a
    block, MultiMarkdown-style `Key: value` lines at the top are removed. The tests
    compare the two on every page and on odd cases."""
    if match := MKDOCS_YAML.match(source):
        try:
            data = yaml.load(match.group(1), _SAFE_LOADER)
        except Exception:  # as MkDocs: an unreadable block stays in the text
            return source
        return source[match.end() :].lstrip("\n") if isinstance(data, dict) else source
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    key = False
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if MKDOCS_META.match(line):
            key = True
        elif not (MKDOCS_META_MORE.match(line) and key):
            lines.insert(0, line)
            break
    return "\n".join(lines).lstrip("\n")


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


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(markdown: str, generated: bool = True) -> str:
    """Code, HTML comments and (unless `generated` is False: for the code that reads
    them) generated blocks replaced by spaces; lines and columns unchanged."""
    masked = COMMENT.sub(_blank, CODE.sub(_blank, markdown))
    return GENERATED_BLOCK.sub(_blank, masked) if generated else masked


HIDDEN = re.compile(r"\[\s*@[^\]]*\]|\]\([^)]*\)")  # citations, link addresses


def mask_hidden(markdown: str, generated: bool = True) -> str:
    """`mask_code`, and citations and link addresses blanked too: only what a reader reads."""
    return HIDDEN.sub(_blank, mask_code(markdown, generated))


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


STATEMENT_START = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^[ \t]*(?:[-*+]|\d{1,9}[.)]|:)[ \t]+|^[ \t]*\|")
ONE_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^[ \t]*\|")  # a heading or a table row


def statements(markdown: str) -> Iterator[tuple[int, str]]:
    """(first line, text on one line) of every heading, list item, definition, table row
    and paragraph, each on its own, with `mask_hidden` applied: the units a phrase is
    matched in (a list item is one statement even where it continues a paragraph)."""
    start = 0
    lines: list[str] = []
    for number, line in enumerate(mask_hidden(markdown).split("\n"), 1):
        if lines and (not line.strip() or STATEMENT_START.match(line)):
            yield start, " ".join(lines)
            lines = []
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
            if ONE_LINE.match(line):
                yield start, " ".join(lines)
                lines = []
    if lines:
        yield start, " ".join(lines)


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
