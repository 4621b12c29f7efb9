"""Page-weight budget: every page's render path within 70 KiB gzip and 6 requests.

The count is bench/weight.py's, the same code that writes the README's figures;
tests/browser/test_weight_browser.py holds it to what chromium really fetches.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from bench.weight import (
    RENDER_BUDGET_BYTES,
    RENDER_BUDGET_REQUESTS,
    static_weight,
)
from tests.helpers import html_pages


def _all_pages(site: Path) -> list[Path]:
    return [*html_pages(site), site / "404.html"]


def test_every_page_keeps_the_render_path_budget(site: Path) -> None:
    problems: list[str] = []
    pages = _all_pages(site)
    assert len(pages) >= 3
    for page in pages:
        weight = static_weight(site, page)
        assert weight.render_requests >= 4, f"{page}: the count saw no stylesheets or scripts"
        assert weight.external == [], weight.external
        problems += weight.problems()
    assert problems == []


def test_search_worker_and_index_are_counted_apart(site: Path) -> None:
    weight = static_weight(site, site / "index.html")
    assert [a.url for a in weight.search] == [
        weight.search[0].url,
        "/search/search_index.json",
    ]
    assert weight.search[0].url.startswith("/assets/javascripts/workers/search.")
    assert not any("search" in a.url for a in weight.render)


def _fake_site(root: Path, *, css_bytes: int, scripts: int) -> Path:
    (root / "assets").mkdir(parents=True)
    noise = random.Random(7).randbytes(css_bytes).hex()  # gzip gets it back to about css_bytes
    (root / "assets" / "big.css").write_text(
        f"body{{color:red}}/*{noise}*/@font-face{{src:url(font.woff2)}}", encoding="utf-8"
    )
    (root / "assets" / "font.woff2").write_bytes(b"\0" * 2000)
    for n in range(scripts):
        (root / "assets" / f"s{n}.js").write_text(f"console.log({n})", encoding="utf-8")
    tags = "".join(f'<script src="assets/s{n}.js"></script>' for n in range(scripts))
    page = root / "index.html"
    page.write_text(
        f'<html><head><link rel="stylesheet" href="assets/big.css"></head><body>{tags}'
        '<img src="assets/missing.png"></body></html>',
        encoding="utf-8",
    )
    return page


def test_budget_check_fails_a_heavy_page(tmp_path: Path) -> None:
    page = _fake_site(tmp_path, css_bytes=RENDER_BUDGET_BYTES + 5000, scripts=RENDER_BUDGET_REQUESTS)
    weight = static_weight(tmp_path, page)
    assert "/assets/font.woff2" in [a.url for a in weight.render]  # followed from the CSS
    assert weight.render_bytes > RENDER_BUDGET_BYTES
    problems = weight.problems()
    assert any("over the budget of 70 KiB" in p and "/assets/big.css" in p for p in problems), problems
    assert any(f"over the budget of {RENDER_BUDGET_REQUESTS}" in p for p in problems), problems
    assert any("/assets/missing.png, which is not in the built site" in p for p in problems), problems


def test_budget_check_passes_a_light_page(tmp_path: Path) -> None:
    page = _fake_site(tmp_path, css_bytes=1000, scripts=1)
    (tmp_path / "assets" / "missing.png").write_bytes(b"\x89PNG" + b"\0" * 100)
    weight = static_weight(tmp_path, page)
    assert weight.render_requests == 5  # html, css, font, script, image
    assert weight.problems() == []


def _squash(html: str) -> str:
    """Text without tags or any whitespace, so inline markup cannot split a match."""
    return re.sub(r"<[^>]+>|\s+", "", html)


def test_search_index_holds_page_text_but_no_reference_lists(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    indexed = _squash(" ".join(d["title"] + " " + d["text"] for d in docs))
    assert any(d["location"] == "" for d in docs), "the home page is indexed"
    assert not [d["location"] for d in docs if d["location"].endswith("#references")]
    references = page_info = 0
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        # Material strips the marker after indexing: readers never see it.
        assert 'data-search-exclude="reference-list"' not in html, page
        for listing in re.findall(r'<div class="footnote">.*?<ol>(.*?)</ol>', html, re.S):
            for item in re.findall(r"<li\b[^>]*>(.*?)</li>", listing, re.S):
                references += 1
                assert _squash(item)[:50] not in indexed, (page, item[:80])
        for block in re.findall(r'<aside class="page-info"[^>]*>(.*?)</aside>', html, re.S):
            page_info += 1
            # The block as a whole (a page may quote one of its sentences, say to explain it).
            tail = _squash(block[block.find('<p class="page-info__status"') :])
            assert len(tail) > 60 and tail not in indexed, (page, tail)
        first = re.search(r"<article[^>]*>.*?<p>(.*?)</p>", html, re.S)
        assert first and _squash(first.group(1))[:40] in indexed, (page, "its text is searchable")
    assert references and page_info, "no reference list or page-info block seen: the test saw nothing"


def test_theme_scripts_do_not_block_the_first_paint(site: Path) -> None:
    for page in _all_pages(site):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))
        assert any("bundle." in tag for tag in tags), page
        assert [t for t in tags if " defer" not in t and " async" not in t] == [], page
