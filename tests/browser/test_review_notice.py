"""The notice on a page past its review date, in a real browser: axe finds nothing on
it in the light and the dark palette, it shows under the title on screen, and it is
printed, black on white, on the handout."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.browser.test_accessibility import AXE_OPTIONS, SCHEME_ATTRIBUTE, VIEWPORTS, _describe
from tests.faults.test_content_rules import DUE
from tests.helpers import build, copy_project, serve_site

pytestmark = pytest.mark.browser

# Every page shares one review date: the day after it, every page is overdue.
OVERDUE = DUE + dt.timedelta(days=1)
URLS = ["/", "/conditions/plantar-heel-pain/", "/safety/"]
NOTICE = f"This page was due for review on {DUE.day} {DUE:%B} {DUE.year}."


@pytest.fixture(scope="module")
def overdue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site built with the clock past its review date, served on loopback."""
    project = copy_project(tmp_path_factory.mktemp("overdue-project"))
    site = tmp_path_factory.mktemp("overdue-site")
    result = build(project, site, IASTM_TODAY=OVERDUE.isoformat())
    assert result.returncode == 0, result.stderr
    with serve_site(site) as base:
        yield base


def test_the_notice_passes_axe_in_light_and_dark(overdue: str, browser: Any) -> None:
    axe_source = Axe().axe_script
    problems: list[str] = []
    for size in VIEWPORTS:
        for scheme in SCHEME_ATTRIBUTE:
            context = browser.new_context(viewport=VIEWPORTS[size], color_scheme=scheme)
            context.add_init_script(script=axe_source)
            page = context.new_page()
            for url in URLS:
                page.goto(overdue + url, wait_until="load")
                assert page.get_attribute("body", "data-md-color-scheme") == SCHEME_ATTRIBUTE[scheme]
                notice = page.locator(".review-notice")
                assert notice.is_visible(), f"{url} ({scheme}, {size}): no notice on screen"
                assert NOTICE in " ".join(notice.inner_text().split())
                result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
                problems += [_describe(f"{url} ({scheme}, {size})", v) for v in result["violations"]]
            context.close()
    assert problems == [], "\n".join(problems)


def test_the_notice_comes_right_after_the_title(overdue: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(overdue + URLS[1], wait_until="load")
    follows = page.evaluate("() => document.querySelector('article h1').nextElementSibling.className")
    assert follows == "review-notice"
    page.close()


def test_the_notice_is_printed_black_on_white(overdue: str, browser: Any) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(overdue + URLS[1], wait_until="networkidle")
    page.emulate_media(media="print")
    colours = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.review-notice'));"
        " return [s.color, s.backgroundColor, s.display]; }"
    )
    assert colours == ["rgb(0, 0, 0)", "rgba(0, 0, 0, 0)", "block"], colours
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    first_page = " ".join(pdf.pages[0].extract_text().split())
    assert NOTICE in first_page, first_page[:400]
    context.close()
