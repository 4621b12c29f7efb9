"""`make screenshots`: the script picks the home page and a condition page and saves
full-page PNGs at phone and desktop width, light and dark."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURE_CONDITION_URL, ROOT

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
assert _spec and _spec.loader
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)


def test_pages_picked_a_condition_page_when_there_is_one(site: Path, fixture_site: Path) -> None:
    picked = screenshots.pick_pages(fixture_site)
    assert picked["home"] == "/" and len(picked) == 2
    name, url = list(picked.items())[1]
    assert (
        url.startswith("/conditions/") and url != "/conditions/" and name == url.strip("/").replace("/", "-")
    )
    has_conditions = any(url.startswith("/conditions/") for url in screenshots.pick_pages(site).values())
    if not has_conditions:  # the seed content: the fixture page is the only condition page
        assert url == FIXTURE_CONDITION_URL
    assert len(screenshots.pick_pages(site)) == 2


def test_screenshots_at_both_sizes_in_both_palettes(
    fixture_site: Path, fixture_served: str, browser: Any, tmp_path: Path
) -> None:
    files = screenshots.take_screenshots(
        browser, fixture_served, screenshots.pick_pages(fixture_site), tmp_path
    )
    assert len(files) == 8
    for path in files:
        png = path.read_bytes()
        width, height = struct.unpack(">II", png[16:24])
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert width == (390 if "-phone-" in path.name else 1366), path.name
        assert height > 844, f"{path.name}: not the full page"
    light, dark = (tmp_path / f"home-desktop-{scheme}.png" for scheme in ("light", "dark"))
    assert light.read_bytes() != dark.read_bytes()
