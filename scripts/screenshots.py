"""Screenshots for review: the home page and one condition page, phone and desktop,
light and dark, as full-page PNGs.

Usage: python -m scripts.screenshots SITE_DIR OUT_DIR   (`make screenshots` builds first)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import html_pages, page_url

VIEWPORTS = {"phone": (390, 844), "desktop": (1366, 900)}
SCHEMES = ("light", "dark")


def pick_pages(site: Path) -> dict[str, str]:
    """Name -> URL path: the home page, and a condition page (else the next page)."""
    urls = [page_url(site, path) for path in html_pages(site)]
    conditions = [url for url in urls if url.startswith("/conditions/") and url != "/conditions/"]
    others = [url for url in urls if url != "/"]
    picked = {"home": "/"}
    second = conditions[0] if conditions else (others[0] if others else None)
    if second:
        picked[second.strip("/").replace("/", "-")] = second
    return picked


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def take_screenshots(browser: Any, base_url: str, pages: dict[str, str], out: Path) -> list[Path]:
    """One full-page PNG per page x viewport x colour scheme; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size, (width, height) in VIEWPORTS.items():
        for scheme in SCHEMES:
            # A fresh context has no saved palette: Material follows the system scheme.
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            for name, url in pages.items():
                page.goto(base_url + url, wait_until="networkidle")
                target = out / f"{name}-{size}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: screenshots.py SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    site, out = Path(argv[1]), Path(argv[2])
    if not (site / "index.html").is_file():
        print(f"error: {site}/index.html not found; build the site first (make build)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, serve(site) as base_url:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        files = take_screenshots(browser, base_url, pick_pages(site), out)
        browser.close()
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
