"""The printed handout's address: each page's full URL and a QR code of it.

Concern: handouts. A clinic prints a page for a patient; the print shows where the
page lives online, as text and as a QR code, so the patient can read the latest
version. The QR code is made here at build time by segno, as inline SVG (no image
file, no outside service); partials/handout.html prints it, the print rules in extra.css show it only
on paper.
"""

from __future__ import annotations

import html
from typing import Any

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from page_meta import source_path

log = get_plugin_logger(__name__)


# QR codes carry one of 8 masks. Choosing the best for each code is most of the cost
# of making it (about 5 ms a page against 1 ms); any mask reads back alike (the handout
# tests read every condition page's code with zbarimg), so every code uses this one.
MASK = 0


def qr_svg(url: str) -> str:
    """A QR code of `url` as an inline <svg> element, sized by CSS."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="handout__qr")
    label = html.escape(f"QR code of this page's address: {url}", quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    url = page.canonical_url
    if not url:
        log.warning(
            f"{source_path(page, config)}: no full URL for the printed handout; "
            "set site_url in mkdocs.yml (or the SITE_URL variable)"
        )
        return context
    context["handout"] = {"url": url, "qr_svg": qr_svg(url)}
    return context
