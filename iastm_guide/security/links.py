"""Links that leave the site open safely and say that they leave it.

Concern: external links in page content (the <article>, reference lists and the
report-a-problem link included; the header, navigation and footer excluded).
- rel="noopener noreferrer" (other values in rel are kept): the other site learns
  neither which page, nor which health question, the reader came from.
- class="external-link": docs/stylesheets/extra.css draws an icon after the link.
- a visually hidden " (opens another website)" for screen readers.
- No target="_blank": the link opens in the same tab, as readers expect, and the
  Back button brings them home (WCAG G200/G201: a new window only when essential).
Runs on the final HTML, so raw-HTML links in Markdown are treated too, and the
search index (built earlier) does not pick up the hidden text. No MkDocs here.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

NOTE = '<span class="external-link__note"> (opens another website)</span>'
ARTICLE = re.compile(r"<article\b[^>]*>(?P<body>.*)</article>", re.DOTALL)
# An <a> start tag, allowing ">" inside quoted attribute values.
A_TAG = re.compile(r"""<a(?P<attrs>(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?)>""", re.IGNORECASE)
ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
SKIP_CLASSES = frozenset({"md-content__button", "external-link"})


def is_external(href: str, own_host: str) -> bool:
    parts = urlsplit(href.strip())
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return False
    return bool(parts.netloc) and parts.netloc.lower() != own_host.lower()


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in ATTR.finditer(text):
        value = next((v for v in match.groups()[1:] if v is not None), None)
        found.append((match.group(1).lower(), None if value is None else html.unescape(value)))
    return found


def _tag(attrs: list[tuple[str, str | None]]) -> str:
    parts = [name if value is None else f'{name}="{html.escape(value, quote=True)}"' for name, value in attrs]
    return "<a" + "".join(" " + part for part in parts) + ">"


def _with(attrs: list[tuple[str, str | None]], name: str, words: list[str]) -> list[tuple[str, str | None]]:
    """The attribute list with `words` added to the space-separated attribute `name`."""
    for index, (key, value) in enumerate(attrs):
        if key == name:
            existing = (value or "").split()
            attrs[index] = (key, " ".join(existing + [w for w in words if w not in existing]))
            return attrs
    return [*attrs, (name, " ".join(words))]


def mark_external_links(fragment: str, own_host: str) -> str:
    """Every external <a href> in `fragment` gets rel, class and the hidden note."""
    out: list[str] = []
    position = 0
    for match in A_TAG.finditer(fragment):
        attrs = _attributes(match.group("attrs"))
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        href = values.get("href")
        if href is None or classes & SKIP_CLASSES or not is_external(href, own_host):
            continue
        close = fragment.find("</a>", match.end())
        if close == -1:
            continue
        attrs = _with(attrs, "rel", ["noopener", "noreferrer"])
        attrs = _with(attrs, "class", ["external-link"])
        out.append(fragment[position : match.start()])
        out.append(_tag(attrs) + fragment[match.end() : close] + NOTE + "</a>")
        position = close + len("</a>")
    out.append(fragment[position:])
    return "".join(out)


def mark_article(output: str, own_host: str) -> str | None:
    """The page with the external links of its <article> marked; None without an <article>."""
    article = ARTICLE.search(output)
    if article is None:
        return None
    body = mark_external_links(article.group("body"), own_host)
    return output[: article.start("body")] + body + output[article.end("body") :]
