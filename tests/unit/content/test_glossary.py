"""Glossary tooltips: read once a build, on first use only, none on the glossary page."""

from __future__ import annotations

from iastm_guide.content import glossary as glossary_tooltips


def test_abbreviation_elements_are_unwrapped_keeping_their_text() -> None:
    html = '<p><abbr title="Instrument-assisted soft tissue mobilisation">IASTM</abbr> and <b>x</b></p>'
    assert glossary_tooltips.unwrap_abbreviations(html) == "<p>IASTM and <b>x</b></p>"


def test_only_the_first_use_of_a_term_keeps_its_tooltip() -> None:
    html = '<p><abbr title="A">RCT</abbr>, <abbr title="B">SMD</abbr> and <abbr title="A">RCT</abbr></p>'
    assert glossary_tooltips.first_use_only(html) == (
        '<p><abbr title="A">RCT</abbr>, <abbr title="B">SMD</abbr> and RCT</p>'
    )


def test_the_glossary_file_is_read_into_terms_and_definitions() -> None:
    terms, problems = glossary_tooltips.read_glossary(
        "*[RCT]: Randomised controlled trial\n\n*[gua sha]:  A scraping treatment  \n", "g.md"
    )
    assert terms == {"RCT": "Randomised controlled trial", "gua sha": "A scraping treatment"}
    assert problems == []


def test_a_bad_glossary_line_is_named_by_file_and_line() -> None:
    terms, problems = glossary_tooltips.read_glossary(
        "*[RCT]: Trial\n*[RCT]: Again\n*[SMD] no colon\n", "g.md"
    )
    assert terms == {"RCT": "Trial"}
    assert str(problems[0]).startswith("g.md:2: 'RCT' is defined twice")
    assert str(problems[1]).startswith("g.md:3: not a glossary line")
