"""The printed handout's address: each page's full URL and a QR code of it.

Concern: handouts. A clinic prints a page for a patient; the print shows where the
page lives online, as text and as a QR code, so the patient can read the latest
version. The QR code is made here at build time by segno, as inline SVG (no image
file, no outside service); partials/handout.html prints it, the print rules in extra.css show it only
on paper. Kept here rather than in a library: segno makes the code; what is the site's
own is the label and the fixed mask (below). No MkDocs here.
"""

from __future__ import annotations

import html
from importlib.metadata import version

import segno

from iastm_guide.cache import code_key, remembered

# QR codes carry one of 8 masks. Choosing the best for each code is most of the cost
# of making it (about 5 ms a page against 1 ms); any mask reads back alike (the handout
# tests read every condition page's code with zbarimg), so every code uses this one.
MASK = 0
_CODE = code_key(__file__)


def _code(url: str) -> str:
    code = segno.make(url, error="m", micro=False, mask=MASK)
    return str(
        code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="handout__qr")
    )


def qr_svg(url: str) -> str:
    """A QR code of `url` as an inline <svg> element, sized by CSS (kept in the build's
    cache under the address, segno's version and this code: most pages keep theirs)."""
    svg = remembered("handout-qr", [version("segno"), _CODE, url], lambda: _code(url))
    label = html.escape(f"QR code of this page's address: {url}", quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
