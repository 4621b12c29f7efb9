"""Markup that page content may not carry, found in the HTML that Markdown made.

Pages, their front matter and the files they include come from pull requests, so the
HTML rendered from them is untrusted. This module finds, in one page's rendered
content (not the theme around it), everything that could run code, change where the
page sends readers, submit data, or fetch something from another host:

- elements: script, style, iframe, frame, frameset, object, embed, applet, portal,
  form, base, meta, link, foreignObject;
- attributes: event handlers (on...), style="...";
- URLs with the schemes javascript:, vbscript: or data: in any attribute that holds a
  URL (also when written with character references or spread out with white space,
  as browsers still read them);
- remote resources: an image, video, audio, track, source, SVG image or use element,
  or an input of type image, loading from another host (http:, https: or //host).

Each finding names what it is, the tag as written (to find it in the source), and
what to do instead. `neutralise` rewrites the offending tags as visible text, so a
page that fails the build still cannot run anything if its output is opened.

Why hand-written: the rules are the site's own policy. The one HTML parser of the
build (selectolax, html.py) does the parsing, as a browser would; no MkDocs here.
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from iastm_guide.security import html

FORBIDDEN_ELEMENTS = {
    "script": "a <script> element (scripts in pages would run in every reader's browser)",
    "style": "a <style> element",
    "iframe": "an <iframe> (a page from elsewhere inside ours)",
    "frame": "a <frame>",
    "frameset": "a <frameset>",
    "object": "an <object> element",
    "embed": "an <embed> element",
    "applet": "an <applet> element",
    "portal": "a <portal> element",
    "form": "a <form> (pages do not collect data)",
    "base": "a <base> element (it would change where every link goes)",
    "meta": "a <meta> element (a meta refresh sends readers elsewhere)",
    "link": "a <link> element (stylesheets and icons come from the theme)",
    "foreignobject": "an SVG <foreignObject>",
}
# Attributes that hold a URL (HTML, SVG and MathML), where a scheme is checked.
URL_ATTRIBUTES = {
    "href",
    "xlink:href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "longdesc",
    "usemap",
    "ping",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
    "to",
    "from",
    "values",
    "by",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# Elements whose src-like attribute makes the browser fetch something.
RESOURCE_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "input": ("src",),
}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)
# Browsers drop ASCII tab and newline anywhere in a URL, and leading control characters
# and spaces, before they read its scheme.
_URL_NOISE = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")
_UNSPLIT = re.compile(r"[^\x00-\x20&]+")  # what character references or white space cannot split

FIX_ELEMENT = (
    "remove it: pages hold text, links and images only; looks go in docs/stylesheets/extra.css "
    "behind a class ({ .class-name } after the element)"
)
FIX_HANDLER = "remove it: behaviour belongs in the theme, not in pages"
FIX_STYLE = "give the element a class ({ .class-name } after it) and style it in docs/stylesheets/extra.css"
FIX_SCHEME = "link to a page or a web address (https://...); put images in docs/images/"
FIX_REMOTE = (
    "save the file in docs/images/ and link to it there: the site loads nothing from other hosts "
    "(privacy, and the Content Security Policy would block it)"
)


@dataclass(frozen=True)
class Finding:
    """One piece of forbidden markup in a page's content."""

    what: str  # e.g. 'inline event handler onclick="..." on <button>'
    fix: str
    tag: str  # the start tag as written in the HTML
    needles: tuple[str, ...]  # regular expressions that find it in the Markdown, best first

    def message(self) -> str:
        return f"{self.what} is not allowed in page content; {self.fix}"


