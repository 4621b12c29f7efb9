"""Every page prints as a clean patient handout. Condition pages (and the home page)
are printed to A4 PDFs by chromium: at most 3 pages, with the title, review dates,
disclaimer, references and the page's address, and a QR code that decodes back to
that address (pdftoppm renders the page, zbarimg reads the code)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.helpers import FIXTURE_CONDITION_URL, ROOT, html_pages, page_url

pytestmark = pytest.mark.browser

MAX_PAGES = 3
CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
]
CHROME += [".md-path", ".md-top", ".md-skip", ".md-content__button", ".page-info__report", ".headerlink"]


PRINTED = (
    "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden').length"
)


def condition_urls() -> list[str]:
    """The real condition pages: docs/conditions/*.md (the section's index excluded)."""
    pages = sorted((ROOT / "docs" / "conditions").glob("*.md"))
    return [f"/conditions/{path.stem}/" for path in pages if path.name != "index.md"]


# Paper is white and the text dark, even when the reader's screen is in dark mode.
PAPER = """() => [getComputedStyle(document.body).backgroundColor,
  getComputedStyle(document.querySelector("article p")).color,
  getComputedStyle(document.querySelector("article h1")).color]"""


def test_print_shows_the_handout_and_hides_site_chrome(site: Path, served: str, browser: Any) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    for path in html_pages(site):
        url = page_url(site, path)
        page.goto(served + url, wait_until="load")
        assert not page.locator(".handout").is_visible(), f"{url}: the handout header shows on screen"
        page.emulate_media(media="print")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        background, text, title = page.evaluate(PAPER)
        assert background == "rgb(255, 255, 255)", f"{url}: printed on {background}"
        assert text == title == "rgb(0, 0, 0)", f"{url}: printed text is {text}, the title {title}"
        assert page.locator(".handout").is_visible(), f"{url}: no handout header in print"
        assert page.locator(".handout__qr").is_visible(), f"{url}: no QR code in print"
        assert page.locator("article h1").first.is_visible()
        assert page.locator(".page-info__disclaimer").is_visible()
        for selector in CHROME:
            shown = page.eval_on_selector_all(selector, PRINTED)
            assert shown == 0, f"{url}: {selector} is printed"
        page.emulate_media(media="screen")
    context.close()


def _print(browser: Any, url: str, out: Path) -> Path:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    out.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    page.close()
    return out


# Printouts are measured with Liberation Sans (Arial's widths; the print stylesheet asks
# for Arial, which fontconfig maps to it). Another font fills the page differently.
PRINT_FONT = "Liberation"


def _fonts(reader: PdfReader) -> set[str]:
    """The base names of the fonts a PDF's pages use (subset prefix dropped)."""
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def _qr_codes(pdf: Path) -> list[str]:
    """The QR codes on the PDF's first page, read as a patient's phone would."""
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(pdf.with_suffix(""))],
        check=True,
    )
    image = next(pdf.parent.glob(pdf.stem + "*.png"))
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False
    )
    return [line for line in result.stdout.splitlines() if line]


def _check_handout(browser: Any, site: Path, base: str, url: str, out: Path) -> list[str]:
    html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    canonical = html.split('<link rel="canonical" href="', 1)[1].split('"', 1)[0]
    name = url.strip("/").replace("/", "-") or "home"
    pdf = _print(browser, base + url, out / f"{name}.pdf")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    problems = []
    other_fonts = sorted(font for font in _fonts(reader) if PRINT_FONT not in font)
    if other_fonts:
        problems.append(
            f"{url}: printed with {other_fonts}, not Liberation Sans, so its page count means nothing; "
            "install fonts-liberation (make test does) and keep the print font stack in extra.css"
        )
    if len(reader.pages) > MAX_PAGES:
        problems.append(
            f"{url}: prints on {len(reader.pages)} A4 pages (at most {MAX_PAGES}); shorten the page"
        )
    title = html.split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
    # The dates are named for who checked the page (overrides/partials/page-info.html).
    dates: tuple[str, ...]
    if "awaiting clinical review" in html:
        dates = ("Editors last checked this page", "Next check due", "no clinician has reviewed")
    else:
        dates = ("Page last reviewed", "Next review due")
    for needed in (title, *dates, "Medical disclaimer", canonical):
        if needed not in text:
            problems.append(f"{url}: the printout lacks {needed!r}")
    if 'class="footnote"' in html and "References" not in text:
        problems.append(f"{url}: the printout lacks its references")
    for chrome in ("Skip to content", "Back to top", "Table of contents", "Report a problem"):
        if chrome in text:
            problems.append(f"{url}: the printout shows site chrome {chrome!r}")
    codes = _qr_codes(pdf)
    if codes != [canonical]:
        problems.append(f"{url}: the QR code reads {codes}, not the page's address {canonical}")
    return problems


def test_condition_pages_and_home_print_as_handouts_with_a_working_qr_code(
    site: Path, served: str, fixture_site: Path, fixture_served: str, browser: Any, tmp_path: Path
) -> None:
    urls = ["/", *condition_urls()]
    problems = []
    for url in urls:
        problems += _check_handout(browser, site, served, url, tmp_path)
    # The fixture condition page (tests/fixtures/), as long as a real one, always too.
    problems += _check_handout(browser, fixture_site, fixture_served, FIXTURE_CONDITION_URL, tmp_path)
    assert problems == [], "\n".join(problems)
