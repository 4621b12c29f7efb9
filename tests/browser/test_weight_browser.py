"""In chromium: the page-weight count is what the browser fetches, and the trimmed
theme stylesheet (iastm_guide/weight/css_trim.py) renders pages like Material's own.

To stay quick on a large site, each check visits a covering sample of pages: one page
for each distinct set of assets (for the count) and pages that between them use every
class on the site (for the stylesheet), found from the built HTML.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest

from bench.weight import browser_weight, static_weight
from tests.helpers import html_pages, page_url

pytestmark = pytest.mark.browser
TRIMMED = re.compile(r".*/assets/stylesheets/main\.[0-9a-f]+\.trimmed\.min\.css$")
VIEWS = (((390, 844), "light"), ((1280, 900), "light"), ((1280, 900), "dark"))
# Pixels whose colour differs by more than this in a channel count as a real difference;
# chromium's rasteriser itself varies by 1 or 2 between two loads of the same page.
TOLERANCE = 8
COMPARE = """async ([a, b, tolerance]) => {
  const load = async (data) => {
    const bitmap = await createImageBitmap(await (await fetch(data)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  };
  const [x, y] = [await load(a), await load(b)];
  if (x.width !== y.width || x.height !== y.height) return [-1, x.height, y.height];
  let count = 0, first = -1;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(x.data[i + c] - y.data[i + c]) > tolerance) {
        count++;
        if (first < 0) first = i / 4;
        break;
      }
    }
  }
  return [count, first, x.width];
}"""


def _asset_groups(site: Path) -> list[Path]:
    groups: dict[tuple[str, ...], Path] = {}
    for page in [*html_pages(site), site / "404.html"]:
        weight = static_weight(site, page)
        key = tuple(sorted(a.url for a in weight.render[1:] + weight.search))
        groups.setdefault(key, page)
    return list(groups.values())


def _class_cover(site: Path) -> list[Path]:
    """A few pages that between them carry every class used on any page."""
    classes = {
        page: set(" ".join(re.findall(r'\sclass="([^"]*)"', page.read_text(encoding="utf-8"))).split())
        for page in html_pages(site)
    }
    chosen = [site / "index.html"]
    left = set().union(*classes.values()) - classes[chosen[0]]
    while left:
        best = max(classes, key=lambda p: len(classes[p] & left))
        chosen.append(best)
        left -= classes[best]
    return chosen


def test_browser_fetches_exactly_what_the_budget_counts(site: Path, served: str, browser: Any) -> None:
    for page in _asset_groups(site):
        counted = static_weight(site, page)
        seen = browser_weight(browser.new_context, served, site, page)
        assert seen.missing == [] and seen.external == [], (page, seen.missing, seen.external)
        assert sorted(a.url for a in seen.render) == sorted(a.url for a in counted.render), page
        assert sorted(a.url for a in seen.search) == sorted(a.url for a in counted.search), page
        assert seen.render_bytes == counted.render_bytes, page


def _shots(browser: Any, served: str, urls: list[str], original: Path | None) -> list[tuple[str, bytes]]:
    """Screenshots of the pages in three views; with `original`, on Material's own CSS."""
    shots = []
    for (width, height), scheme in VIEWS:
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        if original is not None:
            context.route(TRIMMED, lambda route: route.fulfill(path=original, content_type="text/css"))
        tab = context.new_page()
        requested: list[str] = []
        tab.on("request", lambda request, seen=requested: seen.append(request.url))
        for url in urls:
            tab.set_viewport_size({"width": width, "height": height})
            tab.goto(served + url, wait_until="networkidle")
            # The whole page in one view, given time to settle: a full-page screenshot
            # resizes the window while it shoots, and the theme's scripts react to that.
            full = tab.evaluate("document.documentElement.scrollHeight")
            tab.set_viewport_size({"width": width, "height": full})
            tab.wait_for_timeout(300)
            shot = tab.screenshot(animations="disabled", caret="hide")
            shots.append((f"{url} at {width}px, {scheme}", shot))
        tab.set_viewport_size({"width": width, "height": height})
        assert any(TRIMMED.match(r) for r in requested), "the pages do not use the trimmed stylesheet"
        if width < 1000:
            tab.goto(served + "/", wait_until="networkidle")
            tab.click(
                "button.iastm-menu-button, label.md-header__button[for=__drawer]"
            )  # the navigation drawer
            tab.wait_for_timeout(400)
            shots.append(("/ with the drawer open", tab.screenshot(animations="disabled", caret="hide")))
            tab.goto(served + "/", wait_until="networkidle")
            tab.click("label.md-header__button[for=__search]")  # search, with results
            tab.keyboard.type("the")
            tab.wait_for_selector(".md-search-result__item")
            tab.mouse.move(200, 800)  # no hover tooltip over the clear button
            tab.wait_for_timeout(800)
            shots.append(("/ with search results", tab.screenshot(animations="disabled", caret="hide")))
        context.close()
    return shots


def test_trimmed_stylesheet_renders_pages_like_materials_own(site: Path, served: str, browser: Any) -> None:
    originals = [
        p for p in (site / "assets" / "stylesheets").glob("main.*.min.css") if "trimmed" not in p.name
    ]
    assert len(originals) == 1
    urls = [page_url(site, page) for page in _class_cover(site)]
    trimmed = _shots(browser, served, urls, None)
    full = _shots(browser, served, urls, originals[0])
    assert len(trimmed) == len(full) == 3 * len(urls) + 2
    tab = browser.new_page()
    for (name, a), (_, b) in zip(trimmed, full, strict=True):
        if a == b:
            continue
        data = [f"data:image/png;base64,{base64.b64encode(x).decode()}" for x in (a, b)]
        count, first, width = tab.evaluate(COMPARE, [*data, TOLERANCE])
        where = f"first at x={first % width}, y={first // width}" if count > 0 else f"sizes {first}/{width}"
        assert count == 0, (
            f"{name}: {count} pixels differ between the trimmed and Material's stylesheet, {where}"
        )
    tab.close()
