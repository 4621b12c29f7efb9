"""iastm_guide/findability/handout.py: the printed handout's QR code."""

from __future__ import annotations

import re

from iastm_guide.findability import handout


def test_qr_svg_is_inline_labelled_and_scalable() -> None:
    url = "https://example.org/iastm-guide/conditions/neck-pain/"
    svg = handout.qr_svg(url)
    assert svg.startswith('<svg role="img" aria-label="QR code of this page&#x27;s address: ' + url + '" ')
    assert 'class="handout__qr"' in svg and "<?xml" not in svg
    assert re.search(r'viewBox="0 0 (\d+) \1"', svg), "square, sized by CSS"
    assert not re.search(r'\s(width|height)="', svg.split(">", 1)[0])


def test_the_same_address_always_gives_the_same_code() -> None:
    url = "https://example.org/iastm-guide/"
    assert handout.qr_svg(url) == handout.qr_svg(url)
    assert handout.qr_svg(url) != handout.qr_svg(url + "x")
