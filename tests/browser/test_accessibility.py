"""Accessibility in a real browser: axe-core on every page at a phone and a desktop
size in the light and the dark palette, and the keyboard: skip link, visible focus,
the phone menu and search."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import html_pages, page_url

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
# WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best practices. No rule is switched off.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
SCHEME_ATTRIBUTE = {"light": "default", "dark": "slate"}


def reader_pages(site: Path) -> list[str]:
    """Every page a reader can land on, the "not found" page included."""
    return [page_url(site, path) for path in html_pages(site)] + ["/404.html"]


def _describe(url: str, violation: dict[str, Any]) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
    return f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_no_violations_in_light_and_dark(site: Path, served: str, browser: Any, size: str) -> None:
    """One axe run per page and palette. The light and the dark page run at the same
    time (each in its own renderer process), which halves the time on two cores."""
    axe_source = Axe().axe_script
    pages = {}
    for scheme in SCHEME_ATTRIBUTE:
        # A fresh context has no saved palette choice: Material follows the system scheme.
        context = browser.new_context(viewport=VIEWPORTS[size], color_scheme=scheme)
        context.add_init_script(script=axe_source)
        pages[scheme] = context.new_page()
    problems: list[str] = []
    urls = reader_pages(site)
    for url in urls:
        for scheme, page in pages.items():
            page.goto(served + url, wait_until="load")
            shown = page.get_attribute("body", "data-md-color-scheme")
            assert shown == SCHEME_ATTRIBUTE[scheme], f"{url}: the {scheme} palette did not apply ({shown})"
            page.evaluate("options => { window.__axe = axe.run(document, options); }", AXE_OPTIONS)
        for scheme, page in pages.items():
            result = page.evaluate("() => window.__axe")
            assert result["toolOptions"]["runOnly"]["values"] == AXE_TAGS
            problems += [_describe(f"{url} ({scheme})", v) for v in result["violations"]]
    for page in pages.values():
        page.context.close()
    assert len(urls) >= 3
    assert problems == [], "\n".join(problems)


# Whether the focused element can be seen: its ring (or, for Material's visually
# hidden palette radio buttons, the ring of the label that shows it) and its box.
FOCUS_STATE = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return {done: true};
  const name = el.tagName + "." + el.className + " " + (el.textContent || "").trim().slice(0, 30);
  if (el.matches("input.md-option")) el = el.nextElementSibling;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  let opacity = 1;
  for (let node = el; node; node = node.parentElement) opacity *= +getComputedStyle(node).opacity;
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {done: false, name, visible: onScreen && style.visibility === "visible" && opacity > 0.9, ring};
}"""


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_focus_is_always_visible_with_a_ring(served: str, browser: Any, size: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS[size])
    page.goto(served + "/", wait_until="networkidle")
    seen: list[str] = []
    hidden: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["done"]:
            break
        if not (state["visible"] and state["ring"]):
            # Some parts slide into view (search box): give them a moment.
            try:
                page.wait_for_function(
                    f"() => {{ const s = ({FOCUS_STATE})(); return s.visible && s.ring; }}", timeout=1500
                )
            except Exception:
                state = page.evaluate(FOCUS_STATE)
                hidden.append(f"{state['name']} (visible: {state['visible']}, ring: {state['ring']})")
        seen.append(state["name"])
    page.close()
    assert len(seen) >= 5, f"too few focus stops: {seen}"
    assert hidden == [], "focus went somewhere a keyboard user cannot see:\n" + "\n".join(hidden)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_skip_link_is_first_and_moves_focus_to_the_content(served: str, browser: Any, size: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS[size])
    page.goto(served + "/", wait_until="networkidle")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), "Tab 1 is not the skip link"
    page.wait_for_function("() => +getComputedStyle(document.activeElement).opacity > 0.9")
    assert skip.is_visible()
    target = str(skip.get_attribute("href"))
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == target.lstrip("#")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article.md-content__inner')"), (
        "after the skip link, Tab must land in the page's content, not in the header or menu"
    )
    page.close()


MENU_LINK_ON_SCREEN = """() => [...document.querySelectorAll(".md-sidebar--primary a.md-nav__link")]
  .some(a => {
    const box = a.getBoundingClientRect();
    return box.width > 0 && box.left >= 0 && box.right <= innerWidth
      && getComputedStyle(a).visibility === "visible";
  })"""


def test_phone_menu_opens_and_closes_by_keyboard(served: str, browser: Any) -> None:
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(served + "/", wait_until="networkidle")
    menu = page.locator("button.iastm-menu-button")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('iastm-menu-button')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('iastm-menu-button')"), "no menu button"
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.evaluate(MENU_LINK_ON_SCREEN), "the closed menu's links must be out of sight and reach"
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function(MENU_LINK_ON_SCREEN)
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('iastm-menu-button')")
    page.close()


def _search_and_open_first_result(page: Any, words: str, *, arrow: bool) -> None:
    """Type, see results, then Enter: straight from the search box (Material opens
    the best result) or after moving to the first result with the down arrow."""
    page.keyboard.type(words)
    first = page.locator(".md-search-result__link").first
    first.wait_for(state="visible")
    # Results follow the typing; wait for those of the whole word (search.highlight
    # puts the words in each result's link).
    page.wait_for_function(
        "words => document.querySelector('.md-search-result__link').href.includes('h=' + words)", arg=words
    )
    expected = urlsplit(str(first.get_attribute("href")))
    if arrow:
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == expected.path


def test_search_is_reached_with_tab_and_used_by_keyboard(served: str, browser: Any) -> None:
    page = browser.new_page(viewport=VIEWPORTS["desktop"])
    page.goto(served + "/", wait_until="networkidle")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')"), (
        "Tab never reached search"
    )
    _search_and_open_first_result(page, "alphabetical", arrow=False)
    assert urlsplit(page.url).path == "/references/"
    page.close()


def test_search_opens_with_slash_on_a_phone(served: str, browser: Any) -> None:
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(served + "/", wait_until="networkidle")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.locator(".md-search__input").wait_for(state="visible")
    _search_and_open_first_result(page, "alphabetical", arrow=True)
    assert urlsplit(page.url).path == "/references/"
    page.close()
