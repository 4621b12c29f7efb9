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


# The quick path (regular expressions) must answer as the HTML parser does, or step aside.
QUICK_CASES = [
    '<head><script>a()</script><script type="application/ld+json">{}</script></head>',
    '<p title="a > b" onclick="go()">x</p>',  # a quoted ">" before a blocked attribute
    '<a href="&#106;avascript:go()">Go</a>',  # a javascript: URL behind a character reference
    '<a href="JavaScript:go()">Go</a>',
    '<p title="it\'s fine" style="color: red">x</p>',
    "<p data-x='1'onclick='go()'>x</p>",  # no space after a quoted value
    "<p\nonclick=go()>x</p>",
    "<button onclick>x</button>",  # no value: still an event handler attribute
    '<abbr title="said on = off">on</abbr> only a style = note in prose',
    "<!-- <script>hidden()</script> --><script>shown()</script>",
    "<style>p{}</style><script type=module>m()</script><script src=x.js></script>",
    '<script src="a.js"/><script>b()</script>',  # a self-closing script tag
    "<script>if (a<b) { c = '<p onclick=x>'; }</script>",  # markup inside a script is text
]


@pytest.mark.parametrize("html", QUICK_CASES)
def test_the_quick_path_answers_as_the_parser_does(html: str) -> None:
    assert cp.find_inline(html) == cp.find_inline(html, quick=False)


def test_the_quick_path_finds_nothing_to_block_in_plain_pages() -> None:
    html = '<head><script>a()</script></head><body><p title="x">on and on, in style</p></body>'
    assert cp._find_inline_quickly(html, set()) == cp.Inline(["a()"], [], [])


@pytest.mark.parametrize("html", QUICK_CASES[1:8])
def test_the_quick_path_steps_aside_where_markup_might_be_blocked(html: str) -> None:
    assert cp._find_inline_quickly(html, set()) is None


def test_a_tag_checked_on_one_page_does_not_hide_a_blocked_one_on_the_next() -> None:
    checked: set[str] = set()
    assert cp.find_inline('<nav><a href="/x/">X</a></nav>', checked).blocked == []
    assert checked, "the first page's tags are remembered"
    found = cp.find_inline('<nav><a href="/x/">X</a><a href="/y/" onclick="go()">Y</a></nav>', checked)
    assert [b.what for b in found.blocked] == ['inline event handler onclick="..." on <a>']
