"""Glossary tooltips: read once a build, on first use only, none on the glossary page."""

from __future__ import annotations

from pathlib import Path

import glossary_tooltips

from tests.helpers import ROOT


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
    assert problems[0].startswith("g.md:2: 'RCT' is defined twice")
    assert problems[1].startswith("g.md:3: not a glossary line")


def test_every_page_gets_the_glossary_once_per_build(tmp_path: Path) -> None:
    """The terms go to the abbr extension's glossary: no page re-reads the list."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    glossary_tooltips.on_config(config)
    terms = config.mdx_configs["abbr"]["glossary"]
    assert terms["IASTM"].startswith("Instrument-assisted soft tissue mobilisation")
    assert len(terms) == len(
        (ROOT / "docs/includes/abbreviations.md").read_text(encoding="utf-8").splitlines()
    )
