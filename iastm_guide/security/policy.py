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
from dataclasses import dataclass, field

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
# Where an attribute named on... or style could start: after white space, a slash or a
# quote (names are never encoded). A page without one cannot hold either, and the
# walk over every element (most of a 1000-page site's finishing time, as every page
# carries the whole navigation) is left to the pages that might.
URL_SPACE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
# A name at a line's end counts too (its "=" may be on the next line).
HANDLER_OR_STYLE = re.compile(r"""[\s/"'](?:on[a-z]+|style)\s*(?:=|$)""", re.IGNORECASE | re.MULTILINE)


@dataclass
class Seen:
    """What earlier pages of one site showed to hold nothing to block: elements (name and
    attributes) and lines of HTML. Every page repeats the navigation, so a caller reading
    a whole site passes one Seen for all its pages, and each is looked at once."""

    elements: set[tuple[object, ...]] = field(default_factory=set)
    lines: set[str] = field(default_factory=set)


def _may_carry_handler_or_style(page: str, seen: Seen) -> bool:
    """Whether some line of the page, not already seen on a page without one, might
    start an attribute named on... or style."""
    lines = set(page.split("\n")) - seen.lines
    if HANDLER_OR_STYLE.search("\n" + "\n".join(lines)):
        return True
    seen.lines |= lines
    return False


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
        if not value.strip():  # an empty handler runs nothing, an empty style sets nothing
            continue
        if key.startswith("on"):
            found.append((f'inline event handler {key}="..." on <{name}>', rf"\b{key}\s*="))
        elif key == "style":
            found.append((f'style="{value}" attribute on <{name}>', r"\bstyle\s*="))
        elif key in URL_KEYS and URL_SPACE.sub("", value).strip().lower().startswith("javascript:"):
            found.append((f"javascript: URL in {key} on <{name}>", r"javascript\s*:"))
    return len(found) > before


def find_inline(page: str, seen: Seen | None = None) -> Inline:
    """Executable inline scripts, inline styles, and markup the policy would block,
    as a browser's HTML parser reads the page (selectolax, security/html.py).

    seen: what earlier pages of the same site showed to be harmless (see Seen), added to."""
    seen = Seen() if seen is None else seen
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
    if _may_carry_handler_or_style(page, seen):  # look at every element
        candidates: Iterable[html.Node] = html.elements(tree)
    else:  # only a URL can be blocked, and a javascript: URL has a colon once decoded
        candidates = tree.css(", ".join(f'[{key}*=":"]' for key in URL_KEYS))
    for node in candidates:
        attributes = node.attributes
        if not attributes:
            continue
        signature = (node.tag, *attributes.items())
        if signature not in seen.elements and not _blocked(node, found):
            seen.elements.add(signature)
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
