"""The site's Content Security Policy: inline code found, hashed and allowed.

Pure functions that find inline scripts and styles (and markup a policy would block)
in an HTML document, hash them as browsers do, compose the policy and put it in a
page's <head>. The build (iastm_guide/build/finish.py) applies them to the built
site, allowing only what the theme's templates produce; `headers.py` writes the same
policy for hosts that send headers. Hand-written: the policy is the site's own; no
library composes one from a theme. No MkDocs here.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_text
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

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


class _Inline(HTMLParser):
    """Collects executable inline scripts, inline <style> elements and blocked markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.blocked: list[Blocked] = []
        self._open: str | None = None  # "script" or "style" while collecting text
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: (value or "") for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.blocked.append(
                    Blocked(f'inline event handler {name}="..." on <{tag}>', line, rf"\b{name}\s*=")
                )
            elif name == "style":
                self.blocked.append(Blocked(f'style="{value}" attribute on <{tag}>', line, r"\bstyle\s*="))
            elif name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(Blocked(f"javascript: URL in {name} on <{tag}>", line, r"javascript\s*:"))
        if tag == "script" and "src" not in values:
            if values.get("type", "").strip().lower() in JS_TYPES:
                self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open == tag:
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
            self._open = None


@dataclass(frozen=True)
class Inline:
    scripts: list[str]
    styles: list[str]
    blocked: list[Blocked]


# The quick path. A start tag as far as its first ">" (a quoted value holding ">" cuts
# it short: then a quote is left over once the quoted values are taken out), a quoted
# value, an attribute name the policy blocks (on..., style; after a space, "/", or where
# a quoted value was), raw-text elements and comments in document order, and one
# attribute (as html.parser reads attributes).
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_BLOCKED_NAME = re.compile(r"""[\s/=](?:on[^\s/=>]*|style)(?=[\s/=>])""", re.IGNORECASE)
_RAW_TEXT = re.compile(
    r"""<!--.*?-->|<(script|style)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>(.*?)</\s*\1\s*>""",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""(?<=['"\s/])([^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")


def _harmless(tag: str) -> bool:
    """Whether a start tag surely holds nothing the policy blocks."""
    names = _QUOTED.sub(" ", tag)
    if '"' in names or "'" in names:  # cut short by a quoted ">", or odd: let the parser read it
        return False
    if _BLOCKED_NAME.search(names):
        return False
    return "javascript:" not in html_text.unescape(tag).lower()


def _attributes(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in _ATTRIBUTE.findall(" " + text):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        values[name.lower()] = html_text.unescape(value)
    return values


def _find_inline_quickly(html: str, harmless_tags: set[str]) -> Inline | None:
    """find_inline by regular expressions, for a document with nothing to block.

    `harmless_tags`: start tags already checked, added to here. Every page repeats the
    navigation's tags, so a caller scanning a whole site passes one set for all pages.

    None where a start tag might hold blocked markup (an attribute named on... or
    style, or "javascript:" once character references are decoded), where a tag is
    cut short by a quoted ">", or where a script or style tag closes itself: the HTML
    parser then decides. Where the quick path answers, it answers as the parser would
    (tests compare the two on every built page); it exists because the parser took
    most of a large site's build time.
    """
    tags = set(_TAG.findall(html)) - harmless_tags
    if not all(_harmless(tag) for tag in tags):
        return None
    harmless_tags.update(tags)
    scripts: list[str] = []
    styles: list[str] = []
    for match in _RAW_TEXT.finditer(html):
        tag, attributes, text = match.groups()
        if tag is None:  # a comment
            continue
        if attributes.rstrip().endswith("/"):
            return None
        values = _attributes(attributes)
        if tag.lower() == "style":
            styles.append(text)
        elif "src" not in values and values.get("type", "").strip().lower() in JS_TYPES:
            scripts.append(text)
    return Inline(scripts, styles, [])


def find_inline(html: str, harmless_tags: set[str] | None = None, *, quick: bool = True) -> Inline:
    """Executable inline scripts, inline styles, and markup the policy would block.

    harmless_tags: start tags found harmless on earlier pages (see _find_inline_quickly).
    quick=False always uses the HTML parser (the tests check the quick path against it).
    """
    html = META_TAG.sub("", html)
    found = _find_inline_quickly(html, set() if harmless_tags is None else harmless_tags) if quick else None
    if found is not None:
        return found
    parser = _Inline()
    parser.feed(html)
    parser.close()
    return Inline(parser.scripts, parser.styles, parser.blocked)


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


def insert_meta(html: str, policy: str) -> str | None:
    """Put the policy first in <head> (after <meta charset>, which must stay in the
    first 1024 bytes). Replaces an earlier policy. None if the document has no <head>."""
    html = META_TAG.sub("", html)
    head = HEAD.search(html)
    if head is None:
        return None
    charset = CHARSET.match(html, head.end())
    at = charset.end() if charset else head.end()
    return html[:at] + meta_tag(policy) + html[at:]
