"""iastm_guide/security/policy.py: which inline code is found, how it is hashed, the policy."""

from __future__ import annotations

import re

import pytest

from iastm_guide.security import policy as cp


def test_hash_matches_the_csp_specification_example() -> None:
    # CSP Level 3, section "hash-source": alert('Hello, world.');
    assert (
        cp.sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_newlines_are_hashed_as_the_browser_parses_them() -> None:
    assert cp.sha256_source("a\r\nb\rc") == cp.sha256_source("a\nb\nc")


def test_executable_inline_scripts_are_found_and_data_blocks_are_not() -> None:
    html = (
        "<head><script>one()</script>"
        '<script type="module">two()</script>'
        '<script type="text/javascript">three()</script>'
        '<script src="x.js"></script>'
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>'
        '<script id="__config" type="application/json">{"base": "."}</script>'
        "<style>p { color: red }</style></head>"
    )
    found = cp.find_inline(html)
    assert found.scripts == ["one()", "two()", "three()"]
    assert found.styles == ["p { color: red }"]
    assert found.blocked == []


def test_script_text_is_taken_raw_like_the_browser() -> None:
    found = cp.find_inline("<script>if (a < b && c) { x = '&amp;'; }</script>")
    assert found.scripts == ["if (a < b && c) { x = '&amp;'; }"]


@pytest.mark.parametrize(
    ("html", "source"),
    [
        ('<button onclick="go()">Go</button>', 'onclick="go()"'),
        ('<p style="color: red">Red</p>', '{ style="color: red" }'),
        ('<a href="javascript:go()">Go</a>', "[Go](javascript:go())"),
    ],
)
def test_markup_the_policy_would_block_is_reported_with_its_line(html: str, source: str) -> None:
    found = cp.find_inline("<p>first</p>\n" + html)
    assert [b.line for b in found.blocked] == [2]
    # The pattern that finds it in the Markdown source skips the word "lifestyle".
    match = re.search(found.blocked[0].needle, "Lifestyle advice.\n" + source, re.IGNORECASE)
    assert match and match.start() > len("Lifestyle advice.")


def test_escaped_markup_in_code_is_not_reported() -> None:
    found = cp.find_inline(
        '<pre><code>&lt;p style="color: red"&gt; &lt;script&gt;x()&lt;/script&gt;</code></pre>'
    )
    assert found.blocked == [] and found.scripts == []


def test_policy_lists_hashes_and_never_unsafe_inline_outside_serve() -> None:
    policy = cp.compose(["'sha256-b'", "'sha256-a'", "'sha256-a'"], [], inline_scripts=False)
    assert "script-src 'self' 'sha256-a' 'sha256-b';" in policy
    assert "unsafe" not in policy
    serve = cp.compose(["'sha256-a'"], [], inline_scripts=True)
    assert "script-src 'self' 'unsafe-inline';" in serve and "sha256" not in serve


def test_meta_goes_after_charset_and_replaces_an_older_one() -> None:
    html = '<!doctype html><html><head>\n  <meta charset="utf-8">\n  <title>T</title></head></html>'
    once = cp.insert_meta(html, "default-src 'self'")
    assert once is not None
    assert '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src' in once
    twice = cp.insert_meta(once, "default-src 'none'")
    assert twice is not None and twice.count("Content-Security-Policy") == 1 and "'none'" in twice
    assert cp.insert_meta("<p>no head</p>", "x") is None


# Read as a browser reads them: each page, what is inline and what would be blocked.
CASES = [
    (
        '<head><script>a()</script><script type="application/ld+json">{}</script></head>',
        (["a()"], [], []),
    ),
    ('<p title="a > b" onclick="go()">x</p>', ([], [], ['inline event handler onclick="..." on <p>'])),
    ('<a href="&#106;avascript:go()">Go</a>', ([], [], ["javascript: URL in href on <a>"])),
    ('<a href="JavaScript:go()">Go</a>', ([], [], ["javascript: URL in href on <a>"])),
    ('<p title="it\'s fine" style="color: red">x</p>', ([], [], ['style="color: red" attribute on <p>'])),
    ("<p data-x='1'onclick='go()'>x</p>", ([], [], ['inline event handler onclick="..." on <p>'])),
    ("<p\nonclick=go()>x</p>", ([], [], ['inline event handler onclick="..." on <p>'])),
    ("<button onclick=' go()'>x</button>", ([], [], ['inline event handler onclick="..." on <button>'])),
    # No handler or style on the page: only URLs are looked at, as the browser decodes them.
    ('<a href="/x/">x</a><a href="java\tscript:go()">y</a>', ([], [], ["javascript: URL in href on <a>"])),
    ('<a href="&#106;avascript&colon;go()">y</a>', ([], [], ["javascript: URL in href on <a>"])),
    # With no value (or an empty one) a handler runs nothing and a style sets nothing.
    ("<button onclick>x</button><p style=''>y</p>", ([], [], [])),
    ('<abbr title="said on = off">on</abbr> only a style = note in prose', ([], [], [])),
    ("<!-- <script>hidden()</script> --><script>shown()</script>", (["shown()"], [], [])),
    ("<style>p{}</style><script type=module>m()</script><script src=x.js></script>", (["m()"], ["p{}"], [])),
    # A "self-closing" script tag opens a script (the slash means nothing in HTML): what
    # follows is that script's text, and a script with src runs no inline text.
    ('<script src="a.js"/><script>b()</script>', ([], [], [])),
    ("<script>if (a<b) { c = '<p onclick=x>'; }</script>", (["if (a<b) { c = '<p onclick=x>'; }"], [], [])),
]


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_pages_are_read_as_a_browser_reads_them(html: str, expected: tuple[list[str], ...]) -> None:
    found = cp.find_inline(html)
    assert (found.scripts, found.styles, [b.what for b in found.blocked]) == expected


def test_an_element_checked_on_one_page_does_not_hide_a_blocked_one_on_the_next() -> None:
    checked = cp.Seen()
    # A title that reads like a handler sends the page down the walk over every element.
    assert cp.find_inline('<nav><a href="/x/" title=" onclick=">X</a></nav>', checked).blocked == []
    assert checked.elements, "the first page's elements are remembered"
    assert cp.find_inline('<nav><a href="/z/">Z</a></nav>', cp.Seen()).blocked == []
    found = cp.find_inline('<nav><a href="/x/">X</a><a href="/y/" onclick="go()">Y</a></nav>', checked)
    assert [b.what for b in found.blocked] == ['inline event handler onclick="..." on <a>']
    again = cp.find_inline('<nav><a href="/y/" onclick="go()">Y</a></nav>', checked)
    assert len(again.blocked) == 1, "what is blocked is never remembered as harmless"


def test_the_line_of_each_blocked_attribute_is_found_in_order() -> None:
    page = '<p style="a">1</p>\n<p>2</p>\n<p style="b">3</p>'
    assert [b.line for b in cp.find_inline(page).blocked] == [1, 3]
