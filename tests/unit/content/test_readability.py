"""Readability: what counts as prose, the figures, and the limits."""

from __future__ import annotations

from iastm_guide.content import markdown as md
from iastm_guide.content import readability
from iastm_guide.content import rules as content_rules

EASY = "You can feel a bit sore. It goes away in a day or two. Tell your therapist if it hurts. "
HARD = (
    "Instrument-assisted soft tissue mobilisation purportedly facilitates fibroblastic proliferation, "
    "consequently ameliorating musculoskeletal dysfunction through mechanotransductive pathways. "
)


def test_only_the_pages_own_prose_is_measured() -> None:
    page = "\n".join(
        [
            "# A heading with extraordinarily polysyllabic vocabulary",
            "",
            "A short line [@seffrin2019iastm] with a [link](https://example.org/extraordinarily/long) here.",
            "",
            "- a list item",
            "",
            '!!! note "An admonition title with incomprehensible terminology"',
            "    Its body counts.",
            "",
            "| Table | Cells with incomprehensible terminology |",
            "| --- | --- |",
            "",
            "```",
            "code with incomprehensible terminology",
            "```",
        ]
    )
    assert readability.prose(md.blocks(page)) == [
        (3, "A short line with a link here."),
        (5, "a list item."),
        (8, "Its body counts."),
    ]


def test_plain_text_is_easy_and_jargon_is_hard() -> None:
    easy, hard = readability.measure(EASY * 10), readability.measure(HARD * 10)
    assert easy.grade < 5 < 15 < hard.grade
    assert easy.ease > 70 > 0 > hard.ease
    assert easy.words == 200


def test_limits_pass_and_fail_with_the_figure_and_the_limit() -> None:
    limits = content_rules.Readability(max_grade=8, min_ease=60)
    assert readability.problems(readability.Figures(7.9, 60.0, 500), limits, "topic") == []
    found = readability.problems(readability.Figures(9.3, 55.1, 500), limits, "topic")
    assert found == [
        "Flesch-Kincaid grade 9.3 is above the limit of 8 for topic pages",
        "Flesch Reading Ease 55.1 is below the minimum of 60 for topic pages",
    ]


def test_the_hardest_paragraphs_are_named_by_line() -> None:
    paragraphs = [(3, EASY * 2), (7, HARD * 2), (9, "Too short to rank, however incomprehensible.")]
    ranked = readability.hardest(paragraphs)
    assert [line for line, _ in ranked] == [7, 3]
    assert ranked[0][1] > ranked[1][1]
