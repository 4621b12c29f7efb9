"""The Markdown reader the content hooks share: offsets, code masking, blocks, prose."""

from __future__ import annotations

from mkdocs.utils.meta import get_data

from iastm_guide.content import markdown as md

PAGE = """---
title: T
page_type: topic
---

# Title

A first paragraph that runs
over two lines [@key].

- an item with `code [@x]`
- another item

## Section {#section}

!!! note "How sure are we?"
    Body of the note.

| Head | Row |
| --- | --- |
| cell | 78% |

```
![](in-code.svg)
```

*[IASTM]: an abbreviation
Last line.
"""


def test_body_offset_counts_front_matter_and_the_blank_lines_mkdocs_strips() -> None:
    body, _ = get_data(PAGE)
    offset = md.body_offset(PAGE, body)
    assert body.startswith("# Title")
    assert PAGE.split("\n")[offset] == "# Title"  # body line 1 is file line offset + 1
    assert md.body_offset("no front matter\n", "no front matter\n") == 0


def test_key_lines_are_file_lines() -> None:
    assert md.key_lines(PAGE) == {"title": 2, "page_type": 3}
    assert md.key_lines("# no front matter\n") == {}


def test_mask_code_keeps_positions_and_hides_code() -> None:
    text = "a `b [@x]` c\n```\n[@y]\n```\n<!-- [@z] -->d"
    masked = md.mask_code(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "@" not in masked
    assert masked.startswith("a ") and masked.endswith("d")


def test_blocks_kinds_and_lines() -> None:
    body, _ = get_data(PAGE)
    found = [(b.line, b.kind, b.level) for b in md.blocks(body)]
    assert found == [
        (1, "heading", 1),
        (3, "paragraph", 0),
        (6, "item", 0),
        (7, "item", 0),
        (9, "heading", 2),
        (11, "title", 0),
        (12, "paragraph", 0),
        (14, "table", 0),
        (16, "table", 0),
        (23, "paragraph", 0),
    ]
    blocks = md.blocks(body)
    assert blocks[1].text == "A first paragraph that runs\nover two lines [@key]."
    assert blocks[5].text == "How sure are we?"
    assert "code" not in blocks[2].text  # code spans are masked


def test_a_numbered_line_inside_a_paragraph_does_not_start_a_list() -> None:
    blocks = md.blocks("Trials ran until\n2019. Then more.\n\n1. one\n2. two\n")
    assert [(b.line, b.kind) for b in blocks] == [(1, "paragraph"), (4, "item"), (5, "item")]


def test_plain_keeps_the_words_a_reader_reads() -> None:
    text = (
        "- **Bold** [link text](../x.md#y) and ![alt](a.svg) <b>tag</b> [@k; @j] {#id} <https://a.org> _em_"
    )
    assert md.plain(text) == "Bold link text and tag em"


def test_sentence_ends_list_items_but_not_sentences() -> None:
    assert md.sentence("an item") == "an item."
    assert md.sentence("Done.") == "Done."
    assert md.sentence('He said "stop."') == 'He said "stop."'
    assert md.sentence("") == ""
