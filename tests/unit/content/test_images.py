"""Alt text on every image; a title in every SVG."""

from __future__ import annotations

import pytest

from iastm_guide.content import images


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("![](../images/tools.svg)", "image ../images/tools.svg has empty alt text"),
        ("![   ](a.svg)", "has empty alt text"),
        ("![image](a.svg)", "has alt text 'image', which says nothing"),
        ("![tools.svg](tools.svg)", "which says nothing"),
        ("![][ref]", "has empty alt text"),
        ('<img src="a.png">', "<img> has no alt text"),
        ('<img src="a.png" alt="">', "<img> has empty alt text"),
        ("<IMG SRC=a.png ALT=''>", "<img> has empty alt text"),
    ],
)
def test_images_without_real_alt_text_fail(markdown: str, words: str) -> None:
    found = list(images.check_markdown(f"# Title\n\nText.\n\n{markdown}\n"))
    assert len(found) == 1
    assert found[0][0] == 5
    assert words in found[0][1]


def test_images_with_real_alt_text_and_images_in_code_pass() -> None:
    text = (
        "![A steel tool held at an angle on the calf](a.svg)\n"
        '<img src="b.png" alt="A timeline of scraping tools">\n'
        "<img alt=Bronze src=c.png>\n"
        "Write `![](x.svg)` like this, never:\n\n```\n![](y.svg)\n<img src=z.png>\n```\n"
    )
    assert list(images.check_markdown(text)) == []


def test_an_svg_needs_a_non_empty_title() -> None:
    good = '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>Layers</title><desc>d</desc></svg>'
    assert images.svg_problem(good) is None
    assert images.svg_problem('<?xml version="1.0"?>\n<svg><title>Plain</title></svg>') is None
    missing = images.svg_problem(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><desc>d</desc></svg>'
    )
    assert missing is not None and missing[0] == 2 and "has no <title>" in missing[1]
    empty = images.svg_problem("<svg><title> </title></svg>")
    assert empty is not None and "has no <title>" in empty[1]
    nested = images.svg_problem("<svg><g><title>Only a group's title</title></g></svg>")
    assert nested is not None and "has no <title>" in nested[1]


def test_an_svg_that_is_not_xml_fails_with_its_line() -> None:
    broken = images.svg_problem("<svg>\n<title>T</title>\n<g></svg>")
    assert broken is not None and broken[0] == 3 and "not well-formed XML" in broken[1]
