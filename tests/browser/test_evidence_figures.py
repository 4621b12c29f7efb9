"""The evidence map and the search's flow diagram in chromium: axe finds nothing, and
their text and circles keep their contrast in the light and dark palettes and in print.

Both are on the real evidence page (the map from evidence/studies.yml, the flow
from evidence/search-log.yml).
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS, SCHEME_ATTRIBUTE, VIEWPORTS

pytestmark = pytest.mark.browser

# For every figure: [text colour, the colour behind it, what contrast it needs].
COLOURS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let bg = "rgb(255, 255, 255)";
  for (let n = document.querySelector(".evidence-figure"); n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (rgb(c).length === 3 || rgb(c)[3] > 0) { bg = c; break; }
  }
  const out = [];
  for (const svg of document.querySelectorAll(".evidence-figure svg")) {
    for (const text of svg.querySelectorAll("text")) {
      const onDot = text.classList.contains("em-on-dot");
      const under = onDot ? getComputedStyle(svg.querySelector(".em-dot")).fill : bg;
      out.push({what: svg.getAttribute("class") + " text '" + text.textContent + "'",
                ratio: ratio(getComputedStyle(text).fill, under), needs: 4.5});
    }
    for (const dot of svg.querySelectorAll(".em-dot")) {
      out.push({what: "evidence-map circle", ratio: ratio(getComputedStyle(dot).fill, bg), needs: 3});
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def flow_site(served: str) -> str:
    """The real site: its evidence page carries both figures."""
    return served


def _low_contrast(page: Any, where: str) -> list[str]:
    found = page.evaluate(COLOURS)
    kinds = {item["what"].split(" ")[0] for item in found}
    assert {"evidence-map", "prisma-flow"} <= kinds, f"{where}: figures not found ({kinds})"
    return [
        f"{where}: {i['what']}: {i['ratio']:.2f} (needs {i['needs']})"
        for i in found
        if i["ratio"] < i["needs"]
    ]


@pytest.mark.parametrize("scheme", sorted(SCHEME_ATTRIBUTE))
def test_figures_keep_their_contrast_on_screen_and_on_paper(
    flow_site: str, browser: Any, scheme: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme=scheme)
    page = context.new_page()
    page.goto(flow_site + "/evidence/", wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEME_ATTRIBUTE[scheme]
    problems = _low_contrast(page, f"{scheme} screen")
    page.emulate_media(media="print")
    problems += _low_contrast(page, f"{scheme} print")
    ink = page.evaluate("getComputedStyle(document.querySelector('.prisma-flow text')).fill")
    assert ink in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 0.87)"), f"the printed flow is not black: {ink}"
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_contrast_check_itself_fails_on_faint_text(flow_site: str, browser: Any) -> None:
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(flow_site + "/evidence/", wait_until="load")
    page.evaluate("document.querySelector('.prisma-flow text').style.fill = '#dddddd'")
    assert any("prisma-flow text" in p for p in _low_contrast(page, "faint"))
    page.close()


@pytest.mark.parametrize("scheme", sorted(SCHEME_ATTRIBUTE))
def test_axe_finds_nothing_on_the_evidence_page_with_both_figures(
    flow_site: str, browser: Any, scheme: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme=scheme)
    context.add_init_script(script=Axe().axe_script)
    page = context.new_page()
    page.goto(flow_site + "/evidence/", wait_until="load")
    assert page.locator("svg.prisma-flow title").count() == 1
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    context.close()
    assert [v["id"] for v in result["violations"]] == []
