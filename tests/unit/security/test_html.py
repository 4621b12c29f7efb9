"""iastm_guide/security/html.py: HTML read as a browser reads it, for the security rules."""

from __future__ import annotations

import pytest

from iastm_guide.security.html import Node, attributes, document, elements, fragment, start_tag, tag, text

PAGE = (
    "<!doctype html><html lang=en><head><title>T</title><script>x()</script></head>"
    '<body><main id="m"><p>One <b>two</b></p><svg><foreignObject><div>d</div></foreignObject></svg>'
    "</main></body></html>"
)


def first(html: str) -> Node:
    """The first element of a fragment (there must be one)."""
    return next(elements(fragment(html)))


def test_elements_of_a_page_are_every_element_in_document_order() -> None:
    found = [tag(node) for node in elements(document(PAGE))]
    assert found == [
        "html",
        "head",
        "title",
        "script",
        "body",
        "main",
        "p",
        "b",
        "svg",
        "foreignobject",
        "div",
    ]


def test_a_page_without_its_html_head_and_body_gets_them_as_a_browser_adds_them() -> None:
    assert [tag(node) for node in elements(document("<p>x</p>"))] == ["html", "head", "body", "p"]


def test_elements_of_a_fragment_are_its_elements_without_the_page_around_them() -> None:
    found = [tag(node) for node in elements(fragment("<P>One <B>two</B></P><img src=x>text"))]
    assert found == ["p", "b", "img"]


@pytest.mark.parametrize("html", ["", "only text, no element"])
def test_a_fragment_without_elements_has_none(html: str) -> None:
    assert list(elements(fragment(html))) == []


def test_a_fragment_is_parsed_where_the_parser_puts_unclosed_and_stray_tags() -> None:
    found = [tag(node) for node in elements(fragment("<p>a<div>b</div></span><li>c"))]
    assert found == ["p", "div", "li"]  # a <div> closes the open <p>; a stray </span> is ignored


def test_attributes_have_lower_case_names_and_decoded_values() -> None:
    node = first('<A HREF="/x?a=1&amp;b=2" Data-X="&#x41;&lt;" hidden>l</A>')
    assert attributes(node) == [("href", "/x?a=1&b=2"), ("data-x", "A<"), ("hidden", "")]


def test_attribute_names_of_svg_are_lower_case_too() -> None:
    node = first('<svg viewBox="0 0 4 4" preserveAspectRatio=none></svg>')
    assert attributes(node) == [("viewbox", "0 0 4 4"), ("preserveaspectratio", "none")]


def test_an_encoded_javascript_url_is_seen_decoded() -> None:
    node = first('<a href="&#106;avascript&colon;x()">l</a>')
    assert attributes(node) == [("href", "javascript:x()")]


def test_an_element_without_attributes_has_none() -> None:
    assert attributes(first("<p>x</p>")) == []


def test_tag_is_the_element_name_in_lower_case() -> None:
    nodes = list(elements(fragment("<SCRIPT>x</SCRIPT><svg><foreignObject></foreignObject></svg>")))
    assert [tag(node) for node in nodes] == ["script", "svg", "foreignobject"]


def test_start_tag_is_the_start_tag_as_the_parser_writes_it() -> None:
    node = first("<a href=x title='a>b' ONCLICK=go()>link <b>text</b></a>")
    assert start_tag(node) == '<a href="x" title="a&gt;b" onclick="go()">'


def test_start_tag_of_a_void_element_and_of_odd_attribute_names() -> None:
    assert start_tag(first("<img src=x alt>")) == '<img src="x" alt="">'
    odd = first("<a =x>y</a>")  # '=x' is an attribute name to a browser
    assert start_tag(odd) == '<a =x="">'


def test_text_is_the_raw_text_of_a_script_not_markup() -> None:
    node = first('<script>if (a<b) { x = "</p><b>"; }</script>')
    assert tag(node) == "script"
    assert text(node) == 'if (a<b) { x = "</p><b>"; }'


def test_text_of_an_element_includes_its_children_text() -> None:
    assert text(first("<p>One <b>two</b></p>")) == "One two"
