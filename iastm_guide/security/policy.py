"""The site's Content Security Policy: inline code found, hashed and allowed.

Pure functions that find inline scripts and styles (and markup a policy would block)
in an HTML document (read by the one HTML parser, html.py), hash them as browsers do,
compose the policy and put it in a page's <head>. The build (build/finish.py) applies
them to the built site, allowing only what the theme's templates produce; `headers.py` writes the same
policy for hosts that send headers. Hand-written: the policy is the site's own; no
library composes one from a theme. No MkDocs here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from iastm_guide.security import html

# Script types a browser executes (everything else, such as application/json or
# application/ld+json, is a data block that CSP does not govern).
JS_TYPES = frozenset(
    {
        "",
        "module",
        "importmap",
        "speculationrules",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
META_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\s*', re.IGNORECASE)
CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


@dataclass(frozen=True)
class Blocked:
    """Markup the policy would block: what it is, and where in the HTML."""

    what: str
    line: int
    needle: str  # a regular expression to find it in the Markdown source


def sha256_source(text: str) -> str:
    """The CSP hash source of an inline element's text, as a browser computes it.

    Browsers hash the text after the HTML parser has normalised newlines.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class Inline:
    scripts: list[str]
    styles: list[str]
    blocked: list[Blocked]


URL_KEYS = ("href", "src", "action", "formaction")


def _line(source: str, needle: str, nth: int) -> int:
    """The line of the nth match of `needle` in the page (1 if it cannot be found)."""
    for count, match in enumerate(re.finditer(needle, source, re.IGNORECASE)):
        if count == nth:
            return source.count("\n", 0, match.start()) + 1
    return 1


def _blocked(node: html.Node, found: list[tuple[str, str]]) -> bool:
    """Add what the policy would block on one element; whether there was anything."""
    before = len(found)
    name = html.tag(node)
    for key, value in html.attributes(node):
        if key.startswith("on"):
            found.append((f'inline event handler {key}="..." on <{name}>', rf"\b{key}\s*="))
        elif key == "style":
            found.append((f'style="{value}" attribute on <{name}>', r"\bstyle\s*="))
        elif key in URL_KEYS and value.strip().lower().startswith("javascript:"):
            found.append((f"javascript: URL in {key} on <{name}>", r"javascript\s*:"))
    return len(found) > before


def find_inline(page: str, harmless: set[tuple[object, ...]] | None = None) -> Inline:
    """Executable inline scripts, inline styles, and markup the policy would block,
    as a browser's HTML parser reads the page (selectolax, security/html.py).

    harmless: elements (name and attributes) already found to hold nothing to block,
    added to here. Every page repeats the navigation's elements, so a caller reading a
    whole site passes one set for all its pages, and each is looked at once."""
    harmless = set() if harmless is None else harmless
    page = META_TAG.sub("", page)
    tree = html.document(page)
    scripts: list[str] = []
    styles: list[str] = []
    for node in tree.css("script, style"):
        values = dict(html.attributes(node))
        if html.tag(node) == "style":
            styles.append(html.text(node))
        elif "src" not in values and values.get("type", "").strip().lower() in JS_TYPES:
            scripts.append(html.text(node))
    found: list[tuple[str, str]] = []
    for node in html.elements(tree):
        attributes = node.attributes
        if not attributes:
            continue
        signature = (node.tag, *attributes.items())
        if signature not in harmless and not _blocked(node, found):
            harmless.add(signature)
    counts: dict[str, int] = {}
    blocked = []
    for what, needle in found:
        nth = counts[needle] = counts.get(needle, -1) + 1
        blocked.append(Blocked(what, _line(page, needle, nth), needle))
    return Inline(scripts, styles, blocked)


def compose(script_hashes: Iterable[str], style_hashes: Iterable[str], *, inline_scripts: bool) -> str:
    """The policy for <meta>, allowing the given hashes (the theme's inline scripts and
    styles). `inline_scripts` allows any inline script (mkdocs serve only)."""
    scripts = ["'self'", "'unsafe-inline'"] if inline_scripts else ["'self'", *sorted(set(script_hashes))]
    styles = ["'self'", *sorted(set(style_hashes))]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "style-src " + " ".join(styles),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        # The 404 page's search form submits to the site itself (GET ?q=); nothing else posts.
        "form-action 'self'",
    ]
    return "; ".join(directives)


def meta_tag(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def insert_meta(page: str, policy: str) -> str | None:
    """Put the policy first in <head> (after <meta charset>, which must stay in the
    first 1024 bytes). Replaces an earlier policy. None if the document has no <head>.
    An edit of the page's text at the place found, not a reading of it: writing the
    page back from a parsed tree would change every byte of every page."""
    page = META_TAG.sub("", page)
    head = HEAD.search(page)
    if head is None:
        return None
    charset = CHARSET.match(page, head.end())
    at = charset.end() if charset else head.end()
    return page[:at] + meta_tag(policy) + page[at:]
