"""iastm_guide/security/markup.py: what page content may not carry, found and made inert."""

from __future__ import annotations

import re

import pytest

from iastm_guide.security import markup


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ("<script>x()</script>", "a <script> element"),
        ('<script src="https://example.org/x.js"></script>', "a <script> element"),
        ("<style>p{}</style>", "a <style> element"),
        ('<meta http-equiv="refresh" content="0; url=https://example.org">', "a <meta> element"),
        ('<base href="https://example.org/">', "a <base> element"),
        ('<iframe src="/x"></iframe>', "an <iframe>"),
        ('<object data="x"></object>', "an <object> element"),
        ('<embed src="x">', "an <embed> element"),
        ('<form action="/x"></form>', "a <form>"),
        ('<link rel="stylesheet" href="x.css">', "a <link> element"),
        ("<svg><foreignObject></foreignObject></svg>", "an SVG <foreignObject>"),
        ('<p onclick="x()">a</p>', 'inline event handler onclick="..." on <p>'),
        ("<p ONMOUSEOVER=x()>a</p>", 'inline event handler onmouseover="..." on <p>'),
        ('<p style="color: red">a</p>', 'style="color: red" attribute on <p>'),
        ('<a href="javascript:x()">a</a>', "a javascript: URL in href on <a>"),
        ('<a href=" JaVaScRiPt:x()">a</a>', "a javascript: URL in href"),
        ('<a href="&#106;avascript:x()">a</a>', "a javascript: URL in href"),
        ('<a href="java&#x09;script:x()">a</a>', "a javascript: URL in href"),
        ('<a href="jav&NewLine;ascript:x()">a</a>', "a javascript: URL in href"),
        ('<a href="vbscript:x">a</a>', "a vbscript: URL in href"),
        ('<a href="data:text/html,<script>x()</script>">a</a>', "a data: URL in href"),
        ('<img alt="a" src="data:image/png;base64,AAAA">', "a data: URL in src on <img>"),
        ('<svg><a xlink:href="javascript:x()">a</a></svg>', "a javascript: URL in xlink:href"),
        (
            '<svg><set attributeName="href" to="javascript:x()"/></svg>',
            "an SVG animation of the href attribute",
        ),
        ('<button formaction="javascript:x()">a</button>', "a javascript: URL in formaction"),
        (
            '<img alt="a" src="https://example.org/a.png">',
            "<img> loading https://example.org/a.png from another host",
        ),
        ('<img alt="a" src="//example.org/a.png">', "<img> loading //example.org/a.png from another host"),
        (
            '<img alt="a" srcset="a.png 1x, https://example.org/b.png 2x">',
            "<img> loading https://example.org/b.png",
        ),
        ('<video poster="https://example.org/p.png"></video>', "<video> loading https://example.org/p.png"),
        ('<svg><image href="https://example.org/a.png"/></svg>', "<image> loading https://example.org/a.png"),
        ('<input type="image" src="https://example.org/a.png">', "<input> loading https://example.org/a.png"),
    ],
)
def test_each_kind_of_forbidden_markup_is_found(html: str, what: str) -> None:
    found = markup.find("<p>Text.</p>\n" + html)
    assert found, html
    assert what in found[0].what
    assert found[0].fix and found[0].message().startswith(found[0].what)


@pytest.mark.parametrize(
    "html",
    [
        '<p>Text with <a href="https://example.org/">an outside link</a> and <a href="../x/">a page</a>.</p>',
        '<a href="mailto:editors@example.org">write</a> <a href="tel:+441234">call</a>',
        '<img alt="A tool" src="../images/tool.svg">',
        "<p>Scripts are written &lt;script&gt; in text.</p>",
        "<pre><code>&lt;script&gt;x()&lt;/script&gt;</code></pre>",
        '<abbr title="data: a word, not a URL">RCT</abbr>',
        '<input type="text" src="https://example.org/x">',
        '<svg viewBox="0 0 1 1"><use href="#shape"/><title>A shape</title></svg>',
    ],
)
def test_ordinary_content_passes(html: str) -> None:
    assert markup.find(html) == []


def test_needles_find_the_markup_in_the_markdown_source() -> None:
    (raw,) = markup.find('<p>Go <a href="javascript:x()">now</a></p>')
    source = "A line.\n\nGo [now](javascript:x())\n"
    hits = [re.search(needle, source) for needle in raw.needles]
    assert any(hits), raw.needles
    (attr,) = markup.find('<p style="color: red">Red</p>')
    assert any(re.search(needle, 'Red\n{ style="color: red" }') for needle in attr.needles)


def test_neutralise_leaves_nothing_that_can_run() -> None:
    html = (
        '<p>Hi</p><script>window.x=1</script><img alt="a" src="x" onerror="y()">'
        '<iframe src="https://example.org"></iframe><a href="javascript:z()">z</a>'
    )
    safe = markup.neutralise(html, markup.find(html))
    assert markup.find(safe) == []
    assert (
        "<script" not in safe and "<iframe" not in safe and "onerror=" not in safe.replace("&quot;", '"')[:0]
    )
    assert "&lt;script&gt;window.x=1&lt;/script&gt;" in safe
    assert "<p>Hi</p>" in safe


def test_url_scheme_reads_as_browsers_do() -> None:
    assert markup.url_scheme("\x01 java\nscript:alert(1)") == "javascript:"
    assert markup.url_scheme("https://example.org") == "https:"
    assert markup.url_scheme("../page/") == ""
    assert markup.is_remote("HTTPS://example.org/a.png") and markup.is_remote("//cdn/x")
    assert not markup.is_remote("images/a.png") and not markup.is_remote("#top")
