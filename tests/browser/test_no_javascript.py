"""With JavaScript switched off, every page's content, navigation and references
can still be read (and the phone menu still opens)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.helpers import html_pages, mkdocs_nav, page_url

pytestmark = pytest.mark.browser


def _top_level_nav_count() -> int:
    return len(mkdocs_nav())


def _paths(page: Any, selector: str) -> set[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.href)")
    return {urlsplit(href).path for href in hrefs}


def test_every_page_reads_without_javascript(site: Path, served: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    urls = [page_url(site, path) for path in html_pages(site)]
    tabs = _top_level_nav_count()
    citing = 0
    for url in urls:
        page.goto(served + url)
        assert page.evaluate("document.documentElement.classList.contains('no-js')"), "JavaScript ran"
        assert page.locator("article h1").first.is_visible(), f"{url}: no visible title"
        text = page.locator("article").first.inner_text()
        assert len(text.split()) >= 20, f"{url}: the content is not readable without JavaScript"
        visible_tabs = page.locator(".md-tabs__link:visible").count()
        assert visible_tabs == tabs, f"{url}: {visible_tabs} of {tabs} top-level sections linked"
        in_menu = _paths(page, ".md-nav--primary a[href]")
        missing = sorted(set(urls) - in_menu)
        assert missing == [], f"{url}: the menu does not link to {missing}"
        notes = page.locator(".footnote li")
        if notes.count():
            citing += 1
            assert page.locator("#references").is_visible(), f"{url}: no visible References heading"
            for index in range(notes.count()):
                assert notes.nth(index).is_visible(), f"{url}: reference {index + 1} is hidden"
                assert len(notes.nth(index).inner_text()) > 20, f"{url}: reference {index + 1} is empty"
    assert citing >= 1, "no page with references was seen"
    context.close()


def test_phone_menu_opens_without_javascript(served: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served + "/")
    link = page.locator(".md-sidebar--primary a.md-nav__link[href]").last
    assert not link.is_visible()
    page.locator('label.md-header__button[for="__drawer"]').click()
    link.wait_for(state="visible")
    context.close()
