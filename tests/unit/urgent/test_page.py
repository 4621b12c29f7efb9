"""iastm_guide.urgent.page: blocks checked and expanded; urgent advice typed by hand found."""

from __future__ import annotations

import pytest

from iastm_guide.urgent.data import Data, parse_data
from iastm_guide.urgent.page import find_markers, process, render, typed_by_hand
from tests.unit.urgent.test_data import GOOD, line_of

SOON = """  - id: worse
    says: it keeps getting worse
    level: soon
    conditions: [knee-pain]
    sources: [a2020, b2021]
    detect: [keeps getting worse]
"""


TEXT = GOOD + SOON
CALF, CHEST, WORSE = (
    f"urgent-help.yml:{line_of(TEXT, f'id: {s}')}" for s in ("calf-clot", "chest-pain", "worse")
)
HAND = "by hand; list the id in a '/// urgent-help' block instead, so the advice reads the same on every page"


@pytest.fixture(scope="module")
def data() -> Data:
    return parse_data(TEXT)


def messages(text: str, data: Data, condition: str | None = None, offset: int = 0) -> list[str]:
    return [str(p) for p in process(text, data, "docs/x.md", condition, offset).problems]


PAGE = (
    "# Heel pain\n\n## When to get medical help urgently\n\n"
    "/// urgent-help\nworse\ncalf-clot\nchest-pain\n///\n\nEnd.\n"
)


def test_a_block_becomes_the_levels_in_order_with_lead_ins_and_citations(data: Data) -> None:
    result = process(PAGE, data, "docs/x.md")
    assert result.problems == []
    assert result.text == (
        "# Heel pain\n\n## When to get medical help urgently\n\n"
        '<div class="urgent-help" markdown>\n\n'
        "**Call your local emergency number if:**\n{: .urgent-help__lead .urgent-help__lead--emergency }\n\n"
        "- you have chest pain\n\n"
        "**Get medical help the same day if:**\n{: .urgent-help__lead .urgent-help__lead--same-day }\n\n"
        "- your calf is swollen and warm [@nhs_dvt]\n\n"
        "**See your doctor soon if:**\n{: .urgent-help__lead .urgent-help__lead--soon }\n\n"
        "- it keeps getting worse [@a2020; @b2021]\n\n"
        "</div>\n\nEnd.\n"
    )


def test_only_levels_with_signs_are_shown(data: Data) -> None:
    text = render(["calf-clot"], data)
    assert "same day" in text and "emergency" not in text and "soon" not in text


def test_a_level_filter_limits_the_block(data: Data) -> None:
    text = "/// urgent-help | emergency, same-day\ncalf-clot\n///\n"
    assert messages(text, data) == []
    [marker], _ = find_markers(text, data, "docs/x.md")
    assert marker.levels == ("emergency", "same-day") and marker.signs == ("calf-clot",)
    assert messages("/// urgent-help | emergency\ncalf-clot\n///\n", data) == [
        f"docs/x.md:2: sign 'calf-clot' is a same-day sign ({CALF}) but this block shows only "
        "emergency; add same-day after '|' or remove the sign"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "/// urgent-help\ncalf-clott\n///\n",
            "docs/x.md:2: 'calf-clott' is not a warning sign in urgent-help.yml (did you mean 'calf-clot'?); "
            "use one of its ids (one a line), or add the sign there",
        ),
        (
            "/// urgent-help | urgent\ncalf-clot\n///\n",
            "docs/x.md:1: 'urgent' is not a level; use emergency, same-day, soon",
        ),
        (
            "/// urgent-help | same-dya\ncalf-clot\n///\n",
            "docs/x.md:1: 'same-dya' is not a level (did you mean 'same-day'?); "
            "use emergency, same-day, soon",
        ),
        (
            "Text.\n\n/// urgent-help\ncalf-clot\n",
            "docs/x.md:3: the '/// urgent-help' block is not closed; end it with a line '///' after the "
            "last sign id",
        ),
        (
            "/// urgent-help\n///\n",
            "docs/x.md:1: the '/// urgent-help' block names no warning sign; list the ids of the signs that "
            "apply (from urgent-help.yml), one a line",
        ),
        (
            "/// urgent-help\ncalf-clot\ncalf-clot\n///\n",
            "docs/x.md:3: sign 'calf-clot' is listed twice in this block; keep one",
        ),
        ("/// urgent\ncalf-clot\n///\n", "docs/x.md:1: '/// urgent' is not a block; write '/// urgent-help'"),
    ],
)
def test_a_bad_block_is_one_line_with_file_and_line(text: str, expected: str, data: Data) -> None:
    assert messages(text, data) == [expected]


