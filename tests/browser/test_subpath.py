"""The site works when GitHub Pages serves it under a sub-path (a project site lives
at https://<owner>.github.io/<repository>/): built with that SITE_URL and served
only there, a crawl finds nothing broken and chromium loads every page, the "not
found" page and search without a single failed request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, build, html_pages, page_url, serve_site
from tests.site.test_links import crawl, missing_anchors

pytestmark = pytest.mark.browser

PREFIX = "/iastm-guide/"


@pytest.fixture(scope="module")
def subpath(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """(site dir, base URL without the prefix): the server runs before the build so
    that SITE_URL can carry its port."""
    out = tmp_path_factory.mktemp("subpath-site")
    with serve_site(out, prefix=PREFIX) as base:
        result = build(ROOT, out, SITE_URL=base + PREFIX)
        assert result.returncode == 0, result.stderr
        yield out, base


def test_a_crawl_under_the_sub_path_finds_nothing_broken(subpath: tuple[Path, str], tmp_path: Path) -> None:
    site, base = subpath
    rows, problems = crawl([base + PREFIX, base + PREFIX + "404.html"], tmp_path)
    problems += missing_anchors(rows, base, site, prefix=PREFIX)
    assert problems == [], "broken under the sub-path:\n" + "\n".join(problems)
    reached = {row["url"] for row in rows}
    for page in html_pages(site):
        assert base + PREFIX + page_url(site, page).lstrip("/") in reached


def test_pages_404_page_and_search_load_under_the_sub_path(subpath: tuple[Path, str], browser: Any) -> None:
    site, base = subpath
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # Leaving a page cancels its late requests (the favicon): ERR_ABORTED is no failure.
    page.on(
        "requestfailed",
        lambda r: None if "ERR_ABORTED" in str(r.failure) else failures.append(f"failed {r.url} {r.failure}"),
    )
    for path in html_pages(site):
        page.goto(base + PREFIX + page_url(site, path).lstrip("/"), wait_until="load")
        canonical = page.get_attribute("link[rel=canonical]", "href")
        assert str(canonical).startswith(base + PREFIX), canonical
    assert failures == [], "\n".join(failures)

    # A missing page two levels down: GitHub Pages serves 404.html there, and its
    # styles, scripts and links must still resolve.
    missing = base + PREFIX + "conditions/no-such-page/"
    response = page.goto(missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert failures == [f"404 {missing}"], "\n".join(failures)
    assert page.locator("h1").inner_text() == "Page not found"
    header = page.eval_on_selector(".md-header", "el => getComputedStyle(el).backgroundColor")
    assert header == "rgb(0, 105, 92)", "the 404 page's stylesheets did not load"
    home = page.eval_on_selector(".md-header__button.md-logo", "a => a.href")
    assert home.rstrip(".") == base + PREFIX, home

    # Search (its index and worker) under the sub-path, from the 404 page's form.
    failures.clear()
    page.fill("#not-found-query", "alphabetical")
    with page.expect_navigation():
        page.press("#not-found-query", "Enter")
    result = page.locator(".md-search-result__link").first
    result.wait_for(state="visible")
    assert str(result.get_attribute("href")).startswith(base + PREFIX + "references/")
    assert failures == [], "\n".join(failures)
    page.close()
