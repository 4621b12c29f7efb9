"""Render docs/images/app-icon.svg to docs/images/apple-touch-icon.png (180x180).

iPhones and iPads ignore SVG home-screen icons, so the one PNG is made from the SVG
with Debian's chromium. Run it after changing the SVG, and commit both files:
    .venv/bin/python -m scripts.app_icon_png   (from the repository root)
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SIZE = 180


def main() -> None:
    from playwright.sync_api import sync_playwright

    svg = (ROOT / "docs" / "images" / "app-icon.svg").read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": SIZE, "height": SIZE})
        page.set_content(f'<body style="margin:0"><div style="width:{SIZE}px;height:{SIZE}px">{svg}</div>')
        page.screenshot(path=str(ROOT / "docs" / "images" / "apple-touch-icon.png"))
        browser.close()


if __name__ == "__main__":
    main()
