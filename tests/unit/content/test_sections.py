"""Required sections per page type, in order."""

from __future__ import annotations

from iastm_guide.content import rules as content_rules
from iastm_guide.content import sections

SECTIONS = [
    "In short",
    "What it is",
    "What usually happens without treatment",
    "What helps first",
    "How IASTM is used for it",
    "What the research says and how sure we are",
    "Risks and who should not have it",
    "When to get medical help urgently",
    "Questions to ask your therapist",
]


def _headings(names: list[str]) -> list[tuple[int, str]]:
    return [(10 + 5 * n, name) for n, name in enumerate(names)]


def test_a_complete_condition_page_passes(rules: content_rules.Rules) -> None:
    condition = rules.page_types["condition"]
    assert list(sections.check(_headings(SECTIONS), condition)) == []
    written = [name.lower() + " {#x}" for name in SECTIONS]  # case and an id do not matter
    assert list(sections.check(_headings(written), condition)) == []


def test_a_missing_section_is_named_with_where_it_goes(rules: content_rules.Rules) -> None:
    found = list(
        sections.check(
            _headings([s for s in SECTIONS if s != "What helps first"]), rules.page_types["condition"]
        )
    )
    assert len(found) == 1
    line, message = found[0]
    assert (
        "needs the section '## What helps first'; add it after '## What usually happens without treatment'"
        in message
    )
    assert line == 25  # the heading it should come before


def test_sections_out_of_order_are_named(rules: content_rules.Rules) -> None:
    order = SECTIONS.copy()
    order[1], order[2] = order[2], order[1]
    found = list(sections.check(_headings(order), rules.page_types["condition"]))
    assert [(line, m.split(":")[0]) for line, m in found] == [(20, "'## What it is' is out of order")]


def test_an_extra_or_repeated_section_fails_on_a_condition_page(rules: content_rules.Rules) -> None:
    found = list(
        sections.check(
            _headings([*SECTIONS[:2], "Costs", *SECTIONS[2:], "What it is"]), rules.page_types["condition"]
        )
    )
    messages = [m for _, m in found]
    assert any("'## Costs' is not one of the sections of a condition page" in m for m in messages)
    assert any("'## What it is' appears twice" in m for m in messages)


def test_page_types_without_required_sections_pass_anything(rules: content_rules.Rules) -> None:
    assert list(sections.check(_headings(["Anything", "At all"]), rules.page_types["topic"])) == []
