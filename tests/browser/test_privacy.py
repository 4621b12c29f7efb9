"""In a real browser, no page asks any host but the site's own, sets no cookies and
logs no errors to the console."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.helpers import html_pages, page_url

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_site_no_cookies_no_console_errors(
    site: Path, served: str, browser: Any
) -> None:
    own_host = urlparse(served).netloc
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    current = {"url": ""}
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            errors.append(f"{current['url']}: console {message.type}: {message.text}")
            if message.type in ("error", "assert")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"{current['url']}: uncaught {error}"))
    page.on(
        "requestfailed",
        lambda request: (
            None
            if "ERR_ABORTED" in str(request.failure)  # a late request cut off by leaving the page
            else errors.append(f"{current['url']}: request failed: {request.url} ({request.failure})")
        ),
    )
    page.on(
        "response",
        lambda response: (
            errors.append(f"{current['url']}: HTTP {response.status} for {response.url}")
            if response.status >= 400
            else None
        ),
    )
    urls = [page_url(site, path) for path in html_pages(site)] + ["/404.html"]
    for url in urls:
        current["url"] = url
        page.goto(served + url, wait_until="networkidle")
    # Open search too: it loads the index and a worker.
    current["url"] = "/ (search)"
    page.goto(served + "/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("scar")
    page.locator(".md-search-result__meta").wait_for(state="visible")
    page.wait_for_timeout(300)
    assert len(urls) >= 3
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
    assert errors == [], "\n".join(errors)
    context.close()
