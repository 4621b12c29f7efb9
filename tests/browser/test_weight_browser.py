"""In chromium: the page-weight count is what the browser fetches, and the trimmed
theme stylesheet (hooks/css_trim.py) renders every page exactly like Material's own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bench.weight import browser_weight, static_weight
from tests.helpers import html_pages, page_url

pytestmark = pytest.mark.browser
TRIMMED = re.compile(r".*/assets/stylesheets/main\.[0-9a-f]+\.trimmed\.min\.css$")


def test_browser_fetches_exactly_what_the_budget_counts(site: Path, served: str, browser: Any) -> None:
    pages = [*html_pages(site), site / "404.html"]
    for page in pages:
        counted = static_weight(site, page)
        seen = browser_weight(browser.new_context, served, site, page)
        assert seen.missing == [] and seen.external == [], (page, seen.missing, seen.external)
        assert sorted(a.url for a in seen.render) == sorted(a.url for a in counted.render), page
        assert sorted(a.url for a in seen.search) == sorted(a.url for a in counted.search), page
        assert seen.render_bytes == counted.render_bytes, page


VIEWS = (((390, 844), "light"), ((1280, 900), "light"), ((1280, 900), "dark"))


def _shots(browser: Any, served: str, urls: list[str], original: Path | None) -> list[bytes]:
    """Screenshots of every page in three views; with `original`, on Material's own CSS."""
    shots = []
    for (width, height), scheme in VIEWS:
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        if original is not None:
            context.route(TRIMMED, lambda route: route.fulfill(path=original, content_type="text/css"))
        tab = context.new_page()
        requested: list[str] = []
        tab.on("request", lambda request, seen=requested: seen.append(request.url))
        for url in urls:
            tab.goto(served + url, wait_until="load")
            shots.append(tab.screenshot(full_page=True, animations="disabled", caret="hide"))
        assert any(TRIMMED.match(r) for r in requested), "the pages do not use the trimmed stylesheet"
        if width < 1000:
            tab.goto(served + "/", wait_until="load")
            tab.click("label.md-header__button[for=__drawer]")  # the navigation drawer
            tab.wait_for_timeout(400)
            shots.append(tab.screenshot(animations="disabled", caret="hide"))
            tab.goto(served + "/", wait_until="networkidle")
            tab.click("label.md-header__button[for=__search]")  # search, with results
            tab.keyboard.type("fascia")
            tab.wait_for_timeout(600)
            shots.append(tab.screenshot(animations="disabled", caret="hide"))
        context.close()
    return shots


def test_trimmed_stylesheet_renders_every_page_like_materials_own(
    site: Path, served: str, browser: Any
) -> None:
    originals = [
        p for p in (site / "assets" / "stylesheets").glob("main.*.min.css") if "trimmed" not in p.name
    ]
    assert len(originals) == 1
    urls = [page_url(site, page) for page in html_pages(site)]
    trimmed = _shots(browser, served, urls, None)
    full = _shots(browser, served, urls, originals[0])
    assert len(trimmed) == len(full) == 3 * len(urls) + 2
    for n, (a, b) in enumerate(zip(trimmed, full, strict=True)):
        assert a == b, f"screenshot {n} differs between the trimmed and the original stylesheet"
