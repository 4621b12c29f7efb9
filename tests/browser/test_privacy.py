"""In a real browser, no page asks any host but the site's own, and sets no cookies."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.helpers import html_pages, page_url

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_site_and_no_cookies(site: Path, served: str, browser: Any) -> None:
    own_host = urlparse(served).netloc
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    visited = 0
    for path in html_pages(site):
        page.goto(served + page_url(site, path), wait_until="networkidle")
        visited += 1
    # Open search too: it loads the index and a worker.
    page.goto(served + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("scar")
    page.wait_for_timeout(500)
    assert visited >= 2
    assert requests, "the browser made no requests at all: the test saw nothing"
    foreign = [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != own_host
    ]
    assert foreign == []
    assert any(url.endswith("search_index.json") for url in requests) or any(
        "search" in url for url in requests
    )
    assert context.cookies() == []
    context.close()
