"""The one HTML parser of the build: selectolax, over Lexbor (an HTML5 parser in C).

Page content (the HTML Markdown made) and the built pages are read the way a browser
reads them, elements, attributes and raw text alike; the security rules (markup.py,
policy.py) then look at what the parser found. An HTML5 parser decides the questions
a checker must not guess at: where a tag ends, what a character reference in an
attribute decodes to, what is a script's text and what is markup inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

Tree = LexborHTMLParser
Node = LexborNode
_START_TAG = re.compile(r"""<[^\s>/]+(?:\s+[^\s=>/]+(?:="[^"]*")?)*\s*/?>""")


def fragment(html: str) -> Tree:
    """Page content, parsed as a browser parses it inside an element of the page."""
    return LexborHTMLParser(html, is_fragment=True)


def document(html: str) -> Tree:
    """A whole built page."""
    return LexborHTMLParser(html)


def elements(tree: Tree) -> Iterator[Node]:
    """Every element, in document order (a walk over the tree: cheaper than a selector)."""
    if tree.root is None:
        return
    if tree.root.tag == "html":
        yield from tree.root.traverse(include_text=False)
    else:  # a fragment: its top-level nodes are siblings, which the selector finds
        yield from tree.css("*")


def attributes(node: Node) -> list[tuple[str, str]]:
    """(lower-case name, value with character references decoded) of each attribute."""
    return [(name.lower(), value or "") for name, value in node.attributes.items()]


def tag(node: Node) -> str:
    """The element's name, in lower case (SVG's foreignObject included)."""
    return str(node.tag or "").lower()


def start_tag(node: Node) -> str:
    """The element's start tag, as the parser writes it back."""
    html = node.html or ""
    found = _START_TAG.match(html)
    return found.group(0) if found else html.split(">", 1)[0] + ">"


def text(node: Node) -> str:
    """The raw text of a script or style element, as the browser hashes it."""
    return str(node.text(deep=True))
