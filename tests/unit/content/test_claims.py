"""Banned claims and uncited percentages."""

from __future__ import annotations

from typing import Any

import pytest

from iastm_guide.content import claims
from iastm_guide.content import rules as content_rules


def _check(rules: content_rules.Rules, markdown: str, **meta: Any) -> list[tuple[int, str]]:
    return list(claims.check_markdown(markdown, meta, {"claims_allow": 8, "description": 3}, 10, rules))


@pytest.mark.parametrize(
    "text",
    [
        "Scraping flushes out toxins.",
        "A gentle detox for your muscles.",
        "IASTM is clinically proven.",
        "It cures tennis elbow.",
        "Results are Guaranteed.",
        "The tool breaks up scar tissue.",
        "Therapists break up adhesions.",
        "It may flush\nout waste.",
    ],
)
def test_banned_claims_fail_with_line_and_advice(rules: content_rules.Rules, text: str) -> None:
    found = _check(rules, f"# Title\n\nFirst paragraph.\n\n{text}\n")
    assert found, text
    line, message = found[0]
    assert line == 15  # body line 5 after 10 lines of front matter
    assert "is a claim this site does not make" in message
    assert "claims_allow" in message


def test_words_that_only_look_alike_pass(rules: content_rules.Rules) -> None:
    text = "A secure curette. Non-toxic oil. A flushed face, flushed outward. No guarantee."
    assert _check(rules, text) == []


def test_code_link_urls_and_citation_keys_are_not_read(rules: content_rules.Rules) -> None:
    text = "Write `cure` in code, see [this page](../cure.md) and [@smith-cure].\n\n```\ndetox\n```\n"
    assert _check(rules, text) == []


def test_an_allowed_phrase_passes_only_inside_straight_double_quotes(rules: content_rules.Rules) -> None:
    quoted = 'Be wary of anyone who promises a "cure" or talks of "toxins".'
    assert _check(rules, quoted, claims_allow=["cure", "toxins"]) == []
    assert _check(rules, quoted, claims_allow=["cures", "toxin"]) == []  # any form names the phrase
    found = _check(rules, quoted + "\n\nIt will cure you.", claims_allow=["cure", "toxins"])
    assert [(line, "only inside straight double quotes" in m) for line, m in found] == [(13, True)]
    curly = _check(rules, "A \u201ccure\u201d.", claims_allow=["cure"])
    assert "not curly ones" in curly[0][1]


def test_quoting_alone_is_not_enough(rules: content_rules.Rules) -> None:
    found = _check(rules, 'They call it a "detox".')
    assert found and "add 'detox' to claims_allow" in found[0][1]


def test_allowances_must_be_banned_phrases_and_used(rules: content_rules.Rules) -> None:
    found = _check(rules, 'A "cure".', claims_allow=["cure", "miracle", "detox"])
    assert any(n == 8 and "lists 'miracle', which is not a banned phrase" in m for n, m in found)
    assert any(n == 8 and "lists 'detox', but the page never quotes it" in m for n, m in found)


def test_title_and_description_are_checked(rules: content_rules.Rules) -> None:
    found = _check(rules, "Body.", description="A guaranteed fix for back pain.")
    assert found and found[0][0] == 3 and found[0][1].startswith("in the description: 'guaranteed'")


@pytest.mark.parametrize("number", ["78%", "78 %", "7.5%", "78 per cent", "78 percent", "78\u00a0%"])
def test_a_percentage_needs_a_citation_in_the_same_block(rules: content_rules.Rules, number: str) -> None:
    found = _check(rules, f"Intro.\n\nOf those treated,\n{number} got better.\n")
    assert len(found) == 1 and found[0][0] == 14 and "has no source" in found[0][1]
    assert _check(rules, f"Of those treated, {number} got better [@sevier2015astym].\n") == []
    rows = (
        f"| Trial | Result |\n| --- | --- |\n| A | {number} better [@sevier2015astym] |\n| B | {number} |\n"
    )
    assert [line for line, _ in _check(rules, rows)] == [14]


def test_things_that_are_not_percentages_pass(rules: content_rules.Rules) -> None:
    text = "See [a page](https://example.org/a%20b) and `50%` in code. Five per cent of nothing."
    assert _check(rules, text) == []
