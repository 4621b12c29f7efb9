"""iastm_guide/content/page.py: a page as its editor wrote it, as every checker reads it."""

from __future__ import annotations

from mkdocs.utils.meta import get_data

from iastm_guide.content.page import Source

PAGE = """---
title: Neck pain
page_type: condition
last_reviewed: 2026-11-24
---


# Neck pain

Text.
"""


def test_the_body_and_its_offset_are_what_mkdocs_hands_to_plugins() -> None:
    page = Source.read("docs/x.md", PAGE)
    assert page.body == get_data(PAGE)[0]
    assert PAGE.split("\n")[page.offset] == "# Neck pain"
    assert page.key_lines == {"title": 2, "page_type": 3, "last_reviewed": 4}


def test_front_matter_is_read_as_written_dates_as_text() -> None:
    page = Source.read("docs/x.md", PAGE)
    assert page.meta == {"title": "Neck pain", "page_type": "condition", "last_reviewed": "2026-11-24"}
    assert page.page_type == "condition" and page.meta_problem is None
    assert [b.kind for b in page.blocks] == ["heading", "paragraph"]


def test_unreadable_front_matter_is_a_problem_and_no_meta() -> None:
    page = Source.read("docs/x.md", "---\ntitle: [a\n---\n\nText.\n")
    assert page.meta == {} and page.page_type is None
    assert page.meta_problem is not None and "not valid YAML" in page.meta_problem[1]
    assert page.body == get_data(page.text)[0], "left in the body, as MkDocs leaves it"
    missing = Source.read("docs/y.md", "# No front matter\n")
    assert missing.meta_problem is not None and "has no front matter" in missing.meta_problem[1]
