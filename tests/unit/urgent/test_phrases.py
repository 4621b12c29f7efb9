"""iastm_guide.urgent.phrases: the phrases that identify a sign, and a page split into blocks."""

from __future__ import annotations

import pytest

from iastm_guide.content.markdown import mask_hidden as mask
from iastm_guide.content.markdown import statements as blocks
from iastm_guide.urgent.phrases import compile_phrase


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("calf + swol*", "If your calf is swollen and warm, call 999."),
        ("calf + swol*", "SWOLLEN, painful CALF"),
        ("swell* + calf", "a calf with swelling"),  # any order
        ("fall from a height", "after a fall\nfrom a  height"),  # any run of spaces in a term
        ("go to A&E", "Go to A&E now."),
        ("call 999", "call 999."),
    ],
)
def test_a_phrase_matches_when_every_term_is_in_the_block(phrase: str, text: str) -> None:
    assert compile_phrase(phrase).matches(text)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("calf + swol*", "calf muscle stiffness did not change"),  # one term missing
        ("calf + swol*", "a swollen knee"),
        ("calf + warm", "calfskin feels warm"),  # whole words only
        ("pop", "a popular tool"),
        ("pop", "a pop-up"),  # hyphenated words are one word
        ("call 999", "call 9999"),
    ],
)
def test_a_phrase_does_not_match_ordinary_text(phrase: str, text: str) -> None:
    assert not compile_phrase(phrase).matches(text)


@pytest.mark.parametrize("bad", ["calf + (swollen)", "calf +", "*calf", "calf.swollen"])
def test_a_malformed_phrase_is_refused_naming_the_term(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a term"):
        compile_phrase(bad)


def test_the_phrase_text_is_normalised() -> None:
    assert compile_phrase("calf+  swol*").text == "calf + swol*"


def test_blocks_are_paragraphs_items_headings_and_rows_with_their_first_line() -> None:
    text = (
        "# Title\n\nA paragraph\nthat goes on.\n\n- item one\n- item two\n  continued\n\n"
        "| a | b |\n\n**Term**\n:   Definition\n"
    )
    assert list(blocks(text)) == [
        (1, "# Title"),
        (3, "A paragraph that goes on."),
        (6, "- item one"),
        (7, "- item two continued"),
        (10, "| a | b |"),
        (12, "**Term**"),
        (13, ":   Definition"),
    ]


def test_code_comments_citations_and_link_addresses_are_not_read() -> None:
    text = (
        "Swollen `calf` here.\n\n```\ncalf swollen\n```\n\n<!-- calf swollen -->\n\n"
        "A [calf](https://example.org/swollen-calf) [@swollen_calf].\n"
    )
    masked = mask(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    found = list(blocks(text))
    assert [line for line, _ in found] == [1, 9]
    assert not any(compile_phrase("calf + swol*").matches(block) for _, block in found)
    assert "A [calf" in found[1][1]  # the link text is read: a reader sees it


def test_the_quick_test_passes_only_when_one_word_of_every_term_is_present() -> None:
    phrase = compile_phrase("calf + swol* + hot skin")
    assert phrase.needles == ("calf", "swol", "skin")
    assert phrase.could_match({"calf", "swol", "skin", "other"})
    assert not phrase.could_match({"calf", "swol"})
    # The quick test never refuses what the full match accepts.
    text = "My calf is swollen and the skin feels hot skin"
    assert phrase.matches(text)
    assert phrase.could_match({n for n in phrase.needles if n in text.casefold()})
