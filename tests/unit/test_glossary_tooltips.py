"""The glossary page's own text is shown without tooltips."""

from __future__ import annotations

import glossary_tooltips


def test_abbreviation_elements_are_unwrapped_keeping_their_text() -> None:
    html = '<p><abbr title="Instrument-assisted soft tissue mobilisation">IASTM</abbr> and <b>x</b></p>'
    assert glossary_tooltips.unwrap_abbreviations(html) == "<p>IASTM and <b>x</b></p>"


def test_only_the_first_use_of_a_term_keeps_its_tooltip() -> None:
    html = '<p><abbr title="A">RCT</abbr>, <abbr title="B">SMD</abbr> and <abbr title="A">RCT</abbr></p>'
    assert glossary_tooltips.first_use_only(html) == (
        '<p><abbr title="A">RCT</abbr>, <abbr title="B">SMD</abbr> and RCT</p>'
    )