def test_a_block_inside_code_is_left_alone(data: Data) -> None:
    text = "```\n/// urgent-help\nnot-a-sign\n///\n```\n"
    result = process(text, data, "docs/x.md")
    assert result.problems == [] and result.text == text


def test_lines_count_the_front_matter(data: Data) -> None:
    assert messages("/// urgent-help\nnope\n///\n", data, offset=7)[0].startswith("docs/x.md:9: 'nope'")


def test_a_condition_page_needs_a_block_at_its_urgent_section(data: Data) -> None:
    text = "# Knee\n\n## When to get medical help urgently\n\nSee a GP.\n"
    assert messages(text, data, "knee-pain") == [
        "docs/x.md:3: a condition page needs its urgent advice from urgent-help.yml: under '## When to get "
        "medical help urgently', add a '/// urgent-help' block listing the ids of the signs that apply "
        "(see CONTRIBUTING.md)"
    ]
    assert messages(text, data) == []  # other pages need none


def test_a_condition_page_shows_exactly_the_signs_given_for_it(data: Data) -> None:
    # chest-pain is given for heel-pain only; calf-clot can follow any session.
    assert messages("/// urgent-help\nworse\ncalf-clot\n///\n", data, "knee-pain") == []
    assert messages("/// urgent-help\nworse\nchest-pain\n///\n", data, "knee-pain") == [
        f"docs/x.md:1: sign 'chest-pain' is not given for 'knee-pain' in {CHEST}; add 'knee-pain' "
        "to its conditions, or remove it from this block"
    ]
    assert messages("/// urgent-help\ncalf-clot\n///\n", data, "knee-pain") == [
        f"docs/x.md:1: sign 'worse' applies to 'knee-pain' ({WORSE}) but this page does not list "
        "it; add its id to the block, or remove the condition from the sign"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intro.\n\nIf your calf is swollen and warm, call 999.\n",
            f"docs/x.md:3: this text words the warning sign 'calf-clot' ({CALF}) {HAND}",
        ),
        (
            "- a swollen calf\n- chest pain and a SWOLLEN calf\n",
            "docs/x.md:1: this text words the warning sign",
        ),
        (
            "Call your local emergency number if you feel faint.\n",
            "docs/x.md:1: this text gives urgent advice by hand ('emergency number', the emergency "
            "level); define the warning sign in urgent-help.yml and list it in a '/// urgent-help' block",
        ),
        (
            "## Get medical help the same day\n",
            "docs/x.md:1: this text gives urgent advice by hand ('the same day', the same-day level)",
        ),
    ],
)
def test_advice_typed_by_hand_fails_naming_the_line(text: str, expected: str, data: Data) -> None:
    found = messages(text, data)
    assert found and found[0].startswith(expected), found


def test_two_signs_in_one_block_are_named_together(data: Data) -> None:
    [found] = messages("It keeps getting worse, and my calf is swollen.\n", data)
    assert f"'calf-clot' ({CALF}), 'worse' ({WORSE}) {HAND}" in found


@pytest.mark.parametrize(
    "text",
    [
        "Calf muscle stiffness did not change.\n",
        "A swollen ankle after a run.\n",
        "`calf swollen` in code.\n",
        "<!-- calf swollen -->\n",
        "See [the page](swollen-calf.md) on calves.\n",  # a link's address is not read
        "The calf.\n\nIt was swollen.\n",  # two paragraphs
    ],
)
def test_ordinary_text_is_not_flagged(text: str, data: Data) -> None:
    assert messages(text, data) == []


def test_the_rendered_block_itself_is_not_flagged(data: Data) -> None:
    result = process(PAGE, data, "docs/x.md")
    assert typed_by_hand(PAGE, find_markers(PAGE, data, "docs/x.md")[0], data, "docs/x.md") == []
    assert result.problems == []
