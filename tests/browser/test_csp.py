"""In a real browser the site obeys its Content Security Policy with every feature in use.

Every page is opened and used: search ("/" then typing, results appear), the palette
toggle, glossary tooltips (hovering an abbreviation) and navigation (clicking the
footer's "Next" link to reach the next page, and a header tab). No page may report a
`securitypolicyviolation` event, a console error or an uncaught exception. The
harness is shown able to fail: a page with one unlisted inline script and one style
attribute must be reported.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin

import pytest

from iastm_guide.security.headers import parse_headers_file
from tests.browser.csp_watch import Watch
from tests.helpers import html_pages, page_url

pytestmark = pytest.mark.browser

QUERY = "IASTM"  # a word the search finds on this site
VISIBLE = " >> visible=true"


def _search(page: Any) -> None:
    page.keyboard.press("/")
    page.keyboard.type(QUERY)
    page.wait_for_selector(".md-search-result__item" + VISIBLE, timeout=10_000)
    page.keyboard.press("Escape")


def _toggle_palette(page: Any) -> None:
    before = page.evaluate("document.body.dataset.mdColorMedia")
    page.locator("form[data-md-component=palette] label" + VISIBLE).first.click()
    page.wait_for_function(
        "(before) => document.body.dataset.mdColorMedia !== before", arg=before, timeout=5_000
    )


def _hover_tooltip(page: Any) -> bool:
    abbr = page.locator("article abbr" + VISIBLE)
    if not abbr.count():
        return False
    abbr.first.hover()
    page.wait_for_selector("[role=tooltip].md-tooltip2--active" + VISIBLE, timeout=5_000)
    page.mouse.move(0, 0)
    return True


def _use_every_page(page: Any, watch: Watch, base: str, paths: list[str]) -> dict[str, int]:
    """Use each page; reach the next one through its footer "Next" link where there is one."""
    seen = {"pages": 0, "tooltips": 0, "clicks": 0}
    pending = [base + path for path in paths]
    url = pending[0]
    page.goto(url, wait_until="load")
    while True:
        here = page.url.split("#")[0]
        if here in pending:
            pending.remove(here)
        _toggle_palette(page)
        seen["tooltips"] += _hover_tooltip(page)
        _search(page)
        seen["pages"] += 1
        watch.collect()
        following = page.locator("a.md-footer__link--next")
        href = following.get_attribute("href") if following.count() else None
        target = urljoin(page.url, href) if href else None
        if target and target in pending:
            following.click()
            page.wait_for_url(target, wait_until="load")
            seen["clicks"] += 1
        elif pending:
            page.goto(pending[0], wait_until="load")
        else:
            return seen


def test_every_page_obeys_the_policy_with_all_features_in_use(site: Path, served: str, browser: Any) -> None:
    # Reduced motion: the same features without waiting for animations (twice as fast).
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(page)
    paths = [page_url(site, path) for path in html_pages(site)]
    seen = _use_every_page(page, watch, served, paths)
    # The header tabs are navigation too.
    page.goto(served + "/", wait_until="load")
    tab = page.locator("a.md-tabs__link" + VISIBLE).last
    target = urljoin(page.url, tab.get_attribute("href"))
    tab.click()
    page.wait_for_url(target, wait_until="load")
    _search(page)
    # Material's 404 page is a page readers see, too.
    page.goto(served + "/404.html", wait_until="load")
    _search(page)
    assert seen["pages"] >= len(paths) >= 2
    assert seen["clicks"] >= 1, "no page was reached through a navigation link"
    assert seen["tooltips"] >= 1, "no page had a glossary tooltip to hover"
    assert watch.problems() == []
    context.close()


def test_the_check_reports_an_unlisted_inline_script_and_a_style_attribute(served: str, browser: Any) -> None:
    """The same harness on a page given markup the policy does not allow."""
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page)
    fault_url = served + "/csp-fault/"
    home = page.request.get(served + "/").text()
    broken = home.replace(
        "</article>",
        '<p style="color: red">styled</p><script>document.title = "injected"</script></article>',
        1,
    )
    assert broken != home
    page.route(fault_url, lambda route: route.fulfill(body=broken, content_type="text/html"))
    page.goto(fault_url, wait_until="load")
    problems = watch.problems()
    directives = {v["directive"] for v in watch.violations}
    assert "script-src-elem" in directives, problems
    assert "style-src-attr" in directives, problems
    assert page.title() != "injected"
    context.close()


def test_external_links_show_an_icon_and_tell_screen_readers(site: Path, served: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(served + "/references/", wait_until="load")
    link = page.locator("article a.external-link").first
    icon = link.evaluate(
        "a => getComputedStyle(a, '::after').maskImage || getComputedStyle(a, '::after').webkitMaskImage"
    )
    assert icon.startswith('url("data:image/svg+xml'), icon
    note = link.locator(".external-link__note")
    assert note.text_content() == " (opens another website)"
    assert note.bounding_box()["width"] <= 1  # present for screen readers, not drawn
    page.close()


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """A loopback stand-in for Netlify / Cloudflare Pages: sends `_headers` for /*."""

    extra: ClassVar[list[tuple[str, str]]] = []

    def end_headers(self) -> None:
        for name, value in self.extra:
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served_with_headers(site: Path) -> Iterator[str]:
    rules = dict(parse_headers_file((site / "_headers").read_text(encoding="utf-8")))
    handler = type("Handler", (_HeadersHandler,), {"extra": rules["/*"]})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_site_works_under_the_headers_file_too(served_with_headers: str, browser: Any) -> None:
    """The search worker and the page obey the header policy (meta and header together)."""
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page)
    response = page.goto(served_with_headers + "/", wait_until="load")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    _search(page)
    _toggle_palette(page)
    assert watch.problems() == []
    context.close()