def url_scheme(value: str) -> str:
    """The URL's scheme as a browser reads it (references decoded, noise dropped), lower case."""
    decoded = _URL_NOISE.sub("", _LEADING.sub("", html_text.unescape(value)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", decoded)
    return (match.group(1).lower() + ":") if match else ""


def is_remote(value: str) -> bool:
    """Whether a resource URL points at another host (absolute or protocol-relative)."""
    decoded = _URL_NOISE.sub("", _LEADING.sub("", html_text.unescape(value)))
    return bool(REMOTE.match(decoded))


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _needles(tag: str, name: str | None = None, value: str | None = None) -> tuple[str, ...]:
    """Patterns that find the markup in the Markdown source, most exact first: the tag
    (raw HTML, as the parser writes it back), the attribute with its value, the value
    alone (a Markdown link or image), the longest piece of the value that character
    references or white space cannot have split (`&#106;ava&#x09;script:x()` as written:
    the parser gives the decoded value), the attribute name (attr_list)."""
    found = [re.escape(tag)]
    if name is not None and value is not None:
        found.append(re.escape(name) + r"\s*=\s*[\"']?" + re.escape(value))
        if len(value) >= 8:
            found.append(re.escape(value))
        piece = max(_UNSPLIT.findall(value), key=len, default="")
        if len(piece) >= 6 and piece != value:
            found.append(re.escape(piece))
    if name is not None:
        found.append(r"(?<![\w-])" + re.escape(name) + r"\s*=")
    return tuple(found)


def _findings(node: html.Node) -> list[Finding]:
    """Everything forbidden on one element (its own name and attributes)."""
    found: list[Finding] = []
    raw = html.start_tag(node)
    name = html.tag(node)
    attributes = html.attributes(node)
    if name in FORBIDDEN_ELEMENTS:
        found.append(Finding(FORBIDDEN_ELEMENTS[name], FIX_ELEMENT, raw, (re.escape(raw), rf"<{name}\b")))
    for key, text in attributes:
        if key.startswith("on"):
            found.append(
                Finding(f'inline event handler {key}="..." on <{name}>', FIX_HANDLER, raw, _needles(raw, key))
            )
        elif key == "style":
            found.append(
                Finding(f'style="{text}" attribute on <{name}>', FIX_STYLE, raw, _needles(raw, key, text))
            )
        elif key == "attributename" and text.strip().lower().startswith(("on", "href", "xlink:href")):
            found.append(
                Finding(
                    f"an SVG animation of the {text.strip()} attribute on <{name}>",
                    FIX_HANDLER,
                    raw,
                    _needles(raw, key, text),
                )
            )
        elif key in URL_ATTRIBUTES:
            found += _url_findings(name, key, text, raw, dict(attributes))
    return found


def _url_findings(name: str, key: str, text: str, raw: str, attributes: dict[str, str]) -> list[Finding]:
    if key == "srcset":
        urls = _srcset_urls(text)
    elif key in ("values", "to", "from", "by"):
        urls = text.split(";")
    else:
        urls = [text]
    found = []
    for url in urls:
        scheme = url_scheme(url)
        if scheme in BAD_SCHEMES:
            found.append(
                Finding(f"a {scheme} URL in {key} on <{name}>", FIX_SCHEME, raw, _needles(raw, key, text))
            )
        elif key in RESOURCE_ATTRIBUTES.get(name, ()) and is_remote(url):
            if name == "input" and attributes.get("type", "").lower() != "image":
                continue
            found.append(
                Finding(
                    f"<{name}> loading {url} from another host", FIX_REMOTE, raw, _needles(raw, key, text)
                )
            )
    return found


def _offending(tree: html.Tree) -> list[tuple[html.Node, list[Finding]]]:
    return [(node, found) for node in html.elements(tree) if (found := _findings(node))]


def find(content: str) -> list[Finding]:
    """Every forbidden element, attribute and URL in rendered page content, in order."""
    return [finding for _, found in _offending(html.fragment(content)) for finding in found]


def neutralise(content: str, findings: list[Finding]) -> str:
    """The content with each offending element shown as text (its markup escaped, quotes
    too, as the parser wrote it back), so nothing in it can run. The rest of the content
    is written back by the parser too (a failed build's output only needs to be inert)."""
    if not findings:
        return content
    tree = html.fragment(content)
    shown: dict[str, str] = {}  # placeholder -> the escaped markup it stands for
    gone: set[int] = set()
    for node, _ in _offending(tree):  # document order: an element before the ones inside it
        if any(ancestor.mem_id in gone for ancestor in _ancestors(node)):
            continue
        gone.add(node.mem_id)
        placeholder = f"\ue001{len(shown)}\ue001"
        shown[placeholder] = html_text.escape(node.html or "", quote=True)
        node.replace_with(placeholder)
    out = str(tree.html or "")
    for placeholder, escaped in shown.items():
        out = out.replace(placeholder, escaped)
    return out


def _ancestors(node: html.Node) -> list[html.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def escape_meta(value: Any) -> Any:
    """Front matter text values (nested too) as escaped Markup, so templates print a title
    like "</title><script>" as text wherever they print it; dates, numbers and flags
    unchanged."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escape_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: escape_meta(item) for key, item in value.items()}
    return value
